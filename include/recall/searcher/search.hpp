// Running a search: the query and the filters compiled with the index's own analysis and
// fields, ranking, paging, facets, and each hit with its snippet.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "recall/core/document_codec.hpp"
#include "recall/core/index_store.hpp"
#include "recall/searcher/index_set.hpp"
#include "recall/searcher/explain.hpp"
#include "recall/searcher/query_compiler.hpp"
#include "recall/searcher/snippets.hpp"

namespace recall {

enum class SortOrder { Relevance, Newest, Oldest };

struct SearchRequest {
    std::string text;  // the query words; empty lists the filtered notes, newest first
    FilterOptions filters;
    SortOrder sort = SortOrder::Relevance;
    Xapian::doccount offset = 0, limit = 10;
    bool facets = false;       // count people, months and declared keyword fields over every match
    bool exact_count = false;  // count every match, however many
    // Else count exactly up to this many matches, Xapian's estimate beyond (0: estimate).
    Xapian::doccount count_exactly_up_to = 0;
    bool snippets = true;      // read each hit's note for its snippet
    // A note (vault or file path): rank the notes most like it, never itself; the words
    // then only restrict what matches.
    std::string like;
    bool explain = false;      // split each hit's score into its parts
};

// What a count for people counts exactly: on a 100,000-note vault, counting 62,000 matches
// adds 11 ms to a search (Xapian stops early otherwise); an estimate only beyond it.
inline constexpr Xapian::doccount kExactCountUpTo = 50'000;

struct Hit {
    StoredNote note;       // what the index holds of the note (its path: the file name's bytes)
    // The note's passages as indexed, compressed (schema::kSlotPassages), read only when the
    // request asks for snippets, and inflated by the thread that cuts the hit's snippet.
    std::string passages;
    MatchPlan snippet_plan;  // the query's groups that a passage of the note may hold
    IndexedNote indexed;   // to tell whether the file is still the one indexed
    Xapian::docid docid = 0;
    double score = 0;
    int percent = 0;
    std::vector<std::string> missing_words;  // plain query words the note lacks (relaxed matching)
    Snippet snippet;       // when the request asked for snippets
    std::string index;            // the index it came from, as named (IndexSource::name)
    std::filesystem::path vault;  // the vault that index was built from
    std::vector<ScoreLine> explanation;  // when the request asked for it
};

struct FacetCount {
    std::string value;  // a person's slug, a month ("2025-10"), a field's value
    std::string label;  // what to show: the person's name; else the value
    Xapian::doccount notes = 0;
};

struct Facet {
    std::string name;  // "people", "months", or a declared keyword field
    std::vector<FacetCount> counts;  // months in order, others most notes first
};

struct SearchResult {
    std::vector<Hit> hits;          // in rank order
    Xapian::doccount total = 0;     // matching notes: exact when total_exact, else an estimate
    bool total_exact = true;
    bool fell_back_to_any_word = false;
    std::string read_as_words_because;  // the syntax error, when the query was read as plain words
    std::vector<std::string> ignored_words;  // stopwords left out of matching
    std::string did_you_mean;       // a corrected query, or empty
    std::vector<Facet> facets;      // when asked for: people, months, then the declared keyword fields
    size_t indexes = 1;             // how many indexes were searched
};

// BM25 with b tuned for notes of very different lengths; docs/ranking.md explains it.
Xapian::BM25Weight ranking_weight();

class Searcher {
public:
    // db: one index or several (IndexSet); metadata: the index's (IndexStore::read_metadata),
    // not outdated; sources: db's indexes in order, with their vaults (for snippets).
    Searcher(const Xapian::Database& db, const IndexMetadata& metadata, std::vector<IndexSource> sources, const Date& today);
    ~Searcher();

    // Throws QueryError for a query or filter the user must fix.
    SearchResult search(const SearchRequest& request);

    const schema::FieldTable& fields() const { return fields_; }
    // For the commands built on the same index, analysis and query language (tasks, links).
    const Xapian::Database& db() const { return db_; }
    const std::vector<IndexSource>& sources() const { return sources_; }
    QueryCompiler& compiler() { return compiler_; }
    Analyzer& analyzer() { return analyzer_; }
    const Date& today() const { return today_; }
    // The vault's owner (the config's me:), whom owner:me and @Myself tasks mean.
    void set_me(std::string name) { compiler_.set_me(std::move(name)); }


private:
    Xapian::MSet run(const Xapian::Query& query, const SearchRequest& request, SearchResult& result);
    void add_snippets(std::vector<Hit>& hits);

    const Xapian::Database& db_;
    std::vector<IndexSource> sources_;
    bool all_local_;  // no index is served: a hit's term list is cheap to read
    AnalysisProfile profile_;
    Date today_;
    schema::FieldTable fields_;
    Analyzer analyzer_;
    QueryCompiler compiler_;
};

}  // namespace recall
