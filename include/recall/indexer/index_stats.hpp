// What `recall-index --stats` reports about an index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "recall/core/date.hpp"
#include "recall/core/index_store.hpp"

namespace recall {

struct IndexStats {
    std::string folder, vault;
    std::uintmax_t bytes = 0;       // on disk, live generation
    std::uint64_t notes = 0, skipped = 0, people = 0, postings = 0;
    std::optional<Date> first_date, last_date;
    std::string last_run_json;      // the indexer's summary of its last run
};

// Throws IndexMissing when there is no index.
IndexStats read_index_stats(const IndexStore& store);

}  // namespace recall
