#include "recall/indexer.hpp"

#include <sys/resource.h>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "recall/crash_point.hpp"
#include "recall/document_builder.hpp"
#include "recall/human_format.hpp"
#include "recall/index_store.hpp"
#include "recall/note_parser.hpp"
#include "recall/schema.hpp"
#include "recall/vault_scanner.hpp"

namespace recall {
namespace fs = std::filesystem;
namespace {

// Changes Xapian holds in memory before it writes them out: within one transaction (an
// incremental run) or between the commits of a shard (a full rebuild). This bounds the
// memory of a run whatever the size of the vault; larger batches barely speed it up.
// Xapian's XAPIAN_FLUSH_THRESHOLD, when set, overrides it.
constexpr size_t kChangesInMemory = 2500;

size_t changes_in_memory() {
    static const size_t n = [] {
        const char* value = std::getenv("XAPIAN_FLUSH_THRESHOLD");
        const long parsed = value ? std::strtol(value, nullptr, 10) : 0;
        if (parsed > 0) return static_cast<size_t>(parsed);
        ::setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(kChangesInMemory).c_str(), 1);
        return kChangesInMemory;
    }();
    return n;
}
// Deleting this many notes is never refused, whatever the share of the index.
constexpr size_t kDeletionsAlwaysAllowed = 10;
// Changes an incremental run makes in place: four batches (10,000 by default); more, when
// they are also more than half of the index, are made by a full rebuild instead.
size_t large_change() { return 4 * changes_in_memory(); }

// What the index knows of a file from the last run.
struct IndexedFile {
    Xapian::docid docid = 0;
    std::int64_t mtime_ns = 0;
    std::uintmax_t size = 0;
    std::string hash;
    bool seen = false;
    bool retry = false;  // a record of a skip whose reason was not kept (older indexes): read again
};

using IndexState = std::unordered_map<std::string, IndexedFile>;

// Reads path, mtime, size and hash of every document from their value streams: no document
// is opened, which keeps a run with nothing to do fast on large vaults.
IndexState load_state(const Xapian::Database& db) {
    IndexState state;
    state.reserve(db.get_doccount());
    std::unordered_map<Xapian::docid, IndexedFile*> by_docid;
    for (auto it = db.valuestream_begin(schema::kSlotPath); it != db.valuestream_end(schema::kSlotPath); ++it) {
        auto& entry = state[*it];
        entry.docid = it.get_docid();
        by_docid[entry.docid] = &entry;
    }
    auto read_slot = [&](unsigned slot, auto assign) {
        for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it)
            if (auto found = by_docid.find(it.get_docid()); found != by_docid.end()) assign(*found->second, *it);
    };
    read_slot(schema::kSlotMtime, [](IndexedFile& f, const std::string& v) { f.mtime_ns = std::stoll(v); });
    read_slot(schema::kSlotSize, [](IndexedFile& f, const std::string& v) { f.size = std::stoull(v); });
    read_slot(schema::kSlotHash, [](IndexedFile& f, const std::string& v) { f.hash = v; });
    const std::string skipped(schema::kSkippedTerm);
    for (auto it = db.postlist_begin(skipped); it != db.postlist_end(skipped); ++it)
        if (auto found = by_docid.find(*it); found != by_docid.end())
            found->second->retry = db.get_document(*it).get_data().empty();
    return state;
}

enum class Change { New, Changed, MaybeTouched };

struct WorkItem {
    const VaultFile* file;
    Change change;
    const IndexedFile* indexed;  // null for new files
};

struct Result {
    const WorkItem* item = nullptr;
    enum class Outcome {
        Indexed,
        Touched,     // same content, new mtime
        Skipped,     // binary or too large: recorded, so that it is not read again until it changes
        Unreadable,  // cannot be read now: left as the index has it, tried again next run
        Gone,        // deleted since the scan: left for the next run to delete
    } outcome = Outcome::Indexed;
    Xapian::Document doc;
    std::vector<std::string> spelling;
    std::vector<Warning> warnings;
    FileFacts facts;
};

// The record of a skipped file: its facts, so that an unchanged file is not read and
// warned about again, and the reason, so that a later version can tell skips apart.
Xapian::Document skipped_record(const std::string& path, const FileFacts& facts, const std::string& reason) {
    Xapian::Document doc;
    doc.add_boolean_term(schema::id_term(path));
    doc.add_boolean_term(std::string(schema::kSkippedTerm));
    doc.add_value(schema::kSlotMtime, std::to_string(facts.mtime_ns));
    doc.add_value(schema::kSlotSize, std::to_string(facts.size));
    doc.add_value(schema::kSlotHash, facts.hash);
    doc.add_value(schema::kSlotPath, path);
    doc.set_data(reason);
    return doc;
}

// Reads, hashes, parses and builds one document. Never throws: a note that cannot be
// indexed becomes a warning, and the run goes on.
Result process(const VaultRoot& root, const WorkItem& item, DocumentBuilder& builder, const ParseOptions& parse_options) {
    Result r;
    r.item = &item;
    const std::string& path = item.file->relative;
    try {
        NoteBytes read = read_note_bytes(root, path, parse_options.max_file_bytes);
        r.facts = {read.mtime_ns, read.size, {}};
        if (!read.bytes && read.transient) {
            r.outcome = read.error_number == ENOENT ? Result::Outcome::Gone : Result::Outcome::Unreadable;
            if (r.outcome == Result::Outcome::Unreadable)
                r.warnings.push_back({path, 0, read.error + "; kept as the index has it, tried again next run"});
            return r;
        }
        if (!read.bytes) {
            r.outcome = Result::Outcome::Skipped;
            r.warnings.push_back({path, 0, read.error});
            r.doc = skipped_record(path, r.facts, read.error);
            return r;
        }
        r.facts.hash = schema::content_hash(*read.bytes);
        if (item.change == Change::MaybeTouched && item.indexed && item.indexed->hash == r.facts.hash) {
            r.outcome = Result::Outcome::Touched;
            return r;
        }
        Note note = parse_note(*read.bytes, path);
        r.warnings = std::move(note.warnings);
        r.doc = builder.build(note, r.facts, &r.spelling);
    } catch (const std::exception& e) {
        const FileFacts facts = r.facts;
        r = Result{};
        r.item = &item;
        r.outcome = Result::Outcome::Skipped;
        r.facts = facts;
        const std::string reason = std::string("skipped: cannot index (") + e.what() + ")";
        r.warnings.push_back({path, 0, reason});
        r.doc = skipped_record(path, r.facts, reason);
    }
    return r;
}

// Runs process() on worker threads and hands results to the caller's thread in completion
// order; the queue is bounded so a slow writer does not let documents pile up in memory.
class Pipeline {
public:
    Pipeline(const VaultRoot& root, const std::vector<WorkItem>& work, unsigned threads, const std::string& language,
             const ParseOptions& parse_options)
        : work_(work) {
        for (unsigned t = 0; t < threads; ++t)
            workers_.emplace_back([this, &root, language, parse_options] {
                DocumentBuilder builder(language);
                for (size_t i; (i = next_.fetch_add(1)) < work_.size();) {
                    Result r = process(root, work_[i], builder, parse_options);
                    std::unique_lock lock(mutex_);
                    space_.wait(lock, [&] { return ready_.size() < kMaxQueued || stopping_; });
                    if (stopping_) return;
                    ready_.push_back(std::move(r));
                    available_.notify_one();
                }
            });
    }
    ~Pipeline() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            next_ = work_.size();
        }
        space_.notify_all();
        for (auto& w : workers_) w.join();
    }
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    Result next() {
        std::unique_lock lock(mutex_);
        available_.wait(lock, [&] { return !ready_.empty(); });
        Result r = std::move(ready_.front());
        ready_.pop_front();
        space_.notify_one();
        return r;
    }

private:
    static constexpr size_t kMaxQueued = 512;
    const std::vector<WorkItem>& work_;
    std::atomic<size_t> next_{0};
    std::mutex mutex_;
    std::condition_variable available_, space_;
    std::deque<Result> ready_;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

// Adds the words of a batch to the spelling dictionary in one go.
class SpellingBatch {
public:
    void add(const std::vector<std::string>& words) {
        for (const auto& w : words) ++counts_[w];
    }
    void flush(Xapian::WritableDatabase& db) {
        for (const auto& [word, count] : counts_) db.add_spelling(word, count);
        counts_.clear();
    }

private:
    std::unordered_map<std::string, Xapian::termcount> counts_;
};

std::string now_iso() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

// Two spellings of one folder: trailing slashes, "..", links.
bool same_folder(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::equivalent(a, b, ec)) return true;
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

// The live index as this run finds it.
struct Existing {
    bool exists = false;
    std::optional<std::string> damage;
    IndexState state;  // empty when there is no index or it is damaged
};

// Looks at the live index: is there one, is it whole, does it belong to this vault, what
// does it hold. A damaged index is not an error here: the run rebuilds it.
Existing inspect(const IndexStore& store, const Settings& settings) {
    Existing e;
    e.exists = store.exists();
    if (!e.exists) return e;
    e.damage = store.damage();
    if (e.damage) return e;
    try {
        const Xapian::Database db = store.open_for_reading();
        const std::string vault = db.get_metadata(std::string(schema::kMetaVault));
        if (!vault.empty() && !same_folder(vault, settings.vault))
            throw std::runtime_error(store.folder().string() + ": this index belongs to the vault " + vault + ", not " +
                                     settings.vault.string() +
                                     "; pass --index to choose another index folder, or delete this one");
        e.state = load_state(db);
    } catch (const Xapian::Error& error) {
        e.damage = error.get_description();
    }
    return e;
}

// Why the index must be built anew, or nothing when it can be updated in place.
std::optional<std::string> rebuild_reason(const IndexStore& store, const Existing& existing, const Settings& settings) {
    if (!existing.exists) return "no index yet";
    if (existing.damage) return "the index was damaged";
    const Xapian::Database db = store.open_for_reading();
    if (db.get_metadata(std::string(schema::kMetaSchemaVersion)) != schema::kSchemaVersion)
        return "index format changed";
    if (db.get_metadata(std::string(schema::kMetaLanguage)) != settings.language) return "stemming language changed";
    return std::nullopt;
}

// Worker threads report through this: one call at a time reaches the observer, and the
// report's counts stay consistent. It also keeps the content hashes of new notes, which
// tell a renamed note from a deleted one.
class Tally {
public:
    // track_renames: keep the hashes of new notes (only a run that deletes notes needs them).
    Tally(IndexObserver& observer, IndexReport& report, size_t total, bool track_renames)
        : observer_(observer), report_(report), total_(total), track_renames_(track_renames) {}

    void record(const Result& r) {
        std::lock_guard lock(mutex_);
        for (const auto& w : r.warnings) observer_.warning(w);
        report_.warnings += r.warnings.size();
        const WorkItem& item = *r.item;
        switch (r.outcome) {
            case Result::Outcome::Touched: ++report_.touched; break;
            case Result::Outcome::Skipped: ++report_.skipped; break;
            case Result::Outcome::Unreadable: ++report_.unreadable; break;
            case Result::Outcome::Gone: break;
            case Result::Outcome::Indexed:
                ++(item.change == Change::New ? report_.added : report_.changed);
                observer_.changed(item.change == Change::New ? "new" : "changed", item.file->relative);
                break;
        }
        if (track_renames_ && item.change == Change::New && !r.facts.hash.empty()) new_hashes_.insert(r.facts.hash);
        if (r.outcome == Result::Outcome::Unreadable || r.outcome == Result::Outcome::Gone)
            not_read_.push_back(item.file->relative);
        observer_.progress(++done_, total_);
    }

    // Content that appeared under a new path in this run.
    bool appeared(const std::string& hash) const { return !hash.empty() && new_hashes_.count(hash); }
    // Files scanned but not read: their old documents are kept.
    const std::vector<std::string>& not_read() const { return not_read_; }

private:
    std::mutex mutex_;
    IndexObserver& observer_;
    IndexReport& report_;
    size_t total_, done_ = 0;
    bool track_renames_;
    std::unordered_set<std::string> new_hashes_;
    std::vector<std::string> not_read_;
};

// One writable database and what is pending for it. An incremental run writes the live
// generation in one transaction: searches see the old index until it commits, and a crash
// at any point leaves the old index. A shard of a full rebuild commits as it goes (nobody
// reads it before it is published).
class Writer {
public:
    Writer(Xapian::WritableDatabase db, bool one_transaction) : db_(std::move(db)), transaction_(one_transaction) {
        if (transaction_) db_.begin_transaction();
    }
    ~Writer() {
        if (!transaction_) return;
        try {
            db_.cancel_transaction();  // a run that fails or is refused changes nothing
        } catch (const Xapian::Error&) {
        }
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void add(const Result& r, bool surely_new) {
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
                spelling_.add(r.spelling);
                if (surely_new) db_.add_document(r.doc);
                else db_.replace_document(schema::id_term(r.item->file->relative), r.doc);
                break;
        }
        changed();
    }
    void add_copy(const Xapian::Document& doc) {
        db_.add_document(doc);
        changed();
    }
    void remove(Xapian::docid docid) {
        db_.delete_document(docid);
        changed();
    }
    void commit() {
        spelling_.flush(db_);
        if (transaction_) {
            db_.commit_transaction();
            transaction_ = false;
        } else {
            db_.commit();
        }
        pending_ = 0;
    }
    Xapian::WritableDatabase& db() { return db_; }

private:
    void changed() {
        if (++pending_ < changes_in_memory()) return;
        if (transaction_) {
            spelling_.flush(db_);  // into Xapian's own buffers; written at the commit
            crash_point("batch");
        } else {
            spelling_.flush(db_);
            db_.commit();
            crash_point("shard-commit");
        }
        pending_ = 0;
    }

    Xapian::WritableDatabase db_;
    bool transaction_;
    SpellingBatch spelling_;
    size_t pending_ = 0;
};

// What a run must read: every file for a full rebuild, else the new and changed ones.
std::vector<WorkItem> plan_work(const VaultScan& scan, IndexState& state, bool full, size_t& unchanged) {
    std::vector<WorkItem> work;
    for (const auto& f : scan.files) {
        auto it = state.find(f.relative);
        if (it == state.end()) {
            work.push_back({&f, Change::New, nullptr});
            continue;
        }
        IndexedFile& indexed = it->second;
        indexed.seen = true;
        if (full) {
            work.push_back({&f, Change::New, &indexed});
        } else if (indexed.retry) {
            work.push_back({&f, Change::Changed, &indexed});
        } else if (indexed.mtime_ns == f.mtime_ns && indexed.size == f.size) {
            ++unchanged;
        } else {
            work.push_back({&f, indexed.size == f.size ? Change::MaybeTouched : Change::Changed, &indexed});
        }
    }
    return work;
}

void copy_documents(const Xapian::Database& from, const std::vector<Xapian::docid>& docids, Writer& to) {
    for (const Xapian::docid did : docids) to.add_copy(from.get_document(did));
}

void write_metadata(Xapian::WritableDatabase& db, const Settings& settings, const IndexReport& report) {
    const nlohmann::json last_run{{"finished", now_iso()},       {"seconds", report.seconds},
                                  {"notes", report.notes},       {"added", report.added},
                                  {"changed", report.changed},   {"deleted", report.deleted},
                                  {"skipped", report.skipped},   {"unreadable", report.unreadable},
                                  {"warnings", report.warnings}, {"full", report.rebuilt}};
    db.set_metadata(std::string(schema::kMetaSchemaVersion), std::string(schema::kSchemaVersion));
    db.set_metadata(std::string(schema::kMetaVault), settings.vault.string());
    db.set_metadata(std::string(schema::kMetaLanguage), settings.language);
    db.set_metadata(std::string(schema::kMetaLastRun), last_run.dump());
}

unsigned thread_count(const IndexOptions& options, size_t work) {
    return static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(usable_threads(options.threads), work)));
}

// A full rebuild: every thread parses and writes a shard of its own, so both the parsing and
// Xapian's writing use every core; the shards are then merged by compaction, which also
// packs the index tightly.
void build_full(const VaultRoot& root, const std::vector<WorkItem>& work, const IndexOptions& options,
                const fs::path& building, Tally& tally) {
    const unsigned threads = thread_count(options, work.size());
    ParseOptions parse_options;
    parse_options.max_file_bytes = options.settings.max_file_bytes;
    std::vector<fs::path> shards;
    for (unsigned t = 0; t < threads; ++t)
        shards.push_back(building.parent_path() /
                         (building.stem().string() + "-shard" + std::to_string(t) + building.extension().string()));
    std::atomic<size_t> next{0};
    std::mutex error_mutex;
    std::exception_ptr error;
    {
        std::vector<std::jthread> workers;
        for (unsigned t = 0; t < threads; ++t)
            workers.emplace_back([&, t] {
                try {
                    Writer writer(Xapian::WritableDatabase(shards[t].string(), Xapian::DB_CREATE), false);
                    DocumentBuilder builder(options.settings.language);
                    for (size_t i; (i = next.fetch_add(1)) < work.size();) {
                        const Result r = process(root, work[i], builder, parse_options);
                        tally.record(r);
                        writer.add(r, true);
                    }
                    writer.commit();
                    writer.db().close();
                    crash_point("shard-commit");
                } catch (...) {
                    std::lock_guard lock(error_mutex);
                    if (!error) error = std::current_exception();
                    next = work.size();
                }
            });
    }
    auto remove_shards = [&] {
        std::error_code ec;
        for (const auto& shard : shards) fs::remove_all(shard, ec);
    };
    if (error) {
        remove_shards();
        std::rethrow_exception(error);
    }
    Xapian::Database all;
    for (const auto& shard : shards) all.add_database(Xapian::Database(shard.string()));
    all.compact(building.string());
    remove_shards();
    crash_point("compact");
}

// The deletion guard: a vault that lost many of its notes at once is more likely a disk
// that is not mounted or a share that dropped than a user who deleted them.
void check_deletions(size_t deletions, size_t indexed, const IndexOptions& options) {
    const Settings& s = options.settings;
    const auto allowed = std::max(kDeletionsAlwaysAllowed,
                                  static_cast<size_t>(std::floor(static_cast<double>(indexed) * s.max_delete_percent / 100)));
    if (options.allow_deletions || deletions <= allowed) return;
    char percent[16];
    std::snprintf(percent, sizeof percent, "%g%%", s.max_delete_percent);
    throw DeletionRefused(s.vault.string() + ": " + std::to_string(deletions) + " of the " + std::to_string(indexed) +
                          " indexed notes are gone from the vault, more than max_delete_percent (" + percent +
                          ") allows; nothing was changed. If they were deleted on purpose, run again with "
                          "--allow-deletions");
}

void check_vault_not_empty(const VaultScan& scan, const IndexOptions& options) {
    if (options.allow_deletions || !scan.files.empty() || !scan.unreadable.empty()) return;
    throw DeletionRefused(options.settings.vault.string() +
                          ": the vault has no notes (is it mounted?); the index was not changed. If it is empty on "
                          "purpose, run again with --allow-deletions");
}

// Throws when the vault folder moved, vanished or was replaced while the run read it: what
// was read may be a half-moved tree, and must not become the index.
void check_vault_in_place(const VaultRoot& root) {
    if (!root.still_in_place())
        throw std::runtime_error(root.path().string() +
                                 ": the vault moved, vanished or was replaced during the run; nothing was changed");
}

}  // namespace

unsigned usable_threads(unsigned requested) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    unsigned most = 4 * cores;
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY)
        most = std::min<unsigned>(most, static_cast<unsigned>(std::max<rlim_t>(16, files.rlim_cur) / 16));
    return std::clamp(requested ? requested : cores, 1u, std::max(1u, most));
}

IndexReport run_indexer(const IndexOptions& options, IndexObserver& observer) {
    const auto started = std::chrono::steady_clock::now();
    const Settings& settings = options.settings;
    IndexStore store(settings.index);
    IndexReport report;
    changes_in_memory();  // sets Xapian's batching, which also applies inside a transaction

    std::optional<IndexStore::Lock> lock;
    if (!options.dry_run) {
        lock.emplace(store.lock());
        store.remove_stale();
    }
    const VaultRoot root(settings.vault);

    Existing existing = inspect(store, settings);
    if (existing.damage)
        observer.warning({store.folder().string(), 0,
                          "the index is damaged (" + *existing.damage + "); it is rebuilt in full"});
    const std::optional<std::string> reason = rebuild_reason(store, existing, settings);
    bool full = options.full || reason.has_value();
    std::string why = options.full ? "--full" : reason.value_or("");

    ScanOptions scan_options;
    scan_options.exclude = settings.exclude;
    VaultScan scan = scan_vault(root, scan_options);
    for (const auto& w : scan.warnings) observer.warning(w);
    report.warnings += scan.warnings.size();
    report.unreadable += scan.unreadable.size();
    crash_point("scan");
    check_vault_in_place(root);

    IndexState& state = existing.state;
    std::vector<WorkItem> work = plan_work(scan, state, full, report.unchanged);
    // Notes the vault no longer has; those below a folder that could not be read are kept.
    std::vector<const std::pair<const std::string, IndexedFile>*> deleted, kept;
    for (const auto& entry : state)
        if (!entry.second.seen) (under_any(entry.first, scan.unreadable) ? kept : deleted).push_back(&entry);
    if (existing.exists && (!state.empty() || existing.damage)) check_vault_not_empty(scan, options);
    // A large change is faster as a new generation, and bounds memory: a transaction holds
    // the values of every document it changes until it commits (about 1 KB each).
    if (!full && work.size() + deleted.size() > std::max(large_change(), state.size() / 2)) {
        full = true;
        why = thousands(work.size() + deleted.size()) + " changes, more than half of the index";
        report.unchanged = 0;
        work = plan_work(scan, state, true, report.unchanged);
    }
    report.rebuilt = full;
    report.rebuild_reason = why;

    Tally tally(observer, report, work.size(), !deleted.empty());
    ParseOptions parse_options;
    parse_options.max_file_bytes = settings.max_file_bytes;
    // How many notes the run deletes: gone from the vault, and not back under another name.
    auto deletions = [&] {
        return static_cast<size_t>(std::count_if(deleted.begin(), deleted.end(),
                                                 [&](const auto* e) { return !tally.appeared(e->second.hash); }));
    };

    if (options.dry_run) {
        Pipeline pipeline(root, work, thread_count(options, work.size()), settings.language, parse_options);
        for (size_t done = 0; done < work.size(); ++done) tally.record(pipeline.next());
        for (const auto* entry : deleted) observer.changed("deleted", entry->first);
        report.deleted = deleted.size();
        report.notes = scan.files.size() - report.skipped;
        check_deletions(deletions(), state.size(), options);
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return report;
    }

    fs::path building;
    try {
        std::optional<Writer> writer;
        if (full) {
            building = store.begin_generation();
            build_full(root, work, options, building, tally);
            writer.emplace(Xapian::WritableDatabase(building.string(), Xapian::DB_OPEN), true);
            // What could not be read now stays as the old index has it.
            std::vector<Xapian::docid> keep;
            for (const auto* entry : kept) keep.push_back(entry->second.docid);
            for (const auto& path : tally.not_read())
                if (auto it = state.find(path); it != state.end()) keep.push_back(it->second.docid);
            if (!keep.empty()) copy_documents(store.open_for_reading(), keep, *writer);
        } else {
            writer.emplace(Xapian::WritableDatabase(store.live_generation()->string(), Xapian::DB_OPEN), true);
            Pipeline pipeline(root, work, thread_count(options, work.size()), settings.language, parse_options);
            for (size_t done = 0; done < work.size(); ++done) {
                const Result r = pipeline.next();
                tally.record(r);
                writer->add(r, false);
            }
            // Deletions last, so a rename never leaves a moment with neither path indexed.
            for (const auto* entry : deleted) {
                observer.changed("deleted", entry->first);
                writer->remove(entry->second.docid);
            }
            report.deleted = deleted.size();
        }
        check_deletions(deletions(), state.size(), options);
        check_vault_in_place(root);

        Xapian::WritableDatabase& db = writer->db();
        report.notes = db.get_doccount() - db.get_termfreq(std::string(schema::kSkippedTerm));
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        write_metadata(db, settings, report);
        writer->commit();
        crash_point("commit");
        db.close();
        writer.reset();
        if (full) {
            store.publish(building);
            store.remove_stale();
        }
    } catch (const Xapian::Error& e) {
        std::error_code ec;
        if (!building.empty()) fs::remove_all(building, ec);
        if (!building.empty()) store.remove_stale();
        throw std::runtime_error(settings.index.string() + ": " + e.get_description() +
                                 (full ? "; the previous index is unchanged"
                                       : "; the index is unchanged (if this repeats, recall-index --full rebuilds it)"));
    } catch (const std::exception&) {
        std::error_code ec;
        if (!building.empty()) fs::remove_all(building, ec);
        throw;
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace recall
