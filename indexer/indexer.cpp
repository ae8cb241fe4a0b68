#include "recall/indexer/indexer.hpp"

#include <sys/resource.h>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "recall/core/crash_point.hpp"
#include "recall/core/human_format.hpp"
#include "recall/core/index_store.hpp"
#include "recall/core/schema.hpp"
#include "recall/indexer/change_detection.hpp"
#include "recall/indexer/index_writer.hpp"
#include "recall/indexer/pipeline.hpp"

namespace recall {
namespace fs = std::filesystem;
namespace {

// Deleting this many notes is never refused, whatever the share of the index.
constexpr size_t kDeletionsAlwaysAllowed = 10;
// Changes an incremental run makes in place: four batches (10,000 by default); more, when
// they are also more than half of the index, are made by a full rebuild instead.
size_t large_change() { return 4 * changes_in_memory(); }

std::string now_iso() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
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

void copy_documents(const Xapian::Database& from, const std::vector<Xapian::docid>& docids, IndexWriter& to) {
    for (const Xapian::docid did : docids) to.add_copy(from.get_document(did));
}

IndexMetadata metadata_of(const Settings& settings, const IndexReport& report) {
    const nlohmann::json last_run{{"finished", now_iso()},       {"seconds", report.seconds},
                                  {"notes", report.notes},       {"added", report.added},
                                  {"changed", report.changed},   {"deleted", report.deleted},
                                  {"skipped", report.skipped},   {"unreadable", report.unreadable},
                                  {"warnings", report.warnings}, {"full", report.rebuilt}};
    return {std::string(schema::kSchemaVersion), settings.vault.string(), settings.analysis, settings.fields,
            last_run.dump()};
}

unsigned thread_count(const IndexOptions& options, size_t work) {
    return static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(usable_threads(options.threads), work)));
}

// A shard is read by nobody but the compaction, and a run that dies before publishing never
// uses it (the next run deletes it): its commits need no fsync. The compacted generation is
// written and synced as usual. (Not DB_DANGEROUS: on a write error Xapian then fails to
// cancel, and that error hides the real one, such as a full disk.)
constexpr int kShardFlags = Xapian::DB_CREATE | Xapian::DB_NO_SYNC;
// Small batches: Xapian's inverter looks every term up in a map of the whole batch, so a
// smaller batch is cheaper per note as well as smaller in memory (bench/RESULTS.md). The
// bytes bound keeps a run of big transcripts (taken first) from holding hundreds of MB.
WriteBatch shard_batch() { return {std::min<size_t>(250, changes_in_memory()), 4u << 20}; }

// A full rebuild: every worker writes a shard of its own, so both the parsing and Xapian's
// writing use every core; the shards are then merged by compaction, which also packs the
// index tightly.
void build_full(const PipelineInput& input, unsigned threads, const fs::path& building, Tally& tally) {
    std::vector<fs::path> shards;
    for (unsigned t = 0; t < threads; ++t)
        shards.push_back(building.parent_path() /
                         (building.stem().string() + "-shard" + std::to_string(t) + building.extension().string()));
    auto remove_shards = [&] {
        std::error_code ec;
        for (const auto& shard : shards) fs::remove_all(shard, ec);
    };
    try {
        std::vector<std::unique_ptr<IndexWriter>> writers;
        for (const auto& shard : shards)
            writers.push_back(std::make_unique<IndexWriter>(Xapian::WritableDatabase(shard.string(), kShardFlags), false,
                                                            shard_batch()));
        run_pipeline(input, threads, [&](unsigned worker, Result&& r) {
            tally.record(r);
            writers[worker]->add(r, true);
        });
        for (auto& writer : writers) {
            writer->commit();
            writer->db().close();
            crash_point("shard-commit");
        }
    } catch (...) {
        remove_shards();
        throw;
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

    ExistingIndex existing = inspect_index(store, settings);
    if (existing.damage)
        observer.warning({store.folder().string(), 0,
                          "the index is damaged (" + *existing.damage + "); it is rebuilt in full"});
    const std::optional<std::string> reason = rebuild_reason(existing, settings);
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
    Changes changes = detect_changes(scan, state, full);
    if (existing.exists && (!state.empty() || existing.damage)) check_vault_not_empty(scan, options);
    // A large change is faster as a new generation, and bounds memory: a transaction holds
    // the values of every document it changes until it commits (about 1 KB each).
    if (!full && changes.work.size() + changes.deleted.size() > std::max(large_change(), state.size() / 2)) {
        full = true;
        why = thousands(changes.work.size() + changes.deleted.size()) + " changes, more than half of the index";
        changes = detect_changes(scan, state, true);
    }
    report.unchanged = changes.unchanged;
    report.rebuilt = full;
    report.rebuild_reason = why;

    const schema::FieldTable fields(settings.fields);
    const PipelineInput input{root, changes.work, settings.analysis, fields, settings.max_file_bytes};
    const unsigned threads = thread_count(options, changes.work.size());
    Tally tally(observer, report, changes.work.size(), !changes.deleted.empty());
    // How many notes the run deletes: gone from the vault, and not back under another name.
    auto deletions = [&] {
        return static_cast<size_t>(std::count_if(changes.deleted.begin(), changes.deleted.end(),
                                                 [&](const auto* e) { return !tally.appeared(e->second.hash); }));
    };

    if (options.dry_run) {
        run_pipeline(input, threads, [&](unsigned, Result&& r) { tally.record(r); });
        for (const auto* entry : changes.deleted) observer.changed("deleted", entry->first);
        report.deleted = changes.deleted.size();
        report.notes = scan.files.size() - report.skipped;
        check_deletions(deletions(), state.size(), options);
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return report;
    }

    fs::path building;
    try {
        std::optional<IndexWriter> writer;
        if (full) {
            building = store.begin_generation();
            build_full(input, threads, building, tally);
            writer.emplace(Xapian::WritableDatabase(building.string(), Xapian::DB_OPEN), true);
            // What could not be read now stays as the old index has it.
            std::vector<Xapian::docid> keep;
            for (const auto* entry : changes.kept) keep.push_back(entry->second.docid);
            for (const auto& path : tally.not_read())
                if (auto it = state.find(path); it != state.end()) keep.push_back(it->second.docid);
            if (!keep.empty()) copy_documents(store.open_for_reading(), keep, *writer);
        } else {
            writer.emplace(Xapian::WritableDatabase(store.live_generation()->string(), Xapian::DB_OPEN), true);
            std::mutex writing;  // one writer: the workers take turns
            run_pipeline(input, threads, [&](unsigned, Result&& r) {
                tally.record(r);
                std::lock_guard one_at_a_time(writing);
                writer->add(r, false);
            });
            // Deletions last, so a rename never leaves a moment with neither path indexed.
            for (const auto* entry : changes.deleted) {
                observer.changed("deleted", entry->first);
                writer->remove(entry->second.docid);
            }
            report.deleted = changes.deleted.size();
        }
        check_deletions(deletions(), state.size(), options);
        check_vault_in_place(root);

        Xapian::WritableDatabase& db = writer->db();
        report.notes = db.get_doccount() - db.get_termfreq(std::string(schema::kSkippedTerm));
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        IndexStore::write_metadata(db, metadata_of(settings, report));
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
