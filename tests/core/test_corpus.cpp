// The damaged notes of corpus/damaged, read from disk as the indexer reads them.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "recall/core/note_parser.hpp"
#include "recall/indexer/vault_scanner.hpp"

using namespace recall;

namespace {
const std::filesystem::path kCorpus = RECALL_CORPUS_DIR;

ReadResult read(const std::string& relative) { return read_note_file(kCorpus / relative, relative); }

bool warned(const ReadResult& r, int line, const std::string& part) {
    return std::any_of(r.warnings.begin(), r.warnings.end(), [&](const Warning& w) {
        return (line < 0 || w.line == line) && w.message.find(part) != std::string::npos;
    });
}
}  // namespace

TEST_CASE("Mac Roman mojibake: titles, text and task emoji repaired") {
    auto r = read("damaged/mojibake-mac-roman.md");
    REQUIRE(r.note);
    CHECK(r.note->title == "Lena’s cost review — test clusters");
    CHECK(r.note->section_text(SectionKind::Summary).find("Lena’s review found that the team’s idle") == 0);
    CHECK(r.note->section_text(SectionKind::KeyInformation).find("“sandbox-2”") != std::string::npos);
    CHECK(r.note->section_text(SectionKind::KeyInformation).find("9,000 €") != std::string::npos);
    REQUIRE(r.note->tasks.size() == 2);
    CHECK(r.note->tasks[0].due == Date{2025, 9, 30});
    CHECK(r.note->tasks[0].priority == TaskPriority::Highest);
    CHECK(r.note->tasks[1].text == "Report August’s savings to finance");
    CHECK(r.note->tasks[1].priority == TaskPriority::High);
    CHECK(r.warnings.empty());  // repair is expected, not a problem
}

TEST_CASE("BOM and CRLF") {
    auto r = read("damaged/bom-and-crlf.md");
    REQUIRE(r.note);
    CHECK(r.note->type == "standup");
    CHECK(r.note->title == "Standup with CRLF line ends");
    CHECK(r.note->tasks.size() == 1);
    CHECK(r.note->tasks[0].owner == "Tomás Ferreira");
    CHECK(r.warnings.empty());
}

TEST_CASE("Latin-1 and Windows-1252 files") {
    auto latin1 = read("damaged/latin1-encoded.md");
    REQUIRE(latin1.note);
    CHECK(latin1.note->title == "Café planning with Jörg");
    CHECK(latin1.note->person == "Jörg Müller");
    CHECK(warned(latin1, 3, "not valid UTF-8"));
    auto cp1252 = read("damaged/windows-1252-quotes.md");
    REQUIRE(cp1252.note);
    CHECK(cp1252.note->section_text(SectionKind::Summary) ==
          "Priya’s dashboard demo went well — the “export to CSV” button got applause… Next: filters.");
}

TEST_CASE("stray invalid bytes") {
    auto r = read("damaged/invalid-utf8-bytes.md");
    REQUIRE(r.note);
    CHECK(r.note->title == "Notes with stray bytes");
    CHECK(warned(r, 13, "3 byte(s)"));
}

TEST_CASE("malformed YAML still gives title, date, people and tags") {
    auto r = read("damaged/malformed-yaml.md");
    REQUIRE(r.note);
    CHECK(r.note->title == "Retro: what went wrong with the January release");
    CHECK(r.note->date == Date{2025, 1, 31});
    CHECK(r.note->person == "Chloé Dubois");
    CHECK(r.note->participants == std::vector<std::string>{"Chloé Dubois", "Sam Rivera"});
    CHECK(r.note->tags == std::vector<std::string>{"type/people", "person/chloe-dubois"});
    CHECK(warned(r, -1, "malformed YAML"));
}

TEST_CASE("no frontmatter and an unclosed one") {
    auto none = read("damaged/2025-04-22 no frontmatter.md");
    REQUIRE(none.note);
    CHECK(none.note->title == "Quick sync about the status page");
    CHECK(none.note->date == Date{2025, 4, 22});
    CHECK(none.note->tasks.size() == 1);
    auto unclosed = read("damaged/unclosed-frontmatter.md");
    REQUIRE(unclosed.note);
    CHECK(unclosed.note->title == "Unclosed frontmatter");
    CHECK(warned(unclosed, 1, "no closing"));
}

TEST_CASE("wrong types and misspelled keys") {
    auto wrong = read("damaged/wrong-types.md");
    REQUIRE(wrong.note);
    CHECK(wrong.note->title == "Hiring sync");
    CHECK(wrong.note->type == "people");
    CHECK(wrong.note->participants == std::vector<std::string>{"Ana Lima", "Marcus Webb"});
    CHECK(wrong.note->tags == std::vector<std::string>{"type/people", "person/ana-lima", "hiring"});
    CHECK(warned(wrong, 3, "'title' should be a single value"));
    auto misspelled = read("damaged/misspelled-keys.md");
    REQUIRE(misspelled.note);
    CHECK(misspelled.note->title == "Misspelled keys still count");
    CHECK(misspelled.note->date == Date{2025, 5, 15});
    CHECK(misspelled.note->type == "1on1");
    CHECK(warned(misspelled, 5, "'persn' read as 'person'"));
}

TEST_CASE("empty, binary, NUL bytes, UTF-16") {
    auto empty = read("damaged/empty.md");
    REQUIRE(empty.note);
    CHECK(empty.warnings.empty());
    auto binary = read("damaged/binary-image.md");
    CHECK_FALSE(binary.note);
    CHECK(warned(binary, -1, "binary"));
    CHECK(binary.warnings[0].path == "damaged/binary-image.md");
    auto nul = read("damaged/nul-bytes.md");
    REQUIRE(nul.note);
    CHECK(nul.note->section_text(SectionKind::Body).find("The sync worker logs") != std::string::npos);
    CHECK(warned(nul, 6, "NUL"));
    auto utf16 = read("damaged/utf16-export.md");
    REQUIRE(utf16.note);
    CHECK(utf16.note->title == "Exported from an old editor");
    CHECK(utf16.note->date == Date{2024, 12, 19});
}

TEST_CASE("date forms") {
    CHECK(read("damaged/date-month-name.md").note->date == Date{2025, 10, 30});
    auto unreadable = read("damaged/date-unreadable.md");
    CHECK_FALSE(unreadable.note->date);
    CHECK(warned(unreadable, 3, "not a date"));
}

TEST_CASE("files over the size limit are skipped with a warning") {
    ParseOptions small;
    small.max_file_bytes = 100;
    auto r = read_note_file(kCorpus / "damaged/malformed-yaml.md", "damaged/malformed-yaml.md", small);
    CHECK_FALSE(r.note);
    CHECK(warned(r, 0, "over the limit"));
    auto missing = read_note_file(kCorpus / "no/such/file.md", "no/such/file.md");
    CHECK_FALSE(missing.note);
    CHECK(warned(missing, 0, "cannot read"));
}

TEST_CASE("the whole corpus: every note parses, people recur, dates span two years") {
    std::vector<Warning> warnings;
    auto files = scan_vault(kCorpus, {}, warnings);
    CHECK(files.size() >= 40);
    CHECK(warnings.empty());
    int notes = 0, with_maya = 0;
    Date first{9999, 1, 1}, last{1900, 1, 1};
    for (const auto& f : files) {
        auto r = read_note_file(f.absolute, f.relative);
        if (!r.note) continue;
        ++notes;
        for (const auto& p : r.note->people) with_maya += p.slug == "maya-okonkwo";
        if (r.note->date) {
            first = std::min(first, *r.note->date);
            last = std::max(last, *r.note->date);
        }
    }
    CHECK(notes == static_cast<int>(files.size()) - 1);  // only the binary file is skipped
    CHECK(with_maya >= 5);
    CHECK(last.days_since_epoch() - first.days_since_epoch() > 365);
}

TEST_CASE("the vault scan skips dot-folders and excluded globs") {
    std::vector<Warning> warnings;
    ScanOptions options;
    options.exclude = {"damaged", "Standups/*"};
    auto files = scan_vault(kCorpus, options, warnings);
    for (const auto& f : files) {
        CHECK(f.relative.find("damaged/") == std::string::npos);
        CHECK(f.relative.find("Standups/") == std::string::npos);
    }
    CHECK(files.size() >= 30);
}
