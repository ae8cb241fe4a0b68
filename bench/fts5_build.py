#!/usr/bin/env python3
"""Builds a SQLite FTS5 index of the fields recall-bench-floor extracted; prints the time.

    fts5_build.py FIELDS.jsonl DB
"""
import json
import os
import sqlite3
import sys
import time

COLUMNS = ["title", "summary", "key", "decisions", "actions", "tags", "people", "body"]


def main():
    fields, db_path = sys.argv[1], sys.argv[2]
    rows = [json.loads(line) for line in open(fields, encoding="utf-8")]
    if os.path.exists(db_path):
        os.remove(db_path)
    start = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("CREATE VIRTUAL TABLE notes USING fts5(path UNINDEXED, date UNINDEXED, "
               + ", ".join(COLUMNS) + ", tokenize='porter unicode61')")
    db.executemany("INSERT INTO notes VALUES (" + ", ".join("?" * (len(COLUMNS) + 2)) + ")",
                   ([r["path"], r["date"]] + [r[c] for c in COLUMNS] for r in rows))
    db.commit()
    db.close()
    print(json.dumps({"notes": len(rows), "seconds": round(time.perf_counter() - start, 3)}))


if __name__ == "__main__":
    main()
