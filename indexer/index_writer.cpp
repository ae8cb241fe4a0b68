#include "recall/indexer/index_writer.hpp"

#include <cstdlib>

#include "recall/core/crash_point.hpp"
#include "recall/core/schema.hpp"

namespace recall {

size_t changes_in_memory() {
    constexpr size_t kChangesInMemory = 2500;
    static const size_t n = [] {
        const char* value = std::getenv("XAPIAN_FLUSH_THRESHOLD");
        const long parsed = value ? std::strtol(value, nullptr, 10) : 0;
        if (parsed > 0) return static_cast<size_t>(parsed);
        ::setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(kChangesInMemory).c_str(), 1);
        return kChangesInMemory;
    }();
    return n;
}

IndexWriter::IndexWriter(Xapian::WritableDatabase db, bool one_transaction, WriteBatch batch)
    : db_(std::move(db)), transaction_(one_transaction), batch_(batch) {
    if (transaction_) db_.begin_transaction();
}

IndexWriter::~IndexWriter() {
    if (!transaction_) return;
    try {
        db_.cancel_transaction();
    } catch (const Xapian::Error&) {
    }
}

void IndexWriter::add(const Result& r, bool surely_new) {
    switch (r.outcome) {
        case Result::Outcome::Unreadable:
        case Result::Outcome::Gone: return;  // the index keeps what it had
        case Result::Outcome::Touched: {
            // Same content, new mtime: remember the mtime so the file is not read again.
            Xapian::Document doc = db_.get_document(r.item->indexed->docid);
            doc.add_value(schema::kSlotMtime, std::to_string(r.facts.mtime_ns));
            db_.replace_document(r.item->indexed->docid, doc);
            break;
        }
        case Result::Outcome::Indexed:
        case Result::Outcome::Skipped:
            for (const auto& w : r.spelling) ++spelling_[w];
            pending_bytes_ += r.facts.size;
            if (surely_new) db_.add_document(r.doc);
            else db_.replace_document(schema::id_term(r.item->file->relative), r.doc);
            break;
    }
    changed();
}

void IndexWriter::add_copy(const Xapian::Document& doc) {
    db_.add_document(doc);
    changed();
}

void IndexWriter::remove(Xapian::docid docid) {
    db_.delete_document(docid);
    changed();
}

// The words of a batch go to the spelling dictionary in one go.
void IndexWriter::flush_spelling() {
    for (const auto& [word, count] : spelling_) db_.add_spelling(word, count);
    spelling_.clear();
}

void IndexWriter::commit() {
    flush_spelling();
    if (transaction_) {
        db_.commit_transaction();
        transaction_ = false;
    } else {
        db_.commit();
    }
    pending_ = 0;
    pending_bytes_ = 0;
}

void IndexWriter::changed() {
    // The spelling words wait for the last commit, or until they are many: each flush makes
    // Xapian look every word up in its spelling table, once per batch, and a vault has far
    // fewer distinct words than batches times words. The counts, summed, are the same.
    constexpr size_t kSpellingWordsInMemory = 100'000;
    if (spelling_.size() > kSpellingWordsInMemory) flush_spelling();
    if (++pending_ < batch_.documents && pending_bytes_ < batch_.bytes) return;
    if (transaction_) {
        crash_point("batch");
    } else {
        db_.commit();
        crash_point("shard-commit");
    }
    pending_ = 0;
    pending_bytes_ = 0;
}

}  // namespace recall
