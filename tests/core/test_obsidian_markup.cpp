// Obsidian's syntax read as Obsidian shows it, each note's language, and who counts as a person.
#include <doctest/doctest.h>

#include <algorithm>

#include "recall/core/markdown_body.hpp"
#include "recall/core/note_language.hpp"
#include "recall/core/note_parser.hpp"
#include "recall/core/obsidian_markup.hpp"

using namespace recall;

namespace {

std::string all_text(const MarkdownBody& body) {
    std::string out;
    for (const auto& p : body.passages) out.append(p.text).append("\n");
    return out;
}

bool has_person(const Note& note, const std::string& slug) {
    return std::any_of(note.people.begin(), note.people.end(), [&](const Person& p) { return p.slug == slug; });
}

}  // namespace

TEST_CASE("comments, embeds, callouts, block ids and fenced divs leave no markup") {
    const auto body = parse_markdown_body(
        "> [!warning]- Note about icon versions\n"
        "> Icons follow the upstream set. ![[Credits#^lucide]]\n"
        "\n"
        "Adjust the picture. ![[daily-notes.png#interface|300]] ^daily-notes-date\n"
        "\n"
        "%% Uncomment the next line\n"
        "and this one %% Visible after.\n"
        "\n"
        "::: {.column width=\"60%\"}\n"
        "Column text.\n"
        ":::\n"
        "\n"
        "^lonely-id\n",
        1);
    const std::string text = all_text(body);
    for (const char* markup : {"[!", "![[", "|300", "^", "%%", "Uncomment", ":::", "daily-notes.png"})
        CHECK_MESSAGE(text.find(markup) == std::string::npos, markup << " in " << text);
    CHECK(text.find("Note about icon versions") != std::string::npos);
    CHECK(text.find("Credits") != std::string::npos);  // a note embed reads as a link to it
    CHECK(text.find("Adjust the picture.") != std::string::npos);
    CHECK(text.find("Visible after.") != std::string::npos);
    CHECK(text.find("Column text.") != std::string::npos);
    CHECK(body.passages[1].line == 4);  // lines stay where they were
}

TEST_CASE("wikilinks show their text, and their targets are kept to be searched") {
    const std::string long_target(120, 'a');
    const auto body = parse_markdown_body("See [[Einführung in Sync|the intro]], [[Guide#Setup#^b1]] and [[" + long_target +
                                              "|Sass label]].\n",
                                          1);
    REQUIRE(body.passages.size() == 1);
    CHECK(body.passages[0].text == "See the intro, Guide > Setup and Sass label.");
    REQUIRE(!body.link_targets.empty());
    CHECK(body.link_targets[0] == "Einführung in Sync");
    CHECK(wikilink_shown_text("#Heading") == "Heading");
    CHECK(wikilink_shown_text("Folder/Note.md#^id") == "Note");
}

TEST_CASE("code is marked as code, HTML blocks give their text, image alt text is not shown") {
    const auto body = parse_markdown_body(
        "```dataview\nTABLE file.mtime\n```\n\n"
        "<div class=\"x\"><p>Inside the div</p></div>\n\n"
        "![GitHub all releases](https://example.invalid/b.svg) Plain text with `%%code%%`.\n"
        "\n## Heading two\n",
        1);
    REQUIRE(body.passages.size() == 4);
    CHECK(body.passages[0].code);
    CHECK(body.passages[0].text.find("TABLE file.mtime") != std::string::npos);
    CHECK(!body.passages[1].code);
    CHECK(body.passages[1].text.find("Inside the div") != std::string::npos);
    CHECK(body.passages[1].text.find('<') == std::string::npos);
    CHECK(body.passages[2].text == "Plain text with %%code%%.");
    CHECK(body.passages[3].heading == 2);
}

TEST_CASE("a note's language: frontmatter, folder rule, detection, default") {
    CHECK(stemming_language_of("de-AT") == "german");
    CHECK(stemming_language_of("Russian") == "russian");
    CHECK(stemming_language_of("zh") == "none");
    CHECK(stemming_language_of("klingon") == "none");
    AnalysisProfile profile;
    profile.folder_languages = {{"docs/", "fr"}, {"docs/de", "german"}};
    const std::string german_text =
        "# Einstellungen\n\nDie Einstellungen deines Tresors werden mit allen Geräten synchronisiert, sobald du "
        "dich angemeldet hast. Schriftgröße und Fensterlayout bleiben auf jedem Gerät für sich.\n";
    CHECK(note_language(parse_note("---\nlang: ru\n---\n" + german_text, "docs/a.md"), profile) == "russian");
    CHECK(note_language(parse_note(german_text, "docs/de/a.md"), profile) == "german");  // the longest rule
    CHECK(note_language(parse_note(german_text, "docs/a.md"), profile) == "french");
    CHECK(note_language(parse_note(german_text, "other/a.md"), profile) == "german");  // CLD2
    CHECK(note_language(parse_note("# x\n\nok\n", "other/a.md"), profile) == "english");  // too little to tell
    profile.detect_languages = false;
    CHECK(note_language(parse_note(german_text, "other/a.md"), profile) == "english");

    LanguageStemmer stemmer;
    CHECK(stemmer.terms("russian", "индексации").first == stemmer.terms("russian", "индексация").first);
    CHECK(stemmer.terms("german", "geräten").first == "XLgerman:gerat");
    CHECK(stemmer.terms("none", "x").first.empty());
}

TEST_CASE("people only from signals that mean people") {
    const Note linked = parse_note("# Sync\n\n## Links\n[[Ausgehende Links]] [[People/Mara Lindqvist|Mara]]\n", "a.md");
    CHECK(!has_person(linked, "ausgehende-links"));
    CHECK(has_person(linked, "mara-lindqvist"));
    CHECK(has_person(parse_note("# kepano\n\nMakes themes.\n", "People/kepano.md"), "kepano"));
    const Note theme = parse_note("# Minimal\n\nA theme with [[Style Settings]].\n\nDesigned by: [[kepano]]\n", "Themes/Minimal.md");
    CHECK(has_person(theme, "kepano"));
    CHECK(!has_person(theme, "style-settings"));
    CHECK(has_person(parse_note("---\ntype: person\n---\n# Ann Lee\n", "x/Ann Lee.md"), "ann-lee"));
    CHECK(has_person(parse_note("---\nauthor: \"[[Joan Smith]]\"\n---\n# Guide\n", "g.md"), "joan-smith"));
    // A Related link that names a person the note already has still counts.
    const Note meeting = parse_note("---\nperson: Andy Perlsteiner\n---\n# 1:1\n\n## Related\n- [[Andy Perlsteiner]]\n", "m.md");
    CHECK(meeting.people.size() == 1);
}
