// recall: search the notes of a vault.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <fmt/format.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <map>
#include <optional>

#include "picker.hpp"
#include "recall/core/command_line.hpp"
#include "recall/core/config.hpp"
#include "recall/searcher/date_expression.hpp"
#include "recall/searcher/index_set.hpp"
#include "recall/core/human_format.hpp"
#include "recall/core/index_store.hpp"
#include "recall/searcher/search.hpp"
#include "recall/core/terminal_text.hpp"
#include "output.hpp"
#include "serve_command.hpp"
#include "command_support.hpp"

namespace {
namespace fs = std::filesystem;

constexpr int kExitHits = 0, kExitNoHits = 1, kExitError = recall::kExitUsage;
constexpr unsigned kPickerLimit = 100;

// Examples must find something in corpus/: tests/test_examples.cpp runs each of them.
const char* kDescription =
    "recall: search your Markdown notes.\n\n"
    "Examples:\n"
    "  recall blob support                   notes with both words (any word form)\n"
    "  recall '\"blob support\"' --person andy  a phrase, in notes with Andy\n"
    "  recall pricing --since 2025-10 --until 2025-10-31\n"
    "  recall --person 'Maya Okonkwo'        Maya's notes, newest first\n"
    "  recall 'migr* NOT billing' -l -0 | xargs -0 -o vim   open every match\n"
    "  recall -i blob                        pick interactively (fzf), open in $EDITOR\n\n"
    "Query language: words must all match, from three words on all but one (common words such\n"
    "as 'the' or 'my' are left out unless quoted; if no note matches, any word ranks), \"a phrase\",\n"
    "AND OR NOT, +must -mustnot, a NEAR b, migr*, fields title: summary: key: decision:\n"
    "action: name:, filters person: tag: type: folder: year: month: task:open, and dates\n"
    "date:2025-10-30 date:2025-10 date:2025 date:2025-10-01..2025-10-31 date:30d..\n"
    "date:..1y (d w m y = days weeks months years ago), links:NOTE, owner:NAME. In full:\n"
    "man recall-query.\n\n"
    "Commands: recall tasks (action items), recall links NOTE / --broken, recall backlinks\n"
    "NOTE, recall mcp (a Model Context Protocol server for AI assistants); each has --help.";

const char* kFooter =
    "Environment: RECALL_VAULT and RECALL_INDEX as --vault and --index; NO_COLOR; VISUAL or\n"
    "EDITOR for -i. The config file can set vault, index, indexes, limit, sort, color and format.\n"
    "Serve an index to other machines: recall serve --help (search it: --index remote:HOST:PORT).\n"
    "Exit codes: 0 found, 1 nothing found, 2 error.\n"
    "More: man recall; JSON fields: ";

fs::path own_executable() {
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    return n > 0 ? fs::path(std::string(self, static_cast<size_t>(n))) : fs::path("recall");
}

// The installed JSON reference, else where it is in the sources (a binary run from the build).
std::string json_reference() {
    const fs::path installed = (own_executable().parent_path() / RECALL_DOCDIR_FROM_BINDIR / "json-output.md").lexically_normal();
    std::error_code ec;
    return fs::exists(installed, ec) ? installed.string() : "docs/json-output.md in recall's sources";
}

struct Options {
    recall::IndexOptions index;  // --index (repeatable), --vault, --config, --timeout, --allow-partial
    std::vector<std::string> words;
    recall::FilterOptions filters;
    std::map<std::string, std::vector<std::string>> filter_options;  // by filter name: --person maya
    std::vector<std::string> declared;                                // --field status=open
    std::string sort = "relevance", color = "auto", format = "text", like;
    unsigned limit = 10, offset = 0;
    bool json = false, files = false, vimgrep = false, nul = false, count = false, facets = false,
         interactive = false, explain = false;
};

std::vector<std::string> names(const auto& accepted) { return {accepted.begin(), accepted.end()}; }

std::string join(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
    return text;
}

// The config file's search options, where the command line did not give them.
void apply_defaults(const CLI::App& app, const recall::SearchDefaults& defaults, Options& o) {
    if (defaults.limit && !app.count("--limit")) o.limit = *defaults.limit;
    if (defaults.sort && !app.count("--sort")) o.sort = *defaults.sort;
    if (defaults.color && !app.count("--color")) o.color = *defaults.color;
    if (o.json) o.format = "json";
    else if (o.files) o.format = "files";
    else if (o.vimgrep) o.format = "vimgrep";
    else if (defaults.format && !app.count("--format")) o.format = *defaults.format;
}

// The index, or nothing when there is none to open (the user is told why).
std::optional<recall::IndexStore> existing_index(const recall::Settings& settings) {
    if (const auto why = recall::missing_index(settings)) {
        fmt::print(stderr, "recall: {}\n", recall::neutralize_controls(*why));
        return std::nullopt;
    }
    return recall::IndexStore(settings.index);
}

// The vault the index was built from, as recall-index recorded it.
fs::path vault_of(const recall::IndexMetadata& metadata, const recall::Settings& settings) {
    return metadata.vault.empty() ? settings.vault : fs::path(metadata.vault);
}

using ResultUser = std::function<int(const recall::SearchResult&)>;

int with_result(const Options& o, const recall::Settings& settings, const recall::SearchRequest& request,
                const ResultUser& use) {
    return recall::with_searcher(o.index, settings, [&](recall::Searcher& searcher) { return use(searcher.search(request)); });
}

// The filter options, by the schema's rows: --person maya, --field status=open.
recall::FilterOptions filters_of(const Options& o) {
    recall::FilterOptions f = o.filters;
    for (const auto& [name, values] : o.filter_options)
        for (const auto& v : values) f.values.emplace_back(name, v);
    for (const auto& field : o.declared) {
        const size_t eq = field.find('=');
        if (eq == std::string::npos || eq == 0)
            throw recall::QueryError("--field takes NAME=VALUE, as in --field status=open, not '" + field + "'");
        f.values.emplace_back(field.substr(0, eq), field.substr(eq + 1));
    }
    return f;
}

recall::SearchRequest request_of(const Options& o) {
    recall::SearchRequest request;
    request.text = join(o.words);
    if (request.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) request.text.clear();  // recall "   "
    request.filters = filters_of(o);
    request.sort = o.sort == "newest" ? recall::SortOrder::Newest
                   : o.sort == "oldest" ? recall::SortOrder::Oldest
                                        : recall::SortOrder::Relevance;
    request.limit = (o.count || o.facets) ? 0 : o.limit;
    request.offset = o.offset;
    request.facets = o.facets;
    request.exact_count = o.count;
    request.like = o.like;
    request.explain = o.explain;
    return request;
}

// The output the options choose; the text listing ends with a count on a terminal.
recall::OutputOptions output_of(const Options& o) {
    recall::OutputOptions out;
    out.format = o.format;
    out.count = o.count;
    out.facets = o.facets;
    out.color = recall::use_color(o.color);
    out.nul = o.nul;
    out.footer = ::isatty(STDOUT_FILENO) && o.format == "text" && !o.count && !o.facets;
    out.offset = o.offset;
    out.cwd = fs::current_path();
    return out;
}


// What the query left out or relaxed, on stderr: stopwords, and words some hits lack.
void print_relaxed(const recall::SearchResult& result) {
    if (!result.ignored_words.empty()) {
        // Each word once, and not a pasted paragraph's hundred of them.
        constexpr size_t kShown = 10;
        std::vector<std::string> words;
        for (const auto& w : result.ignored_words)
            if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
        const size_t more = words.size() > kShown ? words.size() - kShown : 0;
        words.resize(words.size() - more);
        fmt::print(stderr, "recall: left out common words: {}{} (quote a word or put + before it to require it)\n",
                   recall::neutralize_controls(fmt::format("{}", fmt::join(words, ", "))),
                   more ? fmt::format(" and {} more", more) : "");
    }
    std::map<std::string, std::vector<size_t>> lacking;  // word -> hit numbers
    for (size_t i = 0; i < result.hits.size(); ++i)
        for (const auto& word : result.hits[i].missing_words) lacking[word].push_back(i + 1);
    for (const auto& [word, hits] : lacking)
        fmt::print(stderr, "recall: relaxed to fewer words: hit{} {} lack{} '{}'\n", hits.size() > 1 ? "s" : "",
                   fmt::join(hits, ", "), hits.size() > 1 ? "" : "s", recall::neutralize_controls(word));
}

// --explain: each hit's path and score, then what made the score.
void print_explanations(const recall::SearchResult& result) {
    for (size_t i = 0; i < result.hits.size(); ++i) {
        const auto& hit = result.hits[i];
        fmt::print("{:>2}. {}  score {:.3f}\n{}", i + 1, recall::neutralize_controls(hit.note.path), hit.score,
                   recall::format_explanation(hit.explanation));
    }
}

int search(const Options& o, const recall::Settings& settings) {
    recall::SearchRequest request = request_of(o);
    if (request.text.empty() && request.like.empty() && request.filters.values.empty() && !request.filters.since &&
        !request.filters.until) {
        fmt::print(stderr, "recall: give words to search for, or a filter such as --person NAME (recall --help)\n");
        return kExitError;
    }
    const recall::OutputOptions shown = output_of(o);
    request.snippets = recall::shows_snippets(shown);
    // The listing's footer on a terminal is the one count that is shown but not asked for.
    if (shown.footer) request.count_exactly_up_to = recall::kExactCountUpTo;
    return with_result(o, settings, request, [&](const recall::SearchResult& result) {
        if (!result.read_as_words_because.empty())
            fmt::print(stderr, "recall: {}; searched for its words\n",
                       recall::neutralize_controls(result.read_as_words_because));
        if (!result.did_you_mean.empty())
            fmt::print(stderr, "recall: did you mean: {}\n", recall::neutralize_controls(result.did_you_mean));
        if (result.fell_back_to_any_word)
            fmt::print(stderr, "recall: no note has all of the words; showing notes with any of them\n");
        print_relaxed(result);
        if (o.explain) {
            print_explanations(result);
            return result.hits.empty() ? kExitNoHits : kExitHits;
        }
        recall::make_output(output_of(o))(result, stdout);
        return result.total > 0 && (o.count || o.facets || !result.hits.empty()) ? kExitHits : kExitNoHits;
    });
}

// The options every search of the picker repeats.
std::vector<std::string> picker_search_arguments(const Options& o, const recall::Settings& settings) {
    std::vector<std::string> args{own_executable().string(), "--sort", o.sort};
    for (const auto& spec : recall::index_specs(o.index, settings)) args.insert(args.end(), {"--index", spec.text});
    if (o.index.set.allow_partial) args.push_back("--allow-partial");
    args.insert(args.end(), {"--timeout", std::to_string(o.index.set.timeout_seconds)});
    for (const auto& [name, values] : o.filter_options)
        for (const auto& v : values) args.insert(args.end(), {"--" + name, v});
    for (const auto& field : o.declared) args.insert(args.end(), {"--field", field});
    if (o.filters.since) args.insert(args.end(), {"--since", *o.filters.since});
    if (o.filters.until) args.insert(args.end(), {"--until", *o.filters.until});
    if (o.index.settings.config) args.insert(args.end(), {"--config", *o.index.settings.config});
    return args;
}

int pick(const Options& o, const recall::Settings& settings, bool limit_given) {
    const auto fzf = recall::find_in_path("fzf");
    if (!fzf) {
        fmt::print(stderr, "recall: -i needs fzf, which is not installed (Debian, Ubuntu: sudo apt install fzf); "
                           "without it, list the passages with: recall --vimgrep WORDS\n");
        return kExitError;
    }
    // Where fzf runs: the vault, so that paths show short (searching several indexes: here).
    fs::path vault = fs::current_path();
    if (o.index.indexes.empty() && settings.indexes.empty()) {
        const auto store = existing_index(settings);
        if (!store) return kExitError;
        vault = vault_of(recall::IndexStore::read_metadata(store->open_for_reading()), settings);
    }

    const recall::PickerCommand command{picker_search_arguments(o, settings), join(o.words),
                                        limit_given ? o.limit : kPickerLimit};
    const auto chosen = recall::run_fzf(*fzf, recall::fzf_arguments(command), vault);
    if (!chosen) return kExitNoHits;

    recall::SearchRequest request = request_of(o);
    request.text = chosen->query;
    request.offset = chosen->rank;
    request.limit = 1;
    fs::path file;
    int line = 1;
    const int rc = with_result(o, settings, request, [&](const recall::SearchResult& result) {
        if (result.hits.empty()) return kExitNoHits;
        file = result.hits[0].vault / result.hits[0].note.path;
        line = result.hits[0].snippet.line;
        return kExitHits;
    });
    if (rc != kExitHits) return rc;
    const int failed = recall::open_in_editor(file, line);
    fmt::print(stderr, "recall: cannot start the editor: {}\n", std::strerror(errno));
    return failed;
}

// Options that each choose the output, or what to print, exclude each other. (Checked
// here rather than by CLI11, whose --help would list every exclusion.)
std::optional<std::string> conflicting_options(const CLI::App& app) {
    static const std::vector<std::vector<std::string>> kGroups{
        {"--format", "--json", "--files", "--vimgrep", "--interactive", "--explain"},
        {"--count", "--facets", "--files", "--vimgrep", "--interactive", "--explain"}};
    for (const auto& group : kGroups) {
        std::vector<std::string> given;
        for (const auto& name : group)
            if (app.count(name) > 0) given.push_back(name);
        if (given.size() > 1) return given[0] + " and " + given[1] + " cannot be used together";
    }
    return std::nullopt;
}

// "-word" in a query excludes the word, but CLI11 would read it as an option: a single-dash
// argument of three or more letters that is not a cluster of our flags is a query word, and
// goes after "--". (Give option values apart: "-p andy", not "-pandy".)
std::vector<std::string> arguments_with_excluded_words(int argc, char** argv) {
    std::vector<std::string> args{argv[0]}, words;
    bool after_separator = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") after_separator = true;
        const bool looks_like_word = !after_separator && arg.size() >= 3 && arg[0] == '-' && arg[1] != '-' &&
                                     std::isalpha(static_cast<unsigned char>(arg[1])) &&
                                     std::all_of(arg.begin() + 1, arg.end(), [](char c) {
                                         return std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '\'' ||
                                                static_cast<unsigned char>(c) >= 0x80;
                                     });
        const bool flag_cluster = arg.find_first_not_of("-lc0i") == std::string::npos;
        if (looks_like_word && !flag_cluster) words.push_back(arg);
        else args.push_back(arg);
    }
    if (!words.empty()) {
        if (std::find(args.begin(), args.end(), "--") == args.end()) args.push_back("--");
        args.insert(args.end(), words.begin(), words.end());
    }
    return args;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "serve") == 0) return recall::serve_main(argc - 1, argv + 1);
    if (const auto exit_code = recall::run_command(argc, argv)) return *exit_code;
    CLI::App app{kDescription, "recall"};
    app.footer(kFooter + json_reference());
    app.set_version_flag("-V,--version", "recall " RECALL_VERSION);
    Options o;
    app.add_option("query", o.words, "Words to search for (see the query language above)");
    // One option per filter of the schema that has one (--person, --tag, --type, --folder).
    const recall::schema::FieldTable builtin;
    for (const auto& row : builtin.filters()) {
        if (row.option.empty()) continue;
        const std::string names = (row.short_option ? std::string("-") + row.short_option + "," : "") + "--" + row.option;
        app.add_option(names, o.filter_options[row.name], row.help)->allow_extra_args(false);
    }
    app.add_option("--field", o.declared, "Only notes whose field declared in the config has this value: "
                                         "--field status=open, --field due=2025-10.. (repeatable)")
        ->allow_extra_args(false);
    app.add_option("--like", o.like, "Rank the notes most like this one (vault or file path), never itself; "
                                     "words and filters narrow them");
    app.add_option("--since", o.filters.since, "Only notes dated on or after: 2025-10-01, 2025-10, 2025, 30d, 3m");
    app.add_option("--until", o.filters.until, "Only notes dated on or before (same forms)");
    app.add_option("--sort", o.sort, "Order of results")->check(CLI::IsMember(names(recall::kSortOrders)))->capture_default_str();
    app.add_option("-n,--limit", o.limit, "How many results")->capture_default_str();
    app.add_option("--offset", o.offset, "Skip this many results (paging)");
    app.add_option("--format", o.format, "Output: text, json, files (as -l) or vimgrep")
        ->check(CLI::IsMember(names(recall::kOutputFormats)));
    app.add_flag("--json", o.json, "One JSON object per result (fields: see More below); with -c or --facets, one in all");
    app.add_flag("-l,--files", o.files, "Print the matching files' paths only (for editors, fzf, xargs)");
    app.add_flag("--vimgrep", o.vimgrep, "One line per result: path:line:column:passage, as rg --vimgrep");
    app.add_flag("-0,--null", o.nul, "With --files: end each path with NUL instead of a newline");
    app.add_flag("-c,--count", o.count, "Print the number of matching notes only");
    app.add_flag("--facets", o.facets, "Count matching notes by person and by month");
    app.add_flag("--explain", o.explain, "Show why each hit ranked: which words matched in which fields and what each added");
    app.add_flag("-i,--interactive", o.interactive, "Search as you type in fzf; Enter opens the note in $EDITOR");
    app.add_option("--color", o.color, "Colour the output: auto (on a terminal, unless NO_COLOR), always, never")
        ->check(CLI::IsMember(names(recall::kColorModes)))->capture_default_str();
    app.add_option("--index", o.index.indexes, "Index to search (default: as recall-index finds it; env RECALL_INDEX). "
                                         "Repeat it to search several as one; remote:HOST:PORT searches an index "
                                         "served by `recall serve`, ssh:HOST:/path one on a server over ssh")
        ->allow_extra_args(false);
    app.add_flag("--allow-partial", o.index.set.allow_partial,
                 "Searching several indexes: leave out those that fail, with a warning, instead of stopping");
    app.add_option("--timeout", o.index.set.timeout_seconds, "Seconds a remote index may take to answer")
        ->check(CLI::PositiveNumber)->capture_default_str();
    app.add_option("--vault", o.index.settings.vault, "Vault whose index to search (default: env RECALL_VAULT, the config, else the current folder)");
    app.add_option("--config", o.index.settings.config, "Config file to read instead of ~/.config/recall/config.yaml");
    const std::vector<std::string> args = arguments_with_excluded_words(argc, argv);
    std::vector<char*> arg_pointers;
    for (const auto& a : args) arg_pointers.push_back(const_cast<char*>(a.c_str()));
    if (auto exit_code = recall::parse_command_line(app, static_cast<int>(arg_pointers.size()), arg_pointers.data()))
        return *exit_code;

    if (const auto conflict = conflicting_options(app)) {
        fmt::print(stderr, "recall: {} (see recall --help)\n", *conflict);
        return kExitError;
    }
    try {
        const recall::Settings settings = recall::resolve_index_settings(o.index);
        apply_defaults(app, settings.search, o);
        if (o.nul && o.format != "files") {
            fmt::print(stderr, "recall: -0 (--null) goes with -l (--files) (see recall --help)\n");
            return kExitError;
        }
        if (o.interactive) return pick(o, settings, app.count("--limit") > 0);
        return search(o, settings);
    } catch (const recall::QueryError& e) {
        fmt::print(stderr, "recall: {}\n", recall::neutralize_controls(e.what()));
    } catch (const recall::ConfigError& e) {
        fmt::print(stderr, "recall: {}\n", recall::neutralize_controls(e.what()));
    } catch (const Xapian::DatabaseLockError& e) {
        fmt::print(stderr, "recall: the index is locked: {}\n", recall::neutralize_controls(e.get_description()));
    } catch (const Xapian::DatabaseModifiedError& e) {
        fmt::print(stderr, "recall: cannot search the index: {}\n", recall::neutralize_controls(e.get_description()));
    } catch (const Xapian::DatabaseError& e) {
        fmt::print(stderr, "recall: the index is damaged or unreadable ({}); rebuild it with: recall-index --full\n",
                   recall::neutralize_controls(e.get_description()));
    } catch (const Xapian::Error& e) {
        fmt::print(stderr, "recall: cannot search the index: {}\n", recall::neutralize_controls(e.get_description()));
    } catch (const std::exception& e) {
        fmt::print(stderr, "recall: {}\n", recall::neutralize_controls(e.what()));
    }
    return kExitError;
}
