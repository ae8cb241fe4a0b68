// Errors a user can act on: usage errors, bad config values, unreadable or missing
// indexes, a vault that is not there or is the home folder, odd file names, hostile text.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <regex>

#include "support/test_support.hpp"

using namespace recall::test;
namespace fs = std::filesystem;

namespace {


// A vault of one note and its index, with a config folder of their own.
struct SmallVault {
    TempDir tmp;
    fs::path vault = tmp / "vault", index = tmp / "index";
    std::map<std::string, std::string> env{{"XDG_CONFIG_HOME", (tmp / "config").string()},
                                           {"XDG_DATA_HOME", (tmp / "data").string()},
                                           {"NO_COLOR", "1"}};
    SmallVault() {
        write_file(vault / "a.md", meeting_note("Storage budget", "2025-10-01", "Ann Lee", "Storage planning and budgets."));
    }
    CommandResult indexer(std::vector<std::string> args = {}) const {
        args.insert(args.begin(), {kIndexer, "--vault", vault.string(), "--index", index.string()});
        return run(args, env);
    }
    CommandResult search(std::vector<std::string> args) const {
        args.insert(args.begin(), {kRecall, "--index", index.string()});
        return run(args, env);
    }
    void config(const std::string& yaml) const { write_file(tmp / "config/recall/config.yaml", yaml); }
};

size_t lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

// Runs a shell command line (for a working directory of its own).
CommandResult sh(const std::string& script, const std::map<std::string, std::string>& env = {}) {
    return run({"/bin/sh", "-c", script}, env);
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("every usage error of both commands is one line and exit 2") {
    SmallVault v;
    REQUIRE(v.indexer({"-q"}).exit_code == 0);
    const std::vector<std::vector<std::string>> recall_errors{
        {"--bogus", "blob"}, {"--sort", "foo", "blob"}, {"-n", "abc", "blob"}, {"--json", "-l", "blob"},
        {"--limit"},         {"--color", "pink", "x"},  {"--format", "xml", "x"}, {"--vimgrep", "-l", "x"},
        {"-c", "--facets", "x"}, {"-i", "--json", "x"}, {"-0", "x"}};
    for (const auto& args : recall_errors) {
        const auto r = v.search(args);
        CHECK_MESSAGE(r.exit_code == 2, args[0]);
        CHECK_MESSAGE(lines(r.err) == 1, r.err);
        CHECK_MESSAGE(r.err.starts_with("recall: "), r.err);
        CHECK(r.out.empty());
    }
    CHECK(v.search({"--bogus"}).err.find("--bogus") != std::string::npos);
    CHECK(v.search({"-n", "abc", "x"}).err.find("--limit: 'abc'") != std::string::npos);
    for (const auto& args : std::vector<std::vector<std::string>>{{"--bogus"}, {"--threads", "x"}, {"--quiet", "--verbose"}, {"vault", "stray"}}) {
        const auto r = run({kIndexer, args[0], args.size() > 1 ? args[1] : "--dry-run"}, v.env);
        CHECK_MESSAGE(r.exit_code == 2, args[0]);
        CHECK_MESSAGE(lines(r.err) == 1, r.err);
        CHECK_MESSAGE(r.err.starts_with("recall-index: "), r.err);
    }
    for (const std::string& bin : {kRecall, kIndexer}) {
        const auto version = run({bin, "-V"});
        CHECK(version.exit_code == 0);
        CHECK(std::regex_search(version.out, std::regex("^recall(-index)? [0-9]+\\.[0-9]+\\.[0-9]+\n$")));
    }
}

TEST_CASE("bad config values name the file, the key and what is accepted") {
    SmallVault v;
    const fs::path file = v.tmp / "config/recall/config.yaml";
    const std::vector<std::pair<std::string, std::string>> cases{
        {"language: klingon", "english"}, {"limit: lots", "whole number"}, {"sort: random", "relevance, newest, oldest"},
        {"color: pink", "auto, always, never"}, {"format: xml", "text, json, files, vimgrep"},
        {"max_file_mb: -3", "megabytes"}};
    for (const auto& [yaml, accepted] : cases) {
        v.config(yaml + "\n");
        const std::string key = yaml.substr(0, yaml.find(':'));
        for (const auto& r : {v.indexer({"-q"}), v.search({"storage"})}) {
            CHECK_MESSAGE(r.exit_code == 2, yaml);
            CHECK(lines(r.err) == 1);
            CHECK_MESSAGE(r.err.find(file.string()) != std::string::npos, r.err);
            CHECK_MESSAGE(r.err.find("'" + yaml + "'") != std::string::npos, r.err);
            CHECK_MESSAGE(r.err.find(accepted) != std::string::npos, r.err);
        }
    }
    CHECK_FALSE(fs::exists(v.index));  // nothing was built from a bad config
}

TEST_CASE("language: none indexes words as written, and a stemming language finds other forms") {
    SmallVault v;
    write_file(v.vault / "b.md", meeting_note("Connectors", "2025-10-02", "Bo Chen", "The connectors shipped."));
    v.config("language: none\n");
    REQUIRE(v.indexer({"-q"}).exit_code == 0);
    CHECK(v.search({"connectors", "--count"}).out == "1\n");
    CHECK(v.search({"storage", "planning", "--count"}).out == "1\n");
    CHECK(v.search({"connector", "--count"}).out == "0\n");  // no stemming
    v.config("language: English\n");  // names are not case-sensitive; the change rebuilds the index
    REQUIRE(v.indexer({"-q"}).exit_code == 0);
    CHECK(v.search({"connector", "--count"}).out == "1\n");
}

TEST_CASE("an index that cannot be read says permission denied, not 'no index'") {
    SmallVault v;
    REQUIRE(v.indexer({"-q"}).exit_code == 0);
    // recall-index makes the index folder its owner's only; another user cannot read it.
    std::vector<std::string> argv{kRecall, "--index", v.index.string(), "storage"};
    if (::getuid() == 0) {
        fs::permissions(v.tmp.path(), fs::perms::others_exec | fs::perms::others_read, fs::perm_options::add);
        argv.insert(argv.begin(), {"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"});
    } else {
        fs::permissions(v.index, fs::perms::none);
    }
    const auto r = run(argv);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "recall: cannot read the index at " + v.index.string() + ": permission denied\n");
}

TEST_CASE("the no-index hint names the vault when recall knows it") {
    SmallVault v;
    auto named = run({kRecall, "--vault", v.vault.string(), "storage"}, v.env);
    CHECK(named.exit_code == 2);
    CHECK(named.err.find("no index of the vault " + v.vault.string()) != std::string::npos);
    CHECK(named.err.find("recall-index --vault " + v.vault.string()) != std::string::npos);
    v.config("vault: " + v.vault.string() + "\n");
    auto configured = sh("cd /tmp && exec " + kRecall + " storage", v.env);
    CHECK(configured.err.find("recall-index --vault " + v.vault.string()) != std::string::npos);
    // Nothing names a vault: the hint says so rather than suggesting the current folder.
    fs::remove(v.tmp / "config/recall/config.yaml");
    auto unnamed = sh("cd /tmp && exec " + kRecall + " storage", v.env);
    CHECK(unnamed.exit_code == 2);
    CHECK(unnamed.err.find("no vault is named") != std::string::npos);
    CHECK(unnamed.err.find("--vault YOUR-VAULT") != std::string::npos);
}

TEST_CASE("recall-index refuses to index the home folder or / when no vault is named") {
    SmallVault v;
    const fs::path home = v.tmp / "home";
    write_file(home / "notes.md", "# A note in the home folder\n");
    auto env = v.env;
    env["HOME"] = home.string();
    env["RECALL_VAULT"] = "";
    for (const auto& [cwd, what] : {std::pair{home, "home folder"}, std::pair{fs::path("/"), "root folder"}}) {
        auto r = sh("cd " + quoted(cwd) + " && exec " + kIndexer + " --quiet", env);
        CHECK(r.exit_code == 2);
        CHECK(lines(r.err) == 1);
        CHECK_MESSAGE(r.err.find(what) != std::string::npos, r.err);
        CHECK(r.err.find("--vault") != std::string::npos);
        CHECK(r.err.find("RECALL_VAULT") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(v.tmp / "data"));  // no index was started
    // Named, even as the home folder, it is indexed: the user asked for it.
    auto named = sh("cd " + quoted(home) + " && exec " + kIndexer + " --quiet --vault .", env);
    CHECK(named.exit_code == 0);
    // Any other folder without a vault named is indexed as the vault, as before.
    auto inside = sh("cd " + quoted(v.vault) + " && exec " + kIndexer + " --quiet", env);
    CHECK(inside.exit_code == 0);
}

TEST_CASE("a vault that does not exist leaves nothing behind, and an empty vault says so") {
    SmallVault v;
    auto missing = run({kIndexer, "--vault", (v.tmp / "no-such-vault").string()}, v.env);
    CHECK(missing.exit_code == 1);
    CHECK(missing.err == "recall-index: the vault " + (v.tmp / "no-such-vault").string() + " is not a folder that exists\n");
    CHECK_FALSE(fs::exists(v.tmp / "data"));  // no index folder, no lock file
    auto with_index = run({kIndexer, "--vault", (v.tmp / "no-such-vault").string(), "--index", v.index.string()}, v.env);
    CHECK(with_index.exit_code == 1);
    CHECK_FALSE(fs::exists(v.index));

    fs::create_directories(v.tmp / "empty");
    write_file(v.tmp / "empty/readme.txt", "not a note");
    auto empty = run({kIndexer, "--vault", (v.tmp / "empty").string(), "--quiet"}, v.env);
    CHECK(empty.err.find("holds no notes") != std::string::npos);
    CHECK(empty.err.find((v.tmp / "empty").string()) != std::string::npos);
}

TEST_CASE("a file name that is not UTF-8 is found, and its printed path opens it") {
    SmallVault v;
    const std::string name = "caf\xe9.md";  // Latin-1, as old archives and some sync tools leave them
    write_file(v.vault / name, "---\ntitle: Espresso tasting\n---\n\n## Summary\n\nEspresso tasting with the roaster.\n");
    REQUIRE(v.indexer({"-q"}).exit_code == 0);
    REQUIRE(v.indexer({"-q"}).exit_code == 0);  // an unchanged run keeps it, not re-adds or drops it
    const std::string path = (v.vault / name).string();

    auto nul = v.search({"espresso", "-l", "-0"});
    CHECK(nul.exit_code == 0);
    CHECK(nul.out == path + '\0');
    CHECK(v.search({"espresso", "-l"}).out == path + "\n");
    CHECK(v.search({"espresso", "--vimgrep"}).out.starts_with(path + ":7:1:Espresso tasting"));

    auto listing = v.search({"espresso"});  // for people: the odd byte shown, not sent
    CHECK(listing.out.find("caf\\xE9.md:7") != std::string::npos);
    CHECK(listing.out.find("note file is gone") == std::string::npos);
    CHECK(listing.out.find("Espresso tasting with the roaster") != std::string::npos);

    auto json = v.search({"espresso", "--json"});
    const auto hit = nlohmann::json::parse(json.out);
    CHECK(hit["title"] == "Espresso tasting");
    // JSON strings are UTF-8: the bytes are in base64 beside the readable path.
    const std::string b64 = hit["absolute_path_base64"];
    std::string bytes;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : b64) {
        if (c == '=') break;
        buffer = buffer << 6 | static_cast<unsigned>(std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").find(c));
        if ((bits += 6) >= 8) bytes.push_back(static_cast<char>((buffer >> (bits -= 8)) & 0xFF));
    }
    CHECK(bytes == path);
    CHECK(fs::exists(bytes));
    write_file(v.vault / "plain.md", "# Plain\n\nEspresso again.\n");
    REQUIRE(v.indexer({"-q"}).exit_code == 0);
    CHECK_FALSE(nlohmann::json::parse(v.search({"again", "--json"}).out).contains("absolute_path_base64"));
}

TEST_CASE("a file name with an escape sequence is printed escaped, except with -0") {
    SmallVault v;
    const std::string name = "red \x1b[31mflag.md";
    write_file(v.vault / name, "# Flag\n\nSemaphore practice.\n");
    REQUIRE(v.indexer({"-q"}).exit_code == 0);
    for (const auto& args : {std::vector<std::string>{"semaphore"}, {"semaphore", "-l"}, {"semaphore", "--vimgrep"}}) {
        const auto r = v.search(args);
        CHECK(r.out.find('\x1b') == std::string::npos);
        CHECK(r.out.find("red ^[[31mflag.md") != std::string::npos);
    }
    CHECK(v.search({"semaphore", "-l", "-0"}).out == (v.vault / name).string() + '\0');
}

TEST_CASE("--json escapes C1 controls and bidirectional overrides") {
    SmallVault v;
    // U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE, U+009B (C1 CSI), U+2028.
    write_file(v.vault / "evil.md", "---\ntitle: \"Invoice \xe2\x80\xaegnp.exe\"\nperson: \"Eve \xe2\x80\xaeHacker\"\n---\n\n"
                                    "## Summary\n\n"
                                    "The payload \xe2\x81\xa6hides\xc2\x9b""31m here\xe2\x80\xa8now.\n");
    REQUIRE(v.indexer({"-q"}).exit_code == 0);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"payload", "--json"}, {"payload", "--json", "--facets"}, {"payload", "--vimgrep"}}) {
        const auto r = v.search(args);
        CHECK(r.exit_code == 0);
        for (const char* raw : {"\xe2\x80\xae", "\xe2\x81\xa6", "\xc2\x9b"})
            CHECK_MESSAGE(r.out.find(raw) == std::string::npos, args[1]);
    }
    const auto r = v.search({"payload", "--json"});
    CHECK(r.out.find("\\u202e") != std::string::npos);
    CHECK(r.out.find("\\u009b") != std::string::npos);
    CHECK(r.out.find("\\u2028") != std::string::npos);  // a line end to JavaScript
    const auto hit = nlohmann::json::parse(r.out);
    CHECK(hit["title"] == "Invoice \xe2\x80\xaegnp.exe");  // escaped, not lost
    CHECK(hit["snippet"].get<std::string>().find("\xe2\x81\xa6hides") != std::string::npos);
}
