#!/usr/bin/env python3
"""Query latency over 1, 2 and 4 shards of one generated vault, local (several --index) and
remote (one `recall serve` per shard on 127.0.0.1), and what remote costs against local.
docs/scaling.md reads the numbers.

    bench/shards.py [--notes 10000 | --gen DIR] [--build DIR] [--work DIR] [--runs 5] [--queries 40]

The vault is bench/generate_vault.py's meetings vault (--gen: one it already generated, as
bench/run --measure shards passes); shard k holds every note whose
position in path order is k modulo the number of shards. Each query runs as a user runs
it (`recall --color=never QUERY`, snippets included); a sample is one process, start to
exit; the figure per query is the median of --runs, then the median and p95 over queries.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port):
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.025)
    sys.exit(f"shards: nothing listens on port {port}")


def run_ms(cmd, env):
    start = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, env=env)
    if r.returncode > 1:
        sys.exit(f"shards: {' '.join(cmd)} failed: {r.stderr.decode(errors='replace')}")
    return (time.perf_counter() - start) * 1000


def latency(recall, indexes, queries, runs, env):
    per_query = []
    for q in queries:
        cmd = [recall, "--color=never"] + [a for i in indexes for a in ("--index", i)] + q.split()
        run_ms(cmd, env)  # warm
        per_query.append(statistics.median(run_ms(cmd, env) for _ in range(runs)))
    per_query.sort()
    return statistics.median(per_query), per_query[max(0, int(len(per_query) * 0.95) - 1)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, default=10000)
    ap.add_argument("--gen", help="a folder generate_vault.py wrote (vault/, queries/); default: generate --notes")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--work", default=os.path.join(ROOT, "bench", "work", "shards"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--queries", type=int, default=40)
    args = ap.parse_args()
    recall, indexer = os.path.join(args.build, "recall"), os.path.join(args.build, "recall-index")
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(args.work, "no-config"), NO_COLOR="1")
    gen = args.gen or os.path.join(args.work, f"gen-{args.notes}")
    if args.gen:
        with open(os.path.join(gen, "generated.json")) as f:
            args.notes = json.load(f)["notes"]
    elif not os.path.isdir(os.path.join(gen, "vault")):
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate_vault.py"), "--notes", str(args.notes),
                        "--out", gen], check=True, capture_output=True)
    vault = os.path.join(gen, "vault")
    queries = []
    for name in sorted(os.listdir(os.path.join(gen, "queries"))):
        with open(os.path.join(gen, "queries", name)) as f:
            rows = [json.loads(line) for line in f]
        queries += [r["query"] for r in rows if r["split"] == "tune"][: max(1, args.queries // 6)]
    notes = sorted(os.path.relpath(os.path.join(d, f), vault) for d, _, fs in os.walk(vault) for f in fs)

    rows = []
    for n in (1, 2, 4):
        indexes = []
        for k in range(n):
            shard_vault = vault if n == 1 else os.path.join(args.work, f"{args.notes}-{n}-{k}", "vault")
            index = os.path.join(args.work, f"{args.notes}-{n}-{k}", "index")
            if n > 1 and not os.path.isdir(shard_vault):
                for rel in notes[k::n]:
                    os.makedirs(os.path.dirname(os.path.join(shard_vault, rel)), exist_ok=True)
                    shutil.copy(os.path.join(vault, rel), os.path.join(shard_vault, rel))
            subprocess.run([indexer, "--vault", shard_vault, "--index", index, "--quiet"], check=True,
                           capture_output=True, env=env)
            indexes.append(index)
        local = latency(recall, indexes, queries, args.runs, env)
        servers, remote_specs = [], []
        try:
            for index in indexes:
                port = free_port()
                servers.append(subprocess.Popen([recall, "serve", "--index", index, "--port", str(port)],
                                                stderr=subprocess.DEVNULL, env=env))
                wait_listening(port)
                remote_specs.append(f"remote:127.0.0.1:{port}")
            remote = latency(recall, remote_specs, queries, args.runs, env)
        finally:
            for s in servers:
                s.kill()
                s.wait()
        rows.append((n, local, remote))
        print(f"{n} shard(s): local median {local[0]:.1f} ms p95 {local[1]:.1f} ms; "
              f"remote median {remote[0]:.1f} ms p95 {remote[1]:.1f} ms", flush=True)

    print(f"\n{args.notes} notes, {len(queries)} queries, median of {args.runs} runs each; one process per search, "
          "snippets included, all on one machine (127.0.0.1)\n")
    print("| shards | local median | local p95 | remote median | remote p95 | remote / local |")
    print("| --- | --- | --- | --- | --- | --- |")
    for n, local, remote in rows:
        print(f"| {n} | {local[0]:.1f} ms | {local[1]:.1f} ms | {remote[0]:.1f} ms | {remote[1]:.1f} ms | "
              f"{remote[0] / local[0]:.2f}x |")


if __name__ == "__main__":
    main()
