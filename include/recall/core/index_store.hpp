// The index folder on disk: generations, the stub that names the live one, and the lock.
//
//   <index>/XAPIANDB              stub file: "auto db-000007", the live generation, then a
//                                 comment "# previous db-000006" naming the generation that
//                                 was live before it (Xapian skips '#' lines)
//   <index>/db-000007/            the live Xapian database, updated in place by incremental
//                                 runs, each in one transaction
//   <index>/db-000006/            the previous generation, kept one run for searches that
//                                 opened it just before the switch
//   <index>/db-000008.building/   a full rebuild in progress; published by renaming it and
//                                 rewriting the stub, so readers see the old or the new index
//   <index>/lock                  held (flock) by the one indexer that may run
//
// Both names change in one rename of the stub, so after a crash at any point the stub
// still says which generation readers use and which one they used before; everything
// else named db-* is a leftover that no reader ever opened, and is removed.
// Xapian opens the folder itself as a database (it follows the stub), so a searcher just
// opens <index>.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include <xapian.h>

#include "recall/core/analysis_profile.hpp"
#include "recall/core/fields.hpp"

namespace recall {

// What an index says about itself: written at the end of every indexer run, read by the
// searcher, which takes its analysis and its fields from here and never from the config.
struct IndexMetadata {
    std::string schema_version;               // schema::kSchemaVersion of the recall that wrote it
    std::string vault;                        // absolute path of the vault it indexes
    std::optional<AnalysisProfile> profile;   // nothing when missing or unreadable (an older index)
    std::optional<std::vector<schema::DeclaredField>> fields;  // likewise
    std::string last_run;                     // JSON summary of the last run
};

// Another recall-index holds the lock.
class IndexBusy : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// No index at the given place.
class IndexMissing : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class IndexStore {
public:
    explicit IndexStore(std::filesystem::path folder);

    const std::filesystem::path& folder() const { return folder_; }
    bool exists() const;
    std::optional<std::filesystem::path> live_generation() const;

    // Creates the folder (owner-only permissions) if needed and takes the lock, or throws
    // IndexBusy. An existing folder keeps its permissions; one its owner made read-only
    // (chmod 500) is refused with a message rather than changed back.
    class Lock;
    Lock lock() const;

    // A fresh, empty folder for a full rebuild, numbered past every generation there is.
    std::filesystem::path begin_generation() const;
    // Makes a finished generation the live one, atomically, and returns its final path; the
    // generation that was live becomes the previous one.
    std::filesystem::path publish(const std::filesystem::path& building) const;
    // Removes everything but the live and the previous generation: unfinished rebuilds,
    // their shards, generations left by a crash before the stub switched, and older ones.
    void remove_stale() const;

    // Opens the live index for reading; throws IndexMissing.
    Xapian::Database open_for_reading() const;

    static IndexMetadata read_metadata(const Xapian::Database& db);
    static void write_metadata(Xapian::WritableDatabase& db, const IndexMetadata& metadata);
    // Why an index cannot be searched as it is (built by another version of recall), or
    // nothing when it can.
    static std::optional<std::string> outdated(const IndexMetadata& metadata);

    // A quick look for damage in the live generation, for the start of every run: opens it
    // and reads the metadata and a sample of documents spread over the docid range (their
    // data, terms, positions, values and postings), a few milliseconds at any size. Returns
    // what is wrong ("DatabaseError: EOF reading block 152"), or nothing.
    std::optional<std::string> damage() const;

private:
    struct Stub {
        std::string live, previous;  // generation names; empty when none
    };
    Stub read_stub() const;

    std::filesystem::path folder_;
};

class IndexStore::Lock {
public:
    explicit Lock(int fd) : fd_(fd) {}
    Lock(Lock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;
    Lock& operator=(Lock&&) = delete;
    ~Lock();

private:
    int fd_;
};

}  // namespace recall
