// The round-trip vault: notes in every script and with every field and filter, and the
// index and search that the round-trip tests drive.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "recall/searcher/query_compiler.hpp"

namespace recall::test {

// vault path -> Markdown text
const std::map<std::string, std::string>& roundtrip_notes();

// The 1-based line of the first line of a note that contains marker.
int line_of(const std::string& path, const std::string& marker);

struct Hit {
    std::string path;
    int line = 0;          // of the snippet
    std::string snippet;   // with highlight marks
};

// The notes indexed with the indexer's document builder into a real Xapian database on
// disk, searched with the query compiler and cut with the snippet maker.
class RoundTripIndex {
public:
    RoundTripIndex();
    ~RoundTripIndex();
    // Throws QueryError like the search does.
    std::vector<Hit> search(const std::string& query, const FilterOptions& filters = {});
    std::vector<std::string> paths(const std::string& query, const FilterOptions& filters = {});
    // "Did you mean": the query with its unknown words corrected, or empty.
    std::string spelling(const std::string& query);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace recall::test
