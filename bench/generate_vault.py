#!/usr/bin/env python3
"""Deterministic generator of bench vaults of several kinds, with known-item query sets.

    generate_vault.py --notes 10000 --out DIR [--kind meetings|varied|multilingual] [--seed 42]
                      [--big-notes 0.5] [--queries 120]

Writes DIR/vault/... (the notes), DIR/manifest.jsonl (what the generator knows about each
note) and DIR/queries/SET.jsonl (known-item queries, one set per rule, each split into a
"tune" and a held-out "test" half; see make_queries.py and multilingual.py).

meetings: notes in the real meeting-note format. Each is about a signature of four common
topic words (each shared by thousands of notes). About 10% carry the Mac Roman mojibake of
real transcripts and about 1% are damaged in other ways. --big-notes per 1,000 notes are
call transcripts of 100 KB to 5 MB under Inbox/_archive/.
varied: the same notes with a far larger vocabulary (derived words, identifiers, numbers,
hosts, versions), so that each note holds many more distinct terms.
multilingual: an Obsidian-style help vault in ten languages (multilingual.py).
"""
import argparse
import datetime
import json
import math
import os
import random
import re

FIRST = ["Andy", "Maya", "Daniel", "Sofía", "Jörg", "Priya", "Tomás", "Lena", "Hiroshi", "Chloé", "Marcus", "Ana",
         "Erik", "Fatima", "Wei", "Olga", "Kwame", "Isabel", "Noah", "Aisha", "Lars", "Mei", "Diego", "Hannah",
         "Rahul", "Zoë", "Mateo", "Ingrid", "Yusuf", "Camille", "Oliver", "Nadia", "Bruno", "Keiko", "Samuel",
         "Leila", "Pavel", "Grace", "Omar", "Elena"]
LAST = ["Perlsteiner", "Okonkwo", "Brandt", "Ramírez", "Müller", "Natarajan", "Ferreira", "Kowalski", "Tanaka",
        "Dubois", "Webb", "Lima", "Johansson", "Haddad", "Zhang", "Petrova", "Mensah", "García", "Cohen", "Khan",
        "Nilsson", "Chen", "López", "Schmidt", "Gupta", "Fischer", "Rossi", "Berg", "Yilmaz", "Laurent", "Smith",
        "Novak", "Costa", "Sato", "Adeyemi", "Farah", "Ivanov", "O'Brien", "Aziz", "Moreau"]
COMPANIES = ["Acme Freight", "Fernhill Analytics", "Northwind Labs", "Bluewater Bank", "Orion Health", "Kestrel Media",
             "Granite Insurance", "Lumen Retail", "Harbor Logistics", "Cobalt Energy", "Juniper Games", "Atlas Foods",
             "Summit Pharma", "Vela Telecom", "Marigold Travel", "Quartz Robotics", "Sable Motors", "Tundra Mining"]
PRODUCTS = ["Harbor sync", "the Blob connector", "the operator", "the dashboard", "the billing service",
            "the metering queue", "the API gateway", "the search service", "the mobile app", "the data lake"]
TYPES = [("people", 40), ("1on1", 15), ("customer", 20), ("project", 15), ("standup", 7), ("interview", 3)]

# Topic words, each a group of forms that English stemming joins. Notes use one form, queries another.
GROUPS = [line.split() for line in """migration migrations migrate migrating
throttling throttle throttled throttles
invoice invoices invoicing invoiced
pricing price prices priced
renewal renewals renew renewed
hiring hire hires hired
onboarding onboard onboarded
latency latencies
outage outages
rollout rollouts
checksum checksums
backup backups
replication replicate replicated replicating
encryption encrypt encrypted encrypting
compliance
audit audits audited auditing
forecast forecasts forecasting forecasted
budget budgets budgeting budgeted
contract contracts contracting contracted
discount discounts discounting discounted
escalation escalations escalate escalated
incident incidents
certificate certificates
credential credentials
deployment deployments deploy deployed
upgrade upgrades upgrading upgraded
benchmark benchmarks benchmarking benchmarked
dashboard dashboards
export exports exporting exported
import imports importing imported
alert alerts alerting alerted
threshold thresholds
quota quotas
region regions
cluster clusters clustering
container containers
bucket buckets
snapshot snapshots
schema schemas
index indexes indexing indexed
cache caches caching cached
queue queues
retry retries retrying retried
timeout timeouts
permission permissions
token tokens
license licenses licensing licensed
partner partners partnering partnered
reseller resellers
roadmap roadmaps
milestone milestones
deadline deadlines
launch launches launching launched
pilot pilots piloting piloted
feedback
survey surveys surveying surveyed
interview interviews interviewing interviewed
training trainings train trained
documentation document documents documenting documented
runbook runbooks
handover handovers
headcount headcounts
salary salaries
offsite offsites
workshop workshops
demo demos
prototype prototypes prototyping prototyped
estimate estimates estimating estimated
scope scopes scoping scoped
priority priorities
risk risks
dependency dependencies
vendor vendors
procurement
security secure secured securing
privacy
retain retained retaining
churn churned churning
expand expanded expanding
usage usages
metering meter metered meters
store stored storing
transfer transfers transferring transferred
throughput throughputs
bandwidth bandwidths
failover failovers
recover recovered recovering
monitoring monitor monitored monitors
logging log logs logged
tracing trace traces traced
support supports supporting supported
ticket tickets ticketing ticketed
backlog backlogs
triage triaged triaging
sprint sprints
retro retros
planning plan plans planned
review reviews reviewing reviewed
approval approvals approve approved
signature signatures
proposal proposals propose proposed
negotiation negotiations negotiate negotiated
legal
finance financing financed
revenue revenues
margin margins
cost costs costing
savings saving save saved
refund refunds refunding refunded
billing bill bills billed
payment payments
subscription subscriptions
trial trials
convert converted converting
marketing market marketed
campaign campaigns
webinar webinars
conference conferences
keynote keynotes
newsletter newsletters
website websites
analytics
report reports reporting reported
metric metrics
experiment experiments experimenting experimented
hypothesis
prototype
architecture architectures
design designs designing designed
api apis
integration integrations integrate integrated integrating
connect connected connecting
plugin plugins
sdk
release releases releasing released
version versions versioning versioned
patch patches patching patched
bug bugs
regression regressions
crash crashes crashing crashed
memory memories
leak leaks leaking leaked
disk disks
network networks networking networked
firewall firewalls
vpn
proxy proxies
tunnel tunnels tunneling tunneled
gpu
checkpoint checkpoints
model models modeling modeled
dataset datasets
pipeline pipelines
workflow workflows
automation automate automated automating
script scripts scripting scripted
template templates
policy policies
rotation rotations rotate rotated rotating
schedule schedules scheduling scheduled
calendar calendars
travel travels travelling travelled
visa visas
office offices
laptop laptops""".strip().splitlines()]

SENTENCES = [
    "{p1} walked through the {w0} plan for {company} and flagged the {w1} work as the main risk.",
    "We agreed that {product} needs better {w2} before the {w3} can go ahead.",
    "{p2} thinks the {w0} will take about {n} weeks if the {w1} is settled first.",
    "{company} asked again about {w2}; their team wants a date for the {w3}.",
    "The {w1} numbers from last month were lower than expected, mostly because of {w2}.",
    "{p1} and {p2} disagreed on whether {product} should own the {w3}.",
    "Most of the meeting was about {w0} and how it affects {w2} for {company}.",
    "There is still no owner for the {w1}, and {p2} offered to draft a proposal.",
    "The {w3} depends on {product}, which is already late by {n} days.",
    "{p1} will share the {w0} notes with {company} after legal reviews them.",
    "Nobody wants another {w2} like the one in {month}, so the {w1} gets priority.",
    "The team measured {n} percent better {w0} after the {w3} changes.",
    "{company} reported that the {w2} on {product} has been stable for {n} days.",
    "We still need numbers on {w1} before committing to the {w3}.",
]
FILLER = [
    "{p1} mentioned that the {x0} for {product} is on track.",
    "A short update on {x1}: nothing changed since {month}.",
    "{p2} reminded everyone about the {x0} deadline.",
    "The {x1} discussion was postponed to next week.",
    "{company} confirmed the {x0} and asked about {x1}.",
    "There was a brief note on {x2} from {p1}.",
    "We looked at the {x2} report; the trend is flat.",
    "{p2} will follow up on {x0} with the {x1} team.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def slug(name):
    import unicodedata
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().replace("'", "")
    out, dash = [], False
    for ch in s:
        if ch.isalnum():
            if dash and out:
                out.append("-")
            out.append(ch)
            dash = False
        else:
            dash = True
    return "".join(out)


def mojibake(text):
    return text.encode("utf-8").decode("mac_roman").encode("utf-8")


# Besides topic words, people remember first names, customers, products and a few plain words;
# each is a term of its own, after the topic word families (TERMS[i] for i < len(GROUPS) is GROUPS[i]).
OTHER_TERMS = sorted({n.lower() for n in FIRST} | {c.split()[0].lower() for c in COMPANIES} |
                     {"blob", "connector", "operator", "gateway", "lake", "search", "sync", "mobile", "owner", "stable",
                      "numbers", "team"})
TERMS = GROUPS + [[t] for t in OTHER_TERMS]
GROUP_OF = {form: gi for gi, group in enumerate(TERMS) for form in group}
WORD_RE = re.compile(r"\w+")  # every form is one \w+ word: a dictionary lookup per word beats a 538-way regex


def group_forms(text):
    """{term index: the form the text uses}, for every term (topic word, name, product...) in TEXT."""
    return {GROUP_OF[w]: w for w in WORD_RE.findall(text.lower()) if w in GROUP_OF}


VARIED = [
    "{p1} traced the {v0} back to {v1}, which {v2} only under {v3}.",
    "Open question from {p2}: does {v0} still need {v1} once {v2} lands?",
    "{company} shared logs showing {v0} and {v1} around {v2}.",
    "The {v0} for {product} now uses {v1} instead of {v2}.",
    "We parked {v0}; {p1} will compare {v1} with {v2} and {v3}.",
]
TRANSCRIPT_MIN, TRANSCRIPT_MAX = 100_000, 5_000_000


class Generator:
    def __init__(self, seed, notes, varied=False):
        self.rng = random.Random(seed)
        self.notes = notes
        r = self.rng
        names = set()
        while len(names) < 400:
            names.add(f"{r.choice(FIRST)} {r.choice(LAST)}")
        self.people = sorted(names)
        # A few people appear in many notes, most in few: Zipf-like weights.
        self.people_weights = [1.0 / (i + 1) ** 0.8 for i in range(len(self.people))]
        self.types = [t for t, _ in TYPES]
        self.type_weights = [w for _, w in TYPES]
        self.varied = None
        if varied:
            import itertools
            import varied_words
            self.varied = varied_words.vocabulary(seed, max(50_000, notes * 3))
            self.varied_cum = list(itertools.accumulate(1.0 / (i + 1) ** 0.9 for i in range(len(self.varied))))

    def pick_people(self, k):
        chosen = []
        while len(chosen) < k:
            p = self.rng.choices(self.people, self.people_weights)[0]
            if p not in chosen:
                chosen.append(p)
        return chosen

    def form(self, group, avoid=None):
        forms = [f for f in group if f != avoid] or group
        return self.rng.choice(forms)

    def fill(self, template, words, extra, people, company):
        r = self.rng
        if self.varied and r.random() < 0.5:
            template = r.choice(VARIED)
        v = r.choices(self.varied, cum_weights=self.varied_cum, k=4) if self.varied else [""] * 4
        return template.format(
            w0=words[0], w1=words[1], w2=words[2], w3=words[3], x0=extra[0], x1=extra[1], x2=extra[2],
            p1=people[0].split()[0], p2=people[-1].split()[0], company=company, product=r.choice(PRODUCTS),
            n=r.randint(2, 90), month=r.choice(MONTHS), v0=v[0], v1=v[1], v2=v[2], v3=v[3])

    def note(self, i):
        r = self.rng
        sig = r.sample(range(len(GROUPS)), 4)
        words = [self.form(GROUPS[g]) for g in sig]
        ntype = r.choices(self.types, self.type_weights)[0]
        people = self.pick_people(r.randint(2, 5))
        person = people[0]
        company = r.choice(COMPANIES)
        day = r.randint(0, 365 * 3 - 1)
        date = datetime.date(2023, 1, 1) + datetime.timedelta(days=day)
        title = f"{words[0].capitalize()} and {words[1]} for {company}" if r.random() < 0.5 else \
            f"{person.split()[0]}: {words[0]} {words[1]} and {words[2]}"
        extra_groups = [r.randrange(len(GROUPS)) for _ in range(40)]

        def extras():
            return [self.form(GROUPS[r.choice(extra_groups)]) for _ in range(3)]

        summary = " ".join(self.fill(r.choice(SENTENCES), words, extras(), people, company) for _ in range(r.randint(3, 5)))
        target = r.randint(2000, 6000)
        key_info = [self.fill(r.choice(SENTENCES), words, extras(), people, company) for _ in range(r.randint(2, 4))]
        key_info.append(f"Reference number {r.randint(10000, 99999)}-{i} tracks this in the ticketing system.")
        decisions = [self.fill(r.choice(FILLER), words, extras(), people, company) for _ in range(r.randint(1, 3))]
        actions = []
        for _ in range(r.randint(1, 4)):
            owner = r.choice(people).split()[0] if r.random() < 0.7 else "Myself"
            due = date + datetime.timedelta(days=r.randint(1, 30))
            prio = r.choice(["🔺", "⏫", "🔼", "🔽", ""])
            box = "x" if r.random() < 0.4 else " "
            text = self.fill(r.choice(FILLER), words, extras(), people, company).rstrip(".")
            actions.append(f"- [{box}] {text} @{owner} 📅 {due.isoformat()} {prio} #task".replace("  ", " "))
        tags = [f"type/{ntype}"] + [f"person/{slug(p)}" for p in people[:2]] + ["generated"]
        fm = ["---", f'type: "{ntype}"', f'title: "{title}"', f'date: "{date.isoformat()}"', f'person: "{person}"',
              "participants: [" + ", ".join(f'"{p}"' for p in people) + "]", 'source: "transcript"', "tags:"]
        fm += [f'  - "{t}"' for t in tags] + ["---", ""]
        body = [f"# {title}", "", f"**Date**: {date.isoformat()}", "**With**: " + ", ".join(people), "", "## Summary", "",
                summary, "## Action Items"] + actions + ["", "## Decisions"] + [f"- {d}" for d in decisions] + \
               ["", "## Key Information"] + [f"- {k}" for k in key_info]
        text = "\n".join(fm + body)
        # Pad with ordinary discussion (common words only) up to the note's size.
        while len(text.encode()) < target:
            text += "\n- " + self.fill(r.choice(FILLER), words, extras(), people, company)
        text += "\n\n---\n\n*Source: [[Inbox/_archive/transcript.md|transcript]]*\n\n## Related\n\n"
        text += "\n".join(f"- [[{p}]]" for p in people) + f"\n- [[{company}]]\n"

        if ntype == "customer":
            folder = f"Customers/{company}"
        elif ntype == "1on1":
            folder = f"1on1/{person}"
        elif ntype == "standup":
            folder = f"Standups/{date.year}"
        else:
            folder = f"Meetings/{date.year}/{date.month:02d}"
        path = f"{folder}/{date.isoformat()} {title.replace('/', '-').replace(':', '')} {i}.md"

        data = text.encode("utf-8")
        roll = r.random()
        damaged = None
        if roll < 0.10:
            data, damaged = mojibake(text), "mojibake"
        elif roll < 0.103:
            data = text.replace('title: "', "title: ", 1).replace('"\ndate', ": draft\ndate", 1).encode()  # malformed YAML
            damaged = "yaml"
        elif roll < 0.106:
            data, damaged = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(), "bom-crlf"
        elif roll < 0.108:
            data, damaged = text.encode("latin-1", "replace"), "latin-1"
        elif roll < 0.110:
            data, damaged = text.split("---\n", 2)[2].encode(), "no-frontmatter"
        # A user remembers words that are in the note: query only those, in another form.
        query_forms = [self.form(GROUPS[g], avoid=w) for g, w in zip(sig, words)
                       if re.search(r"\b" + re.escape(w) + r"\b", text)]
        prime = group_forms("\n".join([title, summary] + key_info))
        facts = {"path": path, "title": title, "type": ntype, "person": person, "people": people,
                 "date": date.isoformat(), "company": company, "damaged": damaged, "forms": query_forms,
                 "groups": sorted(group_forms(text)), "prime": prime}
        return path, data, facts

    def transcript(self, k, size):
        """A long call transcript: speaker turns of common topic words, SIZE bytes."""
        r = self.rng
        people = self.pick_people(r.randint(3, 8))
        company = r.choice(COMPANIES)
        date = datetime.date(2023, 1, 1) + datetime.timedelta(days=r.randint(0, 365 * 3 - 1))
        title = f"Transcript: {company} working session"
        lines = ["---", 'type: "transcript"', f'title: "{title}"', f'date: "{date.isoformat()}"',
                 "participants: [" + ", ".join(f'"{p}"' for p in people) + "]", "---", "", f"# {title}", ""]
        topic = [r.randrange(len(GROUPS)) for _ in range(60)]
        length, seconds = sum(len(x) + 1 for x in lines), 0
        while length < size:
            words = [self.form(GROUPS[r.choice(topic)]) for _ in range(4)]
            extra = [self.form(GROUPS[r.choice(topic)]) for _ in range(3)]
            speaker = r.choice(people)
            seconds += r.randint(3, 40)
            line = f"**{speaker}** ({seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}): " + \
                   self.fill(r.choice(SENTENCES + FILLER), words, extra, people, company)
            lines.append(line)
            length += len(line.encode()) + 1
        path = f"Inbox/_archive/{date.isoformat()} {company} transcript {k}.md"
        facts = {"path": path, "title": title, "type": "transcript", "person": people[0], "people": people,
                 "date": date.isoformat(), "company": company, "damaged": None, "forms": [], "transcript": True}
        text = "\n".join(lines) + "\n"
        facts.update(groups=sorted(group_forms(text)), prime={})
        return path, text.encode(), facts

    def run(self, out, big_per_1000):
        vault = os.path.join(out, "vault")
        manifest = open(os.path.join(out, "manifest.jsonl"), "w", encoding="utf-8")

        def write(path, data, facts):
            full = os.path.join(vault, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as f:
                f.write(data)
            manifest.write(json.dumps(facts, ensure_ascii=False) + "\n")

        for i in range(self.notes):
            write(*self.note(i))
        # Big notes: sizes spread evenly on a log scale from 100 KB to 5 MB, the first 1.7 MB.
        big = round(self.notes * big_per_1000 / 1000)
        for k in range(big):
            size = 1_700_000 if k == 0 else int(math.exp(self.rng.uniform(math.log(TRANSCRIPT_MIN), math.log(TRANSCRIPT_MAX))))
            write(*self.transcript(k, size))
        manifest.close()
        with open(os.path.join(vault, "attachment.md"), "wb") as f:  # a binary file with a .md name
            f.write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--kind", choices=["meetings", "varied", "multilingual"], default="meetings")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--big-notes", type=float, default=0.5, help="transcripts of 100 KB to 5 MB per 1,000 notes")
    ap.add_argument("--queries", type=int, default=120,
                    help="queries per set (meetings, varied) or per set and language (multilingual, a quarter of it)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    if a.kind == "multilingual":
        import multilingual
        multilingual.generate(a.out, a.notes, a.seed, max(4, a.queries // 4))
    else:
        import make_queries
        Generator(a.seed, a.notes, varied=a.kind == "varied").run(a.out, a.big_notes)
        make_queries.write_sets(a.out, a.queries, a.seed)


if __name__ == "__main__":
    main()
