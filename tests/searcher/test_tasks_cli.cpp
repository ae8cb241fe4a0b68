// recall tasks as a user runs it, on the index of corpus/ (corpus/Planning holds tasks in
// every form: Tasks emoji, Dataview fields, Mac Roman mojibake) and on vaults made here.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "recall/core/date.hpp"
#include "recall/searcher/date_expression.hpp"
#include "support/test_support.hpp"

using namespace recall::test;
namespace fs = std::filesystem;

namespace {

CommandResult tasks(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {kRecall, "tasks", "--index", corpus_index().index().string()});
    env.insert(corpus_index().env().begin(), corpus_index().env().end());
    return run(args, env);
}

std::vector<nlohmann::json> task_objects(std::vector<std::string> args) {
    args.push_back("--json");
    const auto r = tasks(std::move(args));
    REQUIRE_MESSAGE((r.exit_code == 0 || r.exit_code == 1), r.err);
    std::vector<nlohmann::json> out;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
    return out;
}

std::vector<std::string> texts(std::vector<std::string> args) {
    std::vector<std::string> out;
    for (const auto& t : task_objects(std::move(args))) out.push_back(t["text"]);
    return out;
}


const nlohmann::json& find_task(const std::vector<nlohmann::json>& all, const std::string& text) {
    for (const auto& t : all)
        if (t["text"] == text) return t;
    FAIL("no task " << text);
    static nlohmann::json none;
    return none;
}

}  // namespace

TEST_CASE("tasks: every field of the Tasks emoji, Dataview fields and their mojibake forms") {
    const auto all = task_objects({"--all", "-n", "1000", "--folder", "Planning"});
    const auto& digest = find_task(all, "Send the weekly launch digest");
    CHECK(digest["owner"] == "me");
    CHECK(digest["due"] == "2023-11-07");
    CHECK(digest["start"] == "2023-11-06");
    CHECK(digest["created"] == "2023-11-04");
    CHECK(digest["priority"] == "low");
    CHECK(digest["recurrence"] == "every week");
    CHECK(digest["tags"] == nlohmann::json({"task", "digest"}));
    CHECK(digest["line"] == 21);
    CHECK(digest["path"] == "Planning/Omar - launch checklist.md");
    CHECK(digest["title"] == "Launch checklist with Omar");
    CHECK(digest["date"].is_null());  // the note has no date
    const auto& venue = find_task(all, "Book the venue for the launch review");
    CHECK(venue["scheduled"] == "2023-11-05");
    CHECK(venue["priority"] == "high");
    const auto& legal = find_task(all, "Share the pricing sheet with legal");
    CHECK(legal["status"] == "done");
    CHECK(legal["done"] == "2023-11-02");
    CHECK(legal["overdue"] == false);
    CHECK(find_task(all, "Archive the old rollout runbooks")["priority"] == "lowest");
    CHECK(find_task(all, "Draft the launch checklist for the rollout")["priority"] == "highest");

    // Dataview: [key:: value] and (key:: value), the fields gone from the text.
    const auto& budget = find_task(all, "Confirm the launch budget with finance");
    CHECK(budget["due"] == "2023-11-14");
    CHECK(budget["priority"] == "high");
    CHECK(budget["owner"] == "Rosa Delgado");
    CHECK(find_task(all, "Collect vendor quotes for the launch")["due"] == "2023-11-20");
    const auto& closed = find_task(all, "Close the third-quarter budget");
    CHECK(closed["done"] == "2023-11-10");
    CHECK(closed["due"] == "2023-11-09");
    const auto& party = find_task(all, "Plan the launch party");
    CHECK(party["scheduled"] == "2023-11-18");
    CHECK(party["recurrence"] == "every month");
    CHECK(party["priority"] == "lowest");
    CHECK(party["due"].is_null());

    // Mac Roman mojibake: "üìÖ" is 📅, "‚è≥" is ⏳, "üîÅ" is 🔁 ...
    const auto& scorecard = find_task(all, "Send the supplier scorecard");
    CHECK(scorecard["due"] == "2023-11-19");
    CHECK(scorecard["priority"] == "medium");
    CHECK(scorecard["owner"] == "Rosa Lindqvist");
    const auto& freight = find_task(all, "Renegotiate the freight contract");
    CHECK(freight["scheduled"] == "2023-11-20");
    CHECK(freight["due"] == "2023-11-21");
    CHECK(freight["priority"] == "highest");
    const auto& audit = find_task(all, "File the supplier audit");
    CHECK(audit["done"] == "2023-11-12");
    CHECK(audit["priority"] == "high");
    const auto& invoices = find_task(all, "Check supplier invoices");
    CHECK(invoices["recurrence"] == "every month");
    CHECK(invoices["start"] == "2023-11-15");
    CHECK(invoices["created"] == "2023-11-12");
    CHECK(invoices["priority"] == "lowest");
    CHECK(find_task(all, "Ask for the supplier's carbon report")["priority"] == "low");
}

TEST_CASE("tasks: open by default, soonest due first, undated last, and --done, --all") {
    const auto open = task_objects({"-n", "1000"});
    REQUIRE(open.size() > 10);
    for (const auto& t : open) CHECK(t["status"] == "open");
    for (size_t i = 1; i < open.size(); ++i) {
        const std::string a = open[i - 1]["due"].is_null() ? "~" : open[i - 1]["due"].get<std::string>();
        const std::string b = open[i]["due"].is_null() ? "~" : open[i]["due"].get<std::string>();
        CHECK(a <= b);
    }
    const auto done = task_objects({"--done", "-n", "1000"});
    REQUIRE(!done.empty());
    for (const auto& t : done) CHECK(t["status"] == "done");
    CHECK(task_objects({"--all", "-n", "1000"}).size() == open.size() + done.size());
    // The first tasks of a limited listing are the first of the whole listing.
    const auto first = task_objects({"-n", "5"});
    REQUIRE(first.size() == 5);
    for (size_t i = 0; i < 5; ++i) CHECK(first[i] == open[i]);
    for (const char* sort : {"priority", "date"}) {
        const auto whole = task_objects({"--sort", sort, "-n", "1000"});
        const auto head = task_objects({"--sort", sort, "-n", "3"});
        REQUIRE(head.size() == 3);
        for (size_t i = 0; i < 3; ++i) CHECK(head[i] == whole[i]);
    }
    CHECK(tasks({"--open", "--done"}).exit_code == 2);
}

TEST_CASE("tasks: --owner resolves names as --person does, and lists the candidates when ambiguous") {
    CHECK(texts({"--owner", "Rosa Lindqvist"}) ==
          std::vector<std::string>{"Send the supplier scorecard", "Ask for the supplier's carbon report"});
    CHECK(texts({"--owner", "rosa-delgado"}) == std::vector<std::string>{"Confirm the launch budget with finance"});
    CHECK(texts({"--owner", "@omar"}) == std::vector<std::string>{"Draft the launch checklist for the rollout",
                                                                  "Collect vendor quotes for the launch",
                                                                  "Renegotiate the freight contract"});
    const auto ambiguous = tasks({"--owner", "rosa"});
    CHECK(ambiguous.exit_code == 2);
    CHECK(ambiguous.err.find("Rosa Delgado (rosa-delgado), Rosa Lindqvist (rosa-lindqvist)") != std::string::npos);
    CHECK(tasks({"--owner", "nobody-like-this"}).exit_code == 2);
    // owner: in the query language finds the notes.
    CHECK(corpus_index().count({"owner:rosa-delgado"}) == 1);
}

TEST_CASE("tasks: @me and @Myself are the vault's owner, named by me: in the config") {
    const auto mine = texts({"--owner", "me"});
    CHECK(mine == std::vector<std::string>{"Send the weekly launch digest", "Book the venue for the launch review",
                                           "Check supplier invoices", "Report August’s savings to finance"});
    TempDir tmp;
    write_file(tmp / "config.yaml", "me: Jason Vallery\n");
    const auto r = tasks({"--owner", "jason", "--json", "--config", (tmp / "config.yaml").string()});
    CHECK(r.exit_code == 0);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 4);
    CHECK(tasks({"--owner", "myself", "--config", (tmp / "config.yaml").string()}).out ==
          tasks({"--owner", "@me"}).out);
}

TEST_CASE("tasks: --person filters by the note's people, a query by the task's words, highlighted") {
    const auto about = texts({"supplier", "--person", "omar"});
    CHECK(about == std::vector<std::string>{"Send the supplier scorecard", "Check supplier invoices",
                                            "Ask for the supplier's carbon report"});
    const auto r = tasks({"launch", "--color", "always", "-n", "1"});
    CHECK(r.out.find("\x1b[1m\x1b[91mlaunch\x1b[0m") != std::string::npos);
    CHECK(r.out.find("Planning/Omar - launch checklist.md:21") != std::string::npos);  // path:line
    CHECK(tasks({"zzzunfound"}).exit_code == 1);
}

TEST_CASE("tasks: --due takes the query language's dates, --priority a level or higher, --sort") {
    CHECK(texts({"--due", "2023-11-19..2023-11-21"}) ==
          std::vector<std::string>{"Send the supplier scorecard", "Collect vendor quotes for the launch",
                                   "Renegotiate the freight contract"});
    for (const auto& t : task_objects({"--due", "2023-11", "-n", "1000"})) CHECK(t["due"].get<std::string>().starts_with("2023-11"));
    for (const auto& t : task_objects({"--due", "..today", "-n", "1000"})) CHECK(t["overdue"] == true);
    const auto high = task_objects({"--priority", "high", "-n", "1000"});
    REQUIRE(!high.empty());
    for (const auto& t : high) CHECK((t["priority"] == "high" || t["priority"] == "highest"));
    const auto by_priority = task_objects({"--sort", "priority", "--folder", "Planning", "-n", "1000"});
    CHECK(by_priority.front()["priority"] == "highest");
    CHECK(by_priority.back()["priority"] == "lowest");
    auto by_date = task_objects({"--sort", "date", "-n", "1000"});
    while (!by_date.empty() && by_date.back()["date"].is_null()) by_date.pop_back();  // undated notes last
    for (size_t i = 1; i < by_date.size(); ++i)
        CHECK(by_date[i - 1]["date"].get<std::string>() >= by_date[i]["date"].get<std::string>());
    CHECK(tasks({"--priority", "urgent"}).exit_code == 2);
    CHECK(tasks({"--due", "someday"}).exit_code == 2);
}

TEST_CASE("tasks: relative due dates count from today, and -l lists the notes once") {
    const recall::Date today = recall::today_local();
    auto in_days = [&](long n) { return recall::Date::from_days_since_epoch(today.days_since_epoch() + n).iso(); };
    TempDir tmp;
    write_file(tmp / "vault/a.md", "# A\n\n- [ ] Due in three days @Ann 📅 " + in_days(3) + "\n- [ ] Due in twenty days 📅 " +
                                       in_days(20) + "\n- [ ] Was due yesterday 📅 " + in_days(-1) + "\n");
    write_file(tmp / "vault/b.md", "# B\n\n- [ ] Due today [due:: " + in_days(0) + "]\n");
    REQUIRE(index_vault(tmp / "vault", tmp / "idx").exit_code == 0);
    auto run_tasks = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {kRecall, "tasks", "--index", (tmp / "idx").string()});
        return run(args, {{"XDG_CONFIG_HOME", (tmp / "none").string()}});
    };
    CHECK(run_tasks({"--due", "7d"}).out.find("Due in three days") != std::string::npos);
    CHECK(run_tasks({"--due", "7d"}).out.find("Was due yesterday") == std::string::npos);
    CHECK(run_tasks({"--due", "7d"}).out.find("twenty") == std::string::npos);
    CHECK(run_tasks({"--due", "..7d"}).out.find("Was due yesterday") != std::string::npos);
    CHECK(run_tasks({"--due", "today"}).out.find("Due today") != std::string::npos);
    CHECK(run_tasks({"--due", "today"}).out.find("three") == std::string::npos);
    const auto lines = run_tasks({});
    CHECK(lines.out.find("! ") != std::string::npos);  // the overdue mark
    CHECK(run_tasks({"-l"}).out == "a.md\nb.md\n");
}

namespace {

// A vault of 150 notes, more than one page of the listing's reading (64 notes), whose tasks
// interleave: an early note's second task is due after every later note's first one and has
// the other owner, priorities vary, and some tasks have no due date.
void write_interleaved_vault(const fs::path& vault) {
    const char* priorities[] = {"🔺", "⏫", "🔼", "", "🔽", "⏬"};
    auto day = [](int n) { return recall::Date::from_days_since_epoch(recall::Date{2024, 1, 1}.days_since_epoch() + n).iso(); };
    for (int i = 0; i < 150; ++i) {
        const std::string owner = i % 2 ? "@Bob" : "@Ann", other = i % 2 ? "@Ann" : "@Bob";
        std::string note = "---\ndate: " + day(-400 + (i * 37) % 365) + "\n---\n# Note " + std::to_string(i) + "\n\n## Action Items\n\n";
        note += "- [ ] Open first " + std::to_string(i) + " " + owner + " 📅 " + day(i) + " " + priorities[i % 6] + "\n";
        note += "- [ ] Open second " + std::to_string(i) + " " + other + " 📅 " + day(200 + i) + " " + priorities[(i + 3) % 6] + "\n";
        note += "- [x] Done first " + std::to_string(i) + " " + owner + " 📅 " + day((i * 7) % 300) + " " + priorities[(i + 1) % 6] + "\n";
        note += "- [x] Done undated " + std::to_string(i) + " " + owner + " " + priorities[(i + 2) % 6] + "\n";
        write_file(vault / ("note " + std::to_string(i) + ".md"), note);
    }
}

}  // namespace

TEST_CASE("tasks: every form lists the same first tasks as the whole listing, read in bounded steps") {
    TempDir tmp;
    write_interleaved_vault(tmp / "vault");
    REQUIRE(index_vault(tmp / "vault", tmp / "idx").exit_code == 0);
    auto listing = [&](std::vector<std::string> args, size_t limit) {
        args.insert(args.begin(), {kRecall, "tasks", "--index", (tmp / "idx").string(), "--json", "-n", std::to_string(limit)});
        const auto r = run(args, {{"XDG_CONFIG_HOME", (tmp / "none").string()}});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return split_lines(r.out);
    };
    const std::vector<std::vector<std::string>> forms{
        {}, {"--done"}, {"--all"}, {"--sort", "priority"}, {"--done", "--sort", "priority"}, {"--all", "--sort", "priority"},
        {"--sort", "date"}, {"--done", "--sort", "date"}, {"--due", "2024-03"}, {"--done", "--due", "2024-05..2024-06"},
        {"--all", "--due", "2024-02-10.."}, {"--owner", "ann"}, {"--done", "--owner", "bob", "--sort", "priority"},
        {"--priority", "high"}, {"--done", "--priority", "medium", "--sort", "date"}, {"first"}};
    for (const auto& form : forms) {
        const auto whole = listing(form, 1000);
        std::string shown;
        for (const auto& a : form) shown += a + " ";
        CAPTURE(shown);
        for (size_t n : {5u, 40u, 100u}) {
            const auto head = listing(form, n);
            REQUIRE(head.size() == std::min(n, whole.size()));
            for (size_t i = 0; i < head.size(); ++i) CHECK(head[i] == whole[i]);
        }
    }
    CHECK(listing({}, 1000).size() == 300);
    CHECK(listing({"--done"}, 1000).size() == 300);
    CHECK(listing({"--all"}, 1000).size() == 600);
    CHECK(listing({"--due", "2024-03"}, 1000).size() == 31);  // the first tasks of notes 60..90
    CHECK(run({kRecall, "tasks", "--index", (tmp / "idx").string(), "--due", "2030"}).exit_code == 1);
}

TEST_CASE("tasks: several indexes are read as one, each task naming its index, while links and mcp read one") {
    TempDir tmp;
    const fs::path planning = tmp / "planning", meetings = tmp / "meetings";
    REQUIRE(index_vault(kCorpus / "Planning", planning).exit_code == 0);
    REQUIRE(index_vault(kCorpus / "Meetings" / "2025", meetings).exit_code == 0);
    const std::map<std::string, std::string> env{{"XDG_CONFIG_HOME", (tmp / "none").string()}};
    auto listing = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {kRecall, "tasks", "--all", "--json"});
        const auto r = run(args, env);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        std::vector<nlohmann::json> out;
        for (const auto& line : split_lines(r.out)) out.push_back(nlohmann::json::parse(line));
        return out;
    };
    const auto one = listing({"--index", planning.string(), "-n", "1000"});
    const auto other = listing({"--index", meetings.string(), "-n", "1000"});
    REQUIRE(!one.empty());
    REQUIRE(!other.empty());
    const auto both = listing({"--index", planning.string(), "--index", meetings.string(), "-n", "1000"});
    REQUIRE(both.size() == one.size() + other.size());
    std::multiset<std::string> expected, seen;
    for (const auto& t : one) expected.insert(planning.string() + "|" + t["path"].get<std::string>() + ":" + t["line"].dump());
    for (const auto& t : other) expected.insert(meetings.string() + "|" + t["path"].get<std::string>() + ":" + t["line"].dump());
    for (const auto& t : both) seen.insert(t["index"].get<std::string>() + "|" + t["path"].get<std::string>() + ":" + t["line"].dump());
    CHECK(seen == expected);
    for (size_t i = 1; i < both.size(); ++i) {  // one listing, soonest due first
        const std::string a = both[i - 1]["due"].is_null() ? "~" : both[i - 1]["due"].get<std::string>();
        const std::string b = both[i]["due"].is_null() ? "~" : both[i]["due"].get<std::string>();
        CHECK(a <= b);
    }
    const auto head = listing({"--index", planning.string(), "--index", meetings.string(), "-n", "4"});
    REQUIRE(head.size() == 4);
    for (size_t i = 0; i < 4; ++i) CHECK(head[i] == both[i]);

    // The config's indexes: read the same; the listing names each task's index.
    write_file(tmp / "config.yaml", "indexes:\n  - " + planning.string() + "\n  - " + meetings.string() + "\n");
    CHECK(listing({"--config", (tmp / "config.yaml").string(), "-n", "1000"}) == both);
    const auto text = run({kRecall, "tasks", "--config", (tmp / "config.yaml").string(), "-n", "1000"}, env);
    CHECK(text.out.find("[" + planning.string() + "] Planning") == std::string::npos);  // paths are the vault's
    CHECK(text.out.find("[" + meetings.string() + "] ") != std::string::npos);
    for (auto args : std::vector<std::vector<std::string>>{{kRecall, "links", "--broken"}, {kRecall, "mcp"}}) {
        args.insert(args.end(), {"--config", (tmp / "config.yaml").string()});
        const auto r = run(args, env);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("one index") != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
}
