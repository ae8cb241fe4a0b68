#!/usr/bin/env python3
"""Known-item query sets for the meeting-note vaults (kinds meetings and varied), each made by
its own rule and kept in its own file, from what the generator knows of every note
(DIR/manifest.jsonl: title, people, date, and which topic words the note holds, and which of
them are in its title, summary or key information).

    make_queries.py DIR [--queries 120] [--seed 42]

Writes DIR/queries/SET.jsonl, one query a line: {"set", "split", "query", "expected",
"person"?, "since"?, "until"?}. Each set has a "tune" half and a held-out "test" half: they
come from different seeds, share no target note, and where a set has templates or word-form
rules the test half uses a family of its own, so that tuning on one half and reporting the
other measures ranking, not memory of the set.

rare        three or four of the note's signature topic words in other word forms, half the
            time with the customer; some with a person or a date filter (the original set)
common      2-3 common words (topic words, first names, customers, products), all in the note's
            title, summary or key information, that 5-60 notes hold together; some with a
            person filter
question    a question as people type it, stopwords and all, around 2-3 such words that 1-60
            notes hold together
paraphrase  signature words where one is swapped for a synonym the note does not contain
filtered    1-2 common words that alone match many notes, narrowed by person and/or month
bignote     a long call transcript (100 KB to 5 MB) by its customer: tune "Cobalt Energy working
            session" (title words only it has: the search timings need queries that list big
            notes), test "cobalt transcript" (every note links a transcript)
"""
import argparse
import calendar
import itertools
import json
import os
import random

from generate_vault import GROUP_OF, GROUPS, TERMS

# Words people use for a topic that the note may not: group head word -> synonyms. None of them
# appears in the generator's sentence frames.
SYNONYMS = {
    "migration": ["transition"], "throttling": ["limiting"], "pricing": ["fees"], "renewal": ["extension"],
    "hiring": ["recruiting"], "onboarding": ["setup"], "latency": ["lag", "slowness"], "outage": ["downtime", "incident"],
    "rollout": ["deployment", "launch"], "backup": ["copies"], "compliance": ["regulation"], "audit": ["inspection"],
    "forecast": ["projection"], "budget": ["spending"], "contract": ["agreement"], "discount": ["rebate"],
    "escalation": ["complaint"], "incident": ["outage"], "certificate": ["cert"], "credential": ["login"],
    "deployment": ["release"], "upgrade": ["modernization"], "benchmark": ["measurement"], "dashboard": ["chart"],
    "alert": ["notification"], "threshold": ["limit"], "quota": ["allowance"], "cluster": ["nodes"],
    "container": ["docker"], "bucket": ["storage"], "schema": ["model"], "cache": ["memoization"],
    "queue": ["backlog"], "retry": ["reattempt"], "timeout": ["hang"], "permission": ["access"],
    "license": ["entitlement"], "partner": ["alliance"], "roadmap": ["plan"], "deadline": ["due"],
    "launch": ["release"], "pilot": ["trial"], "feedback": ["opinions"], "survey": ["questionnaire"],
    "training": ["course"], "documentation": ["docs"], "runbook": ["playbook"], "handover": ["handoff"],
    "headcount": ["staffing"], "salary": ["compensation"], "offsite": ["retreat"], "demo": ["presentation"],
    "estimate": ["guess"], "priority": ["urgency"], "vendor": ["supplier"], "procurement": ["purchasing"],
    "security": ["protection"], "privacy": ["confidentiality"], "churn": ["attrition"], "revenue": ["income"],
    "margin": ["profitability"], "refund": ["reimbursement"], "payment": ["transaction"], "campaign": ["promotion"],
    "webinar": ["seminar"], "conference": ["symposium"], "newsletter": ["mailing"], "website": ["homepage"],
    "metric": ["kpi"], "experiment": ["test"], "bug": ["defect"], "crash": ["failure"], "memory": ["ram"],
    "network": ["connectivity"], "proxy": ["relay"], "pipeline": ["workflow"], "automation": ["tooling"],
    "schedule": ["calendar"], "travel": ["trip"], "office": ["workplace"], "laptop": ["computer"],
}
QUESTIONS = {
    "tune": ["how do we handle {a} for {b}", "what was the plan for {a} and {b}", "notes about {a} and {b}",
             "anything on {a} {b}", "how is the {a} going with the {b}"],
    "test": ["what did we decide about {a} and {b}", "when did we talk about {a} {b}", "where are my notes on the {a} {b}",
             "what did {first} say about {a} and {b}", "is there an update on {a} or {b}"],
}


class Vault:
    """The manifest as bitsets: which notes hold a topic word, a person, a month."""

    def __init__(self, out):
        self.notes = [json.loads(line) for line in open(os.path.join(out, "manifest.jsonl"), encoding="utf-8")]
        n = len(self.notes)
        by_group, by_person, by_month = {}, {}, {}
        for i, f in enumerate(self.notes):
            for g in f["groups"]:
                by_group.setdefault(g, []).append(i)
            for p in f["people"]:
                by_person.setdefault(p, []).append(i)
            by_month.setdefault(f["date"][:7], []).append(i)
        self.group = {g: self.bits(ix, n) for g, ix in by_group.items()}
        self.person = {p: self.bits(ix, n) for p, ix in by_person.items()}
        self.month = {m: self.bits(ix, n) for m, ix in by_month.items()}
        self.all = (1 << n) - 1

    @staticmethod
    def bits(indexes, n):
        b = bytearray((n + 7) // 8)
        for i in indexes:
            b[i >> 3] |= 1 << (i & 7)
        return int.from_bytes(b, "little")

    def matching(self, groups, within=None):
        b = self.all if within is None else within
        for g in groups:
            b &= self.group.get(g, 0)
        return b.bit_count()


def targets(vault, seed):
    """Notes a user could know: not a transcript, not damaged beyond the mojibake recall repairs."""
    ok = [i for i, f in enumerate(vault.notes) if not f.get("transcript") and f["damaged"] in (None, "mojibake")]
    random.Random(seed).shuffle(ok)
    return ok


def other_form(r, g, avoid):
    forms = [w for w in TERMS[g] if w != avoid] or TERMS[g]
    return r.choice(forms)


def month_range(date):
    y, m = int(date[:4]), int(date[5:7])
    return f"{date[:7]}-01", f"{date[:7]}-{calendar.monthrange(y, m)[1]:02d}"


def rare(vault, f, r, split):
    if len(f["forms"]) < 3:
        return None
    words = f["forms"][:3] if r.random() < 0.5 else f["forms"]
    if r.random() < 0.5:
        words = words + [f["company"]]
    q = {"query": " ".join(words)}
    roll = r.random()
    if roll < 0.3:
        q["person"] = f["person"]
    elif roll < 0.45:
        q["since"], q["until"] = f["date"][:7] + "-01", f["date"]
    return q


def common_groups(vault, f, r, low=5, high=60, within=None):
    prime = [int(g) for g in f["prime"]]
    combos = [c for k in (2, 3) for c in itertools.combinations(prime, k)]
    r.shuffle(combos)
    for c in combos:
        if low <= vault.matching(c, within) <= high:
            return list(c)
    return None


def words_for(f, groups, r, split):
    """The tune half types the words as the note has them; the test half types other forms."""
    return [f["prime"][str(g)] if split == "tune" else other_form(r, g, f["prime"][str(g)]) for g in groups]


def common(vault, f, r, split):
    groups = common_groups(vault, f, r)
    if not groups:
        return None
    q = {"query": " ".join(words_for(f, groups, r, split))}
    if r.random() < 0.3:
        q["person"] = f["person"]
    return q


def question(vault, f, r, split):
    groups = common_groups(vault, f, r, low=1)
    if not groups:
        return None
    words = words_for(f, groups, r, split)
    a, b = " ".join(words[:-1]), words[-1]
    return {"query": r.choice(QUESTIONS[split]).format(a=a, b=b, first=f["person"].split()[0])}


def paraphrase(vault, f, r, split):
    forms = f["forms"][:3] if split == "tune" else f["forms"]
    swappable = [i for i, w in enumerate(forms)
                 if any(s not in GROUP_OF or GROUP_OF[s] not in f["groups"] for s in SYNONYMS.get(GROUPS[GROUP_OF[w]][0], []))]
    if len(forms) < 3 or not swappable:
        return None
    i = r.choice(swappable)
    synonyms = [s for s in SYNONYMS[GROUPS[GROUP_OF[forms[i]]][0]] if s not in GROUP_OF or GROUP_OF[s] not in f["groups"]]
    words = list(forms)
    words[i] = r.choice(synonyms)
    if split == "test" and r.random() < 0.3:
        words.append(f["company"])
    return {"query": " ".join(words), "missing": words[i]}


def filtered(vault, f, r, split):
    person = vault.person[f["person"]]
    month = vault.month[f["date"][:7]]
    if split == "tune":
        within, q = person, {"person": f["person"]}
    elif r.random() < 0.5:
        within, q = month, {}
        q["since"], q["until"] = month_range(f["date"])
    else:
        within, q = person & month, {"person": f["person"]}
        q["since"], q["until"] = month_range(f["date"])
    for k in (1, 2):
        prime = [int(g) for g in f["prime"]]
        options = [c for c in itertools.combinations(prime, k)
                   if vault.matching(c) > 60 and 1 <= vault.matching(c, within) <= 20]
        if options:
            q["query"] = " ".join(words_for(f, list(r.choice(options)), r, split))
            return q
    return None


RULES = {"rare": rare, "common": common, "question": question, "paraphrase": paraphrase, "filtered": filtered}
SPLIT_SEEDS = {"tune": 1, "test": 2}


def write_sets(out, per_set, seed):
    vault = Vault(out)
    qdir = os.path.join(out, "queries")
    os.makedirs(qdir, exist_ok=True)
    for si, (name, rule) in enumerate(RULES.items()):
        taken, lines = set(), []
        for split in ("tune", "test"):
            r = random.Random(seed * 100 + si * 10 + SPLIT_SEEDS[split])
            n = 0
            for i in targets(vault, seed * 100 + si * 10 + SPLIT_SEEDS[split]):
                if n >= per_set // 2:
                    break
                if i in taken:
                    continue
                q = rule(vault, vault.notes[i], r, split)
                if q:
                    taken.add(i)
                    lines.append(dict({"set": name, "split": split}, **q, expected=vault.notes[i]["path"]))
                    n += 1
        with open(os.path.join(qdir, name + ".jsonl"), "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(q, ensure_ascii=False) + "\n" for q in lines)
    # Transcripts by their customer: every such search lists a note of 100 KB to 5 MB.
    big = [f for f in vault.notes if f.get("transcript")]
    with open(os.path.join(qdir, "bignote.jsonl"), "w", encoding="utf-8") as fh:
        for k, f in enumerate(big[:per_set]):
            split = "tune" if k % 2 == 0 else "test"
            words = [f["company"], "working", "session"] if split == "tune" else [f["company"].split()[0].lower(), "transcript"]
            fh.write(json.dumps({"set": "bignote", "split": split, "query": " ".join(words), "expected": f["path"]},
                                ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--queries", type=int, default=120, help="queries per set, half tune and half test")
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    write_sets(a.dir, a.queries, a.seed)


if __name__ == "__main__":
    main()
