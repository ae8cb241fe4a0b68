// Links between notes through the real binaries, on the index of corpus/ (corpus/Planning
// links by file name, by title, with a folder and heading, in upper case, and to nothing).
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace recall::test;

namespace {

CommandResult recall_run(std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--index", corpus_index().index().string()});
    args.insert(args.begin(), kRecall);
    return run(args, corpus_index().env());
}

std::vector<std::string> files(const std::string& query) {
    const auto r = recall_run({query, "-l", "-n", "100"});
    std::vector<std::string> out;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) out.push_back(line.substr(line.find("corpus/") + 7));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("links:TARGET finds the notes linking to a note by its title or file name, case aside") {
    const std::vector<std::string> to_budget{"Planning/Omar - launch checklist.md", "Planning/Rosa - supplier review.md"};
    CHECK(files("links:\"Launch budget with Rosa\"") == to_budget);  // the title; one link is written by file name
    CHECK(files("links:\"rosa - LAUNCH budget\"") == to_budget);    // the file name
    CHECK(files("links:\"launch checklist with omar\"") ==
          std::vector<std::string>{"Planning/Rosa - launch budget.md", "Planning/Rosa - supplier review.md"});
    CHECK(files("links:\"Omar Haddad\" links:\"Rosa Lindqvist\"") ==
          std::vector<std::string>{"Planning/Omar - launch checklist.md", "Planning/Rosa - supplier review.md"});
    CHECK(files("links:\"launch glossary\"") == std::vector<std::string>{"Planning/Omar - launch checklist.md"});
    CHECK(recall_run({"links:\"no note by this name\""}).exit_code == 1);
}

TEST_CASE("recall links PATH: every link, with its line and the note it reaches") {
    const auto r = recall_run({"links", "Planning/Omar - launch checklist.md"});
    CHECK(r.exit_code == 0);
    CHECK(r.out ==
          "15: [[Launch budget with Rosa]] -> Planning/Rosa - launch budget.md\n"
          "25: [[Omar Haddad]] -> (no such note)\n"
          "26: [[Rosa - launch budget]] -> Planning/Rosa - launch budget.md\n"
          "27: [[Launch glossary]] -> (no such note)\n"
          "28: [[fernhill preview feedback]] -> Meetings/2025/2025-11-18 Sofía - Fernhill preview feedback.md\n");
    // A file path works too; a folder and a heading in the target are no obstacle.
    const auto folder = recall_run({"links", (kCorpus / "Planning/Rosa - launch budget.md").string(), "--json"});
    CHECK(folder.out.find(R"({"from":"Planning/Rosa - launch budget.md","line":15,"target":"Planning/Omar - launch checklist#Action Items","to":"Planning/Omar - launch checklist.md"})") !=
          std::string::npos);
    CHECK(recall_run({"links", "no/such note.md"}).exit_code == 2);
    CHECK(recall_run({"links"}).exit_code == 2);
}

TEST_CASE("recall backlinks PATH: the links that reach the note, with their lines") {
    const auto r = recall_run({"backlinks", "Planning/Rosa - launch budget.md"});
    CHECK(r.out ==
          "Planning/Omar - launch checklist.md:15: [[Launch budget with Rosa]]\n"
          "Planning/Omar - launch checklist.md:26: [[Rosa - launch budget]]\n"
          "Planning/Rosa - supplier review.md:15: [[LAUNCH BUDGET WITH ROSA]]\n");
    CHECK(recall_run({"backlinks", "Planning/Omar - launch checklist.md"}).out ==
          "Planning/Rosa - launch budget.md:15: [[Planning/Omar - launch checklist#Action Items]]\n"
          "Planning/Rosa - launch budget.md:25: [[Omar - launch checklist.md]]\n"
          "Planning/Rosa - supplier review.md:26: [[Launch checklist with Omar]]\n");
    CHECK(recall_run({"backlinks", "damaged/empty.md"}).exit_code == 1);
}

TEST_CASE("recall links --broken: the links that reach no note") {
    const auto r = recall_run({"links", "--broken"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Planning/Omar - launch checklist.md:27: [[Launch glossary]]\n") != std::string::npos);
    CHECK(r.out.find("Planning/Omar - launch checklist.md:25: [[Omar Haddad]]\n") != std::string::npos);
    CHECK(r.out.find("[[Rosa - launch budget]]") == std::string::npos);
    CHECK(r.out.find("[[fernhill preview feedback]]") == std::string::npos);
}
