// What a run must do: the index as the last run left it (read from value streams, no
// document opened), whether it must be rebuilt, and which files are new, changed, touched
// or gone.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "recall/core/config.hpp"
#include "recall/core/index_store.hpp"
#include "recall/indexer/vault_scanner.hpp"

namespace recall {

// What the index knows of a file from the last run.
struct IndexedFile {
    Xapian::docid docid = 0;
    std::int64_t mtime_ns = 0;
    std::uintmax_t size = 0;
    std::string hash;
    bool seen = false;   // the scan found it
    bool retry = false;  // a record of a skip whose reason was not kept (older indexes): read again
};

// By vault path.
using IndexState = std::unordered_map<std::string, IndexedFile>;

// Path, mtime, size and hash of every document, from their value streams.
IndexState load_state(const Xapian::Database& db);

// The live index as this run finds it.
struct ExistingIndex {
    bool exists = false;
    std::optional<std::string> damage;  // what is wrong with it; the run rebuilds it
    IndexMetadata metadata;
    IndexState state;  // empty when there is no index or it is damaged
};

// Looks at the live index: is there one, is it whole, what does it hold. Throws when it
// belongs to another vault. A damaged index is not an error here: the run rebuilds it.
ExistingIndex inspect_index(const IndexStore& store, const Settings& settings);

// Why the index must be built anew (no index, damage, another schema, analysis or set of
// declared fields), or nothing when it can be updated in place.
std::optional<std::string> rebuild_reason(const ExistingIndex& existing, const Settings& settings);

enum class Change { New, Changed, MaybeTouched };  // MaybeTouched: only the mtime moved

struct WorkItem {
    const VaultFile* file;
    Change change;
    const IndexedFile* indexed;  // null for new files
};

struct Changes {
    std::vector<WorkItem> work;  // files to read
    size_t unchanged = 0;
    // Notes the vault no longer has, and those not seen because they are below a folder
    // that could not be read (kept as the index has them).
    std::vector<const IndexState::value_type*> deleted, kept;
};

// Compares the scan with the state (marking what the scan found as seen); full: every file
// is read.
Changes detect_changes(const VaultScan& scan, IndexState& state, bool full);

}  // namespace recall
