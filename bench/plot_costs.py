#!/usr/bin/env python3
"""Draws how indexing cost grows with the vault: full-index time and index size against notes,
log-log, one line per engine and vault kind, from the figures bench/run measured
(WORK/results.json; several files, from runs at different sizes, are merged). Needs gnuplot
(Debian's gnuplot-nox).

    bench/plot_costs.py [--results bench/work/results.json ...] [--out bench/cost-curves.png]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

BENCH = os.path.dirname(os.path.abspath(__file__))


def series(results):
    """{(kind, engine): [(notes, seconds, bytes)]} from bench/run's results, sizes ascending."""
    out = {}
    for name, r in results.items():
        m = re.fullmatch(r"(\w+), ([\d,]+) notes", name)
        i = r.get("index")
        if not m or not i:
            continue
        kind, notes = m.group(1), int(m.group(2).replace(",", ""))
        rows = {"recall-index, all cores (wall)": (i["full_s"], i["index_bytes"]),
                "SQLite FTS5, 1 core": (i["fts_s"], i["fts_bytes"]),
                "corpus": (None, i["corpus_bytes"])}
        if "floor_s" in i:  # bench/run --skip floor leaves it out (the 1M size)
            rows["engine floor, 1 core"] = (i["floor_s"], i["floor_bytes"])
        if "full_cpu_s" in i:
            rows["recall-index, CPU time"] = (i["full_cpu_s"], None)
        for engine, (seconds, size) in rows.items():
            out.setdefault((kind, engine), []).append((notes, seconds, size))
    return {k: sorted(v) for k, v in out.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", nargs="+", default=[os.path.join(BENCH, "work", "results.json")])
    ap.add_argument("--out", default=os.path.join(BENCH, "cost-curves.png"))
    ap.add_argument("--title", default="", help="what was measured: build, date, machine")
    args = ap.parse_args()
    results = {}
    for path in args.results:
        results.update(json.load(open(path)))
    data = series(results)
    if not data:
        sys.exit(f"plot_costs: no indexing figures in {args.results}")
    with tempfile.TemporaryDirectory() as tmp:
        plots = {"time": [], "size": []}
        for n, ((kind, engine), points) in enumerate(sorted(data.items())):
            path = os.path.join(tmp, f"{n}.dat")
            with open(path, "w") as f:
                f.writelines(f"{notes} {s if s is not None else 'NaN'} {b / 1e6 if b else 'NaN'}\n"
                             for notes, s, b in points)
            title = f"{kind}: {engine}".replace("_", " ")
            if any(s is not None for _, s, _ in points):
                plots["time"].append(f"'{path}' using 1:2 with linespoints title '{title}'")
            if any(b for _, _, b in points):
                plots["size"].append(f"'{path}' using 1:3 with linespoints title '{title}'")
        script = "\n".join([
            "set terminal png size 1400,600",
            f"set output '{args.out}'",
            "set multiplot layout 1,2 title \"" + args.title.replace('"', "'") + "\"",
            "set logscale xy", "set grid", "set key top left font ',8'", "set xlabel 'notes'",
            "set format x '%.0s%c'",
            "set title 'full index: seconds'", "set ylabel 'seconds'",
            "plot " + ", ".join(plots["time"]),
            "set title 'size: MB'", "set ylabel 'MB'",
            "plot " + ", ".join(plots["size"]),
            "unset multiplot",
        ])
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
    print(f"plot_costs: wrote {args.out}")


if __name__ == "__main__":
    main()
