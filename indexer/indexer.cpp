#include "recall/indexer.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "recall/document_builder.hpp"
#include "recall/index_store.hpp"
#include "recall/note_parser.hpp"
#include "recall/schema.hpp"
#include "recall/vault_scanner.hpp"

namespace recall {
namespace fs = std::filesystem;
namespace {

// Changes between commits. Xapian keeps uncommitted changes in memory, so this bounds the
// memory of a run whatever the size of the vault; larger batches barely speed it up.
constexpr size_t kCommitEvery = 2500;

// What the index knows of a file from the last run.
struct IndexedFile {
    Xapian::docid docid = 0;
    std::int64_t mtime_ns = 0;
    std::uintmax_t size = 0;
    std::string hash;
    bool seen = false;
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
    enum class Outcome { Indexed, Touched, Skipped } outcome = Outcome::Indexed;
    Xapian::Document doc;
    std::vector<std::string> spelling;
    std::vector<Warning> warnings;
    FileFacts facts;
};

Xapian::Document skipped_record(const std::string& path, const FileFacts& facts) {
    Xapian::Document doc;
    doc.add_boolean_term(schema::id_term(path));
    doc.add_boolean_term(std::string(schema::kSkippedTerm));
    doc.add_value(schema::kSlotMtime, std::to_string(facts.mtime_ns));
    doc.add_value(schema::kSlotSize, std::to_string(facts.size));
    doc.add_value(schema::kSlotHash, facts.hash);
    doc.add_value(schema::kSlotPath, path);
    return doc;
}

// Reads, hashes, parses and builds one document. Never throws: a note that cannot be
// indexed becomes a skipped record with a warning, and the run goes on.
Result process(const WorkItem& item, DocumentBuilder& builder, const ParseOptions& parse_options) {
    Result r;
    r.item = &item;
    r.facts = {item.file->mtime_ns, item.file->size, {}};
    const std::string& path = item.file->relative;
    try {
        std::string error;
        auto bytes = read_note_bytes(item.file->absolute, parse_options.max_file_bytes, error);
        if (!bytes) {
            r.outcome = Result::Outcome::Skipped;
            r.warnings.push_back({path, 0, error});
            r.doc = skipped_record(path, r.facts);
            return r;
        }
        r.facts.hash = schema::content_hash(*bytes);
        r.facts.size = bytes->size();
        if (item.change == Change::MaybeTouched && item.indexed && item.indexed->hash == r.facts.hash) {
            r.outcome = Result::Outcome::Touched;
            return r;
        }
        Note note = parse_note(*bytes, path);
        r.warnings = std::move(note.warnings);
        r.doc = builder.build(note, r.facts, &r.spelling);
    } catch (const std::exception& e) {
        r = Result{};
        r.item = &item;
        r.outcome = Result::Outcome::Skipped;
        r.facts = {item.file->mtime_ns, item.file->size, {}};
        r.warnings.push_back({path, 0, std::string("skipped: cannot index (") + e.what() + ")"});
        r.doc = skipped_record(path, r.facts);
    }
    return r;
}

// Runs process() on worker threads and hands results to the caller's thread in completion
// order; the queue is bounded so a slow writer does not let documents pile up in memory.
class Pipeline {
public:
    Pipeline(const std::vector<WorkItem>& work, unsigned threads, const std::string& language,
             const ParseOptions& parse_options)
        : work_(work) {
        for (unsigned t = 0; t < threads; ++t)
            workers_.emplace_back([this, language, parse_options] {
                DocumentBuilder builder(language);
                for (size_t i; (i = next_.fetch_add(1)) < work_.size();) {
                    Result r = process(work_[i], builder, parse_options);
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

// Why an existing index cannot be updated in place, or nothing when it can.
std::optional<std::string> rebuild_reason(const IndexStore& store, const Settings& settings) {
    if (!store.exists()) return "no index yet";
    const Xapian::Database db = store.open_for_reading();
    if (db.get_metadata(std::string(schema::kMetaSchemaVersion)) != schema::kSchemaVersion)
        return "index format changed";
    if (db.get_metadata(std::string(schema::kMetaLanguage)) != settings.language) return "stemming language changed";
    const std::string vault = db.get_metadata(std::string(schema::kMetaVault));
    if (vault != settings.vault.string())
        throw std::runtime_error(store.folder().string() + ": this index belongs to the vault " + vault +
                                 ", not " + settings.vault.string() +
                                 "; pass --index to choose another index folder, or delete this one");
    return std::nullopt;
}

// Worker threads report through this: one call at a time reaches the observer, and the
// report's counts stay consistent.
class Tally {
public:
    Tally(IndexObserver& observer, IndexReport& report, size_t total)
        : observer_(observer), report_(report), total_(total) {}

    void record(const Result& r) {
        std::lock_guard lock(mutex_);
        for (const auto& w : r.warnings) observer_.warning(w);
        report_.warnings += r.warnings.size();
        const WorkItem& item = *r.item;
        switch (r.outcome) {
            case Result::Outcome::Touched: ++report_.touched; break;
            case Result::Outcome::Skipped: ++report_.skipped; break;
            case Result::Outcome::Indexed:
                ++(item.change == Change::New ? report_.added : report_.changed);
                observer_.changed(item.change == Change::New ? "new" : "changed", item.file->relative);
                break;
        }
        observer_.progress(++done_, total_);
    }

private:
    std::mutex mutex_;
    IndexObserver& observer_;
    IndexReport& report_;
    size_t total_, done_ = 0;
};

// One writable database and what is pending for it.
class Writer {
public:
    explicit Writer(Xapian::WritableDatabase db) : db_(std::move(db)) {}

    void add(const Result& r, bool surely_new) {
        if (r.outcome == Result::Outcome::Touched) {
            // Same content, new mtime: remember the mtime so the file is not read again.
            Xapian::Document doc = db_.get_document(r.item->indexed->docid);
            doc.add_value(schema::kSlotMtime, std::to_string(r.item->file->mtime_ns));
            db_.replace_document(r.item->indexed->docid, doc);
        } else {
            spelling_.add(r.spelling);
            if (surely_new) db_.add_document(r.doc);
            else db_.replace_document(schema::id_term(r.item->file->relative), r.doc);
        }
        if (++pending_ >= kCommitEvery) commit();
    }
    void remove(Xapian::docid docid) {
        db_.delete_document(docid);
        if (++pending_ >= kCommitEvery) commit();
    }
    void commit() {
        spelling_.flush(db_);
        db_.commit();
        pending_ = 0;
    }
    Xapian::WritableDatabase& db() { return db_; }

private:
    Xapian::WritableDatabase db_;
    SpellingBatch spelling_;
    size_t pending_ = 0;
};

unsigned thread_count(const IndexOptions& options, size_t work) {
    const unsigned wanted = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(wanted, work)));
}

// A full rebuild: every thread parses and writes a shard of its own, so both the parsing and
// Xapian's writing use every core; the shards are then merged by compaction, which also
// packs the index tightly.
void build_full(const std::vector<WorkItem>& work, const IndexOptions& options, const fs::path& building,
                Tally& tally) {
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
                    Writer writer(Xapian::WritableDatabase(shards[t].string(), Xapian::DB_CREATE));
                    DocumentBuilder builder(options.settings.language);
                    for (size_t i; (i = next.fetch_add(1)) < work.size();) {
                        const Result r = process(work[i], builder, parse_options);
                        tally.record(r);
                        writer.add(r, true);
                    }
                    writer.commit();
                    writer.db().close();
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
}

}  // namespace

IndexReport run_indexer(const IndexOptions& options, IndexObserver& observer) {
    const auto started = std::chrono::steady_clock::now();
    const Settings& settings = options.settings;
    IndexStore store(settings.index);
    IndexReport report;

    std::optional<IndexStore::Lock> lock;
    if (!options.dry_run) {
        lock.emplace(store.lock());
        store.remove_stale();
    }

    std::optional<std::string> reason = rebuild_reason(store, settings);
    const bool full = options.full || reason.has_value();
    report.rebuilt = full;
    report.rebuild_reason = options.full ? "--full" : reason.value_or("");

    std::vector<Warning> scan_warnings;
    ScanOptions scan;
    scan.exclude = settings.exclude;
    const std::vector<VaultFile> files = scan_vault(settings.vault, scan, scan_warnings);
    for (const auto& w : scan_warnings) observer.warning(w);
    report.warnings += scan_warnings.size();

    IndexState state;
    if (!full) state = load_state(store.open_for_reading());

    std::vector<WorkItem> work;
    for (const auto& f : files) {
        auto it = state.find(f.relative);
        if (it == state.end()) {
            work.push_back({&f, Change::New, nullptr});
            continue;
        }
        IndexedFile& indexed = it->second;
        indexed.seen = true;
        if (indexed.mtime_ns == f.mtime_ns && indexed.size == f.size) {
            ++report.unchanged;
        } else {
            work.push_back({&f, indexed.size == f.size ? Change::MaybeTouched : Change::Changed, &indexed});
        }
    }
    std::vector<const std::pair<const std::string, IndexedFile>*> deleted;
    for (const auto& entry : state)
        if (!entry.second.seen) deleted.push_back(&entry);

    Tally tally(observer, report, work.size());
    ParseOptions parse_options;
    parse_options.max_file_bytes = settings.max_file_bytes;

    if (options.dry_run) {
        Pipeline pipeline(work, thread_count(options, work.size()), settings.language, parse_options);
        for (size_t done = 0; done < work.size(); ++done) tally.record(pipeline.next());
        for (const auto* entry : deleted) observer.changed("deleted", entry->first);
        report.deleted = deleted.size();
        report.notes = files.size() - report.skipped;
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return report;
    }

    fs::path building;
    try {
        std::optional<Writer> writer;
        if (full) {
            building = store.begin_generation();
            build_full(work, options, building, tally);
            writer.emplace(Xapian::WritableDatabase(building.string(), Xapian::DB_OPEN));
        } else {
            writer.emplace(Xapian::WritableDatabase(store.live_generation()->string(), Xapian::DB_OPEN));
            Pipeline pipeline(work, thread_count(options, work.size()), settings.language, parse_options);
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

        Xapian::WritableDatabase& db = writer->db();
        report.notes = db.get_doccount() - db.get_termfreq(std::string(schema::kSkippedTerm));
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const nlohmann::json last_run{{"finished", now_iso()},     {"seconds", report.seconds},
                                      {"notes", report.notes},     {"added", report.added},
                                      {"changed", report.changed}, {"deleted", report.deleted},
                                      {"skipped", report.skipped}, {"warnings", report.warnings},
                                      {"full", full}};
        db.set_metadata(std::string(schema::kMetaSchemaVersion), std::string(schema::kSchemaVersion));
        db.set_metadata(std::string(schema::kMetaVault), settings.vault.string());
        db.set_metadata(std::string(schema::kMetaLanguage), settings.language);
        db.set_metadata(std::string(schema::kMetaLastRun), last_run.dump());
        writer->commit();
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
                                 (full ? "; the previous index is unchanged" : "; the index holds the last commit"));
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace recall
