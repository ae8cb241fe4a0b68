// recall-index's work: bring the index of a vault up to date, incrementally or in full.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

#include "recall/core/config.hpp"
#include "recall/core/note.hpp"

namespace recall {

struct IndexOptions {
    Settings settings;
    bool full = false;     // rebuild from scratch into a new generation, then switch
    bool dry_run = false;  // report what would change; write nothing
    unsigned threads = 0;  // parser threads; 0 = one per core; more than usable_threads() are not used
    // Delete however many notes the vault lost, and index an empty vault (see DeletionRefused).
    bool allow_deletions = false;
};

struct IndexReport {
    size_t notes = 0;      // notes in the index after the run
    size_t added = 0, changed = 0, deleted = 0, unchanged = 0;
    size_t touched = 0;    // mtime moved, content identical: not re-indexed
    size_t skipped = 0;    // binary or too large files
    // Files and folders that could not be read now (permissions, I/O errors): what the
    // index held of them is kept, and the next run tries them again.
    size_t unreadable = 0;
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

// The run would delete more of the index than settings.max_delete_percent allows (and more
// than a few notes), or the vault has no notes at all while the index has some: the signs
// of an unmounted disk or a dropped network share. Nothing was changed.
class DeletionRefused : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Throws IndexBusy when another indexer holds the index, DeletionRefused, ConfigError or
// std::runtime_error (with the path and the reason) when the run cannot complete; the live
// index is then left as it was. A damaged index is rebuilt in full, with a warning.
IndexReport run_indexer(const IndexOptions& options, IndexObserver& observer);

// The worker threads a run uses when asked for `requested` (0: one per core): at most four
// per core, and few enough for the open-file limit (each shard of a full rebuild holds a
// Xapian database open).
unsigned usable_threads(unsigned requested);

}  // namespace recall
