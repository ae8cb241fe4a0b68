// A note's terms and values are what the schema's rows say, made with the Analyzer.
#include <doctest/doctest.h>
#include <xapian.h>

#include <map>
#include <set>

#include "recall/core/document_codec.hpp"
#include "recall/core/note_parser.hpp"
#include "recall/core/schema.hpp"
#include "recall/indexer/document_builder.hpp"
#include "support/test_support.hpp"

using namespace recall;
using recall::test::filter_term;

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
    "tags: [\"type/people/lead\", \"topic/budget\", \"Écoles\"]\nstatus: \"Open\"\ndue: \"2025-11-15\"\n---\n\n"
    "## Summary\n\nWe discussed the offsite at the café.\n\n"
    "## Action Items\n- [ ] Book the venue @Ann 📅 2025-11-01\n- [x] Send agenda\n\n"
    "## Key Information\n- The venue holds forty.\n\n## Decisions\n- Go to Lisbon.\n\n## Notes\n\nBody words here.\n";

}  // namespace

TEST_CASE("terms and values follow the schema's rows") {
    const schema::FieldTable fields;
    Note note = parse_note(kNote, "Meetings/2025/ann.md");
    DocumentBuilder builder(AnalysisProfile{}, fields);
    std::vector<std::string> spelling;
    Xapian::Document doc = builder.build(note, &spelling);
    const auto terms = terms_of(doc);
    auto has = [&](const std::string& t) { return terms.count(t) == 1; };

    CHECK(has("QMeetings/2025/ann.md"));
    CHECK(has(filter_term("person", "ann-lee")));
    for (const char* level : {"type/people/lead", "type/people", "type", "topic/budget", "topic", "ecoles"})
        CHECK_MESSAGE(has(filter_term("tag", level)), level);
    CHECK(has(filter_term("type", "1on1")));
    CHECK(has(filter_term("folder", "meetings")));
    CHECK(has(filter_term("folder", "meetings/2025")));
    CHECK(has("Y2025"));
    CHECK(has("XM202510"));
    CHECK(has("D20251030"));
    CHECK(has(filter_term("task", "open")));
    CHECK(has(filter_term("task", "done")));

    // Stems only (Z in front of the field prefix), and the unprefixed index weighted by field.
    CHECK(has("ZSzeppelin"));
    CHECK_FALSE(has("Szeppelin"));
    CHECK_FALSE(has("zeppelin"));
    CHECK(has("ZXSUMoffsit"));
    CHECK(has("ZXKEYvenu"));
    CHECK(has("ZXDEClisbon"));
    CHECK(has("ZXACTbook"));
    CHECK(has("ZXNAMEann"));
    CHECK(wdf_of(doc, "Zzeppelin") == schema::find_text_field("title")->weight);
    CHECK(wdf_of(doc, "Zoffsit") == schema::find_text_field("summary")->weight);
    CHECK(wdf_of(doc, "Zbodi") == 1);
    CHECK(has("Zbudget"));  // tag words are searchable text too
    // The folded form beside the accented one, in the text and in the field's copy.
    CHECK(has("Zcafé"));
    CHECK(has("Zcafe"));
    CHECK(has("ZXSUMcafe"));

    CHECK(doc.get_value(schema::kSlotDate) == "20251030");
    CHECK(doc.get_value(schema::kSlotPeople) == "ann-lee");

    const StoredNote data = decode_document_data(doc.get_data(), "");
    CHECK(data.title == "Zeppelin budget");
    CHECK(data.date == "2025-10-30");
    CHECK(data.people.at(0).name == "Ann Lee");
    CHECK(data.fields.empty());  // no field declared

    // Spelling words come from title, summary and key information only, once each.
    const std::set<std::string> words(spelling.begin(), spelling.end());
    CHECK(words.size() == spelling.size());
    CHECK(words.count("zeppelin"));
    CHECK(words.count("offsite"));
    CHECK(words.count("venue"));
    CHECK_FALSE(words.count("lisbon"));
}

TEST_CASE("declared fields: a keyword filter with facet values, a date in its slot, both in the data") {
    const schema::FieldTable fields({{"status", schema::DeclaredField::Kind::Keyword},
                                     {"due", schema::DeclaredField::Kind::Date}});
    DocumentBuilder builder(AnalysisProfile{}, fields);
    const Xapian::Document doc = builder.build(parse_note(kNote, "ann.md", ParseScope::Full, {"status", "due"}), nullptr);
    const auto terms = terms_of(doc);
    const auto* status = fields.find_filter("status");
    const auto* due = fields.find_filter("due");
    CHECK(terms.count(schema::filter_term(*status, "open")));
    CHECK(doc.get_value(*status->slot) == "open");
    CHECK(doc.get_value(*due->slot) == "20251115");
    const StoredNote data = decode_document_data(doc.get_data(), "");
    const std::map<std::string, std::vector<std::string>> stored(data.fields.begin(), data.fields.end());
    CHECK(stored == std::map<std::string, std::vector<std::string>>{{"status", {"Open"}}, {"due", {"2025-11-15"}}});
}
