// Change detection on its own: the index's record of each file against a scan of the vault.
#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>

#include "recall/core/schema.hpp"
#include "recall/indexer/change_detection.hpp"

using namespace recall;

namespace {

Xapian::Document record(const std::string& path, std::int64_t mtime, std::uintmax_t size, const std::string& hash) {
    Xapian::Document doc;
    doc.add_boolean_term(schema::id_term(path));
    doc.add_value(schema::kSlotPath, path);
    doc.add_value(schema::kSlotMtime, std::to_string(mtime));
    doc.add_value(schema::kSlotSize, std::to_string(size));
    doc.add_value(schema::kSlotHash, hash);
    return doc;
}

VaultFile file(const std::string& path, std::int64_t mtime, std::uintmax_t size) { return {{}, path, size, mtime}; }

const WorkItem* work_for(const Changes& c, const std::string& path) {
    auto it = std::find_if(c.work.begin(), c.work.end(), [&](const WorkItem& w) { return w.file->relative == path; });
    return it == c.work.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("new, changed, touched, unchanged, deleted, and kept below an unreadable folder") {
    Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    db.add_document(record("same.md", 100, 10, "h1"));
    db.add_document(record("touched.md", 100, 10, "h2"));
    db.add_document(record("grown.md", 100, 10, "h3"));
    db.add_document(record("gone.md", 100, 10, "h4"));
    db.add_document(record("Locked/kept.md", 100, 10, "h5"));
    IndexState state = load_state(db);
    REQUIRE(state.size() == 5);
    CHECK(state.at("touched.md").hash == "h2");

    VaultScan scan;
    scan.files = {file("grown.md", 200, 20), file("new.md", 100, 5), file("same.md", 100, 10), file("touched.md", 300, 10)};
    scan.unreadable = {"Locked"};
    const Changes c = detect_changes(scan, state, false);
    CHECK(c.unchanged == 1);
    REQUIRE(c.work.size() == 3);
    CHECK(work_for(c, "new.md")->change == Change::New);
    CHECK(work_for(c, "grown.md")->change == Change::Changed);
    CHECK(work_for(c, "touched.md")->change == Change::MaybeTouched);
    CHECK(work_for(c, "touched.md")->indexed->hash == "h2");
    REQUIRE(c.deleted.size() == 1);
    CHECK(c.deleted[0]->first == "gone.md");
    REQUIRE(c.kept.size() == 1);
    CHECK(c.kept[0]->first == "Locked/kept.md");

    // A full run reads every file, and still knows what the index had.
    const Changes full = detect_changes(scan, state, true);
    CHECK(full.work.size() == 4);
    CHECK(full.unchanged == 0);
    CHECK(work_for(full, "same.md")->indexed != nullptr);
    CHECK(full.deleted.size() == 1);
}

TEST_CASE("an index is rebuilt when its schema, analysis or declared fields are not the config's") {
    Settings settings;
    ExistingIndex existing;
    CHECK(rebuild_reason(existing, settings) == "no index yet");
    existing.exists = true;
    existing.metadata = {std::string(schema::kSchemaVersion), "/v", settings.analysis, settings.fields, "{}"};
    CHECK_FALSE(rebuild_reason(existing, settings));
    existing.metadata.schema_version = "1";
    CHECK(rebuild_reason(existing, settings) == "index format changed");
    existing.metadata.schema_version = schema::kSchemaVersion;
    existing.metadata.profile = AnalysisProfile{"german", true};
    CHECK(rebuild_reason(existing, settings)->find("analysis") != std::string::npos);
    existing.metadata.profile = settings.analysis;
    settings.fields = {{"status", schema::DeclaredField::Kind::Keyword}};
    CHECK(rebuild_reason(existing, settings)->find("declared fields") != std::string::npos);
    existing.damage = "EOF reading block 3";
    CHECK(rebuild_reason(existing, settings) == "the index was damaged");
}
