// Where recall takes a hit's snippet from, as a user runs it: the passages the index keeps,
// while the file is the one indexed; nothing, once it is not.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace recall::test;
namespace fs = std::filesystem;

namespace {

const std::map<std::string, std::string> kEnv{{"NO_COLOR", "1"}, {"XDG_CONFIG_HOME", "/nonexistent"}};

// The --vimgrep lines of a search, paths relative to the vault: path:line:column:passage.
std::string vimgrep(const TempDir& tmp, const std::string& query) {
    const auto r = run({kRecall, "--index", (tmp / "idx").string(), "--vimgrep", query}, kEnv);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string vault = (tmp / "vault").string() + "/";
    std::string out;
    for (const auto& line : split_lines(r.out)) out += (line.starts_with(vault) ? line.substr(vault.size()) : line) + "\n";
    return out;
}

}  // namespace

TEST_CASE("while a note's size and modification time are the indexed ones, its snippet comes from the index") {
    TempDir tmp;
    const fs::path note = tmp / "vault/note.md";
    const std::string text = "# Note\n\nThe zeppelin landed at noon.\n";
    write_file(note, text);
    REQUIRE(index_vault(tmp / "vault", tmp / "idx", {"--quiet"}).exit_code == 0);
    CHECK(vimgrep(tmp, "zeppelin") == "note.md:3:5:The zeppelin landed at noon.\n");

    // The same size and mtime, other bytes: recall does not read the file, it shows what was
    // indexed (the column, read from the file for --vimgrep, is not found there).
    const auto mtime = fs::last_write_time(note);
    write_file(note, "# Note\n\nThe airship_ landed at noon.\n");
    fs::last_write_time(note, mtime);
    CHECK(vimgrep(tmp, "zeppelin") == "note.md:3:1:The zeppelin landed at noon.\n");

    // Newer with other bytes: not the note indexed, and not shown.
    fs::last_write_time(note, mtime + std::chrono::seconds(5));
    CHECK(vimgrep(tmp, "zeppelin") == "note.md:1:1:(note file is gone; run recall-index)\n");
    // Newer with the same bytes (touched): the note indexed.
    write_file(note, text);
    fs::last_write_time(note, mtime + std::chrono::seconds(5));
    CHECK(vimgrep(tmp, "zeppelin") == "note.md:3:5:The zeppelin landed at noon.\n");
}

TEST_CASE("a note edited after indexing never shows the index's line for it, and the next run shows where its words are now") {
    TempDir tmp;
    const fs::path note = tmp / "vault/meeting.md";
    write_file(note, meeting_note("Planning", "2025-10-01", "Ann Lee", "The quokka budget was agreed."));
    REQUIRE(index_vault(tmp / "vault", tmp / "idx", {"--quiet"}).exit_code == 0);
    const std::string text = read_file(note);
    const size_t at = text.find("The quokka budget");
    REQUIRE(at != std::string::npos);
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
    CHECK(vimgrep(tmp, "quokka") == "meeting.md:" + std::to_string(line) + ":5:The quokka budget was agreed.\n");

    // Lines written above it after the index was built: the index's line would be wrong.
    write_file(note, text.substr(0, at) + "First new line.\n\nSecond.\n\n" + text.substr(at));
    CHECK(vimgrep(tmp, "quokka") == "meeting.md:1:1:(note file is gone; run recall-index)\n");
    const auto listing = run({kRecall, "--index", (tmp / "idx").string(), "quokka"}, kEnv);
    CHECK(listing.out.find("changed since it was indexed") != std::string::npos);
    CHECK(listing.out.find("quokka budget") == std::string::npos);
    REQUIRE(index_vault(tmp / "vault", tmp / "idx", {"--quiet"}).exit_code == 0);
    CHECK(vimgrep(tmp, "quokka") == "meeting.md:" + std::to_string(line + 4) + ":5:The quokka budget was agreed.\n");
}

TEST_CASE("a word of the title only shows the note's opening, and where a passage holds it too, that passage") {
    TempDir tmp;
    const fs::path vault = tmp / "vault";
    write_file(vault / "title-only.md", "---\ntitle: Zeppelin notes\ntags: [zeppelin]\n---\n\nNothing about airships here.\n");
    write_file(vault / "body.md", "---\ntitle: Zeppelin notes two\n---\n\nOpening words.\n\nThe zeppelin landed.\n");
    write_file(vault / "heading.md", "---\ntitle: Zeppelin three\n---\n\nOpening words.\n\n## Zeppelin plans\n\nText.\n");
    write_file(vault / "summary.md", "---\ntitle: Zeppelin four\n---\n\nOpening words.\n\n## Summary\n\nA zeppelin summary.\n");
    write_file(vault / "task.md", "---\ntitle: Zeppelin five\n---\n\nOpening words.\n\n## Action Items\n\n- [ ] Book the zeppelin @Ann\n");
    write_file(vault / "link.md", "---\ntitle: Zeppelin six\naliases: [Zeppelin]\n---\n\nOpening words.\n\nSee [[Zeppelin|the airship]] and the zeppelin.\n");
    REQUIRE(index_vault(vault, tmp / "idx", {"--quiet"}).exit_code == 0);
    const auto r = run({kRecall, "--index", (tmp / "idx").string(), "--vimgrep", "-n", "20", "zeppelin"}, kEnv);
    std::map<std::string, std::string> shown;  // file -> line:column:text
    for (const auto& line : split_lines(r.out)) {
        const size_t md = line.find(".md:");
        shown[fs::path(line.substr(0, md + 3)).filename().string()] = line.substr(md + 4);
    }
    CHECK(shown["title-only.md"] == "6:1:Nothing about airships here.");
    CHECK(shown["body.md"] == "7:5:The zeppelin landed.");
    CHECK(shown["heading.md"] == "7:4:Zeppelin plans");
    CHECK(shown["summary.md"] == "9:3:A zeppelin summary.");
    CHECK(shown["task.md"].starts_with("9:"));
    CHECK(shown["task.md"].find("Book the zeppelin") != std::string::npos);
    CHECK(shown["link.md"].starts_with("8:"));
}
