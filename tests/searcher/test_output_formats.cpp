// recall's outputs for editors, pickers and scripts: --vimgrep, -i (fzf), --count and
// --facets as JSON, the footer's count, and default options from the config file.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>
#include <sstream>

#include "support/test_support.hpp"

using namespace recall::test;
namespace fs = std::filesystem;

namespace {


const CorpusIndex& corpus() { return corpus_index(); }

std::string lexically_normal_string(const fs::path& p) { return p.lexically_normal().string(); }

std::string without_colours(const std::string& s) { return std::regex_replace(s, std::regex("\x1b\\[[0-9;]*m"), ""); }

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string file_line(const fs::path& file, long n) {
    const auto lines = split_lines(read_file(file));
    return n >= 1 && static_cast<size_t>(n) <= lines.size() ? lines[static_cast<size_t>(n - 1)] : "";
}

std::string shell_words(const std::vector<std::string>& words) {
    std::string line;
    for (const auto& w : words) {
        std::string quoted = "'";
        for (char c : w) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        line += (line.empty() ? "" : " ") + quoted + "'";
    }
    return line;
}

// What fzf does to a command before running it: {q} and {n} become quoted values.
std::string substitute(std::string command, const std::string& query, unsigned n) {
    for (auto [placeholder, value] : {std::pair<std::string, std::string>{"{q}", shell_words({query})},
                                      {"{n}", shell_words({std::to_string(n)})}})
        for (size_t at; (at = command.find(placeholder)) != std::string::npos;) command.replace(at, placeholder.size(), value);
    return command;
}

// A fake fzf that records how it was run and "chooses" a hit as the real one's Enter
// binding does, and a fake editor that records what it was asked to open.
struct FakePicker {
    TempDir tmp;
    fs::path bin = tmp / "bin", args = tmp / "fzf.args", cwd = tmp / "fzf.cwd", opened = tmp / "editor.args";
    explicit FakePicker(const std::string& printed) {
        write_file(bin / "fzf", "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > '" + args.string() +
                                    "'\npwd > '" + cwd.string() + "'\nprintf '" + printed + "'\n");
        write_file(bin / "editor", "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + opened.string() + "'\n");
        fs::permissions(bin / "fzf", fs::perms::owner_all);
        fs::permissions(bin / "editor", fs::perms::owner_all);
    }
    std::vector<std::string> fzf_args() const {
        std::vector<std::string> out;
        const std::string all = read_file(args);
        for (size_t start = 0, end; (end = all.find('\0', start)) != std::string::npos; start = end + 1)
            out.push_back(all.substr(start, end - start));
        return out;
    }
    // The command of a --bind EVENT:ACTION:COMMAND, or of an option such as --preview.
    std::string command(const std::string& prefix) const {
        const auto a = fzf_args();
        for (size_t i = 0; i + 1 < a.size(); ++i) {
            if (a[i] == prefix) return a[i + 1];
            if (a[i] == "--bind" && a[i + 1].starts_with(prefix)) return a[i + 1].substr(prefix.size());
        }
        FAIL("no " << prefix << " in fzf's arguments");
        return "";
    }
};

}  // namespace

TEST_CASE("--vimgrep: path:line:column:passage, the column at a matched word") {
    const auto& c = corpus();
    const auto lines = split_lines(
        run({"/bin/sh", "-c", "cd '" + c.index().parent_path().string() + "' && exec " + shell_words(c.argv({"blob", "preview", "--vimgrep"}))})
            .out);
    REQUIRE(lines.size() == std::min<size_t>(10, c.count({"blob", "preview"})));
    const std::regex format("^(.+\\.md):([0-9]+):([0-9]+):(.+)$");
    for (const auto& line : lines) {
        std::smatch m;
        REQUIRE_MESSAGE(std::regex_match(line, m, format), line);
        const fs::path file = m[1].str();
        CHECK(file.is_absolute());  // run outside the vault
        REQUIRE(fs::exists(file));
        const std::string at = lower(file_line(file, std::stol(m[2])).substr(std::stoul(m[3]) - 1));
        CHECK_MESSAGE((at.starts_with("blob") || at.starts_with("preview")), line);
    }
    // Paths below the current folder are relative to it, as rg prints them; others absolute.
    auto inside = run({"/bin/sh", "-c", "cd '" + kCorpus.string() + "/Meetings' && exec " +
                                            shell_words(c.argv({"blob", "--vimgrep", "-n", "50"}))});
    size_t relative = 0;
    for (const auto& line : split_lines(inside.out)) {
        const fs::path file = line.substr(0, line.find(".md:") + 3);
        const bool below = lexically_normal_string(kCorpus / "Meetings" / file).starts_with((kCorpus / "Meetings/").string());
        CHECK_MESSAGE(file.is_relative() == below, line);
        CHECK(fs::exists(file.is_relative() ? kCorpus / "Meetings" / file : file));
        relative += file.is_relative();
    }
    CHECK(relative >= 5);
    CHECK(split_lines(inside.out).size() == c.count({"blob"}));
}

TEST_CASE("--count and --facets as JSON agree with the plain counts") {
    const auto& c = corpus();
    const auto count = nlohmann::json::parse(c.search({"blob", "--count", "--json"}).out);
    CHECK(count["count"] == c.count({"blob"}));
    const auto facets = nlohmann::json::parse(c.search({"blob", "--facets", "--json"}).out);
    CHECK(facets["count"] == c.count({"blob"}));
    REQUIRE(facets["people"].size() >= 3);
    for (const auto& p : facets["people"])
        CHECK_MESSAGE(p["notes"] == c.count({"blob", "--person", p["slug"]}), p["slug"]);
    CHECK(facets["people"][0]["name"] == "Sam Rivera");
    for (const auto& m : facets["months"])
        CHECK_MESSAGE(m["notes"] == c.count({"blob", "date:" + m["month"].get<std::string>()}), m["month"]);
}

TEST_CASE("the footer gives the exact count, not an estimate") {
    const auto& c = corpus();
    for (const std::string query : {"blob OR pricing", "sync", "migration"}) {
        // On a terminal, which script(1) provides.
        const auto r = run({"/usr/bin/script", "-qec", shell_words(c.argv({query, "-n", "2", "--color=never"})), "/dev/null"},
                           c.env());
        const std::string expected = "showing 1-2 of " + std::to_string(c.count({query})) + " notes";
        CHECK_MESSAGE(r.out.find(expected) != std::string::npos, query, ": ", r.out);
        CHECK(r.out.find("of about") == std::string::npos);
    }
    CHECK(c.search({"blob", "-n", "2"}).out.find("showing") == std::string::npos);  // not in pipes
}

TEST_CASE("the config file sets default search options, and the command line wins") {
    const auto& c = corpus();
    const fs::path config = fs::path(c.env().at("XDG_CONFIG_HOME")) / "recall/config.yaml";
    write_file(config, "limit: 3\nsort: oldest\nformat: json\ncolor: always\n");
    const auto lines = split_lines(c.search({"blob"}).out);
    REQUIRE(lines.size() == 3);
    std::vector<std::string> dates;
    for (const auto& l : lines) dates.push_back(nlohmann::json::parse(l)["date"]);
    CHECK(std::is_sorted(dates.begin(), dates.end()));
    CHECK(split_lines(c.search({"blob", "-n", "5"}).out).size() == 5);
    const auto text = c.search({"blob", "--format", "text"}).out;
    CHECK(without_colours(text).find("  1. ") != std::string::npos);
    CHECK(text.find("\x1b[") != std::string::npos);  // color: always
    CHECK(c.search({"blob", "--format", "text", "--color", "never"}).out.find("\x1b[") == std::string::npos);
    CHECK(split_lines(c.search({"blob", "-l"}).out).size() == 3);
    CHECK(c.search({"blob", "--sort", "newest", "-n", "1"}).out.find("2025-12-02") != std::string::npos);
    fs::remove(config);
}

TEST_CASE("-i: fzf reloads results from recall, previews the hit, and Enter opens it in $EDITOR") {
    const auto& c = corpus();
    FakePicker picker("1\\nblob\\n");  // Enter on the second hit of "blob"
    std::map<std::string, std::string> env{{"PATH", picker.bin.string() + ":/usr/bin:/bin"},
                                           {"EDITOR", (picker.bin / "editor").string()},
                                           {"VISUAL", ""}};
    const auto r = c.search({"-i", "blob", "--person", "maya"}, env);
    CHECK(r.exit_code == 0);
    CHECK(read_file(picker.cwd) == kCorpus.string() + "\n");  // fzf runs in the vault

    // The reload command fzf is given lists the hits of what is typed, as --vimgrep does.
    const std::string reload = picker.command("change:reload:");
    CHECK(picker.command("start:reload:") == reload);
    const auto listed = run({"/bin/sh", "-c", "cd '" + kCorpus.string() + "' && " + substitute(reload, "blob", 0)});
    const auto hits = split_lines(listed.out);
    CHECK(hits.size() == c.count({"blob", "--person", "maya"}));
    auto vimgrep = run({"/bin/sh", "-c", "cd '" + kCorpus.string() + "' && exec " +
                                             shell_words(c.argv({"blob", "--person", "maya", "--vimgrep", "-n", "100"}))});
    CHECK(listed.out == vimgrep.out);
    // An incomplete query lists nothing rather than failing.
    CHECK(run({"/bin/sh", "-c", substitute(reload, "blob AND", 0)}).exit_code == 0);

    // The preview shows hit n as recall lists it: title, path:line and the passage.
    const auto preview = run({"/bin/sh", "-c", substitute(picker.command("--preview"), "blob", 1)}).out;
    CHECK(preview.starts_with("\x1b"));  // coloured, as fzf shows it
    const std::string second = hits.at(1);
    const std::string second_path = second.substr(0, second.find(".md:") + 3);
    CHECK(preview.find(second_path) != std::string::npos);
    CHECK(preview.find("  2.") != std::string::npos);

    // Enter prints the hit's index and the query; recall opens that hit at its line.
    CHECK(run({"/bin/sh", "-c", substitute(picker.command("enter:become:"), "blob", 1)}).out == "1\nblob\n");
    const std::string line = second.substr(second.find(".md:") + 4, second.find(':', second.find(".md:") + 4) -
                                                                        second.find(".md:") - 4);
    CHECK(read_file(picker.opened) == "+" + line + "\n" + (kCorpus / second_path).string() + "\n");
}

TEST_CASE("-i: fzf accepts the arguments recall gives it") {
    const auto fzf = run({"/bin/sh", "-c", "command -v fzf"}).out;
    REQUIRE_MESSAGE(!fzf.empty(), "fzf is not installed (scripts/install-deps.sh installs it)");
    FakePicker picker("");
    const auto& c = corpus();
    c.search({"-i", "blob"}, {{"PATH", picker.bin.string() + ":/usr/bin:/bin"}});
    std::vector<std::string> argv{fzf.substr(0, fzf.size() - 1)};
    for (const auto& a : picker.fzf_args()) argv.push_back(a);
    argv.insert(argv.end(), {"--filter", "x"});  // parses every option, then filters empty input
    CHECK(run(argv).exit_code == 1);             // 1: no match; 2 would be a bad option
}

TEST_CASE("-i without fzf says how to get it") {
    const auto r = corpus().search({"-i", "blob"}, {{"PATH", "/nonexistent"}});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("needs fzf") != std::string::npos);
    CHECK(r.err.find("apt install fzf") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("-i opens the editors that want FILE:LINE their way") {
    const auto& c = corpus();
    FakePicker picker("0\\nblob\\n");
    fs::copy_file(picker.bin / "editor", picker.bin / "code");
    const auto r = c.search({"-i", "blob"}, {{"PATH", picker.bin.string() + ":/usr/bin:/bin"},
                                             {"VISUAL", "code --wait"}});
    CHECK(r.exit_code == 0);
    const auto args = split_lines(read_file(picker.opened));
    REQUIRE(args.size() == 3);
    CHECK(args[0] == "--wait");
    CHECK(args[1] == "-g");
    CHECK(std::regex_match(args[2], std::regex(".+\\.md:[0-9]+")));
}
