#!/usr/bin/env python3
"""Fields of every Markdown note in a vault, read in Python without recall's parser, for the
SQLite FTS5 baselines of the quality measurement: the baseline must not move when recall's
parser changes.

    note_fields.py VAULT OUT.jsonl

One JSON object per note: path, date, lang (not searched) and the searchable fields in
COLUMNS. Title is the frontmatter title, else the first H1, else the file name; name is the
file name; summary, key, decisions and actions are the meeting-note sections of those
names; people are the frontmatter person and participants; body is everything else, markup
and all, as a stock full-text index would see it.
"""
import functools
import json
import multiprocessing
import os
import re
import sys

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when built with it: ten times faster
COLUMNS = ["title", "name", "aliases", "description", "headings", "summary", "key", "decisions", "actions",
           "tags", "people", "body"]
# bm25() weights, in COLUMNS order, after path, date and lang (unindexed): recall's field
# weights where recall has the field (title 6, summary 3, key 2, decisions 2, actions 1, tags 2,
# people 2, body 1), and near the title for aliases, description and the file name.
WEIGHTS = [0, 0, 0, 6, 5, 5, 3, 2, 3, 2, 2, 1, 2, 2, 1]
SECTIONS = {"summary": "summary", "key information": "key", "decisions": "decisions", "action items": "actions"}
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MOJIBAKE = re.compile("[\u201a\u221a\uf8ff]")  # what E2, C3 and F0 lead bytes become in Mac Roman


def decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")
    if MOJIBAKE.search(text):  # UTF-8 once read as Mac Roman: undo it line by line where it is clean
        lines = []
        for line in text.split("\n"):
            try:
                lines.append(line.encode("mac_roman").decode("utf-8"))
            except (UnicodeEncodeError, UnicodeDecodeError):
                lines.append(line)
        text = "\n".join(lines)
    return text.replace("\r\n", "\n")


def as_list(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def frontmatter(text):
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    try:
        meta = yaml.load(text[4:end], Loader=SAFE_LOADER)
    except yaml.YAMLError:
        meta = None
    rest = text[end + 4:]
    return (meta if isinstance(meta, dict) else {}), rest.lstrip("-\n")


def iso_date(value):
    m = re.search(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", str(value or ""))
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else ""


def fields(vault, rel):
    with open(os.path.join(vault, rel), "rb") as f:
        data = f.read()
    if b"\0" in data[:4096]:
        return None
    meta, body = frontmatter(decode(data))
    out = {c: [] for c in COLUMNS}
    section = "body"
    for line in body.split("\n"):
        h = HEADING.match(line)
        if h and len(h.group(1)) <= 3:
            out["headings"].append(h.group(2))
            section = SECTIONS.get(h.group(2).strip().lower(), "body")
            if len(h.group(1)) == 1 and not out["title"]:
                out["title"].append(h.group(2))
            continue
        out[section].append(line)
    name = os.path.splitext(os.path.basename(rel))[0]
    title = meta.get("title")
    out["title"] = [str(title)] if title else (out["title"] or [name])
    out["name"] = [name]
    out["aliases"] = as_list(meta.get("aliases") or meta.get("alias"))
    out["description"] = as_list(meta.get("description"))
    out["tags"] = as_list(meta.get("tags"))
    out["people"] = as_list(meta.get("person")) + as_list(meta.get("participants"))
    row = {"path": rel, "date": iso_date(meta.get("date")), "lang": str(meta.get("lang") or meta.get("language") or "")}
    row.update({c: "\n".join(v).strip() for c, v in out.items()})
    return row


def vault_notes(vault):
    for dirpath, dirs, names in os.walk(vault):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for n in sorted(names):
            if n.endswith(".md"):
                yield os.path.relpath(os.path.join(dirpath, n), vault)


def json_line(vault, rel):
    row = fields(vault, rel)
    return json.dumps(row, ensure_ascii=False) + "\n" if row else ""


def main():
    vault, out_path = sys.argv[1], sys.argv[2]
    # Notes are read on every core; imap keeps the vault's order, so the output does not depend on it.
    with open(out_path, "w", encoding="utf-8") as out, multiprocessing.Pool() as pool:
        out.writelines(pool.imap(functools.partial(json_line, vault), vault_notes(vault), chunksize=64))


if __name__ == "__main__":
    main()
