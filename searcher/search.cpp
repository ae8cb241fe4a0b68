#include "recall/searcher/search.hpp"

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "recall/core/schema.hpp"
#include "recall/searcher/link_graph.hpp"
#include "recall/searcher/query_error.hpp"
#include "recall/searcher/similar_notes.hpp"

namespace recall {
namespace {

// Fewer matching notes than this, and notes whose title names a query word match too
// (Searcher::search); counted exactly up to it, so that the choice does not rest on an estimate.
constexpr Xapian::doccount kFewMatches = 10;

// Counts every value of a multi-value slot (people, a declared keyword field) over the
// matching notes. Xapian's ValueCountMatchSpy counts whole slot values ("ann\nbob"), which
// are split here; a spy of our own would not run on a remote index.
std::map<std::string, Xapian::doccount> each_value(const Xapian::ValueCountMatchSpy& spy) {
    std::map<std::string, Xapian::doccount> counts;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
        for (auto& value : split_values(*it)) counts[std::move(value)] += it.get_termfreq();
    return counts;
}

std::vector<FacetCount> most_first(const std::map<std::string, Xapian::doccount>& counts) {
    std::vector<FacetCount> out;
    for (const auto& [value, n] : counts) out.push_back({value, value, n});
    std::stable_sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) { return a.notes > b.notes; });
    return out;
}

Hit hit_of(const Xapian::MSetIterator& it, const std::vector<IndexSource>& sources, bool with_passages) {
    const Xapian::Document doc = it.get_document();
    // The path slot holds the file name's bytes as they are; the JSON data can hold UTF-8
    // only, so a name that is not valid UTF-8 has replacement characters there.
    const std::string path = doc.get_value(schema::kSlotPath);
    Hit hit;
    hit.note = decode_document_data(doc.get_data(), path);
    if (with_passages) hit.passages = doc.get_value(schema::kSlotPassages);
    hit.note.path = path;
    hit.indexed = {std::strtoull(doc.get_value(schema::kSlotSize).c_str(), nullptr, 10),
                   std::strtoll(doc.get_value(schema::kSlotMtime).c_str(), nullptr, 10), doc.get_value(schema::kSlotHash)};
    hit.docid = *it;
    hit.score = it.get_weight();
    hit.percent = it.get_percent();
    const IndexSource& source = sources[source_of(*it, sources.size())];
    hit.index = source.name;
    hit.vault = source.vault;
    return hit;
}

// The words a note lacks, of those it may lack.
// The plain words each hit lacks (relaxed matching): one boolean query per word over the
// hits' notes. Each hit's term list would do it too, but a transcript's is long, and a
// served index sends it a message per term.
void note_missing_words(const Xapian::Database& db, std::vector<Hit>& hits, const std::vector<QueryWord>& words) {
    if (words.empty() || hits.empty()) return;
    std::vector<std::string> ids;
    for (const auto& hit : hits) ids.push_back(schema::id_term(hit.note.path));
    const Xapian::Query among(Xapian::Query::OP_OR, ids.begin(), ids.end());
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    for (const auto& word : words) {
        const Xapian::Query has(Xapian::Query::OP_OR, word.terms.begin(), word.terms.end());
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, has, among));
        // A path can be in several indexes, so each id may match once per index.
        const Xapian::MSet with = enquire.get_mset(0, static_cast<Xapian::doccount>(ids.size() * db.size()));
        for (auto& hit : hits)
            if (std::none_of(with.begin(), with.end(), [&](Xapian::docid d) { return d == hit.docid; }))
                hit.missing_words.push_back(word.text);
    }
}

// Whether a field's text comes from the note's passages (the others: title, aliases, ...).
bool from_passages(schema::TextSource source) {
    switch (source) {
        case schema::TextSource::Summary:
        case schema::TextSource::KeyInformation:
        case schema::TextSource::Decisions:
        case schema::TextSource::ActionItems:
        case schema::TextSource::Headings:
        case schema::TextSource::OtherPassages: return true;
        default: return false;
    }
}

// The groups of the plan a passage of the note may hold, read from the document's counts:
// each occurrence of a word adds its field's weight to the unprefixed term and one to the
// field's own copy. When copies of fields that are no passage (title, file name, ...)
// account for all of it, no passage holds the word, and the passages need not be analysed
// for it: a 1.7 MB transcript found by a word of its title has nothing to show for it but its
// opening. Dropping a group no passage holds changes no snippet.
MatchPlan passage_plan(const Xapian::Document& doc, const MatchPlan& plan) {
    std::map<std::string, Xapian::termcount> wdf;  // the terms to look up, in termlist order
    auto term = [](std::string_view prefix, const std::string& key) {
        return std::string(schema::kTextPrefix).append(prefix).append(key);
    };
    for (const auto& group : plan)
        if (group.prefix.empty() && !group.keys.empty()) {
            wdf[term("", group.keys.front().second)];
            for (const auto& row : schema::kTextFieldRows)
                if (!row.prefix.empty()) wdf[term(row.prefix, group.keys.front().second)];
        }
    auto it = doc.termlist_begin();
    for (auto& [name, count] : wdf) {
        it.skip_to(name);
        if (it == doc.termlist_end()) break;
        if (*it == name) count = it.get_wdf();
    }
    MatchPlan kept;
    for (const auto& group : plan) {
        bool maybe = !group.prefix.empty() || group.keys.empty();
        if (!maybe) {
            const std::string& key = group.keys.front().second;
            long rest = static_cast<long>(wdf[term("", key)]);
            for (const auto& row : schema::kTextFieldRows) {
                if (row.prefix.empty()) continue;
                const auto copies = wdf[term(row.prefix, key)];
                if (copies > 0 && from_passages(row.source)) maybe = true;
                rest -= static_cast<long>(copies) * row.weight;
            }
            maybe = maybe || rest != 0;  // tags, link targets or the body: maybe the body
        }
        if (maybe) kept.push_back(group);
    }
    return kept;
}

}  // namespace

Xapian::BM25Weight ranking_weight() {
    // k1, k2, k3, b, min_normlen: Xapian's defaults but for k1 = 1.2, the usual value. On
    // the benchmark's known-item queries b = 0.5 beat 0.75 (MRR@10 0.982 against 0.969):
    // notes differ in length for reasons (pasted detail) that say little about relevance.
    // k3 = 0: a term's weight does not depend on how often the query repeats it, so the
    // every-word bonus (docs/ranking.md), which repeats the words, leaves their own weight be.
    return Xapian::BM25Weight(1.2, 0, 0, 0.5, 0.5);
}

Searcher::Searcher(const Xapian::Database& db, const IndexMetadata& metadata, std::vector<IndexSource> sources,
                   const Date& today)
    : db_(db),
      sources_(std::move(sources)),
      all_local_(std::none_of(sources_.begin(), sources_.end(), [](const IndexSource& s) { return s.maybe_remote; })),
      profile_(metadata.profile.value()),
      today_(today),
      fields_(metadata.fields.value()),
      analyzer_(profile_),
      compiler_(db, fields_, analyzer_, today) {}

Searcher::~Searcher() = default;

Xapian::MSet Searcher::run(const Xapian::Query& query, const SearchRequest& request, SearchResult& result) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(ranking_weight());
    const bool listing = request.text.empty() && request.like.empty();
    if (request.sort == SortOrder::Newest || (listing && request.sort == SortOrder::Relevance))
        enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
    else if (request.sort == SortOrder::Oldest)
        enquire.set_sort_by_value_then_relevance(schema::kSlotDate, false);

    Xapian::ValueCountMatchSpy people(schema::kSlotPeople), dates(schema::kSlotDate);
    std::vector<std::pair<std::string, std::unique_ptr<Xapian::ValueCountMatchSpy>>> declared;
    if (request.facets) {
        enquire.add_matchspy(&people);
        enquire.add_matchspy(&dates);
        for (const auto& row : fields_.filters())
            if (row.declared && row.rule == schema::ValueRule::Keyword) {
                declared.emplace_back(row.name, std::make_unique<Xapian::ValueCountMatchSpy>(*row.slot));
                enquire.add_matchspy(declared.back().second.get());
            }
    }
    const bool exact = request.facets || request.exact_count;
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit,
                                         exact ? db_.get_doccount() : std::max(request.count_exactly_up_to, kFewMatches));
    result.total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    if (request.facets) {
        result.facets.clear();
        Facet persons{"people", most_first(each_value(people))};
        for (auto& c : persons.counts) c.label = compiler_.people().display_name(c.value);
        result.facets.push_back(std::move(persons));
        std::map<std::string, Xapian::doccount> months;
        for (auto it = dates.values_begin(); it != dates.values_end(); ++it) {
            const std::string ymd = *it;
            if (ymd.size() == 8) months[ymd.substr(0, 4) + "-" + ymd.substr(4, 2)] += it.get_termfreq();
        }
        Facet by_month{"months", {}};
        for (const auto& [month, n] : months) by_month.counts.push_back({month, month, n});
        result.facets.push_back(std::move(by_month));
        for (const auto& [name, spy] : declared) result.facets.push_back({name, most_first(each_value(*spy))});
    }
    return mset;
}

SearchResult Searcher::search(const SearchRequest& request) {
    SearchResult result;
    const Xapian::Query filters = compiler_.filters(request.filters);
    // Records of skipped files carry no text, but a pure filter listing would reach them.
    const Xapian::Query skipped{std::string(schema::kSkippedTerm)};
    auto full_query = [&](const Xapian::Query& text) {
        Xapian::Query q = text.empty() ? Xapian::Query::MatchAll : text;
        if (filters.get_type() != Xapian::Query::LEAF_MATCH_ALL) q = Xapian::Query(Xapian::Query::OP_FILTER, q, filters);
        return Xapian::Query(Xapian::Query::OP_AND_NOT, q, skipped);
    };

    CompiledQuery compiled;
    if (!request.text.empty()) compiled = compiler_.compile(request.text, false);
    if (!request.like.empty()) {
        // With several indexes, a path is read against the first one's vault.
        const std::string path = note_path_of(*this, sources_.front().vault, request.like);
        Xapian::Query like = similar_notes_query(db_, *db_.postlist_begin(schema::id_term(path)));
        if (like.empty()) throw QueryError("'" + request.like + "' has no words to find notes like it by");
        compiled.query = compiled.query.empty() ? like
                                                : Xapian::Query(Xapian::Query::OP_FILTER, like, compiled.query);
    }
    Xapian::MSet mset = run(full_query(compiled.query), request, result);

    // Few notes have the words: a note whose title names one of them may be the one meant
    // ("take photos with the camera": the page titled "Camera"), so it matches too, ranked
    // by the same weights. Where many notes have the words, a title word would only pull
    // notes that lack most of them above notes that lack one.
    if (result.total > 0 && result.total < kFewMatches && !request.text.empty() && request.like.empty()) {
        CompiledQuery named = compiler_.compile(request.text, false, true);
        if (named.query.get_description() != compiled.query.get_description()) {
            SearchResult wider;
            Xapian::MSet named_mset = run(full_query(named.query), request, wider);
            if (wider.total > result.total) {
                result = std::move(wider);
                mset = named_mset;
                compiled = std::move(named);
            }
        }
    }

    // Nothing has all the words: rank the notes that have any of them, and say so.
    if (result.total == 0 && !request.text.empty() && request.like.empty() && request.offset == 0) {
        result.did_you_mean = compiler_.spelling_suggestion(request.text);
        CompiledQuery any = compiler_.compile(request.text, true);
        if (any.query.get_description() != compiled.query.get_description()) {
            SearchResult fallback;
            Xapian::MSet any_mset = run(full_query(any.query), request, fallback);
            if (fallback.total > 0) {
                fallback.fell_back_to_any_word = true;
                fallback.did_you_mean = result.did_you_mean;
                result = std::move(fallback);
                mset = any_mset;
                compiled = std::move(any);
            }
        }
    }
    result.read_as_words_because = compiled.read_as_words_because;
    result.indexes = sources_.size();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        result.hits.push_back(hit_of(it, sources_, request.snippets));
        if (request.snippets)
            result.hits.back().snippet_plan = all_local_ ? passage_plan(it.get_document(), compiled.plan) : compiled.plan;
    }
    note_missing_words(db_, result.hits, compiled.optional_words);
    result.ignored_words = compiled.ignored;
    if (request.explain) {
        std::vector<Xapian::docid> notes;
        for (const auto& hit : result.hits) notes.push_back(hit.docid);
        auto explanations = explain_scores(db_, compiled.parts, notes);
        for (size_t i = 0; i < result.hits.size(); ++i) result.hits[i].explanation = std::move(explanations[i]);
    }
    if (request.snippets) add_snippets(result.hits);
    return result;
}

// Cuts the hits' snippets, half of them on a second thread with an Analyzer of its own: for
// a search that prints snippets this is most of the work left after the match.
void Searcher::add_snippets(std::vector<Hit>& hits) {
    auto cut = [&](Analyzer& analyzer, size_t from, size_t to) {
        SnippetMaker maker(analyzer);
        for (size_t i = from; i < to; ++i) {
            Hit& hit = hits[i];
            hit.snippet = maker.make(snippet_note(hit.vault, hit.note.path, decode_passages(hit.passages), hit.indexed),
                                     hit.snippet_plan);
        }
    };
    const size_t half = hits.size() / 2;
    if (half == 0) {
        cut(analyzer_, 0, hits.size());
        return;
    }
    std::thread helper([&] {
        Analyzer own(profile_);
        cut(own, half, hits.size());
    });
    cut(analyzer_, 0, half);
    helper.join();
}

}  // namespace recall
