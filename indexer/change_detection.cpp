#include "recall/indexer/change_detection.hpp"

#include "recall/core/schema.hpp"

namespace recall {
namespace fs = std::filesystem;
namespace {

// Two spellings of one folder: trailing slashes, "..", links.
bool same_folder(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::equivalent(a, b, ec)) return true;
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

}  // namespace

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

ExistingIndex inspect_index(const IndexStore& store, const Settings& settings) {
    ExistingIndex e;
    e.exists = store.exists();
    if (!e.exists) return e;
    e.damage = store.damage();
    if (e.damage) return e;
    try {
        const Xapian::Database db = store.open_for_reading();
        e.metadata = IndexStore::read_metadata(db);
        if (!e.metadata.vault.empty() && !same_folder(e.metadata.vault, settings.vault))
            throw std::runtime_error(store.folder().string() + ": this index belongs to the vault " + e.metadata.vault +
                                     ", not " + settings.vault.string() +
                                     "; pass --index to choose another index folder, or delete this one");
        e.state = load_state(db);
    } catch (const Xapian::Error& error) {
        e.damage = error.get_description();
    }
    return e;
}

std::optional<std::string> rebuild_reason(const ExistingIndex& existing, const Settings& settings) {
    if (!existing.exists) return "no index yet";
    if (existing.damage) return "the index was damaged";
    if (IndexStore::outdated(existing.metadata)) return "index format changed";
    if (*existing.metadata.profile != settings.analysis) return "the analysis (language or accents) changed";
    if (*existing.metadata.fields != settings.fields) return "the declared fields changed";
    return std::nullopt;
}

Changes detect_changes(const VaultScan& scan, IndexState& state, bool full) {
    Changes changes;
    for (const auto& f : scan.files) {
        auto it = state.find(f.relative);
        if (it == state.end()) {
            changes.work.push_back({&f, Change::New, nullptr});
            continue;
        }
        IndexedFile& indexed = it->second;
        indexed.seen = true;
        if (full) {
            changes.work.push_back({&f, Change::New, &indexed});
        } else if (indexed.retry) {
            changes.work.push_back({&f, Change::Changed, &indexed});
        } else if (indexed.mtime_ns == f.mtime_ns && indexed.size == f.size) {
            ++changes.unchanged;
        } else {
            changes.work.push_back({&f, indexed.size == f.size ? Change::MaybeTouched : Change::Changed, &indexed});
        }
    }
    for (const auto& entry : state)
        if (!entry.second.seen) (under_any(entry.first, scan.unreadable) ? changes.kept : changes.deleted).push_back(&entry);
    return changes;
}

}  // namespace recall
