// recall --like PATH on the index of corpus/: the notes most like a note, never the note.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace recall::test;

namespace {

std::vector<std::string> paths(std::vector<std::string> args) {
    std::vector<std::string> out;
    for (const auto& h : corpus_index().json_hits(std::move(args))) out.push_back(h["path"]);
    return out;
}

}  // namespace

TEST_CASE("--like ranks the notes that share a note's telling words, never the note itself") {
    const std::string budget = "Planning/Rosa - launch budget.md";
    const auto like = paths({"--like", budget, "-n", "2"});
    CHECK(like == std::vector<std::string>{"Planning/Omar - launch checklist.md", "Planning/Rosa - supplier review.md"});
    for (const auto& p : paths({"--like", budget, "-n", "100"})) CHECK(p != budget);
    // A file path works as well as a vault path.
    CHECK(paths({"--like", (kCorpus / budget).string(), "-n", "2"}) == like);
    const std::string scope = "Meetings/2025/2025-10-14 Maya - Blob connector scope.md";
    const auto blob = paths({"--like", scope, "-n", "5"});
    CHECK(std::find(blob.begin(), blob.end(), scope) == blob.end());
    CHECK(std::find(blob.begin(), blob.end(), "Meetings/2025/2025-10-28 Maya - Blob connector progress.md") != blob.end());
}

TEST_CASE("--like with filters and words: they narrow the notes, likeness ranks them") {
    const std::string budget = "Planning/Rosa - launch budget.md";
    for (const auto& h : corpus_index().json_hits({"--like", budget, "--person", "sofia", "-n", "100"})) {
        bool sofia = false;
        for (const auto& p : h["people"]) sofia = sofia || p["slug"] == "sofia-ramirez";
        CHECK(sofia);
    }
    CHECK(corpus_index().count({"--like", budget, "migration"}) <= corpus_index().count({"migration"}));
    CHECK(corpus_index().count({"--like", budget, "migration"}) > 0);
    CHECK(corpus_index().search({"--like", "no/such note.md"}).exit_code == 2);
}
