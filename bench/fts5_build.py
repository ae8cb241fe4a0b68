#!/usr/bin/env python3
"""Builds a SQLite FTS5 index of extracted note fields in one transaction; prints the time.

    fts5_build.py FIELDS.jsonl DB [--tokenizer porter|trigram]

FIELDS.jsonl comes from recall-bench-floor --fields (the fields recall indexes, for the
indexing-speed comparison) or from note_fields.py (for the quality baselines). Every key
becomes a column, in the order of the first line; path, date and lang are stored, not
searched.
"""
import argparse
import itertools
import json
import os
import sqlite3
import time

UNINDEXED = ("path", "date", "lang")
BATCH = 20000
TOKENIZERS = {"porter": "porter unicode61", "trigram": "trigram"}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("fields")
    ap.add_argument("db")
    ap.add_argument("--tokenizer", choices=TOKENIZERS, default="porter")
    a = ap.parse_args()
    # Rows are decoded in batches outside the clock, so a million notes never sit in memory at
    # once and only SQLite's own work is timed.
    lines = open(a.fields, encoding="utf-8")
    batch = [json.loads(line) for line in itertools.islice(lines, BATCH)]
    columns = list(batch[0]) if batch else list(UNINDEXED)
    if os.path.exists(a.db):
        os.remove(a.db)
    seconds, notes = 0.0, 0
    start = time.perf_counter()
    db = sqlite3.connect(a.db)
    db.execute("PRAGMA journal_mode=OFF")
    spec = ", ".join(c + (" UNINDEXED" if c in UNINDEXED else "") for c in columns)
    db.execute(f"CREATE VIRTUAL TABLE notes USING fts5({spec}, tokenize='{TOKENIZERS[a.tokenizer]}')")
    while batch:
        db.executemany(f"INSERT INTO notes VALUES ({', '.join('?' * len(columns))})",
                       ([r.get(c, "") for c in columns] for r in batch))
        notes += len(batch)
        seconds += time.perf_counter() - start
        batch = [json.loads(line) for line in itertools.islice(lines, BATCH)]
        start = time.perf_counter()
    db.commit()
    db.close()
    seconds += time.perf_counter() - start
    print(json.dumps({"notes": notes, "seconds": round(seconds, 3)}))


if __name__ == "__main__":
    main()
