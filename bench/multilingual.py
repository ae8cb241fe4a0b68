"""The multilingual Obsidian-style vault: help pages translated into ten languages, with
Obsidian markup, and known-item queries per language. Used by generate_vault.py --kind
multilingual; see bench/README.md.

Each page is a set of concepts (two title nouns, a product, heading verbs and nouns, a pool
of nouns and verbs for its paragraphs, sometimes an alias and a description). Every
language renders the same concepts with its own vocabulary and sentence frames
(languages.py), so the vault holds translations of one another that keep English product
names, as real multilingual help vaults do. Queries are written from the concepts: the
generator knows which page holds which words, in which form.
"""
import json
import os
import random

import languages as L

MARKUP_COMMENTS = ["%% Uncomment the next line to show the banner %%", "%% TODO: update the screenshot %%",
                   "%% Template footer: do not edit below this line %%"]
CALLOUTS = ["note", "tip", "warning", "info", "important", "example"]


def slug(text):
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


class Page:
    def __init__(self, r, pid, n1, n2, product):
        self.id, self.n1, self.n2, self.p = pid, n1, n2, product
        others = [i for i in range(len(L.NOUNS)) if i not in (n1, n2)]
        self.nouns = [n1, n2] + r.sample(others, 4)
        self.verbs = r.sample(range(len(L.VERBS)), 4)
        rest_v = [v for v in range(len(L.VERBS)) if v not in self.verbs]
        rest_n = [n for n in range(len(L.NOUNS)) if n not in self.nouns]
        self.products = [product, r.choice(L.PRODUCTS)]
        self.sections = []
        for _ in range(r.randint(2, 4)):
            heading = (r.choice(self.verbs), r.choice(self.nouns))
            paragraphs = [[(r.randrange(len(L.LANGS["en"]["frames"])), r.choice(self.nouns), r.choice(self.nouns),
                            r.choice(self.verbs), r.choice(self.products)) for _ in range(r.randint(2, 4))]
                          for _ in range(r.randint(1, 3))]
            self.sections.append({"heading": heading, "sub": r.random() < 0.3, "paragraphs": paragraphs,
                                  "callout": r.random() < 0.25, "block_id": r.random() < 0.2,
                                  "embed": r.random() < 0.15, "image": r.random() < 0.15,
                                  "code": r.random() < 0.1, "comment": r.random() < 0.1, "html": r.random() < 0.2})
        # Words a user may remember from the frontmatter only: not used anywhere else in the page.
        self.alias = (r.choice(rest_n), n2) if r.random() < 0.35 else None
        self.description = (r.choice(rest_v), n1, r.choice(self.nouns[2:])) if r.random() < 0.5 else None
        self.release = "1.{}.{}".format(r.randint(0, 9), r.randint(0, 19)) if r.random() < 0.08 else None
        self.langs = ["en"] + [c for c in L.CODES if c != "en" and r.random() < 0.9]
        self.placement = {c: r.choices(["folder", "frontmatter", "none"], [60, 25, 15])[0] for c in self.langs}
        self.block = "".join(r.choice("abcdef0123456789") for _ in range(6))

    def title(self, lang):
        if self.release:
            return L.render(lang, L.LANGS[lang]["whatsnew"], p=self.p)
        return L.render(lang, L.LANGS[lang]["title"], n=self.n1, m=self.n2, p=self.p)

    def file_stem(self, lang):
        return f"{self.p} {self.release}" if self.release else self.title(lang)

    def headings(self, lang):
        return [L.render(lang, L.LANGS[lang]["heading"], n=s["heading"][1], v=s["heading"][0]) for s in self.sections]


def sentence(lang, spec):
    frame, n, m, v, p = spec
    if m == n:
        m = (n + 1) % len(L.NOUNS)
    return L.render(lang, L.LANGS[lang]["frames"][frame], n=n, m=m, v=v, p=p)


def join(lang, sentences):
    return ("" if not L.LANGS[lang]["spaced"] and lang != "th" else " ").join(sentences)


def render_page(page, lang, pages, r):
    spec = L.LANGS[lang]
    fm = ["---"]
    if page.placement[lang] == "frontmatter":
        fm.append(f"lang: {lang}")
    if page.release:
        fm.append(f'title: "{page.title(lang)}"')
    if page.alias:
        fm += ["aliases:", "  - " + L.render(lang, spec["alias"], n=page.alias[0], m=page.alias[1])]
    if page.description:
        v, n, m = page.description
        fm.append("description: " + L.render(lang, spec["description"], n=n, m=m, v=v, p=page.p))
    fm += [f"permalink: {slug(L.NOUNS[page.n1])}/{page.id}", "publish: true"]
    if r.random() < 0.3:
        fm += ["cssclasses:", "  - list-cards"]
    if r.random() < 0.4:
        fm.append(f"tags: [help, {slug(L.NOUNS[page.n2])}]")
    fm.append("---")
    body = []
    intro = [sentence(lang, s) for s in page.sections[0]["paragraphs"][0][:2]]
    other = r.choice(pages)
    if lang in other.langs and other is not page:
        shown = L.render(lang, "{n:" + ("w" if lang in ("zh", "ja", "th", "ko") else L.NOUN_FORMS[lang][0]) + "}",
                         n=other.n1)
        intro.append(f"[[{other.file_stem(lang)}|{shown}]]")
    body += [join(lang, intro), ""]
    for si, s in enumerate(page.sections):
        heading = page.headings(lang)[si]
        body += [("### " if s["sub"] else "## ") + heading, ""]
        for pi, para in enumerate(s["paragraphs"]):
            text = join(lang, [sentence(lang, x) for x in para])
            if s["html"] and pi == 0:
                text += " <kbd>Ctrl</kbd> + <kbd>P</kbd>"
            if s["block_id"] and pi == len(s["paragraphs"]) - 1:
                text += f" ^{page.block}{si}"
            body += [text, ""]
        if s["callout"]:
            kind = r.choice(CALLOUTS)
            fold = r.choice(["", "-", "+"])
            v, n = r.choice(page.verbs), r.choice(page.nouns)
            body += [f"> [!{kind}]{fold} " + L.render(lang, spec["heading"], n=n, v=v),
                     "> " + sentence(lang, (r.randrange(len(spec["frames"])), n, r.choice(page.nouns), v, page.p)), ""]
        if s["embed"]:
            target = r.choice(pages)
            if lang in target.langs:
                body += [f"![[{target.file_stem(lang)}#{target.headings(lang)[0]}]]", ""]
        if s["image"]:
            body += [f"![[{slug(L.NOUNS[s['heading'][1]])}-{page.id}.png|{r.choice([200, 300, 400, 600])}]]", ""]
        if s["code"]:
            body += r.choice([["```yaml", "---", "aliases: [example]", "tags: [project]", "---", "```"],
                              ["```dataview", "TABLE file.mtime AS modified", 'FROM #help', "SORT file.mtime DESC", "```"],
                              ["```js", "app.workspace.getActiveFile();", "```"]]) + [""]
        if s["comment"]:
            body += [r.choice(MARKUP_COMMENTS), ""]
    if r.random() < 0.2:
        body += ['<div class="callout-footer"><span>Obsidian</span><br></div>', ""]
    return "\n".join(fm + body) + "\n"


def page_path(page, lang, used):
    stem = page.file_stem(lang).replace("/", "-").replace(":", "")
    if page.placement[lang] == "folder":
        folder = os.path.join(L.LANGS[lang]["folder"], L.render(lang, "{n:" + _plural_form(lang) + "}", n=page.n1).capitalize())
    else:
        folder = "Notes"
    path = os.path.join(folder, stem + ".md")
    k = 2
    while path in used:
        path = os.path.join(folder, f"{stem} {k}.md")
        k += 1
    used.add(path)
    return path


def _plural_form(lang):
    return {"en": "pl", "de": "pl", "fr": "pl", "es": "pl", "ru": "nom_pl", "ar": "pl"}.get(lang, "w")


def other_form(r, lang, kind, index, avoid):
    """A form of a word as a user might type it, different from AVOID where the language has one."""
    forms = L.NOUN_FORMS[lang] if kind == "n" else L.VERB_FORMS[lang]
    render = (lambda f: L.noun_form(lang, index, f)) if kind == "n" else (lambda f: L.verb_form(lang, index, f))
    words = sorted({render(f) for f in forms})
    avoid = set(avoid.split())
    choices = [w for w in words if w not in avoid] or words
    return r.choice(choices)


def query_text(lang, words, r):
    if not L.LANGS[lang]["spaced"] and r.random() < 0.5:
        return "".join(words)  # CJK and Thai users often type words without spaces
    return " ".join(words)


def make_queries(pages, paths, per_lang, seed, split):
    """Two sets per language: 'ml-words' (title and heading words in other forms) and 'ml-fields'
    (words only in an alias, the description, a heading, or the file name)."""
    r = random.Random(seed)
    out = []
    prime = {}  # (lang, concept) -> pages with it in title or headings
    for pg in pages:
        for c in [("n", pg.n1), ("n", pg.n2)] + [("v", s["heading"][0]) for s in pg.sections] + \
                 [("n", s["heading"][1]) for s in pg.sections]:
            prime.setdefault(c, set()).add(pg.id)
    for lang in L.CODES:
        cands = [pg for pg in pages if lang in pg.langs]
        r.shuffle(cands)
        words_n = fields_n = 0
        for pg in cands:
            path = paths[(pg.id, lang)]
            title = pg.title(lang)
            if words_n < per_lang and not pg.release:
                s = r.choice(pg.sections)
                concepts = [("n", pg.n1), ("n", pg.n2)] + ([("v", s["heading"][0])] if r.random() < 0.5 else [])
                hits = set.intersection(*(prime[c] for c in concepts))
                if hits == {pg.id}:
                    words = [other_form(r, lang, k, i, title + " " + " ".join(pg.headings(lang))) for k, i in concepts]
                    out.append({"set": "ml-words", "split": split, "lang": lang, "expected": path,
                                "query": query_text(lang, words, r)})
                    words_n += 1
                    continue
            if fields_n < per_lang:
                q = None
                kind = r.choice(["alias", "description", "heading", "file"])
                # An alias or a description holds a word the page has nowhere else.
                if kind == "alias" and pg.alias:
                    q = [other_form(r, lang, "n", i, "") for i in (pg.alias[0], pg.alias[1], pg.n1)]
                elif kind == "description" and pg.description:
                    q = [other_form(r, lang, "v", pg.description[0], "")] + \
                        [other_form(r, lang, "n", i, "") for i in (pg.n1, pg.n2)]
                elif kind == "heading":
                    si = r.randrange(len(pg.sections))
                    v, n = pg.sections[si]["heading"]
                    if prime[("v", v)] & prime[("n", n)] & prime[("n", pg.n1)] == {pg.id}:
                        q = [pg.headings(lang)[si], other_form(r, lang, "n", pg.n1, "")]
                elif kind == "file" and pg.release:
                    q = [pg.p.split()[-1], pg.release]
                if q:
                    out.append({"set": "ml-fields", "split": split, "lang": lang, "expected": path, "field": kind,
                                "query": query_text(lang, q, r)})
                    fields_n += 1
            if words_n >= per_lang and fields_n >= per_lang:
                break
    return out


def generate(out, notes, seed, queries_per_lang):
    r = random.Random(seed)
    avg_langs = 1 + 0.9 * (len(L.CODES) - 1)
    npages = max(4, round(notes / avg_langs))
    pages, seen = [], set()
    while len(pages) < npages:
        n1, n2 = r.sample(range(len(L.NOUNS)), 2)
        p = r.choice(L.PRODUCTS)
        if (n1, n2, p) in seen:
            continue
        seen.add((n1, n2, p))
        pages.append(Page(r, len(pages), n1, n2, p))
    vault = os.path.join(out, "vault")
    used, paths = set(), {}
    manifest = open(os.path.join(out, "manifest.jsonl"), "w", encoding="utf-8")
    for pg in pages:
        for lang in pg.langs:
            path = page_path(pg, lang, used)
            paths[(pg.id, lang)] = path
            full = os.path.join(vault, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as f:
                f.write(render_page(pg, lang, pages, r))
            manifest.write(json.dumps({"path": path, "page": pg.id, "lang": lang, "title": pg.title(lang),
                                       "placement": pg.placement[lang]}, ensure_ascii=False) + "\n")
    manifest.close()
    qdir = os.path.join(out, "queries")
    os.makedirs(qdir, exist_ok=True)
    # The tune and held-out halves come from different seeds and keep no target in common.
    tune = make_queries(pages, paths, queries_per_lang, seed * 1000 + 1, "tune")
    taken = {q["expected"] for q in tune}
    test = [q for q in make_queries(pages, paths, queries_per_lang * 2, seed * 1000 + 7, "test") if q["expected"] not in taken]
    for name in ["ml-words", "ml-fields"]:
        with open(os.path.join(qdir, name + ".jsonl"), "w", encoding="utf-8") as f:
            per = {}
            for q in tune + test:
                key = (q["lang"], q["split"])
                if q["set"] == name and per.get(key, 0) < queries_per_lang:
                    per[key] = per.get(key, 0) + 1
                    f.write(json.dumps(q, ensure_ascii=False) + "\n")
