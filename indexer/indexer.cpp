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

// Changes between commits: Xapian's own default, and what mu and notmuch batch.
constexpr size_t kCommitEvery = 10000;

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

    fs::path building;
    std::optional<Xapian::WritableDatabase> db;
    if (!options.dry_run) {
        if (full) {
            building = store.begin_generation();
            db.emplace(building.string(), Xapian::DB_CREATE);
        } else {
            db.emplace(store.live_generation()->string(), Xapian::DB_OPEN);
        }
    }

    try {
        const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
        ParseOptions parse_options;
        parse_options.max_file_bytes = settings.max_file_bytes;
        SpellingBatch spelling;
        size_t pending = 0;
        auto commit = [&] {
            spelling.flush(*db);
            db->commit();
            pending = 0;
        };
        {
            Pipeline pipeline(work, std::min<unsigned>(threads, std::max<size_t>(1, work.size())), settings.language,
                              parse_options);
            for (size_t done = 0; done < work.size(); ++done) {
                Result r = pipeline.next();
                for (const auto& w : r.warnings) observer.warning(w);
                report.warnings += r.warnings.size();
                const WorkItem& item = *r.item;
                const std::string& path = item.file->relative;
                switch (r.outcome) {
                    case Result::Outcome::Touched: ++report.touched; break;
                    case Result::Outcome::Skipped: ++report.skipped; break;
                    case Result::Outcome::Indexed:
                        ++(item.change == Change::New ? report.added : report.changed);
                        break;
                }
                if (r.outcome == Result::Outcome::Indexed)
                    observer.changed(item.change == Change::New ? "new" : "changed", path);
                if (!db) {
                    // dry run: nothing to write
                } else if (r.outcome == Result::Outcome::Touched) {
                    // Same content, new mtime: remember the mtime so the file is not read again.
                    Xapian::Document doc = db->get_document(item.indexed->docid);
                    doc.add_value(schema::kSlotMtime, std::to_string(item.file->mtime_ns));
                    db->replace_document(item.indexed->docid, doc);
                    ++pending;
                } else {
                    spelling.add(r.spelling);
                    if (full) db->add_document(r.doc);
                    else db->replace_document(schema::id_term(path), r.doc);
                    ++pending;
                }
                if (pending >= kCommitEvery) commit();
                observer.progress(done + 1, work.size());
            }
        }
        // Deletions last, so a rename never leaves a moment with neither path indexed.
        for (const auto* entry : deleted) {
            ++report.deleted;
            observer.changed("deleted", entry->first);
            if (!options.dry_run) db->delete_document(entry->second.docid);
        }

        if (db) {
            report.notes = db->get_doccount() - db->get_termfreq(std::string(schema::kSkippedTerm));
            report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            const nlohmann::json last_run{{"finished", now_iso()},  {"seconds", report.seconds},
                                          {"notes", report.notes},  {"added", report.added},
                                          {"changed", report.changed}, {"deleted", report.deleted},
                                          {"skipped", report.skipped}, {"warnings", report.warnings},
                                          {"full", full}};
            db->set_metadata(std::string(schema::kMetaSchemaVersion), std::string(schema::kSchemaVersion));
            db->set_metadata(std::string(schema::kMetaVault), settings.vault.string());
            db->set_metadata(std::string(schema::kMetaLanguage), settings.language);
            db->set_metadata(std::string(schema::kMetaLastRun), last_run.dump());
            commit();
            db->close();
            db.reset();
            if (full) {
                store.publish(building);
                store.remove_stale();
            }
        } else {
            report.notes = files.size() - report.skipped;
        }
    } catch (const Xapian::Error& e) {
        db.reset();
        std::error_code ec;
        if (!building.empty()) fs::remove_all(building, ec);
        throw std::runtime_error(settings.index.string() + ": " + e.get_description() +
                                 (full ? "; the previous index is unchanged" : "; the index holds the last commit"));
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace recall
