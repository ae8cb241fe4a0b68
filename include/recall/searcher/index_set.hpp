// Several indexes searched as one. Each --index (or each entry of `indexes:` in the config)
// is a local index folder, a Xapian stub file (which may hold a `remote` line), an index
// served by `recall serve` (remote:HOST:PORT) or one reached over ssh through
// xapian-progsrv (ssh:HOST:/path/to/index). Xapian merges their statistics, so a hit ranks
// as it would in one index of everything; docs/scaling.md explains the setup.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "recall/core/index_store.hpp"

namespace recall {

struct IndexSpec {
    enum class Kind { Local, Tcp, Ssh };
    Kind kind = Kind::Local;
    std::string text;             // as the user wrote it: how hits and errors name the index
    std::filesystem::path path;   // Local: the folder or stub file; Ssh: the path on the host
    std::string host;             // Tcp, Ssh
    unsigned port = 0;            // Tcp
};

// "remote:HOST:PORT", "ssh:HOST:/path", else a local path. Throws std::invalid_argument
// with a message naming the spec.
IndexSpec parse_index_spec(const std::string& text);

// One of the set's indexes: its name (the spec as written) and the vault it was built from.
struct IndexSource {
    std::string name;
    std::filesystem::path vault;
    // Served or behind a stub file: reading a document's term list there costs a message
    // per term, so nothing per hit may read one.
    bool maybe_remote = false;
};

// An index that cannot be searched (down, unreachable, too slow, not a recall index); the
// message names it.
class IndexUnavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct IndexSetOptions {
    double timeout_seconds = 10;  // a remote index that takes longer to answer has failed
    bool allow_partial = false;   // skip the indexes that fail (with a warning) instead of stopping
};

struct IndexSet {
    Xapian::Database db;               // all the indexes, as one
    IndexMetadata metadata;            // the first index's; the others agree with it
    std::vector<IndexSource> sources;  // in the order they were added to db
    std::vector<std::string> skipped;  // with allow_partial: why each failed index was left out
};

// Opens every index and checks that they can be searched together (the same version of
// the schema, the same analysis and declared fields). Throws IndexUnavailable naming the
// first index that fails (with allow_partial: only when every index fails).
IndexSet open_index_set(const std::vector<IndexSpec>& specs, const IndexSetOptions& options);

// Which of the indexes no longer answer, by opening each remote one again: after a
// Xapian::NetworkError in the middle of a search, to name the culprit.
std::vector<IndexSpec> unreachable_indexes(const std::vector<IndexSpec>& specs, const IndexSetOptions& options);

// The index a document of a set of n came from: Xapian interleaves the docids.
inline size_t source_of(Xapian::docid did, size_t n) { return n == 0 ? 0 : (did - 1) % n; }

}  // namespace recall
