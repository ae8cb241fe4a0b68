#include <doctest/doctest.h>

#include <algorithm>

#include "recall/core/note_parser.hpp"

using namespace recall;

namespace {
// A note in the real format, with the sample's kinds of mojibake in it.
const std::string kMeetingNote =
    "---\ntype: \"people\"\ntitle: \"Blob support plan\"\ndate: \"2025-10-30\"\nperson: \"Andy Perlsteiner\"\n"
    "participants: [\"Andy Perlsteiner\", \"Jason Vallery\"]\n"
    "tags:\n  - \"type/people\"\n  - \"person/andy-perlsteiner\"\n  - \"person/maria-lopez\"\n---\n\n"
    "# Blob support plan\n\n**Date**: 2025-10-30\n**With**: Andy Perlsteiner, Jason Vallery\n\n"
    "## Summary\n\nAndy\xE2\x80\x9A\xC3\x84\xC3\xB4s team needs Blob read support.\n"
    "## Action Items\n"
    "- [ ] Update sales on Blob support @Andy \xEF\xA3\xBF\xC3\xBC\xC3\xAC\xC3\x96 2025-10-30 "
    "\xEF\xA3\xBF\xC3\xBC\xC3\xAE\xE2\x88\xAB #task\n"
    "- [x] Meet with Josh @Myself \xEF\xA3\xBF\xC3\xBC\xC3\xAC\xC3\x96 2025-10-31 \xE2\x80\x9A\xC3\xA8\xC2\xB4 #task\n\n"
    "## Decisions\n- Use Phil Wagstrom as contact.\n\n## Key Information\n- Customer needs early December.\n\n"
    "---\n\n*Source: [[Inbox/a.md|a]]*\n\n## Related\n\n- [[Andy Perlsteiner]]\n- [[Phil Wagstrom]]\n- [[OVA]]\n"
    "- [[Microsoft]]\n";

const Person* find_person(const Note& note, const std::string& slug) {
    auto it = std::find_if(note.people.begin(), note.people.end(), [&](const Person& p) { return p.slug == slug; });
    return it == note.people.end() ? nullptr : &*it;
}
}  // namespace

TEST_CASE("every field of a meeting note") {
    Note note = parse_note(kMeetingNote, "Meetings/2025-10-30 Andy.md");
    CHECK(note.path == "Meetings/2025-10-30 Andy.md");
    CHECK(note.title == "Blob support plan");
    CHECK(note.date == Date{2025, 10, 30});
    CHECK(note.type == "people");
    CHECK(note.person == "Andy Perlsteiner");
    CHECK(note.participants == std::vector<std::string>{"Andy Perlsteiner", "Jason Vallery"});
    CHECK(note.tags == std::vector<std::string>{"type/people", "person/andy-perlsteiner", "person/maria-lopez", "task"});
    CHECK(note.section_text(SectionKind::Summary) == "Andy’s team needs Blob read support.");
    CHECK(note.section_text(SectionKind::Decisions) == "Use Phil Wagstrom as contact.");
    CHECK(note.section_text(SectionKind::KeyInformation) == "Customer needs early December.");
    CHECK(note.related == std::vector<std::string>{"Andy Perlsteiner", "Phil Wagstrom", "OVA", "Microsoft"});
    CHECK(note.warnings.empty());

    REQUIRE(note.tasks.size() == 2);
    CHECK(note.tasks[0].text == "Update sales on Blob support");
    CHECK(note.tasks[0].owner == "Andy Perlsteiner");
    CHECK(note.tasks[0].due == Date{2025, 10, 30});
    CHECK(note.tasks[0].priority == TaskPriority::Highest);
    CHECK_FALSE(note.tasks[0].done);
    CHECK(note.tasks[0].line == 22);
    CHECK(note.tasks[1].done);
    CHECK(note.tasks[1].owner == "Myself");
    CHECK(note.tasks[1].priority == TaskPriority::High);
    CHECK(note.has_open_tasks());

    // People: person, participants, person/ tags, Related links to people; not products.
    CHECK(find_person(note, "andy-perlsteiner"));
    CHECK(find_person(note, "jason-vallery"));
    REQUIRE(find_person(note, "maria-lopez"));
    CHECK(find_person(note, "maria-lopez")->name == "Maria Lopez");
    CHECK(find_person(note, "phil-wagstrom"));
    CHECK_FALSE(find_person(note, "ova"));
    CHECK_FALSE(find_person(note, "microsoft"));
    CHECK_FALSE(find_person(note, "myself"));
    CHECK(note.people.size() == 4);
}

TEST_CASE("title falls back to the H1, then the file name") {
    CHECK(parse_note("# Heading title\n\ntext", "a/b.md").title == "Heading title");
    CHECK(parse_note("just text", "a/My note.md").title == "My note");
    CHECK(parse_note("---\ntitle: \"\"\n---\n# H\n", "x.md").title == "H");
}

TEST_CASE("date falls back to the Date line, then the file name or folder") {
    CHECK(parse_note("# T\n\n**Date**: Oct 3, 2024\n", "x.md").date == Date{2024, 10, 3});
    CHECK(parse_note("text", "Journal/2023/07/04/x.md").date == Date{2023, 7, 4});
    CHECK(parse_note("text", "2025-01-02 standup.md").date == Date{2025, 1, 2});
    CHECK_FALSE(parse_note("text", "Projects/x.md").date);
}

TEST_CASE("participants fall back to the With line") {
    Note note = parse_note("# T\n\n**With**: Ann Lee, [[Bo Chen]]\n", "x.md");
    CHECK(note.participants == std::vector<std::string>{"Ann Lee", "Bo Chen"});
    CHECK(note.people.size() == 2);
}

TEST_CASE("empty files and whitespace-only files are notes without content") {
    Note empty = parse_note("", "Inbox/empty.md");
    CHECK(empty.title == "empty");
    CHECK(empty.passages.empty());
    CHECK(empty.warnings.empty());
    CHECK(parse_note("\n\n   \n", "w.md").passages.empty());
}

TEST_CASE("a multi-megabyte note parses completely") {
    std::string big = "---\ntitle: Big paste\n---\n";
    for (int i = 0; i < 60000; ++i) big += "Line " + std::to_string(i) + " of a pasted transcript with some words.\n\n";
    big += "The last line mentions zebra.\n";
    REQUIRE(big.size() > 3'000'000);
    Note note = parse_note(big, "big.md");
    CHECK(note.title == "Big paste");
    REQUIRE_FALSE(note.passages.empty());
    CHECK(note.passages.back().text == "The last line mentions zebra.");
    CHECK(note.passages.back().line == 4 + 60000 * 2);
}

TEST_CASE("warnings carry the vault path and the line") {
    Note note = parse_note("---\ndate: soon\n---\n", "People/Ann.md");
    REQUIRE(note.warnings.size() == 1);
    CHECK(note.warnings[0].to_string() == "People/Ann.md:2: 'date' value 'soon' is not a date recall can read");
}
