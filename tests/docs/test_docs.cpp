// The man pages and shell completions cover every option that --help lists, the
// completions work in the shells, and `cmake --install` puts everything where it is looked
// for.
#include <doctest/doctest.h>

#include <set>
#include <sstream>

#include "support/test_support.hpp"

using namespace recall::test;
namespace fs = std::filesystem;

namespace {

const fs::path kBuild = RECALL_BUILD_DIR;
const fs::path kCompletions = kSource / "contrib/completions";

struct Command {
    std::string name, binary;
    fs::path man_page, bash, zsh, fish;
};

const std::vector<Command>& commands() {
    static const std::vector<Command> all{
        {"recall", RECALL_BIN, kSource / "docs/man/recall.1.scd", kCompletions / "bash/recall",
         kCompletions / "zsh/_recall", kCompletions / "fish/recall.fish"},
        {"recall-index", RECALL_INDEX_BIN, kSource / "docs/man/recall-index.1.scd", kCompletions / "bash/recall-index",
         kCompletions / "zsh/_recall-index", kCompletions / "fish/recall-index.fish"}};
    return all;
}

// "-p" and "--person" from "  -p,--person TEXT ...   Only notes ..." lines of --help.
std::set<std::string> help_options(const std::string& binary) {
    std::set<std::string> options;
    std::istringstream in(run({binary, "--help"}).out);
    bool in_options = false;
    for (std::string line; std::getline(in, line);) {
        if (line == "Options:") in_options = true;
        if (!in_options || !line.starts_with("  -")) continue;
        std::string names = line.substr(2, line.find(' ', 2) - 2);
        for (size_t start = 0, comma; start < names.size(); start = comma + 1) {
            comma = names.find(',', start);
            if (comma == std::string::npos) comma = names.size();
            options.insert(names.substr(start, comma - start));
        }
    }
    return options;
}

bool has_word(const std::string& text, const std::string& word) {
    for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        const bool starts = at == 0 || std::string(" \t\n'\"{(),*|").find(text[at - 1]) != std::string::npos;
        const size_t end = at + word.size();
        const bool ends = end == text.size() || std::string(" \t\n'\"}),=+[*|").find(text[end]) != std::string::npos;
        if (starts && ends) return true;
    }
    return false;
}

// fish names options apart: "-s p" and "-l person".
std::string fish_form(const std::string& option) {
    return option.starts_with("--") ? "-l " + option.substr(2) : "-s " + option.substr(1);
}

std::set<std::string> words_of(const std::string& text) {
    std::set<std::string> words;
    std::istringstream in(text);
    for (std::string w; in >> w;) words.insert(w);
    return words;
}

}  // namespace

TEST_CASE("every option of --help is in the man page and in every completion file") {
    for (const auto& c : commands()) {
        const auto options = help_options(c.binary);
        REQUIRE_MESSAGE(options.size() >= 10, c.name);
        const std::string man = read_file(c.man_page), bash = read_file(c.bash), zsh = read_file(c.zsh),
                          fish = read_file(c.fish);
        for (const auto& option : options) {
            CHECK_MESSAGE(has_word(man, "*" + option + "*"), c.name, " man page lacks ", option);
            CHECK_MESSAGE(has_word(bash, option), c.name, " bash completion lacks ", option);
            CHECK_MESSAGE(has_word(zsh, option), c.name, " zsh completion lacks ", option);
            CHECK_MESSAGE(fish.find("complete -c " + c.name + " ") != std::string::npos, c.name);
            CHECK_MESSAGE((fish.find(fish_form(option) + " ") != std::string::npos ||
                           fish.find(fish_form(option) + "\n") != std::string::npos),
                          c.name, " fish completion lacks ", option);
        }
    }
    // The environment variables are documented in both help texts and both man pages.
    for (const auto& c : commands())
        for (const char* variable : {"RECALL_VAULT", "RECALL_INDEX"}) {
            CHECK_MESSAGE(run({c.binary, "--help"}).out.find(variable) != std::string::npos, c.name, " --help: ", variable);
            CHECK_MESSAGE(read_file(c.man_page).find("*" + std::string(variable) + "*") != std::string::npos, c.name);
        }
}

TEST_CASE("bash completes the options and their values") {
    for (const auto& c : commands()) {
        const std::string function = c.name == "recall" ? "_recall" : "_recall_index";
        const auto r = run({"/bin/bash", "-c", "source '" + c.bash.string() + "'; COMP_WORDS=(" + c.name +
                                                  " -); COMP_CWORD=1; " + function + "; echo \"${COMPREPLY[*]}\""});
        CHECK(r.exit_code == 0);
        CHECK_MESSAGE(words_of(r.out) == help_options(c.binary), c.name);
    }
    auto values = [](const std::string& words, int cword) {
        return words_of(run({"/bin/bash", "-c", "source '" + (kCompletions / "bash/recall").string() + "'; COMP_WORDS=(" +
                                                    words + "); COMP_CWORD=" + std::to_string(cword) +
                                                    "; _recall; echo \"${COMPREPLY[*]}\""})
                            .out);
    };
    CHECK(values("recall --sort ''", 2) == std::set<std::string>{"relevance", "newest", "oldest"});
    CHECK(values("recall --color = al", 3) == std::set<std::string>{"always"});
    CHECK(values("recall --format v", 2) == std::set<std::string>{"vimgrep"});
    CHECK(values("recall --person ''", 2).empty());
}

TEST_CASE("bash completes folder names with spaces as one name") {
    TempDir tmp;
    fs::create_directories(tmp / "My Notes");
    fs::create_directories(tmp / "Mystery");
    for (const auto& c : commands()) {
        const std::string function = c.name == "recall" ? "_recall" : "_recall_index";
        const auto r = run({"/bin/bash", "-c",
                            "cd '" + tmp.path().string() + "' && source '" + c.bash.string() + "'; COMP_WORDS=(" + c.name +
                                " --vault My); COMP_CWORD=2; " + function +
                                "; printf '%s\\n' \"${COMPREPLY[@]}\""});
        CHECK_MESSAGE(r.out == "My Notes\nMystery\n", c.name, ": ", r.out, r.err);
    }
}

TEST_CASE("fish and zsh read the completion files") {
    for (const auto& c : commands()) {
        CHECK_MESSAGE(run({"/usr/bin/zsh", "-n", c.zsh.string()}).exit_code == 0, c.zsh);
        const auto listed =
            run({"/usr/bin/fish", "--no-config", "-c", "source '" + c.fish.string() + "'; complete -C '" + c.name + " --'"});
        REQUIRE(listed.exit_code == 0);
        std::set<std::string> longs;
        std::istringstream in(listed.out);
        for (std::string line; std::getline(in, line);) longs.insert(line.substr(0, line.find('\t')));
        std::set<std::string> expected;
        for (const auto& o : help_options(c.binary))
            if (o.starts_with("--")) expected.insert(o);
        CHECK_MESSAGE(longs == expected, c.name);
    }
    const auto sorts = run({"/usr/bin/fish", "--no-config", "-c",
                            "source '" + (kCompletions / "fish/recall.fish").string() + "'; complete -C 'recall --sort '"});
    CHECK(sorts.out.find("newest\t") != std::string::npos);
}

TEST_CASE("cmake --install puts the man pages, completions and docs where they are looked for") {
    TempDir prefix;
    const auto r = run({CMAKE_COMMAND, "--install", kBuild.string(), "--prefix", prefix.path().string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    for (const std::string file : {"share/man/man1/recall.1", "share/man/man1/recall-index.1", "share/man/man7/recall-query.7"}) {
        // Plain or compressed, as packages install them.
        const bool compressed = !fs::exists(prefix / file) && fs::exists(prefix / (file + ".gz"));
        const std::string page = compressed ? run({"/bin/gzip", "-dc", (prefix / (file + ".gz")).string()}).out
                                            : read_file(prefix / file);
        CHECK_MESSAGE(page.find(".TH \"") != std::string::npos, file);  // roff, as scdoc writes it
        CHECK_MESSAGE(page.find("\n.SH NAME\n") != std::string::npos, file);
    }
    for (const std::string file : {"share/bash-completion/completions/recall", "share/bash-completion/completions/recall-index",
                                   "share/fish/vendor_completions.d/recall.fish",
                                   "share/fish/vendor_completions.d/recall-index.fish", "share/doc/recall/json-output.md"})
        CHECK_MESSAGE(fs::is_regular_file(prefix / file), file);
    // The nightly timer goes where systemd finds user units under this prefix.
    const std::string service = read_file(prefix / "lib/systemd/user/recall-index.service");
    CHECK(service.find("ExecStart=/usr/bin/env recall-index --quiet") != std::string::npos);
    CHECK(fs::is_regular_file(prefix / "lib/systemd/user/recall-index.timer"));
    // zsh reads vendor-completions on Debian, site-functions under /usr/local.
    for (const std::string file : {"_recall", "_recall-index"})
        CHECK_MESSAGE((fs::is_regular_file(prefix / "share/zsh/vendor-completions" / file) ||
                       fs::is_regular_file(prefix / "share/zsh/site-functions" / file)),
                      file);
    // The installed --help names the installed JSON reference.
    const auto help = run({(prefix / "bin/recall").string(), "--help"});
    const std::string json_doc = (prefix / "share/doc/recall/json-output.md").string();
    CHECK_MESSAGE(help.out.find(json_doc) != std::string::npos, help.out);
    CHECK(help.out.find("man recall") != std::string::npos);
    CHECK(run({(prefix / "bin/recall-index").string(), "--help"}).out.find("man recall-index") != std::string::npos);
}
