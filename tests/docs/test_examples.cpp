// Every example in README.md, `recall --help` and the man pages, read from them as they are now, finds
// something in corpus/. The examples run through /bin/sh as a user types them, with
// `recall` on $PATH searching an index of corpus/.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "support/test_support.hpp"

using namespace recall::test;
namespace fs = std::filesystem;

namespace {


// A folder with `recall` (searching an index of corpus/) and a fake `vim` that records its
// arguments and whether its input is a terminal.
struct ExampleBin {
    TempDir tmp;
    fs::path bin = tmp / "bin", vim_log = tmp / "vim.log";
    std::map<std::string, std::string> env;

    ExampleBin() {
        const fs::path index = tmp / "index";
        REQUIRE(run({kIndexer, "--vault", kCorpus.string(), "--index", index.string(), "--quiet"}).exit_code == 0);
        write_file(bin / "recall", "#!/bin/sh\nexec '" + kRecall + "' --index '" + index.string() + "' \"$@\"\n");
        write_file(bin / "vim", "#!/bin/sh\n{ if [ -t 0 ]; then echo tty; else echo no-tty; fi; echo $#; } > '" +
                                    vim_log.string() + "'\n");
        for (const char* name : {"recall", "vim"}) fs::permissions(bin / name, fs::perms::owner_all);
        env = {{"PATH", bin.string() + ":" + std::getenv("PATH")},
               {"XDG_CONFIG_HOME", (tmp / "no-config").string()},
               {"NO_COLOR", "1"},
               {"EDITOR", "vim"}};
    }
};

// Where a shell line's comment starts and its first pipe is, outside quotes.
struct LineParts {
    std::string command, rest;  // before the first '|'; from it, without the comment
};

LineParts split_line(const std::string& line) {
    char quote = 0;
    size_t pipe = std::string::npos, end = line.size();
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '#' && (i == 0 || line[i - 1] == ' ')) {
            end = i;
            break;
        } else if (c == '|' && pipe == std::string::npos) {
            pipe = i;
        }
    }
    auto trimmed = [](std::string s) {
        while (!s.empty() && s.back() == ' ') s.pop_back();
        return s;
    };
    if (pipe == std::string::npos) return {trimmed(line.substr(0, end)), ""};
    return {trimmed(line.substr(0, pipe)), trimmed(line.substr(pipe, end - pipe))};
}

// Lines of the code blocks (opened by `fence`) of a file that run `recall`.
std::vector<std::string> examples_in(const fs::path& file, const std::string& fence) {
    std::istringstream in(read_file(file));
    std::vector<std::string> examples;
    bool in_block = false;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("```")) in_block = !in_block && line == fence;
        else if (in_block && line.starts_with("recall ")) {
            const LineParts parts = split_line(line);
            examples.push_back(parts.rest.empty() ? parts.command : parts.command + " " + parts.rest);
        }
    }
    return examples;
}

// The lines under "Examples:" in `recall --help`, without their descriptions (which start
// after two or more spaces outside quotes).
std::vector<std::string> help_examples() {
    std::istringstream in(run({kRecall, "--help"}).out);
    std::vector<std::string> examples;
    bool in_examples = false;
    for (std::string line; std::getline(in, line);) {
        if (line == "Examples:") in_examples = true;
        else if (line.empty()) in_examples = false;
        else if (in_examples && line.starts_with("  recall ")) {
            std::string command = line.substr(2);
            char quote = 0;
            for (size_t i = 0; i + 1 < command.size(); ++i) {
                if (quote) quote = command[i] == quote ? 0 : quote;
                else if (command[i] == '\'' || command[i] == '"') quote = command[i];
                else if (command[i] == ' ' && command[i + 1] == ' ') {
                    command.resize(i);
                    break;
                }
            }
            examples.push_back(command);
        }
    }
    return examples;
}

// The picker's first list is what --vimgrep prints for the same arguments.
std::string without_picker(std::string command) {
    for (const std::string flag : {" -i ", " --interactive "})
        if (auto at = command.find(flag); at != std::string::npos) command.replace(at, flag.size(), " --vimgrep ");
    return command;
}

void check_example(const ExampleBin& bin, const std::string& example) {
    const LineParts parts = split_line(example);
    const auto r = run({"/bin/sh", "-c", without_picker(parts.command)}, bin.env);
    CHECK_MESSAGE(r.exit_code == 0, example, "\n", r.err);
    CHECK_MESSAGE(!r.out.empty(), example);
    if (parts.rest.find("xargs") == std::string::npos) return;
    // Run the whole recipe on a terminal (script(1) gives it one): the editor must get every
    // file, and the terminal as its input.
    const std::string paths = run({"/bin/sh", "-c", parts.command}, bin.env).out;
    const auto files = static_cast<size_t>(std::count(paths.begin(), paths.end(), '\0'));
    REQUIRE(files > 0);
    fs::remove(bin.vim_log);
    const auto recipe = run({"/usr/bin/script", "-qec", example, "/dev/null"}, bin.env);
    CHECK_MESSAGE(recipe.exit_code == 0, example);
    CHECK_MESSAGE(read_file(bin.vim_log) == "tty\n" + std::to_string(files) + "\n", example);
}

}  // namespace

TEST_CASE("every README example finds something in corpus/") {
    ExampleBin bin;
    const auto examples = examples_in(kSource / "README.md", "```sh");
    REQUIRE(examples.size() >= 8);
    for (const auto& example : examples) check_example(bin, example);
}

TEST_CASE("every --help example finds something in corpus/") {
    ExampleBin bin;
    const auto examples = help_examples();
    REQUIRE(examples.size() >= 4);
    for (const auto& example : examples) check_example(bin, example);
}

TEST_CASE("every example of the man pages finds something in corpus/") {
    ExampleBin bin;
    size_t n = 0;
    for (const char* page : {"docs/man/recall.1.scd", "docs/man/recall-query.7.scd"}) {
        const auto examples = examples_in(kSource / page, "```");
        CHECK_MESSAGE(examples.size() >= 5, page);
        for (const auto& example : examples) check_example(bin, example);
        n += examples.size();
    }
    CHECK(n >= 10);
}

TEST_CASE("the example extractor reads shell lines as the shell does") {
    const auto plain = split_line("recall blob --person andy   # with Andy");
    CHECK(plain.command == "recall blob --person andy");
    CHECK(plain.rest.empty());
    const auto piped = split_line("recall 'a | b # c' -l -0 | xargs -0 -o vim  # open");
    CHECK(piped.command == "recall 'a | b # c' -l -0");
    CHECK(piped.rest == "| xargs -0 -o vim");
    CHECK(without_picker("recall -i blob") == "recall --vimgrep blob");
}
