// Writing a run's results into a Xapian database: documents added, replaced, touched and
// deleted, the spelling dictionary fed at the commit, and commits that bound memory.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "recall/indexer/pipeline.hpp"

namespace recall {

// Changes Xapian holds in memory before it writes them out within one transaction (an
// incremental run); the shards of a full rebuild commit smaller batches (indexer.cpp). This
// bounds the memory of a run whatever the size of the vault; larger batches do not speed it
// up. Xapian's XAPIAN_FLUSH_THRESHOLD, when set, overrides it (and is set to it otherwise).
size_t changes_in_memory();

// How much a writer holds before it writes out: documents, and bytes of the notes they come from.
struct WriteBatch {
    size_t documents = changes_in_memory();
    std::uintmax_t bytes = std::numeric_limits<std::uintmax_t>::max();
};

// One writable database and what is pending for it. An incremental run writes the live
// generation in one transaction: searches see the old index until it commits, and a crash
// at any point leaves the old index. A shard of a full rebuild commits as it goes (nobody
// reads it before it is published).
class IndexWriter {
public:
    // A writer commits (or, in a transaction, flushes) once it holds `batch`.
    IndexWriter(Xapian::WritableDatabase db, bool one_transaction, WriteBatch batch = {});
    ~IndexWriter();  // a run that fails or is refused changes nothing
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    // surely_new: add without looking for a document of the same path (a fresh shard).
    void add(const Result& r, bool surely_new);
    void add_copy(const Xapian::Document& doc);
    void remove(Xapian::docid docid);
    void commit();
    Xapian::WritableDatabase& db() { return db_; }

private:
    void changed();
    void flush_spelling();

    Xapian::WritableDatabase db_;
    bool transaction_;
    std::unordered_map<std::string, Xapian::termcount> spelling_;  // word -> notes, not yet given to Xapian
    WriteBatch batch_;
    size_t pending_ = 0;
    std::uintmax_t pending_bytes_ = 0;
};

}  // namespace recall
