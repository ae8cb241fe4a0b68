// recall-index's work: bring the index of a vault up to date, incrementally or in full.
#pragma once

#include <cstddef>
#include <string>

#include "recall/config.hpp"
#include "recall/note.hpp"

namespace recall {

struct IndexOptions {
    Settings settings;
    bool full = false;     // rebuild from scratch into a new generation, then switch
    bool dry_run = false;  // report what would change; write nothing
    unsigned threads = 0;  // parser threads; 0 = one per core
};

struct IndexReport {
    size_t notes = 0;      // notes in the index after the run
    size_t added = 0, changed = 0, deleted = 0, unchanged = 0;
    size_t touched = 0;    // mtime moved, content identical: not re-indexed
    size_t skipped = 0;    // binary, too large or unreadable files
    size_t warnings = 0;
    bool rebuilt = false;  // a full rebuild happened (asked for, first run, or schema change)
    std::string rebuild_reason;
    double seconds = 0;
};

// How a run talks to its user; the command line decides what to show.
class IndexObserver {
public:
    virtual ~IndexObserver() = default;
    virtual void warning(const Warning&) {}
    virtual void progress(size_t /*done*/, size_t /*total*/) {}
    // One call per note added, changed or deleted ("new", "changed", "deleted"); in a dry
    // run, per note that would be.
    virtual void changed(std::string_view /*what*/, std::string_view /*vault_path*/) {}
};

// Throws IndexBusy when another indexer holds the index, ConfigError or std::runtime_error
// (with the path and the reason) when the run cannot complete; the live index is then
// left as it was.
IndexReport run_indexer(const IndexOptions& options, IndexObserver& observer);

}  // namespace recall
