"""A large vocabulary for the "varied" bench vault: engineering notes that name many things.

Hand-written roots grow into derived words (reconcile, reconciled, reconciliation,
unreconciled), identifiers (reconcileBatchSize, ledger_sync_v2), hosts, versions, ticket
keys and numbers, drawn with Zipf-like frequencies: a few are everywhere, most are rare,
as in real notes. The vocabulary is deterministic for a seed.
"""
import random

ROOTS = """account adapt adjust aggregate align allocate annotate append archive assemble assign attach
authenticate authorize balance batch bind bootstrap bound branch broadcast buffer bundle calculate calibrate
cancel capture catalog certify chain charge check classify clean collect combine commit compare compile
compose compress compute configure connect consolidate construct consume convert coordinate copy correct
correlate count crawl create decode decouple decrypt define defer delegate deliver depend deploy deprecate
derive detect diagnose diff dispatch display distribute duplicate emit enable encode enforce enrich enroll
evaluate evict execute expire expose extend extract fetch flag flatten flush fork format freeze gather
generate govern handle hash identify ignore implement infer ingest initialize inspect install instrument
integrate intercept invalidate isolate iterate join label launch ledger limit link load localize lock match
measure merge migrate mirror mock moderate mount multiplex mutate normalize notify observe optimize
orchestrate pack paginate parse partition patch pause persist pin poll populate predict prefetch preserve
process profile project promote propagate provision prune publish purge qualify query quarantine queue
rank rebalance rebuild receive reconcile record recover redact redirect reduce refactor refresh register
reindex reject release reload render replay replicate report request reserve reset resolve restore restrict
resume retain retire return reuse revert review revoke rewrite route sample sanitize scale scan schedule
score scrub seal search secure segment select serialize serve settle shard share shift sign simulate
snapshot sort split stage stamp stream subscribe summarize supervise suspend swap sync tag tally template
terminate test throttle tokenize trace track train transcode transfer transform translate trigger trim
truncate tune unify unlock update upload validate verify version wrap""".split()

NOUNS = """agent alarm allowance artifact backlog baseline beacon blueprint bracket broker bucket budget cadence
canary capacity cartridge catalog channel checkpoint cipher clause cohort collector column console contract
corridor coupon cursor cycle daemon dashboard deadline delta digest directive dossier drift endpoint envelope
epoch fabric facet feed fixture fleet footprint gateway glossary gradient handshake harness heartbeat horizon
inventory invoice journal kernel keystore lane latch lattice layer lease ledger lineage locale manifest
margin marker matrix memo mesh metric milestone module namespace nexus node offset outlier overlay packet
palette panel parcel payload pedigree pipeline pivot playbook plinth pocket portal preset primer probe
quorum quota radius ramp ratio receipt reckoning registry relay remnant replica reservoir resolver ribbon
roster rubric runway sandbox scaffold schema sentinel sequence shelf signal silo sketch slab snippet socket
spindle spool stanza stencil stockpile stratum subnet surge swarm syllabus tally tariff tenant thread
threshold ticket timeline token topology tracker trench tributary turbine upstream valve vector venue
verdict vestibule voucher watermark waypoint widget window workbench yardstick zone""".split()

REGIONS = ["eu-west-1", "eu-central-2", "us-east-1", "us-west-2", "ap-south-1", "ap-northeast-3", "sa-east-1"]
PROJECTS = ["ATLAS", "BORE", "CASK", "DUNE", "EMBER", "FJORD", "GLINT", "HAVEN", "IRIS", "JADE", "KITE", "LOOM"]


def _strip_e(w):
    return w[:-1] if w.endswith("e") and not w.endswith("ee") else w


def derived(root):
    """Real English-like derivations of a verb root: the forms a stemmer joins, and a few it keeps apart."""
    base = _strip_e(root)
    double = root[-1] in "gpt" and root[-2] in "aeiou" and root[-3] not in "aeiou" and len(root) <= 5
    stem = root + root[-1] if double else base
    out = [root, root + ("es" if root.endswith(("s", "sh", "ch", "x")) else "s"), stem + "ed", stem + "ing",
           stem + "er", stem + "ers", "re" + root, "re" + stem + "ed", "un" + stem + "ed"]
    if root.endswith("ate"):
        out += [base + "ion", base + "ions"]
    elif root.endswith("ize"):
        out += [base + "ation", base + "ations"]
    else:
        out += [stem + "able", base + "ability" if root.endswith("e") else stem + "ability"]
    return out


def _camel(a, b):
    return a + b[:1].upper() + b[1:]


def vocabulary(seed, size):
    """SIZE distinct tokens, most frequent first."""
    r = random.Random(seed)
    words = [w for root in ROOTS for w in derived(root)] + NOUNS + [n + "s" for n in NOUNS]
    r.shuffle(words)
    out, seen = [], set()

    def add(w):
        if w not in seen:
            seen.add(w)
            out.append(w)

    for w in words:
        add(w)
    makers = [
        lambda: _camel(r.choice(ROOTS), r.choice(NOUNS)) + r.choice(["", "Ms", "Count", "Size", "Id"]),
        lambda: f"{r.choice(NOUNS)}_{r.choice(ROOTS)}_v{r.randint(1, 9)}",
        lambda: f"{r.choice(PROJECTS)}-{r.randint(100, 9999)}",
        lambda: f"{r.choice(NOUNS)}-{r.randint(1, 40):02d}.{r.choice(REGIONS)}.internal",
        lambda: f"v{r.randint(0, 9)}.{r.randint(0, 40)}.{r.randint(0, 99)}",
        lambda: "".join(r.choice("0123456789abcdef") for _ in range(8)),
        lambda: f"{r.randint(2, 9999)}{r.choice(['ms', 'GB', 'MB', 'rps', 'TB', 'qps'])}",
        lambda: f"/{r.choice(NOUNS)}/{r.choice(ROOTS)}/{r.choice(NOUNS)}",
    ]
    while len(out) < size:
        add(r.choice(makers)())
    return out
