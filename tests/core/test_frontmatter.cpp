#include <doctest/doctest.h>

#include "recall/core/frontmatter.hpp"

using namespace recall;

namespace {
struct Parsed {
    Frontmatter fm;
    std::vector<Warning> warnings;
};
Parsed parse(const std::string& text) {
    Parsed p;
    p.fm = parse_frontmatter(text, p.warnings);
    return p;
}
bool has_warning(const Parsed& p, int line, const std::string& part) {
    for (const auto& w : p.warnings)
        if (w.line == line && w.message.find(part) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("the real format's keys") {
    auto p = parse(
        "---\ntype: \"people\"\ntitle: \"Align roles\"\ndate: \"2025-10-30\"\nperson: \"Andy Perlsteiner\"\n"
        "participants: [\"Andy Perlsteiner\", \"Jason Vallery\"]\nsource: \"transcript\"\n"
        "tags:\n  - \"type/people\"\n  - \"person/andy-perlsteiner\"\n  - \"generated\"\n---\n\n# Body\n");
    CHECK(p.fm.present);
    CHECK(p.fm.type == "people");
    CHECK(p.fm.title == "Align roles");
    CHECK(p.fm.date == Date{2025, 10, 30});
    CHECK(p.fm.person == "Andy Perlsteiner");
    CHECK(p.fm.participants == std::vector<std::string>{"Andy Perlsteiner", "Jason Vallery"});
    CHECK(p.fm.tags == std::vector<std::string>{"type/people", "person/andy-perlsteiner", "generated"});
    CHECK(p.fm.body_line == 13);
    CHECK(p.warnings.empty());
}

TEST_CASE("a string where a list belongs, '#' tags, wikilinked names") {
    auto p = parse("---\nparticipants: \"[[People/Andy Perlsteiner|Andy]], Jason Vallery\"\ntags: \"#Type/People #generated\"\n---\n");
    CHECK(p.fm.participants == std::vector<std::string>{"Andy Perlsteiner", "Jason Vallery"});
    CHECK(p.fm.tags == std::vector<std::string>{"type/people", "generated"});
}

TEST_CASE("unquoted [[wikilinks]] in YAML lists parse as nested lists and are flattened") {
    auto p = parse("---\nparticipants: [[Andy Perlsteiner], [Jason Vallery]]\nperson: [[Andy Perlsteiner]]\n---\n");
    CHECK(p.fm.participants == std::vector<std::string>{"Andy Perlsteiner", "Jason Vallery"});
    CHECK(p.fm.person == "Andy Perlsteiner");
}

TEST_CASE("keys of the wrong type are converted with a warning naming the line") {
    auto p = parse("---\ntitle: [\"First\", \"Second\"]\ntype: {a: b}\ndate: 2025-10-30\n---\n");
    CHECK(p.fm.title == "First");
    CHECK(has_warning(p, 2, "'title' should be a single value"));
    CHECK(has_warning(p, 3, "'type' should be a single value"));
    CHECK(p.fm.date == Date{2025, 10, 30});
}

TEST_CASE("malformed YAML is read line by line") {
    auto p = parse("---\ntitle: Retro: what went wrong\ndate: 2025-01-31\nparticipants: [Ann Lee, Bo Chen\ntags:\n  - a/b\n  - c\n---\nbody\n");
    CHECK(has_warning(p, 2, "malformed YAML"));
    CHECK(p.fm.title == "Retro: what went wrong");
    CHECK(p.fm.date == Date{2025, 1, 31});
    CHECK(p.fm.participants == std::vector<std::string>{"Ann Lee", "Bo Chen"});
    CHECK(p.fm.tags == std::vector<std::string>{"a/b", "c"});
}

TEST_CASE("misspelled keys are read as the key they nearly are") {
    auto p = parse("---\ntitel: T\npartcipants: [A B]\ntpye: x\n---\n");
    CHECK(p.fm.title == "T");
    CHECK(p.fm.type == "x");
    CHECK(has_warning(p, 2, "'titel' read as 'title'"));
    CHECK(has_warning(p, 4, "'tpye' read as 'type'"));
}

TEST_CASE("no frontmatter, an unclosed one, an empty one, a non-mapping one") {
    CHECK_FALSE(parse("# Just a note\n").fm.present);
    auto unclosed = parse("---\ntitle: x\n\n# Body\n");
    CHECK_FALSE(unclosed.fm.present);
    CHECK(has_warning(unclosed, 1, "no closing"));
    auto empty = parse("---\n---\nbody");
    CHECK(empty.fm.present);
    CHECK(empty.fm.body_line == 3);
    auto list = parse("---\n- a\n- b\n---\n");
    CHECK(has_warning(list, 2, "not a set of 'key: value'"));
}

TEST_CASE("an unreadable date warns and 'created' stands in for a missing date") {
    auto p = parse("---\ndate: next week\n---\n");
    CHECK_FALSE(p.fm.date);
    CHECK(has_warning(p, 2, "not a date"));
    CHECK(parse("---\ncreated: 2024-05-06 10:00\n---\n").fm.date == Date{2024, 5, 6});
}

TEST_CASE("tags are normalised") {
    CHECK(normalize_tag("#Type/People/") == "type/people");
    CHECK(normalize_tag("  ##a//b ") == "a/b");
    CHECK(normalize_tag("Überlegung") == "überlegung");
    CHECK(normalize_tag("#") == "");
}
