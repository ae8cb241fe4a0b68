#!/usr/bin/env python3
"""Known-item quality of recall and of two SQLite FTS5 baselines (porter and trigram
tokenizers, bm25 with field weights, all words ANDed, the same filters) on query sets.

    quality.py --recall BIN --index DIR --porter DB --trigram DB [--by set,split] [--ranks OUT] QUERIES.jsonl...

Each query line: {"query", "expected", "person"?, "since"?, "until"?, "set"?, "split"?, "lang"?}.
Prints success@1, success@3 and MRR@10 per group (--by: any of set, split, lang) and
overall. recall runs as a user runs it (`recall --json -n 10 WORDS...`), one process per
query. The DBs come from note_fields.py and fts5_build.py.
"""
import argparse
import json
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from note_fields import COLUMNS, WEIGHTS  # noqa: E402

ENGINES = ["recall", "fts-porter", "fts-trigram"]


def load(paths):
    out = []
    for p in paths:
        out += [json.loads(line) for line in open(p, encoding="utf-8") if line.strip()]
    return out


def rank_of(paths, expected):
    return paths.index(expected) + 1 if expected in paths else None


def recall_rank(recall, index, q):
    cmd = [recall, "--index", index, "--json", "-n", "10", "--color=never"]
    if q.get("person"):
        cmd += ["--person", q["person"]]
    if q.get("since"):
        cmd += ["--since", q["since"]]
    if q.get("until"):
        cmd += ["--until", q["until"]]
    r = subprocess.run(cmd + ["--"] + q["query"].split(), capture_output=True, text=True)
    if r.returncode not in (0, 1):
        return None, r.stderr.strip().splitlines()[-1:] or ["exit %d" % r.returncode]
    paths = [json.loads(line)["path"] for line in r.stdout.splitlines() if line.startswith("{")]
    return rank_of(paths, q["expected"]), None


def fts_match(q, trigram):
    """The MATCH expression: every word quoted, ANDed; the person as a phrase in the people column.
    The trigram tokenizer cannot match a term shorter than three characters: such words are left
    out here and become LIKE filters (see fts_rank)."""
    words = [w.replace('"', "") for w in q["query"].split()]
    if trigram:
        words = [w for w in words if len(w) >= 3]
    match = " ".join(f'"{w}"' for w in words)
    if q.get("person"):
        match += (" AND " if match else "") + 'people:"' + q["person"].replace('"', "") + '"'
    return match or None


def fts_rank(db, q, trigram):
    match = fts_match(q, trigram)
    short = [w for w in q["query"].split() if len(w) < 3] if trigram else []
    if match is None and not short:
        return None
    sql, args = "SELECT path FROM notes WHERE 1", []
    if match:
        sql += " AND notes MATCH ?"
        args.append(match)
    for w in short:  # a full scan, but the only way the trigram tokenizer finds a two-letter CJK word
        sql += " AND (" + " || ' ' || ".join(COLUMNS) + ") LIKE ?"
        args.append(f"%{w}%")
    if q.get("since"):
        sql += " AND date >= ?"
        args.append(q["since"])
    if q.get("until"):
        sql += " AND date <= ?"
        args.append(q["until"])
    sql += (f" ORDER BY bm25(notes, {', '.join(map(str, WEIGHTS))})" if match else " ORDER BY rowid") + " LIMIT 10"
    try:
        return rank_of([row[0] for row in db.execute(sql, args)], q["expected"])
    except sqlite3.OperationalError:
        return None


def evaluate(recall, index, porter_db, trigram_db, queries):
    """Adds each engine's rank of the expected note (None: not in the top 10) to each query."""
    porter, trigram = sqlite3.connect(porter_db), sqlite3.connect(trigram_db)
    errors = 0
    for q in queries:
        q["recall"], err = recall_rank(recall, index, q)
        if err:
            errors += 1
            if errors <= 3:
                print(f"quality: recall failed on {q['query']!r}: {err[0]}", file=sys.stderr)
        q["fts-porter"] = fts_rank(porter, q, False)
        q["fts-trigram"] = fts_rank(trigram, q, True)
    return queries


def metrics(ranks):
    n = len(ranks)
    if not n:
        return {"n": 0, "s1": float("nan"), "s3": float("nan"), "mrr": float("nan")}
    return {"n": n, "s1": sum(1 for r in ranks if r == 1) / n, "s3": sum(1 for r in ranks if r and r <= 3) / n,
            "mrr": sum(1 / r for r in ranks if r and r <= 10) / n}


def summarize(records, by):
    """{group tuple: {engine: metrics}}, with ("all",) for every record."""
    groups = {}
    for q in records:
        groups.setdefault(tuple(str(q.get(k, "")) for k in by), []).append(q)
    groups[("all",) * max(1, len(by))] = records
    return {g: {e: metrics([q[e] for q in qs]) for e in ENGINES} for g, qs in sorted(groups.items())}


def table(summary, by):
    head = [k for k in by] + ["queries"] + [f"{e} {m}" for e in ENGINES for m in ("s@1", "s@3", "MRR@10")]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for g, res in summary.items():
        n = res["recall"]["n"]
        cells = list(g) + [str(n)] + [f"{res[e][m]:.3f}" for e in ENGINES for m in ("s1", "s3", "mrr")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--recall", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--porter", required=True)
    ap.add_argument("--trigram", required=True)
    ap.add_argument("--by", default="set,split")
    ap.add_argument("--ranks", help="write every query with each engine's rank here (JSON lines)")
    ap.add_argument("queries", nargs="+")
    a = ap.parse_args()
    by = [k for k in a.by.split(",") if k]
    records = evaluate(a.recall, a.index, a.porter, a.trigram, load(a.queries))
    if a.ranks:
        with open(a.ranks, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(q, ensure_ascii=False) + "\n" for q in records)
    print(table(summarize(records, by), by))


if __name__ == "__main__":
    main()
