// The index folder on disk: generations, the stub that names the live one, and the lock.
//
//   <index>/XAPIANDB              stub file: "auto db-000007", the live generation
//   <index>/db-000007/            the live Xapian database, updated in place by incremental runs
//   <index>/db-000008.building/   a full rebuild in progress; published by renaming it and
//                                 rewriting the stub, so readers see the old or the new index
//   <index>/lock                  held (flock) by the one indexer that may run
//
// Xapian opens the folder itself as a database (it follows the stub), so a searcher just
// opens <index>.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include <xapian.h>

namespace recall {

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

    // Creates the folder (owner-only permissions) and takes the lock, or throws IndexBusy.
    class Lock;
    Lock lock() const;

    // A fresh, empty folder for a full rebuild.
    std::filesystem::path begin_generation() const;
    // Makes a finished generation the live one, atomically, and returns its final path.
    std::filesystem::path publish(const std::filesystem::path& building) const;
    // Removes unfinished rebuilds and generations older than the previous one (a search
    // that started just before a publish may still be reading that).
    void remove_stale() const;

    // Opens the live index for reading; throws IndexMissing.
    Xapian::Database open_for_reading() const;

private:
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
