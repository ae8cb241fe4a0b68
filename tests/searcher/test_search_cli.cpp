// recall as a user runs it, on an index of corpus/ built by the real recall-index.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <signal.h>

#include <regex>
#include <set>
#include <sstream>

#include "support/test_support.hpp"

using namespace recall::test;
namespace fs = std::filesystem;

namespace {


CommandResult search_cli(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    return corpus_index().search(std::move(args), std::move(env));
}

std::vector<nlohmann::json> json_hits(std::vector<std::string> args) { return corpus_index().json_hits(std::move(args)); }

std::vector<std::string> titles(std::vector<std::string> args) {
    std::vector<std::string> out;
    for (const auto& h : json_hits(std::move(args))) out.push_back(h["title"]);
    return out;
}

size_t count(std::vector<std::string> args) { return corpus_index().count(std::move(args)); }

// Independent of recall's parser: the corpus files that contain a string.
std::vector<fs::path> files_containing(const std::string& needle) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(kCorpus))
        if (e.is_regular_file() && read_file(e.path()).find(needle) != std::string::npos) files.push_back(e.path());
    return files;
}

bool in_top(const std::vector<std::string>& ranked, const std::string& title, size_t n) {
    for (size_t i = 0; i < ranked.size() && i < n; ++i)
        if (ranked[i] == title) return true;
    return false;
}

}  // namespace

TEST_CASE("known-item searches in other word forms put the note in the top three") {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"throttled listings", "Blob connector: listing client and throttling"},
        {"certificates expiring monitoring", "Incident review: expired certificate"},
        {"leaking memory checksum workers", "Acme Freight escalation: nightly sync failures"},
        {"readonly filesystems crashing", "Operator beta feedback"},
        {"referrals bonus hires", "Hiring plan for 2025"},
        {"scenarios instead of features documentation", "Documentation overhaul"},
        {"grandfathered customers hybrid pricing", "Pricing model results before the board"},
        {"canaries rollout runtime", "Sync worker runtime upgrade"},
    };
    for (const auto& [query, title] : cases) CHECK_MESSAGE(in_top(titles({query}), title, 3), query);
}

TEST_CASE("person filter: full name, slug, first name, case, and query field") {
    const size_t expected = files_containing("Maya Okonkwo").size();
    REQUIRE(expected >= 5);
    for (const char* name : {"Maya Okonkwo", "maya-okonkwo", "maya", "MAYA", "@Maya"})
        CHECK_MESSAGE(count({"--person", name}) == expected, name);
    CHECK(count({"person:maya"}) == expected);
    for (const auto& hit : json_hits({"--person", "maya", "-n", "100"})) {
        bool has_maya = false;
        for (const auto& p : hit["people"]) has_maya = has_maya || p["slug"] == "maya-okonkwo";
        CHECK(has_maya);
    }
    // Alone, --person lists that person's notes newest first.
    const auto hits = json_hits({"--person", "maya", "-n", "100"});
    for (size_t i = 1; i < hits.size(); ++i) CHECK(hits[i - 1]["date"].get<std::string>() >= hits[i]["date"].get<std::string>());
    // An option takes one value: the words after it are the query, wherever they stand.
    CHECK(count({"--person", "maya", "blob", "support"}) == count({"blob", "support", "--person", "maya"}));
    CHECK(count({"-p", "maya", "staffing"}) < count({"-p", "maya"}));
    // Repeats OR together.
    const size_t either = count({"--person", "maya", "--person", "daniel"});
    CHECK(either > expected);
}

TEST_CASE("person names: non-ASCII, ambiguous and unknown") {
    CHECK(count({"--person", "Sofía Ramírez"}) == count({"--person", "sofia"}));
    CHECK(count({"--person", "jorg"}) > 0);
    auto unknown = search_cli({"--person", "mya"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("no person 'mya'") != std::string::npos);
    CHECK(unknown.err.find("Maya Okonkwo") != std::string::npos);
    auto ambiguous = search_cli({"--person", "ma"});
    CHECK(ambiguous.exit_code == 2);
    CHECK(ambiguous.err.find("could be ") != std::string::npos);
    CHECK(ambiguous.err.find("Maya Okonkwo (maya-okonkwo)") != std::string::npos);
    CHECK(ambiguous.err.find("Marcus Webb (marcus-webb)") != std::string::npos);
}

TEST_CASE("tag, type, folder filters and their combinations") {
    CHECK(count({"--tag", "type"}) == count({"--tag", "type/people"}) + count({"--tag", "type/customer"}) +
                                           count({"--tag", "type/project"}) + count({"--tag", "type/standup"}) +
                                           count({"--tag", "type/1on1"}) + count({"--tag", "type/interview"}));
    CHECK(count({"--tag", "#Type/People"}) == count({"--tag", "type/people"}));
    CHECK(count({"--type", "customer"}) == files_containing("type: \"customer\"").size());
    CHECK(count({"--folder", "Customers"}) == files_containing("customer/acme-freight").size());
    CHECK(count({"--folder", "customers/acme freight"}) == count({"--folder", "customers"}));
    const size_t both = count({"--person", "sofia", "--type", "customer"});
    CHECK(both > 0);
    CHECK(both < count({"--person", "sofia"}));
    CHECK(count({"tag:project/blob-connector", "fernhill"}) > 0);
    CHECK(count({"task:open"}) > 0);
    CHECK(count({"--since", "2025-01-01", "--type", "customer"}) < count({"--type", "customer"}));
}

TEST_CASE("date forms") {
    CHECK(titles({"date:2025-10-14"}) == std::vector<std::string>{"Blob connector scope and staffing"});
    CHECK(count({"--since", "2025-11", "--until", "2025-11-30"}) == 2);
    CHECK(count({"date:2025-11-01..2025-11-30"}) == 2);
    CHECK(count({"date:2025-11"}) == 2);
    // The UTF-16 note of damaged/ says its date in UTF-16.
    std::string utf16_needle;
    for (char c : std::string("date: \"2024-")) utf16_needle += std::string{c, '\0'};
    CHECK(count({"date:2024"}) == files_containing("date: \"2024-").size() + files_containing("December 2024").size() +
                                      files_containing(utf16_needle).size());
    CHECK(count({"date:2025-12.."}) == 1);
    CHECK(count({"date:..2024-03-12"}) == 1);
    CHECK(count({"--since", "2025/12/02"}) == 1);
    CHECK(count({"--since", "Dec 2, 2025"}) == 1);
    CHECK(count({"--since", "100y"}) == count({"date:1900..2200"}));
    auto bad = search_cli({"date:2025-13"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("'2025-13' is not a date") != std::string::npos);
    auto backwards = search_cli({"blob", "--since", "2025-10", "--until", "2025-01"});
    CHECK(backwards.exit_code == 2);
}

TEST_CASE("facet counts match counts made from the corpus files") {
    auto r = search_cli({"--person", "maya", "--facets"});
    REQUIRE(r.exit_code == 0);
    const auto maya_files = files_containing("Maya Okonkwo");
    const std::regex maya_line("Maya Okonkwo +([0-9]+)");
    std::smatch m;
    REQUIRE(std::regex_search(r.out, m, maya_line));
    CHECK(std::stoul(m[1]) == maya_files.size());
    std::map<std::string, size_t> months;
    const std::regex date_line("\ndate: \"([0-9]{4})-([0-9]{2})");
    for (const auto& f : maya_files) {
        const std::string text = read_file(f);
        if (std::smatch d; std::regex_search(text, d, date_line)) ++months[d[1].str() + "-" + d[2].str()];
    }
    for (const auto& [month, n] : months) {
        const std::regex row(month + " +([0-9]+)");
        REQUIRE_MESSAGE(std::regex_search(r.out, m, row), month);
        CHECK_MESSAGE(std::stoul(m[1]) == n, month);
    }
}

TEST_CASE("--json parses back with every field") {
    const auto hits = json_hits({"blob", "preview", "-n", "3"});
    REQUIRE(hits.size() == 3);
    for (size_t i = 0; i < hits.size(); ++i) {
        const auto& h = hits[i];
        CHECK(h["rank"] == i + 1);
        CHECK(fs::exists(h["absolute_path"].get<std::string>()));
        CHECK(fs::path(h["absolute_path"].get<std::string>()) == kCorpus / h["path"].get<std::string>());
        for (const char* key : {"title", "date", "type", "people", "tags", "score", "percent", "line", "snippet"})
            CHECK_MESSAGE(h.contains(key), key);
        // The line holds the snippet's passage.
        std::istringstream file(read_file(h["absolute_path"].get<std::string>()));
        std::string line;
        for (int n = 0; n < h["line"].get<int>(); ++n) std::getline(file, line);
        std::string lower = line;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        CHECK_MESSAGE((lower.find("blob") != std::string::npos || lower.find("preview") != std::string::npos), line);
    }
}

TEST_CASE("files, NUL-separated files, count, limit and offset") {
    auto files = search_cli({"blob", "-l"});
    CHECK(files.exit_code == 0);
    std::istringstream lines(files.out);
    size_t n = 0;
    for (std::string line; std::getline(lines, line); ++n) CHECK(fs::exists(line));
    CHECK(n == std::min<size_t>(10, count({"blob"})));
    auto nul = search_cli({"blob", "-l", "-0", "-n", "3"});
    CHECK(std::count(nul.out.begin(), nul.out.end(), '\0') == 3);
    const auto all = titles({"blob", "-n", "6"});
    const auto page2 = titles({"blob", "-n", "3", "--offset", "3"});
    REQUIRE(all.size() == 6);
    CHECK(std::vector<std::string>(all.begin() + 3, all.end()) == page2);
}

TEST_CASE("colour only on request or a terminal") {
    auto piped = search_cli({"blob"});
    CHECK(piped.out.find("\x1b[") == std::string::npos);
    auto always = search_cli({"blob", "--color=always"});
    CHECK(always.out.find("\x1b[") != std::string::npos);
    auto never = search_cli({"blob", "--color=never"});
    CHECK(never.out.find("\x1b[") == std::string::npos);
}

TEST_CASE("escape sequences in notes never reach the terminal raw") {
    TempDir tmp;
    write_file(tmp / "vault/evil.md",
               "---\ntitle: \"Evil \x1b[31mred\x1b[0m title\"\nperson: \"Eve \x1b]0;pwned\x07 Hacker\"\n---\n\n"
               "## Summary\n\nThe payload \x1b[2J\x1b[H clears screens \xe2\x80\xae reversed and beeps \x07 here.\n");
    REQUIRE(run({kIndexer, "--vault", (tmp / "vault").string(), "--index", (tmp / "index").string(), "-q"}).exit_code == 0);
    for (const char* color : {"--color=never", "--color=always"}) {
        auto r = run({kRecall, "--index", (tmp / "index").string(), "payload", color});
        CHECK(r.exit_code == 0);
        std::string out = r.out;
        // Our own colour codes are the only escapes allowed: strip them, then look for any other.
        out = std::regex_replace(out, std::regex("\x1b\\[[0-9;]*m"), "");
        CHECK(out.find('\x1b') == std::string::npos);
        CHECK(out.find('\x07') == std::string::npos);
        CHECK(out.find("\xe2\x80\xae") == std::string::npos);
        CHECK(out.find("^[") != std::string::npos);
        CHECK(r.out.find("\x1b[2J") == std::string::npos);
        CHECK(r.out.find("\x1b[31mred") == std::string::npos);
    }
    auto json = run({kRecall, "--index", (tmp / "index").string(), "payload", "--json"});
    CHECK(json.out.find('\x1b') == std::string::npos);
    CHECK(nlohmann::json::parse(json.out)["title"] == "Evil \x1b[31mred\x1b[0m title");
}

TEST_CASE("errors and exit codes") {
    auto none = search_cli({"zzqxv"});
    CHECK(none.exit_code == 1);
    CHECK(none.out.empty());
    // Syntax errors search for the words and say why on stderr.
    auto unbalanced = search_cli({"(blob"});
    CHECK(unbalanced.exit_code == 0);
    CHECK(unbalanced.err.find("'(' without a matching ')' at column 1 of: (blob; searched for its words") !=
          std::string::npos);
    CHECK(unbalanced.out == search_cli({"blob"}).out);
    auto quote = search_cli({"\"blob support"});
    CHECK(quote.exit_code == 0);
    CHECK(quote.err.find("unclosed '\"'") != std::string::npos);
    CHECK(quote.out == search_cli({"blob support"}).out);
    auto field = search_cli({"titel:blob"});
    CHECK(field.exit_code == 0);
    CHECK(field.err.find("unknown field 'titel:'") != std::string::npos);
    auto dangling = search_cli({"blob AND"});
    CHECK(dangling.exit_code == 0);
    auto nothing = search_cli({});
    CHECK(nothing.exit_code == 2);
    CHECK(nothing.err.find("--person") != std::string::npos);
    auto blank = search_cli({"   "});
    CHECK(blank.exit_code == 2);
    CHECK(blank.err == nothing.err);
    TempDir tmp;
    auto missing = run({kRecall, "--index", (tmp / "none").string(), "blob"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("recall-index") != std::string::npos);
    auto task = search_cli({"task:maybe"});
    CHECK(task.exit_code == 2);
}

TEST_CASE("all words by default, any word when none has all, and did-you-mean") {
    CHECK(count({"blob", "fernhill"}) < count({"blob"}));
    auto fallback = search_cli({"walrus", "fernhill"});
    CHECK(fallback.exit_code == 0);
    CHECK(fallback.err.find("no note has all of the words") != std::string::npos);
    auto typo = search_cli({"frenhill"});
    CHECK(typo.err.find("did you mean: fernhill") != std::string::npos);
    CHECK(count({"\"blob preview\""}) < count({"blob", "preview"}));
    CHECK(count({"blob", "NOT", "fernhill"}) == count({"blob"}) - count({"blob", "fernhill"}));
    CHECK(count({"blob", "-fernhill"}) == count({"blob", "NOT", "fernhill"}));
    CHECK(count({"fernhill", "OR", "acme"}) >= count({"fernhill"}));
    CHECK(count({"migr*"}) >= count({"migration"}));
    CHECK(count({"title:blob"}) < count({"blob"}));
    CHECK(count({"decision:pricing"}) >= 1);
    CHECK(count({"blob", "NEAR", "connector"}) >= 1);
    CHECK(count({"Andy's"}) == count({"andy’s"}));
}

TEST_CASE("the mojibake note is found with the words a user types") {
    CHECK(in_top(titles({"Lena's", "cost", "review"}), "Lena’s cost review — test clusters", 3));
    CHECK(in_top(titles({"idle", "clusters", "savings"}), "Lena’s cost review — test clusters", 1));
    CHECK(in_top(titles({"August's", "savings"}), "Lena’s cost review — test clusters", 1));
}

TEST_CASE("searching keeps working while recall-index rebuilds") {
    TempDir tmp;
    for (int i = 0; i < 1500; ++i)
        write_file(tmp / "vault" / ("n" + std::to_string(i % 15)) / ("note-" + std::to_string(i) + ".md"),
                   meeting_note("Note " + std::to_string(i), "2025-01-01", "Ann Lee", "Storage planning and budgets."));
    const std::string idx = (tmp / "index").string();
    REQUIRE(run({kIndexer, "--vault", (tmp / "vault").string(), "--index", idx, "-q"}).exit_code == 0);
    const int pid = spawn({kIndexer, "--vault", (tmp / "vault").string(), "--index", idx, "--full", "-q"});
    int searches = 0, failures = 0;
    for (int i = 0; i < 200 && (searches < 5 || ::kill(pid, 0) == 0); ++i, ++searches) {
        auto r = run({kRecall, "--index", idx, "storage", "--count"});
        if (r.exit_code != 0 || r.out != "1500\n") ++failures;
    }
    CHECK(wait_for(pid) == 0);
    CHECK(searches >= 5);
    CHECK(failures == 0);
}

TEST_CASE("--help teaches the query language, and --version answers") {
    auto help = run({kRecall, "--help"});
    CHECK(help.exit_code == 0);
    for (const char* part : {"--person", "date:2025-10", "NEAR", "Exit codes"}) CHECK(help.out.find(part) != std::string::npos);
    CHECK(run({kRecall, "--version"}).out.find("recall 0.") != std::string::npos);
}

TEST_CASE("the snippet's line holds the phrase, the hyphenated word and the field's match") {
    auto file_line = [](const nlohmann::json& hit) {
        std::istringstream file(read_file(hit["absolute_path"].get<std::string>()));
        std::string line;
        for (int n = 0; n < hit["line"].get<int>(); ++n) std::getline(file, line);
        for (char& c : line) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return line;
    };
    for (const auto& [query, needle] : std::vector<std::pair<std::string, std::string>>{
             {"\"blob support\"", "blob support"}, {"usage-based", "usage-based"}, {"\"read support\"", "read support"}}) {
        const auto hits = json_hits({query, "-n", "20"});
        REQUIRE_FALSE(hits.empty());
        for (const auto& hit : hits) CHECK_MESSAGE(file_line(hit).find(needle) != std::string::npos, query, " ", hit["path"]);
    }
    // decision:pricing shows the Decisions line that has the word, not the summary.
    const auto decisions = json_hits({"decision:pricing", "-n", "20"});
    REQUIRE_FALSE(decisions.empty());
    for (const auto& hit : decisions) {
        std::istringstream file(read_file(hit["absolute_path"].get<std::string>()));
        std::string line, section;
        for (int n = 0; n < hit["line"].get<int>() && std::getline(file, line);)
            if (++n, line.starts_with("## ")) section = line;
        CHECK_MESSAGE(section == "## Decisions", hit["path"]);
        CHECK(file_line(hit).find("pric") != std::string::npos);
    }
}

TEST_CASE("a lone -word alongside option filters excludes, as in the query language") {
    for (const auto& [option, value, field] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"--person", "sam", "person:sam"},
             {"--tag", "type/people", "tag:type/people"},
             {"--type", "people", "type:people"},
             {"--folder", "meetings", "folder:meetings"}}) {
        INFO(option);
        const size_t all = count({option, value}), with = count({option, value, "pricing"});
        REQUIRE(with > 0);
        CHECK(std::stoul(search_cli({"--count", option, value, "--", "-pricing"}).out) == all - with);
        CHECK(count({field + " -pricing"}) == all - with);
    }
    CHECK(std::stoul(search_cli({"--count", "--since", "2025", "--", "-pricing"}).out) ==
          count({"--since", "2025"}) - count({"--since", "2025", "pricing"}));
}

TEST_CASE("a short list is the head of a long one (Xapian 1.4's AND_MAYBE pruning dropped hits)") {
    for (const std::string query : {"support OR roadmap", "blob connector scope", "customer OR pricing", "blob support"}) {
        const auto all = split_lines(search_cli({query, "-l", "-n", "50"}).out);
        for (size_t n : {1u, 3u, 5u}) {
            const auto head = split_lines(search_cli({query, "-l", "-n", std::to_string(n)}).out);
            CHECK_MESSAGE(head == std::vector<std::string>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(n, all.size()))),
                          query, " -n ", n);
        }
    }
}

TEST_CASE("a pasted paragraph's left-out common words are named once each, ten at most") {
    std::vector<std::string> args{"-l", "blob", "support"};
    for (int i = 0; i < 3; ++i)
        for (const char* w : {"the", "of", "and", "to", "a", "in", "is", "it", "you", "that", "he", "was", "for"})
            args.push_back(w);
    const auto r = search_cli(args);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("left out common words: the, of, and, to, a, in, is, it, you, that and 3 more") != std::string::npos);
}
