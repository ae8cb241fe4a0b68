// A note's terms and values are what the schema table says.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <fstream>
#include <set>
#include <sstream>

#include "recall/document_builder.hpp"
#include "recall/note_parser.hpp"
#include "recall/schema.hpp"

using namespace recall;
using schema::Filter;

namespace {

std::set<std::string> terms_of(const Xapian::Document& doc) {
    std::set<std::string> terms;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
    return terms;
}

Xapian::termcount wdf_of(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return (it != doc.termlist_end() && *it == term) ? it.get_wdf() : 0;
}

const std::string kNote =
    "---\ntype: \"1on1\"\ntitle: \"Zeppelin budget\"\ndate: \"2025-10-30\"\nperson: \"Ann Lee\"\n"
    "tags: [\"type/people/lead\", \"topic/budget\"]\n---\n\n## Summary\n\nWe discussed the offsite.\n\n"
    "## Action Items\n- [ ] Book the venue @Ann 📅 2025-11-01\n- [x] Send agenda\n\n"
    "## Key Information\n- The venue holds forty.\n\n## Decisions\n- Go to Lisbon.\n\n## Notes\n\nBody words here.\n";

}  // namespace

TEST_CASE("terms and values follow the schema table") {
    Note note = parse_note(kNote, "Meetings/2025/ann.md");
    DocumentBuilder builder("english");
    std::vector<std::string> spelling;
    const FileFacts facts{1234567890123, 321, "00000000deadbeef"};
    Xapian::Document doc = builder.build(note, facts, &spelling);
    const auto terms = terms_of(doc);
    auto has = [&](const std::string& t) { return terms.count(t) == 1; };

    CHECK(has("Q" + std::string("Meetings/2025/ann.md")));
    CHECK(has(schema::filter_term(Filter::Person, "ann-lee")));
    for (const char* level : {"type/people/lead", "type/people", "type", "topic/budget", "topic"})
        CHECK_MESSAGE(has(schema::filter_term(Filter::Tag, level)), level);
    CHECK(has(schema::filter_term(Filter::Type, "1on1")));
    CHECK(has(schema::filter_term(Filter::Folder, "meetings")));
    CHECK(has(schema::filter_term(Filter::Folder, "meetings/2025")));
    CHECK(has("Y2025"));
    CHECK(has("XM202510"));
    CHECK(has("D20251030"));
    CHECK(has(schema::filter_term(Filter::Task, "open")));
    CHECK(has(schema::filter_term(Filter::Task, "done")));

    // Stems only (Z in front of the field prefix), and the unprefixed index weighted by field.
    CHECK(has("ZSzeppelin"));
    CHECK_FALSE(has("Szeppelin"));
    CHECK_FALSE(has("zeppelin"));
    CHECK(has("ZXSUMoffsit"));
    CHECK(has("ZXKEYvenu"));
    CHECK(has("ZXDEClisbon"));
    CHECK(has("ZXACTbook"));
    CHECK(has("ZXNAMEann"));
    CHECK(wdf_of(doc, "Zzeppelin") == schema::spec(schema::TextField::Title).weight);
    CHECK(wdf_of(doc, "Zoffsit") == schema::spec(schema::TextField::Summary).weight);
    CHECK(wdf_of(doc, "Zbodi") == schema::spec(schema::TextField::Body).weight);
    CHECK(has("Zbudget"));  // tag words are searchable text too

    CHECK(doc.get_value(schema::kSlotDate) == "20251030");
    CHECK(doc.get_value(schema::kSlotPeople) == "ann-lee");
    CHECK(doc.get_value(schema::kSlotMtime) == "1234567890123");
    CHECK(doc.get_value(schema::kSlotSize) == "321");
    CHECK(doc.get_value(schema::kSlotHash) == "00000000deadbeef");
    CHECK(doc.get_value(schema::kSlotPath) == "Meetings/2025/ann.md");

    const auto data = nlohmann::json::parse(doc.get_data());
    CHECK(data["title"] == "Zeppelin budget");
    CHECK(data["date"] == "2025-10-30");
    CHECK(data["people"][0]["name"] == "Ann Lee");

    // Spelling words come from title, summary and key information only.
    const std::set<std::string> words(spelling.begin(), spelling.end());
    CHECK(words.count("zeppelin"));
    CHECK(words.count("offsite"));
    CHECK(words.count("venue"));
    CHECK_FALSE(words.count("lisbon"));
}

TEST_CASE("long paths and tags stay within Xapian's term limit and stay distinct") {
    const std::string long_a(400, 'a'), long_b = std::string(399, 'a') + "b";
    CHECK(schema::id_term(long_a).size() <= 245);
    CHECK(schema::id_term(long_a) != schema::id_term(long_b));
    const std::string accents(300, 'x');
    CHECK(schema::bounded_term("K", accents + "é").size() <= 245);
    CHECK(schema::id_term("short.md") == "Qshort.md");
}

TEST_CASE("tag and folder levels") {
    CHECK(schema::tag_levels("a/b/c") == std::vector<std::string>{"a/b/c", "a/b", "a"});
    CHECK(schema::folder_levels("Meetings/2025/x.md") == std::vector<std::string>{"meetings", "meetings/2025"});
    CHECK(schema::folder_levels("x.md").empty());
}

TEST_CASE("content hashes tell different bytes apart") {
    CHECK(schema::content_hash("a") != schema::content_hash("b"));
    CHECK(schema::content_hash("").size() == 16);
}

TEST_CASE("docs/schema.md describes every prefix and slot of the table") {
    std::ifstream in(std::string(RECALL_SOURCE_DIR) + "/docs/schema.md");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string doc = ss.str();
    REQUIRE_FALSE(doc.empty());
    for (const auto& f : schema::kTextFields)
        if (!f.prefix.empty()) CHECK_MESSAGE(doc.find("| `" + std::string(f.prefix) + "` |") != std::string::npos, f.prefix);
    for (const auto& f : schema::kFilters)
        CHECK_MESSAGE(doc.find("| `" + std::string(f.prefix) + "` |") != std::string::npos, f.prefix);
    for (unsigned slot : {schema::kSlotDate, schema::kSlotPeople, schema::kSlotMtime, schema::kSlotSize,
                          schema::kSlotHash, schema::kSlotPath})
        CHECK(doc.find("| " + std::to_string(slot) + " |") != std::string::npos);
    for (auto key : {schema::kMetaSchemaVersion, schema::kMetaVault, schema::kMetaLanguage, schema::kMetaLastRun})
        CHECK(doc.find(std::string(key)) != std::string::npos);
}
