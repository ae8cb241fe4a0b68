// Running a search: query plus filters, ranking, paging, facets.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "recall/query_builder.hpp"

namespace recall {

enum class SortOrder { Relevance, Newest, Oldest };

struct SearchRequest {
    std::string text;  // the query words; empty lists the filtered notes, newest first
    Filters filters;
    SortOrder sort = SortOrder::Relevance;
    Xapian::doccount offset = 0, limit = 10;
    bool facets = false;      // count people and months over the whole match set
    bool exact_count = false; // count every match, however many
    // Else count exactly up to this many matches, Xapian's estimate beyond (0: estimate).
    Xapian::doccount count_exactly_up_to = 0;
};

// What a count for people counts exactly: on a 100,000-note vault, counting 62,000 matches
// adds 11 ms to a search (Xapian stops early otherwise); an estimate only beyond it.
inline constexpr Xapian::doccount kExactCountUpTo = 50'000;

// What the document data holds about a hit.
struct HitInfo {
    std::string path, title, date, type;
    std::vector<std::pair<std::string, std::string>> people;  // name, slug
    std::vector<std::string> tags;
    std::uintmax_t size = 0;  // of the note file, as indexed
    std::string hash;         // of its content, as indexed
};

struct SearchResult {
    Xapian::Query query;            // what was run, filters included
    Xapian::MSet mset;
    std::vector<HitInfo> hits;      // in rank order, one per mset item
    Xapian::doccount total = 0;     // matching notes: exact when total_exact, else an estimate
    bool total_exact = true;
    bool fell_back_to_any_word = false;
    std::string did_you_mean;       // a corrected query, or empty
    std::vector<std::pair<std::string, Xapian::doccount>> people_facet;  // slug, notes; most first
    std::vector<std::pair<std::string, Xapian::doccount>> month_facet;   // "2025-10", notes; by month
};

// BM25 with b tuned for notes of very different lengths; docs/ranking.md explains it.
Xapian::BM25Weight ranking_weight();

class Searcher {
public:
    Searcher(const Xapian::Database& db, const std::string& language, const Date& today);

    // Throws QueryError for a query or filter the user must fix.
    SearchResult search(const SearchRequest& request);

    QueryBuilder& queries() { return builder_; }

private:
    Xapian::MSet run(const Xapian::Query& query, const SearchRequest& request, SearchResult& result);

    const Xapian::Database& db_;
    QueryBuilder builder_;
};

HitInfo hit_info(const Xapian::Document& doc);

}  // namespace recall
