#include "recall/searcher/query_compiler.hpp"

#include <algorithm>
#include <map>

#include "recall/core/people.hpp"
#include "recall/core/text_util.hpp"
#include "recall/searcher/date_expression.hpp"

namespace recall {
namespace {

using schema::FilterRow;
using schema::ValueRule;

// Wildcards expand to at most this many terms (the most frequent ones), so "a*" on a large
// vault stays fast.
constexpr Xapian::termcount kMaxWildcardTerms = 200;

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& queries) {
    if (queries.empty()) return {};
    if (queries.size() == 1) return queries.front();
    return Xapian::Query(op, queries.begin(), queries.end());
}

// a AND_MAYBE b: the notes of a, with b's weight added where b matches too. Written as
// a OR (b AND a weighted 0), which scores the same, because Xapian 1.4.22's AND_MAYBE with an
// OR on its right can drop a note from a short top-k list that a longer list ranks above the
// ones it kept (seen on corpus/: "support OR roadmap" -n 5 lost the third hit).
Xapian::Query and_maybe(const Xapian::Query& a, const Xapian::Query& b) {
    if (b.empty()) return a;
    return Xapian::Query(Xapian::Query::OP_OR, a,
                         Xapian::Query(Xapian::Query::OP_AND, b, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, a, 0)));
}

Xapian::Query term(std::string_view prefix, std::string_view stem) {
    return Xapian::Query(std::string(1, 'Z').append(prefix).append(stem));
}

std::string_view prefix_of(const std::string& field) {
    if (field.empty()) return {};
    const auto* row = schema::find_text_field(field);
    return row ? row->prefix : std::string_view();
}

}  // namespace

QueryCompiler::QueryCompiler(const Xapian::Database& db, const schema::FieldTable& fields, Analyzer& analyzer,
                             const Date& today)
    : db_(db),
      fields_(fields),
      analyzer_(analyzer),
      today_(today),
      people_(db),
      stopwords_(analyzer.profile().language) {
    for (const auto& f : schema::kTextFieldRows)
        if (!f.name.empty()) field_names_.text.emplace_back(f.name);
    for (const auto& f : fields_.filters()) field_names_.filters.push_back(f.name);
    const std::string prefix(schema::kLanguagePrefix);
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it)
        if (auto language = (*it).substr(prefix.size()); language != "none" && language != analyzer_.profile().language)
            other_languages_.push_back(std::move(language));
}

// A word also finds the notes in other languages that hold it in another form of their own
// language (индексации -> индексация in a Russian note). Notes that match the word as the
// default language stems it score as before: the other stems only add notes, never weight,
// so a translation that repeats an English word does not outrank the English page.
Xapian::Query QueryCompiler::in_note_languages(const QueryTerm& t, const Xapian::Query& everywhere) {
    if (t.kind != TermKind::Word || other_languages_.empty()) return everywhere;
    // The indexer stores a note-language stem only where the default stems differ from it;
    // where they agree, the note has it as a plain stem.
    std::vector<Xapian::Query> stems;
    for (const auto& language : other_languages_) {
        const auto& [stem, folded] = language_stemmer_.terms(language, t.word);
        for (const std::string* s : {&stem, &folded}) {
            if (s->empty()) continue;
            if (db_.term_exists(std::string(schema::kTextPrefix).append(*s))) stems.push_back(term({}, *s));
            const auto bare = LanguageStemmer::bare_stem(*s);
            if (bare != t.exact && bare != t.folded && db_.term_exists(std::string(schema::kTextPrefix).append(bare)))
                stems.push_back(Xapian::Query(Xapian::Query::OP_FILTER, term({}, bare),
                                              Xapian::Query(std::string(schema::kLanguagePrefix).append(language))));
        }
    }
    if (stems.empty()) return everywhere;
    return Xapian::Query(Xapian::Query::OP_OR, everywhere,
                         Xapian::Query(Xapian::Query::OP_AND_NOT, combine(Xapian::Query::OP_SYNONYM, stems), everywhere));
}

// The terms of a word or phrase as the index has them. A run of Chinese characters is
// looked up by its bigrams, which hold its unigrams; a lone character by its unigram.
std::vector<QueryCompiler::QueryTerm> QueryCompiler::analyze(std::string_view text) {
    std::vector<QueryTerm> terms;
    analyzer_.analyze(text, [&](const Term& t) {
        terms.push_back({std::string(t.exact), std::string(t.folded), std::string(t.word), t.begin, t.end, t.position,
                         t.kind});
    });
    std::vector<QueryTerm> kept;
    for (size_t i = 0; i < terms.size(); ++i) {
        const auto& t = terms[i];
        if (t.kind == TermKind::Unigram) {
            const bool next_is_bigram = i + 1 < terms.size() && terms[i + 1].kind == TermKind::Bigram;
            const bool prev_bigram_covers = i > 0 && terms[i - 1].kind == TermKind::Bigram && terms[i - 1].end >= t.end;
            if (next_is_bigram || prev_bigram_covers) continue;
        }
        kept.push_back(t);
    }
    return kept;
}

CompiledQuery QueryCompiler::compile(std::string_view text, bool any_word, bool names_too) {
    ParsedQuery parsed = parse_query_syntax(text, field_names_);
    any_word_ = any_word;
    names_too_ = names_too;
    plan_.clear();
    boost_keys_.clear();
    ignored_.clear();
    optional_words_.clear();
    parts_.clear();
    Xapian::Query query = node(parsed.tree, true);
    query = with_field_boosts(query);
    return {query, std::move(plan_), std::move(parsed.read_as_words_because), std::move(ignored_), std::move(optional_words_), std::move(parts_)};
}

Xapian::Query QueryCompiler::node(const QueryNode& n, bool positive) {
    switch (n.kind) {
        case QueryNodeKind::Word:
        case QueryNodeKind::Phrase: return words(n, positive);
        case QueryNodeKind::Wildcard: return wildcard(n, positive);
        case QueryNodeKind::Near:
        case QueryNodeKind::Adj: return positional(n, positive);
        case QueryNodeKind::Filter: {  // inside AND, OR...: a boolean part, no weight
            const auto* row = fields_.find_filter(n.field);
            return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter(*row, n.text), 0);
        }
        case QueryNodeKind::Sequence: return sequence(n, positive);
        case QueryNodeKind::MatchAll: return Xapian::Query::MatchAll;
        case QueryNodeKind::AndNot: {
            std::vector<Xapian::Query> excluded;
            for (size_t i = 1; i < n.children.size(); ++i)
                if (auto q = node(n.children[i], !positive); !q.empty()) excluded.push_back(q);
            Xapian::Query kept = node(n.children[0], positive);
            if (kept.empty()) kept = Xapian::Query::MatchAll;
            if (excluded.empty()) return kept;
            return Xapian::Query(Xapian::Query::OP_AND_NOT, kept, combine(Xapian::Query::OP_OR, excluded));
        }
        case QueryNodeKind::And:
        case QueryNodeKind::Or:
        case QueryNodeKind::Xor: {
            std::vector<Xapian::Query> parts;
            for (const auto& child : n.children)
                if (auto q = node(child, positive); !q.empty()) parts.push_back(q);
            const auto op = n.kind == QueryNodeKind::And  ? Xapian::Query::OP_AND
                            : n.kind == QueryNodeKind::Or ? Xapian::Query::OP_OR
                                                          : Xapian::Query::OP_XOR;
            return combine(op, parts);
        }
    }
    return {};
}

// How much a note that has every plain word gains over one that lacks one (times the words'
// own weight), how much two query words side by side in a note add (times their weight), and
// how much a note whose title, aliases or summary hold every plain word gains (times the
// words' weight): see docs/ranking.md for the figures behind them.
constexpr double kEveryWordBonus = 2;
constexpr double kAdjacentBonus = 1;
constexpr double kHeadBonus = 1;
// From this many plain words on, a note may lack one of them.
constexpr size_t kWordsBeforeOneMayLack = 3;
// Past this many words (a pasted paragraph), "all but one" would be as many AND branches as
// words, each opening every word's postings again: 40 words took 600 MB and seconds. Such a
// query matches any of its words, the notes with most of them first.
constexpr size_t kMostWordsToRelaxOneByOne = 8;

// A plain word: unquoted, unsigned, in no field, one term; the words matching may relax.
struct QueryCompiler::PlainWord {
    Xapian::Query query;
    std::string text, key;  // key: its term at every position
    std::vector<std::string> stems;  // its exact and accent-folded stems
    QueryWord terms;
    Xapian::termpos position;  // in the query, stopwords counted
};

// A stopword is an unquoted, unsigned word in no field whose one term is in the language's
// list ("my", "with"; "+with" and "\"with\"" are kept), or a Chinese or Japanese word (many
// n-gram terms) that the list holds as typed (如何).
bool QueryCompiler::is_stopword(const QueryNode& n) {
    if (n.kind != QueryNodeKind::Word || n.sign != QuerySign::None || !n.field.empty()) return false;
    const auto terms = analyze(n.text);
    if (terms.empty()) return false;
    if (terms.front().kind == TermKind::Word) return terms.size() == 1 && stopwords_.contains(terms.front().word);
    return stopwords_.contains(n.text);
}

// A query of stopwords only ("the who", "to be or not to be") looks for them after all.
bool QueryCompiler::only_stopwords(const QueryNode& sequence) {
    bool any = false;
    for (const auto& child : sequence.children) {
        if (child.kind == QueryNodeKind::Filter || child.sign == QuerySign::MustNot) continue;
        if (!is_stopword(child)) return false;
        any = true;
    }
    return any;
}

// Words side by side: stopwords are left out unless there is nothing else; the plain words
// match as match_words says, +must ones always, -mustnot ones never. Filters among them
// restrict what matches without scoring; the same filter repeated means either value. A
// query of only exclusions keeps everything else.
Xapian::Query QueryCompiler::sequence(const QueryNode& n, bool positive) {
    std::vector<Xapian::Query> must, excluded;
    std::vector<PlainWord> plain;
    std::map<std::string, std::vector<Xapian::Query>> filter_groups;
    const bool keep_stopwords = !positive || only_stopwords(n);
    Xapian::termpos position = 0;
    for (const auto& child : n.children) {
        const bool negated = child.sign == QuerySign::MustNot;
        ++position;
        Xapian::Query q;
        if (child.kind == QueryNodeKind::Filter) {
            q = filter(*fields_.find_filter(child.field), child.text);
            if (!negated) {
                filter_groups[child.field].push_back(q);
                continue;
            }
        } else {
            if (!keep_stopwords && is_stopword(child)) {
                ignored_.push_back(child.text);
                continue;
            }
            q = node(child, positive != negated);
        }
        if (q.empty()) continue;
        if (negated) {
            excluded.push_back(q);
            continue;
        }
        const auto terms = child.kind == QueryNodeKind::Word && child.sign == QuerySign::None && child.field.empty()
                               ? analyze(child.text)
                               : std::vector<QueryTerm>();
        if (terms.size() != 1) {
            must.push_back(q);
            continue;
        }
        const auto& t = terms.front();
        std::vector<std::string> stems{t.exact};
        if (!t.folded.empty()) stems.push_back(t.folded);
        QueryWord word{child.text, {}};
        for (const auto& stem : stems) word.terms.push_back("Z" + stem);
        plain.push_back({q, child.text, t.key(), std::move(stems), std::move(word), position});
    }
    Xapian::Query core = match_words(std::move(must), plain, positive);
    std::vector<Xapian::Query> groups;
    for (const auto& [field, values] : filter_groups) groups.push_back(combine(Xapian::Query::OP_OR, values));
    const Xapian::Query filters = combine(Xapian::Query::OP_AND, groups);
    if (core.empty()) core = filters.empty() ? filters : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filters, 0);
    else if (!filters.empty()) core = Xapian::Query(Xapian::Query::OP_FILTER, core, filters);
    if (excluded.empty()) return core;
    return Xapian::Query(Xapian::Query::OP_AND_NOT, core.empty() ? Xapian::Query::MatchAll : core,
                         combine(Xapian::Query::OP_OR, excluded));
}

// Which notes the words match, and how having them all counts. In any-word mode, a note
// with any plain word (and every +must one). Else a note with every word; from three plain
// words on, also one that lacks one of them (a word the note puts otherwise: "downtime"
// for "outage"), so that a note with the other words in its title can beat a long one that
// mentions every word once. A note with every word adds kEveryWordBonus times their weight.
// Side by side in the query and in the note, two words add kAdjacentBonus; every word in the
// note's head adds kHeadBonus (every_word_in_head).
Xapian::Query QueryCompiler::match_words(std::vector<Xapian::Query> must, const std::vector<PlainWord>& plain,
                                         bool positive) {
    std::vector<Xapian::Query> optional;
    for (const auto& w : plain) optional.push_back(w.query);
    Xapian::Query core;
    if (any_word_) {
        core = combine(Xapian::Query::OP_AND, must);
        if (core.empty()) core = combine(Xapian::Query::OP_OR, optional);
        else if (!optional.empty())
            core = and_maybe(core, combine(Xapian::Query::OP_OR, optional));
    } else if (plain.size() < kWordsBeforeOneMayLack) {
        must.insert(must.end(), optional.begin(), optional.end());
        core = combine(Xapian::Query::OP_AND, must);
    } else {
        std::vector<Xapian::Query> every = must;
        every.insert(every.end(), optional.begin(), optional.end());
        const bool one_by_one = optional.size() <= kMostWordsToRelaxOneByOne;
        std::vector<Xapian::Query> all_but_one;
        for (size_t skipped = 0; one_by_one && skipped < optional.size(); ++skipped) {
            std::vector<Xapian::Query> rest = must;
            for (size_t i = 0; i < optional.size(); ++i)
                if (i != skipped) rest.push_back(optional[i]);
            all_but_one.push_back(combine(Xapian::Query::OP_AND, rest));
        }
        Xapian::Query any = combine(Xapian::Query::OP_OR, optional);
        if (!must.empty()) any = Xapian::Query(Xapian::Query::OP_AND, combine(Xapian::Query::OP_AND, must), any);
        if (one_by_one && names_too_) {  // obsidian-camera for "take photos with the camera"
            std::vector<Xapian::Query> named = must;
            std::vector<Xapian::Query> copies;
            for (const auto& w : plain) copies.push_back(head_copies(w, true));
            named.push_back(combine(Xapian::Query::OP_OR, copies));
            all_but_one.push_back(combine(Xapian::Query::OP_AND, named));
        }
        const Xapian::Query matches(Xapian::Query::OP_SCALE_WEIGHT,
                                    one_by_one ? combine(Xapian::Query::OP_OR, all_but_one) : any, 0);
        const Xapian::Query all = combine(Xapian::Query::OP_AND, every);
        parts_.push_back({ScorePart::Kind::EveryWord, all, kEveryWordBonus, "every word", {}, {}});
        const Xapian::Query weights(Xapian::Query::OP_OR, combine(Xapian::Query::OP_OR, every),
                                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all, kEveryWordBonus));
        core = and_maybe(matches, weights);
        if (one_by_one)
            for (const auto& w : plain) optional_words_.push_back(w.terms);
    }
    if (core.empty() || !positive) return core;  // excluded words score nothing
    std::vector<Xapian::Query> bonuses;
    if (!any_word_)
        if (const Xapian::Query head = every_word_in_head(plain); !head.empty())
            bonuses.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, head, kHeadBonus));
    if (const Xapian::Query pairs = adjacent_pairs(plain); !pairs.empty())
        bonuses.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, pairs, kAdjacentBonus));
    if (bonuses.empty()) return core;
    return and_maybe(core, combine(Xapian::Query::OP_OR, bonuses));
}

// The notes whose head (the fields marked boost: title, aliases, summary) holds every plain
// word, weighted as the words are: a note that sums up the whole query is about it, while one
// that holds some words only further down mentions them in passing.
Xapian::Query QueryCompiler::every_word_in_head(const std::vector<PlainWord>& plain) {
    if (plain.empty()) return {};
    std::vector<Xapian::Query> parts;
    for (const auto& w : plain) {
        parts.push_back(w.query);
        parts.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, head_copies(w, false), 0));
    }
    const Xapian::Query head = combine(Xapian::Query::OP_AND, parts);
    parts_.push_back({ScorePart::Kind::EveryWordInHead, head, kHeadBonus, "every word in the head", {}, {}});
    return head;
}

// A plain word's copies in the head: the fields marked boost (title, aliases, summary); with
// names_only, those marked names (title, aliases).
Xapian::Query QueryCompiler::head_copies(const PlainWord& w, bool names_only) {
    std::vector<Xapian::Query> copies;
    for (const auto& f : schema::kTextFieldRows)
        if (names_only ? f.names : f.boost)
            for (const auto& stem : w.stems) copies.push_back(term(f.prefix, stem));
    return combine(Xapian::Query::OP_OR, copies);
}

// Plain words next to each other in the query (a stopword between them counted) as a phrase
// of two: lock screen, notes to kindle.
Xapian::Query QueryCompiler::adjacent_pairs(const std::vector<PlainWord>& plain) {
    std::vector<Xapian::Query> pairs;
    for (size_t i = 1; i < plain.size(); ++i) {
        const auto& a = plain[i - 1];
        const auto& b = plain[i];
        if (b.position - a.position > 2) continue;
        const std::vector<Xapian::Query> words{term({}, a.key), term({}, b.key)};
        const Xapian::Query pair(Xapian::Query::OP_PHRASE, words.begin(), words.end(), b.position - a.position + 1);
        parts_.push_back({ScorePart::Kind::Adjacent, pair, kAdjacentBonus, a.text + " " + b.text, {}, {}});
        pairs.push_back(pair);
    }
    return combine(Xapian::Query::OP_OR, pairs);
}

// One term in its exact and accent-folded forms, the exact one ranking higher.
Xapian::Query QueryCompiler::one_term(std::string_view prefix, const QueryTerm& t) {
    if (t.folded.empty()) return term(prefix, t.exact);
    return Xapian::Query(Xapian::Query::OP_OR, term(prefix, t.exact), term(prefix, t.folded));
}

// A word, or a phrase: one term (its exact and accent-folded forms, the exact one ranking
// higher), or a phrase on positions when the Analyzer makes several terms of it (quotes,
// device-name, 10:30, 数据库). In a field, whose copy has no positions, each term must also be
// in the field.
Xapian::Query QueryCompiler::words(const QueryNode& n, bool positive) {
    const auto terms = analyze(n.text);
    if (terms.empty()) return {};
    const std::string_view prefix = prefix_of(n.field);
    if (positive) {
        MatchGroup group{n.field, {}, {}};
        for (const auto& t : terms) group.keys.emplace_back(t.position - terms.front().position, t.key());
        plan_.push_back(std::move(group));
        if (n.field.empty())
            for (const auto& t : terms) {
                boost_keys_.push_back({t.exact, n.text});
                if (!t.folded.empty()) boost_keys_.push_back({t.folded, n.text});
            }
    }
    Xapian::Query query = terms.size() != 1 ? phrase_in(terms, prefix)
                          : prefix.empty() ? in_note_languages(terms.front(), one_term(prefix, terms.front()))
                                           : one_term(prefix, terms.front());
    if (positive) {
        std::vector<std::string> keys;
        for (const auto& t : terms) keys.push_back(t.key());
        parts_.push_back({ScorePart::Kind::Word, query, 1, n.text, n.field, std::move(keys)});
    }
    return query;
}

// Several terms of one word or phrase, on positions; in a field (whose copy has no
// positions) each term must also be in the field.
Xapian::Query QueryCompiler::phrase_in(const std::vector<QueryTerm>& terms, std::string_view prefix) {
    // Every position holds the folded form of its word (or the word, when nothing folds).
    std::vector<Xapian::Query> keys;
    for (const auto& t : terms) keys.push_back(term({}, t.key()));
    const Xapian::termcount window = terms.back().position - terms.front().position + 1;
    Xapian::Query phrase(Xapian::Query::OP_PHRASE, keys.begin(), keys.end(), window);
    if (prefix.empty()) return phrase;
    std::vector<Xapian::Query> in_field{phrase};
    for (const auto& t : terms) in_field.push_back(one_term(prefix, t));
    return combine(Xapian::Query::OP_AND, in_field);
}

// migr*: the indexed stems (folded forms included) that start so.
Xapian::Query QueryCompiler::wildcard(const QueryNode& n, bool positive) {
    const std::string start = analyzer_.normalize_value(n.text);
    if (start.empty()) return {};
    Xapian::Query query(Xapian::Query::OP_WILDCARD, std::string(1, 'Z').append(prefix_of(n.field)).append(start),
                        kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    if (positive) {
        plan_.push_back({n.field, {}, start});
        parts_.push_back({ScorePart::Kind::Word, query, 1, n.text + "*", n.field, {}});
    }
    return query;
}

// a NEAR b, a ADJ b: Xapian's positional operators take terms, so a phrase's words join the
// window (as Xapian's own parser does); the window is the words plus the distance.
Xapian::Query QueryCompiler::positional(const QueryNode& n, bool positive) {
    std::vector<Xapian::Query> keys;
    for (const auto& child : n.children) {
        const auto terms = analyze(child.text);
        if (positive && !terms.empty()) {
            MatchGroup group{{}, {}, {}};
            for (const auto& t : terms) group.keys.emplace_back(t.position - terms.front().position, t.key());
            plan_.push_back(std::move(group));
        }
        for (const auto& t : terms) {
            keys.push_back(term({}, t.key()));
            if (positive) boost_keys_.push_back({t.key(), child.text});
        }
    }
    if (keys.empty()) return {};
    const auto window = static_cast<Xapian::termcount>(keys.size()) + n.distance - 1;
    const Xapian::Query query =
        keys.size() == 1 ? keys.front()
                         : Xapian::Query(n.kind == QueryNodeKind::Near ? Xapian::Query::OP_NEAR : Xapian::Query::OP_PHRASE,
                                         keys.begin(), keys.end(), window);
    if (positive) {
        std::string label;
        for (const auto& child : n.children) label += (label.empty() ? "" : " ") + child.text;
        parts_.push_back({ScorePart::Kind::Word, query, 1, label, {}, {}});
    }
    return query;
}

Xapian::Query QueryCompiler::date_range(Xapian::valueno slot, const std::optional<Date>& from,
                                        const std::optional<Date>& to) {
    if (from && to) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, from->yyyymmdd(), to->yyyymmdd());
    if (from) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, from->yyyymmdd());
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, to->yyyymmdd());
}

// One value of a filter, as a query: the same row and normaliser the indexer used.
Xapian::Query QueryCompiler::filter(const FilterRow& row, std::string_view value) {
    switch (row.rule) {
        case ValueRule::Person:
            if (row.source == schema::ValueSource::TaskOwners) return owner(row, value);
            return Xapian::Query(schema::filter_term(row, people_.resolve(value).slug));
        case ValueRule::Date: {
            const DateRange r = parse_date_range(value, today_);
            return date_range(*row.slot, r.from, r.to);
        }
        default: {
            const auto normalized = schema::normalize_filter_value(row, value, analyzer_);
            if (!normalized.error.empty()) throw QueryError(normalized.error);
            if (row.source == schema::ValueSource::Links) return links(row, normalized.value);
            return Xapian::Query(schema::filter_term(row, normalized.value));
        }
    }
}

// links:TARGET: links written as TARGET, and, when TARGET is a note's file name or title,
// the links written as any name of that note (its target: terms).
Xapian::Query QueryCompiler::links(const FilterRow& row, const std::string& name) {
    std::vector<Xapian::Query> names{Xapian::Query(schema::filter_term(row, name))};
    const std::string& prefix = fields_.find_filter("target")->prefix;
    const std::string target = schema::filter_term(*fields_.find_filter("target"), name);
    for (auto it = db_.postlist_begin(target); it != db_.postlist_end(target); ++it) {
        auto term = db_.termlist_begin(*it);
        for (term.skip_to(prefix); term != db_.termlist_end(*it) && (*term).starts_with(prefix); ++term)
            if (*term != target) names.emplace_back(row.prefix + (*term).substr(prefix.size()));
    }
    return combine(Xapian::Query::OP_OR, names);
}

// A task owner: a person, or the vault's owner (@me, @Myself, and the config's me: name).
std::vector<std::string> QueryCompiler::owner_values(std::string_view typed) {
    std::string_view name = trim(typed);
    while (name.starts_with('@')) name.remove_prefix(1);
    const bool says_me = is_self_reference(name);
    if (says_me && me_.empty()) return {std::string(schema::kSelfOwner)};
    std::string slug;
    try {
        slug = people_.resolve(says_me ? me_ : std::string(name)).slug;
    } catch (const QueryError&) {
        if (says_me) return {std::string(schema::kSelfOwner)};  // no note names the owner
        throw;
    }
    if (!me_.empty() && slug == slugify(me_)) return {slug, std::string(schema::kSelfOwner)};
    return {slug};
}

Xapian::Query QueryCompiler::owner(const FilterRow& row, std::string_view value) {
    std::vector<Xapian::Query> terms;
    for (const auto& v : owner_values(value)) terms.emplace_back(schema::filter_term(row, v));
    return combine(Xapian::Query::OP_OR, terms);
}

Xapian::Query QueryCompiler::filters(const FilterOptions& options) {
    std::map<std::string, std::vector<Xapian::Query>> groups;
    for (const auto& [name, value] : options.values) {
        const auto* row = fields_.find_filter(name);
        if (!row) {
            std::string declared;
            for (const auto& f : fields_.declared()) declared += (declared.empty() ? "" : ", ") + f.name;
            throw QueryError("no field '" + name + "' in this index (" +
                             (declared.empty() ? std::string("the config declares none") : "declared: " + declared) +
                             "; see fields: in man recall-index)");
        }
        groups[name].push_back(filter(*row, value));
    }
    std::vector<Xapian::Query> all;
    for (const auto& [name, values] : groups) all.push_back(combine(Xapian::Query::OP_OR, values));
    if (options.since || options.until) {
        DateRange range;
        if (options.since) range.from = parse_date_range(*options.since, today_).from;
        if (options.until) {
            const DateRange until = parse_date_range(*options.until, today_);
            range.to = until.to ? until.to : until.from;
        }
        if (range.from && range.to && *range.to < *range.from) throw QueryError("--until is before --since");
        all.push_back(date_range(schema::kSlotDate, range.from, range.to));
    }
    if (all.empty()) return Xapian::Query::MatchAll;
    return combine(Xapian::Query::OP_AND, all);
}

// A plain word also counts as a term of its own in the fields marked boost, so a word in the
// title adds its own BM25 weight instead of one more occurrence that saturates (the poor
// man's BM25F). The boosts are an AND_MAYBE branch: they never decide what matches, and
// Xapian only looks them up for documents that already match.
Xapian::Query QueryCompiler::with_field_boosts(const Xapian::Query& query) {
    if (query.empty() || boost_keys_.empty()) return query;
    std::vector<Xapian::Query> boosts;
    for (const auto& [key, word] : boost_keys_)
        for (const auto& f : schema::kTextFieldRows)
            if (f.boost) {
                boosts.push_back(term(f.prefix, key));
                parts_.push_back({ScorePart::Kind::FieldBoost, boosts.back(), 1, word, std::string(f.name), {}});
            }
    if (boosts.empty()) return query;
    return and_maybe(query, combine(Xapian::Query::OP_OR, boosts));
}

std::string QueryCompiler::spelling_suggestion(std::string_view text) {
    // Xapian's own correction also rewrites words that only exist in another form
    // ("migrations" where notes say "migration"), which stemming already matches; so only
    // words found in no form are replaced.
    const QueryNode tree = parse_query_syntax(text, field_names_).tree;
    std::vector<std::pair<std::pair<size_t, size_t>, std::string>> replacements;  // byte range, word
    auto visit = [&](const auto& self, const QueryNode& n) -> void {
        if (n.kind == QueryNodeKind::Word || n.kind == QueryNodeKind::Phrase) {
            analyzer_.analyze(n.text, [&](const Term& t) {
                if (t.kind != TermKind::Word || t.word.size() <= 2) return;
                const bool found = db_.term_exists(std::string(1, 'Z').append(t.exact)) ||
                                   (!t.folded.empty() && db_.term_exists(std::string(1, 'Z').append(t.folded)));
                if (found) return;
                std::string suggestion = db_.get_spelling_suggestion(std::string(t.word), 2);
                if (!suggestion.empty())
                    replacements.push_back({{n.text_offset + t.begin, n.text_offset + t.end}, std::move(suggestion)});
            });
        }
        for (const auto& child : n.children) self(self, child);
    };
    visit(visit, tree);
    if (replacements.empty()) return {};
    std::sort(replacements.begin(), replacements.end());
    std::string out;
    size_t at = 0;
    for (const auto& [range, word] : replacements) {
        out.append(text.substr(at, range.first - at)).append(word);
        at = range.second;
    }
    return out.append(text.substr(at));
}

}  // namespace recall
