#include "recall/search.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>

#include "recall/schema.hpp"

namespace recall {
namespace {

// Counts the people of every matching note (a note has many, so a ValueCountMatchSpy,
// which counts whole slot values, would not do).
class PeopleSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document& doc, double) override {
        const std::string value = doc.get_value(schema::kSlotPeople);
        size_t start = 0;
        while (start < value.size()) {
            size_t end = value.find('\n', start);
            if (end == std::string::npos) end = value.size();
            if (end > start) ++counts[value.substr(start, end - start)];
            start = end + 1;
        }
    }
    std::map<std::string, Xapian::doccount> counts;
};

}  // namespace

Xapian::BM25Weight ranking_weight() {
    // k1, k2, k3, b, min_normlen: Xapian's defaults but for k1 = 1.2, the usual value. On
    // the benchmark's known-item queries b = 0.5 beat 0.75 (MRR@10 0.982 against 0.969):
    // notes differ in length for reasons (pasted detail) that say little about relevance.
    return Xapian::BM25Weight(1.2, 0, 1, 0.5, 0.5);
}

HitInfo hit_info(const Xapian::Document& doc) {
    HitInfo info;
    // The path slot holds the file name's bytes as they are; the JSON data can hold UTF-8
    // only, so a name that is not valid UTF-8 has replacement characters there.
    info.path = doc.get_value(schema::kSlotPath);
    info.size = std::strtoull(doc.get_value(schema::kSlotSize).c_str(), nullptr, 10);
    info.hash = doc.get_value(schema::kSlotHash);
    const auto data = nlohmann::json::parse(doc.get_data(), nullptr, false);
    if (!data.is_object()) {
        info.title = info.path;
        return info;
    }
    info.title = data.value("title", "");
    info.date = data.value("date", "");
    info.type = data.value("type", "");
    for (const auto& p : data.value("people", nlohmann::json::array()))
        info.people.emplace_back(p.value("name", ""), p.value("slug", ""));
    for (const auto& t : data.value("tags", nlohmann::json::array()))
        if (t.is_string()) info.tags.push_back(t.get<std::string>());
    return info;
}

Searcher::Searcher(const Xapian::Database& db, const std::string& language, const Date& today)
    : db_(db), builder_(db, language, today) {}

Xapian::MSet Searcher::run(const Xapian::Query& query, const SearchRequest& request, SearchResult& result) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(ranking_weight());
    const bool listing = request.text.empty();
    if (request.sort == SortOrder::Newest || (listing && request.sort == SortOrder::Relevance))
        enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
    else if (request.sort == SortOrder::Oldest)
        enquire.set_sort_by_value_then_relevance(schema::kSlotDate, false);

    PeopleSpy people;
    Xapian::ValueCountMatchSpy dates(schema::kSlotDate);
    if (request.facets) {
        enquire.add_matchspy(&people);
        enquire.add_matchspy(&dates);
    }
    const bool exact = request.facets || request.exact_count;
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, exact ? db_.get_doccount() : request.count_exactly_up_to);
    result.total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    if (request.facets) {
        result.people_facet.assign(people.counts.begin(), people.counts.end());
        std::stable_sort(result.people_facet.begin(), result.people_facet.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        std::map<std::string, Xapian::doccount> months;
        for (auto it = dates.values_begin(); it != dates.values_end(); ++it) {
            const std::string ymd = *it;
            if (ymd.size() == 8) months[ymd.substr(0, 4) + "-" + ymd.substr(4, 2)] += it.get_termfreq();
        }
        result.month_facet.assign(months.begin(), months.end());
    }
    return mset;
}

SearchResult Searcher::search(const SearchRequest& request) {
    SearchResult result;
    Xapian::Query filters = builder_.filters(request.filters);
    // Records of skipped files carry no text, but a pure filter listing would reach them.
    const Xapian::Query skipped{std::string(schema::kSkippedTerm)};
    auto full_query = [&](const Xapian::Query& text) {
        Xapian::Query q = text.empty() ? Xapian::Query::MatchAll : text;
        if (!filters.empty() && filters.get_type() != Xapian::Query::LEAF_MATCH_ALL)
            q = Xapian::Query(Xapian::Query::OP_FILTER, q, filters);
        return Xapian::Query(Xapian::Query::OP_AND_NOT, q, skipped);
    };

    Xapian::Query text;
    if (!request.text.empty()) text = builder_.parse(request.text, false);
    result.query = full_query(text);
    result.mset = run(result.query, request, result);

    // Nothing has all the words: rank the notes that have any of them, and say so.
    if (result.total == 0 && !request.text.empty() && request.offset == 0) {
        result.did_you_mean = builder_.spelling_suggestion(request.text);
        Xapian::Query any = builder_.parse(request.text, true);
        if (any.get_length() > 1 || any.get_type() != text.get_type()) {
            SearchResult fallback;
            fallback.query = full_query(any);
            fallback.mset = run(fallback.query, request, fallback);
            if (fallback.total > 0) {
                fallback.fell_back_to_any_word = true;
                fallback.did_you_mean = result.did_you_mean;
                result = std::move(fallback);
            }
        }
    }
    for (auto it = result.mset.begin(); it != result.mset.end(); ++it) result.hits.push_back(hit_info(it.get_document()));
    return result;
}

}  // namespace recall
