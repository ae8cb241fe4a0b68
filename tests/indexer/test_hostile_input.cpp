// Notes built to cost time or memory: each is cut at a bound of recall/note_limits.hpp with
// a warning naming it, and the rest of the note is still read.
#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>

#include "recall/core/note_limits.hpp"
#include "recall/core/note_parser.hpp"
#include "recall/core/schema.hpp"
#include "support/test_support.hpp"

using namespace recall;
using namespace recall::test;
namespace fs = std::filesystem;

namespace {


bool warned(const Note& note, const std::string& text) {
    return std::any_of(note.warnings.begin(), note.warnings.end(),
                       [&](const Warning& w) { return w.message.find(text) != std::string::npos; });
}

// Nine levels of nine aliases: 9^9 (387 million) scalars once expanded.
std::string alias_bomb() {
    std::string yaml = "title: Bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    std::string previous = "a";
    for (char name = 'b'; name <= 'i'; ++name) {
        yaml += std::string(1, name) + ": &" + name + " [";
        for (int i = 0; i < 9; ++i) yaml += (i ? ",*" : "*") + previous;
        yaml += "]\n";
        previous = std::string(1, name);
    }
    return "---\n" + yaml + "tags: *" + previous + "\nperson: *" + previous + "\n---\n\n# Bomb\n\nThe zeppelin text.\n";
}

std::string many(int n, const std::string& before, const std::string& after) {
    std::string out;
    for (int i = 0; i < n; ++i) out += before + std::to_string(i) + after;
    return out;
}

}  // namespace

TEST_CASE("a YAML alias bomb is read up to a budget of values, with a warning") {
    const Note note = parse_note(alias_bomb(), "bomb.md");
    CHECK(note.title == "Bomb");
    CHECK(warned(note, "frontmatter holds more than 10000 values"));
    CHECK(note.tags.size() <= 1);  // the budget is spent on a..i; every value is "lol" anyway
    CHECK(note.people.size() <= 1);
    // The body is still read.
    CHECK(std::any_of(note.passages.begin(), note.passages.end(),
                      [](const Passage& p) { return p.text.find("zeppelin") != std::string::npos; }));
    // The same bomb on one line, where malformed frontmatter is read line by line.
    const std::string flow_bomb = ("---\ntitle: [unclosed\ntags: [&a [x,x,x,x,x,x,x,x,x], &b [*a,*a,*a,*a,*a,*a,*a,*a,*a], "
                                 "&c [*b,*b,*b,*b,*b,*b,*b,*b,*b], &d [*c,*c,*c,*c,*c,*c,*c,*c,*c], "
                                 "&e [*d,*d,*d,*d,*d,*d,*d,*d,*d], &f [*e,*e,*e,*e,*e,*e,*e,*e,*e], "
                                 "&g [*f,*f,*f,*f,*f,*f,*f,*f,*f], [*g,*g,*g,*g,*g,*g,*g,*g,*g]]\n---\nbody\n");
    const Note flow = parse_note(flow_bomb, "flow.md");
    CHECK(warned(flow, "frontmatter holds more than 10000 values"));
    // A line read after the budget is spent yields no value, not an empty scalar (found by
    // fuzzing: 'person' was then read as a scalar with nothing in it, a null dereference).
    std::string spent_then_plain = flow_bomb;
    spent_then_plain.insert(spent_then_plain.find("---\nbody"), "person: Ann Lee\ntags: solo\n");
    const Note spent = parse_note(spent_then_plain, "spent.md");
    CHECK(warned(spent, "frontmatter holds more than 10000 values"));
    CHECK(spent.tags.size() <= 1);
    // An alias inside its own anchor is a cycle (found by fuzzing: it recursed until the
    // stack ran out).
    const Note cycle = parse_note("---\ntitle: Cycle\na: &a [*a]\nb: &b {x: *b}\ntags: *a\n---\nbody\n", "cycle.md");
    CHECK(cycle.title == "Cycle");
}

TEST_CASE("tags, people and tasks past their bounds are dropped with one warning each") {
    const Note tags = parse_note("---\ntags:\n" + many(100'000, "  - tag", "\n") + "---\nbody\n", "tags.md");
    CHECK(tags.tags.size() == limits::kTags);
    CHECK(tags.tags.front() == "tag0");
    CHECK(warned(tags, "more than 1000 tags"));

    const Note inline_tags = parse_note("# Inline\n\n" + many(100'000, "#topic", " ") + "\n", "inline.md");
    CHECK(inline_tags.tags.size() == limits::kTags);
    CHECK(warned(inline_tags, "more than 1000 tags"));

    const Note people = parse_note("---\nparticipants:\n" + many(100'000, "  - Person Number", "\n") + "---\nbody\n", "p.md");
    CHECK(people.people.size() == limits::kPeople);
    CHECK(people.participants.size() == limits::kPeople);
    CHECK(warned(people, "more than 1000 people"));

    const Note tasks = parse_note("# Tasks\n\n## Action Items\n" + many(50'000, "- [ ] task number", " @Owner\n"), "t.md");
    CHECK(tasks.tasks.size() == limits::kTasks);
    CHECK(warned(tasks, "more than 10000 tasks"));
    // Tasks past the bound are still text of the note.
    CHECK(std::any_of(tasks.passages.begin(), tasks.passages.end(),
                      [](const Passage& p) { return p.text == "task number49999 @Owner"; }));
    // One owner, one person, however many tasks name them.
    CHECK(tasks.people.size() == 1);
}

TEST_CASE("a note past the line bound is indexed up to it, and warnings are capped per note") {
    const Note long_note = parse_note("# Long\n\n" + std::string(limits::kLines, '\n') + "beyond the bound\n", "long.md");
    CHECK(warned(long_note, "more than 250000 lines"));
    CHECK(std::none_of(long_note.passages.begin(), long_note.passages.end(),
                       [](const Passage& p) { return p.text.find("beyond") != std::string::npos; }));

    const Note noisy = parse_note("---\n" + many(1'000, "date: not a date ", "\n") + "---\nbody\n", "noisy.md");
    CHECK(noisy.warnings.size() == limits::kWarnings + 1);
    CHECK(noisy.warnings.back().message == "980 more warnings not shown");
}

TEST_CASE("recall-index and recall on a vault of hostile notes, with 1 GB of address space (unlimited under ASan)") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    write_file(vault / "bomb.md", alias_bomb());
    write_file(vault / "tags.md", "---\ntags:\n" + many(100'000, "  - tag", "\n") + "---\n\nzeppelin tags\n");
    write_file(vault / "people.md",
               "---\nparticipants:\n" + many(100'000, "  - Person Number", "\n") + "---\n\nzeppelin people\n");
    write_file(vault / "inline.md", "# Inline\n\nzeppelin " + many(100'000, "#topic", " ") + "\n");
    write_file(vault / "tasks.md", "# Tasks\n\nzeppelin\n\n## Action Items\n" + many(50'000, "- [ ] task ", " @Owner\n"));
#if defined(__SANITIZE_ADDRESS__)
    const std::string limit = "exec ";  // AddressSanitizer reserves terabytes of address space
#else
    const std::string limit = "ulimit -v 1000000; exec ";
#endif
    auto r = run({"/bin/bash", "-c",
                  limit + "'" + kIndexer + "' --vault '" + vault.string() + "' --index '" + idx.string() + "'"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.err.find("bomb.md:2: frontmatter holds more than 10000 values") != std::string::npos);
    CHECK(r.err.find("tags.md: more than 1000 tags") != std::string::npos);
    CHECK(r.err.find("people.md: more than 1000 people") != std::string::npos);
    CHECK(r.err.find("inline.md: more than 1000 tags") != std::string::npos);
    CHECK(r.err.find("tasks.md: more than 10000 tasks") != std::string::npos);
    Xapian::Database db(idx.string());
    CHECK(db.get_doccount() == 5);
    CHECK(db.term_exists(filter_term("tag", "tag999")));
    CHECK_FALSE(db.term_exists(filter_term("tag", "tag1000")));

    // Searches that list every one of them print their snippets.
    auto search = run({"/bin/bash", "-c", limit + "'" + kRecall + "' --index '" + idx.string() + "' zeppelin -n 10"});
    CHECK(search.exit_code == 0);
    for (const char* path : {"tags.md:", "people.md:", "inline.md:", "tasks.md:", "bomb.md:"})
        CHECK_MESSAGE(search.out.find(path) != std::string::npos, path);
}
