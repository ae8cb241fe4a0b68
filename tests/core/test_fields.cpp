// The schema: the field table's rows and normalisers, declared fields, terms within Xapian's
// limit, and docs/schema.md naming every row.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "recall/core/analyzer.hpp"
#include "recall/core/fields.hpp"
#include "recall/core/schema.hpp"

using namespace recall;
using namespace recall::schema;

TEST_CASE("filter values are normalised by their row's rule, the same for both sides") {
    const FieldTable fields;
    Analyzer analyzer{AnalysisProfile{}};
    auto value = [&](const char* filter, const char* typed) {
        return normalize_filter_value(*fields.find_filter(filter), typed, analyzer);
    };
    CHECK(value("type", "Étude").value == "etude");
    CHECK(value("tag", "#Type/People/").value == "type/people");
    CHECK(value("folder", "/Customers//Acme/").value == "customers/acme");
    CHECK(value("month", "2025-10").value == "202510");
    CHECK(value("task", "OPEN").value == "open");
    CHECK(value("task", "maybe").error == "task: takes open or done, not 'maybe'");
    CHECK(value("year", "25").error.find("four digits") != std::string::npos);
    CHECK(value("type", "  ").error == "type: needs a value, as in type:something");
}

TEST_CASE("declared fields become rows, and bad ones are errors naming the problem") {
    const FieldTable fields({{"status", DeclaredField::Kind::Keyword}, {"due", DeclaredField::Kind::Date}});
    const auto* status = fields.find_filter("status");
    REQUIRE(status);
    CHECK(status->prefix == "XUSTATUS:");
    CHECK(status->slot == kFirstDeclaredSlot);
    CHECK(fields.find_filter("due")->rule == ValueRule::Date);
    CHECK(fields.find_filter("due")->slot == kFirstDeclaredSlot + 1);
    CHECK_THROWS_WITH_AS(FieldTable({{"person", DeclaredField::Kind::Keyword}}), doctest::Contains("already recall's own"),
                         SchemaError);
    CHECK_THROWS_WITH_AS(FieldTable({{"title", DeclaredField::Kind::Keyword}}), doctest::Contains("already recall's own"),
                         SchemaError);
    CHECK_THROWS_AS(FieldTable({{"Bad Name", DeclaredField::Kind::Keyword}}), SchemaError);
    CHECK_THROWS_WITH_AS(declared_kind("number"), doctest::Contains("kinds: keyword, date"), SchemaError);
    const std::vector<DeclaredField> declared{{"status", DeclaredField::Kind::Keyword}, {"due", DeclaredField::Kind::Date}};
    CHECK(declared_fields_from_json(declared_fields_json(declared)) == declared);
    CHECK(declared_fields_from_json("").empty());
    CHECK_THROWS_AS(declared_fields_from_json("{nonsense"), SchemaError);
}

TEST_CASE("long paths and tags stay within Xapian's term limit and stay distinct") {
    const std::string long_a(400, 'a'), long_b = std::string(399, 'a') + "b";
    CHECK(id_term(long_a).size() <= 245);
    CHECK(id_term(long_a) != id_term(long_b));
    CHECK(bounded_term("K", std::string(300, 'x') + "é").size() <= 245);
    CHECK(id_term("short.md") == "Qshort.md");
}

TEST_CASE("content hashes tell different bytes apart") {
    CHECK(content_hash("a") != content_hash("b"));
    CHECK(content_hash("").size() == 16);
}

TEST_CASE("docs/schema.md describes every row, prefix, slot and metadata key") {
    std::ifstream in(std::string(RECALL_SOURCE_DIR) + "/docs/schema.md");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string doc = ss.str();
    REQUIRE_FALSE(doc.empty());
    for (const auto& f : kTextFieldRows)
        if (!f.prefix.empty()) CHECK_MESSAGE(doc.find("| `" + std::string(f.prefix) + "` |") != std::string::npos, f.prefix);
    const FieldTable table;
    for (const auto& f : table.filters()) {
        CHECK_MESSAGE(doc.find("`" + f.name + ":`") != std::string::npos, f.name);
        if (!f.prefix.empty()) CHECK_MESSAGE(doc.find("| `" + f.prefix + "` |") != std::string::npos, f.prefix);
    }
    for (unsigned slot : {kSlotDate, kSlotPeople, kSlotMtime, kSlotSize, kSlotHash, kSlotPath})
        CHECK(doc.find("| " + std::to_string(slot) + " |") != std::string::npos);
    for (auto key : {kMetaSchemaVersion, kMetaVault, kMetaAnalysis, kMetaFields, kMetaLastRun})
        CHECK(doc.find(std::string(key)) != std::string::npos);
}
