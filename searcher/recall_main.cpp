// recall: search the notes of a vault.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "recall/config.hpp"
#include "recall/date_expression.hpp"
#include "recall/index_store.hpp"
#include "recall/schema.hpp"
#include "recall/search.hpp"
#include "recall/terminal_text.hpp"
#include "result_printer.hpp"

namespace {

constexpr int kExitHits = 0, kExitNoHits = 1, kExitError = 2;

const char* kDescription =
    "recall: search your Markdown notes.\n\n"
    "Examples:\n"
    "  recall blob support                   notes with both words (any word form)\n"
    "  recall '\"blob support\"' --person andy  a phrase, in notes with Andy\n"
    "  recall pricing --since 2025-10 --until 2025-10-31\n"
    "  recall --person 'Maya Okonkwo'        Maya's notes, newest first\n"
    "  recall migr* -l -0 | xargs -0 $EDITOR open every match\n\n"
    "Query language: words must all match (if none has all, any word ranks), \"a phrase\",\n"
    "AND OR NOT, +must -mustnot, a NEAR b, migr*, fields title: summary: key: decision:\n"
    "action: name:, filters person: tag: type: folder: year: month: task:open, and dates\n"
    "date:2025-10-30 date:2025-10 date:2025 date:2025-10-01..2025-10-31 date:30d..\n"
    "date:..1y (d w m y = days weeks months years ago).\n\n"
    "Exit codes: 0 found, 1 nothing found, 2 error.";

struct Options {
    recall::CommandLineSettings settings;
    std::vector<std::string> words;
    recall::Filters filters;
    std::string sort = "relevance", color = "auto";
    unsigned limit = 10, offset = 0;
    bool json = false, files = false, nul = false, count = false, facets = false;
};

bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    return ::isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

std::string join(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
    return text;
}

int search(const Options& o) {
    const recall::Settings settings = recall::resolve_settings(o.settings);
    const recall::IndexStore store(settings.index);
    if (!store.exists()) {
        std::string build = "recall-index --vault " + settings.vault.string();
        if (o.settings.index || std::getenv("RECALL_INDEX")) build += " --index " + settings.index.string();
        fmt::print(stderr, "recall: no index at {}; build it with: {}\n", settings.index.string(), build);
        return kExitError;
    }
    recall::SearchRequest request;
    request.text = join(o.words);
    request.filters = o.filters;
    request.sort = o.sort == "newest" ? recall::SortOrder::Newest
                   : o.sort == "oldest" ? recall::SortOrder::Oldest
                                        : recall::SortOrder::Relevance;
    request.limit = (o.count || o.facets) ? 0 : o.limit;
    request.offset = o.offset;
    request.facets = o.facets;
    request.exact_count = o.count;
    if (request.text.empty() && o.filters.persons.empty() && o.filters.tags.empty() && o.filters.types.empty() &&
        o.filters.folders.empty() && !o.filters.since && !o.filters.until) {
        fmt::print(stderr, "recall: give words to search for, or a filter such as --person NAME (recall --help)\n");
        return kExitError;
    }

    // A search that meets a commit of recall-index reopens and tries again.
    for (int attempt = 0;; ++attempt) {
        try {
            Xapian::Database db = store.open_for_reading();
            const std::string language = db.get_metadata(std::string(recall::schema::kMetaLanguage));
            const std::string vault = db.get_metadata(std::string(recall::schema::kMetaVault));
            recall::Searcher searcher(db, language.empty() ? "english" : language, recall::today_local());
            const recall::SearchResult result = searcher.search(request);

            if (!result.did_you_mean.empty())
                fmt::print(stderr, "recall: did you mean: {}\n", recall::neutralize_controls(result.did_you_mean));
            if (result.fell_back_to_any_word)
                fmt::print(stderr, "recall: no note has all of the words; showing notes with any of them\n");

            recall::PrintOptions print{use_color(o.color), vault.empty() ? settings.vault : std::filesystem::path(vault)};
            recall::ResultPrinter printer(result, print, searcher.queries().stemmer());
            if (o.count) {
                fmt::print("{}\n", result.total);
            } else if (o.facets) {
                fmt::print("{} notes\n\n", result.total);
                printer.facets(stdout, searcher.queries().people());
            } else if (o.json) {
                printer.json_lines(stdout, o.offset);
            } else if (o.files) {
                printer.files(stdout, o.nul);
            } else {
                printer.listing(stdout, o.offset);
                if (::isatty(STDOUT_FILENO) && !result.hits.empty())
                    fmt::print("\n{}\n", fmt::format("showing {}-{} of about {} notes", o.offset + 1,
                                                       o.offset + result.hits.size(), result.total));
            }
            return result.total > 0 && (o.count || o.facets || !result.hits.empty()) ? kExitHits : kExitNoHits;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 3) throw;
        }
    }
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
        const bool flag_cluster = arg.find_first_not_of("-lc0") == std::string::npos;
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
    CLI::App app{kDescription};
    app.set_version_flag("--version", "recall " RECALL_VERSION);
    Options o;
    app.add_option("query", o.words, "Words to search for (see the query language above)");
    app.add_option("-p,--person", o.filters.persons, "Only notes with this person: full name, slug or first name (repeatable: any of them)")->allow_extra_args(false);
    app.add_option("-t,--tag", o.filters.tags, "Only notes with this tag; type matches type/people too (repeatable)")->allow_extra_args(false);
    app.add_option("--type", o.filters.types, "Only notes of this type: people, 1on1, customer ... (repeatable)")->allow_extra_args(false);
    app.add_option("--folder", o.filters.folders, "Only notes under this vault folder (repeatable)")->allow_extra_args(false);
    app.add_option("--since", o.filters.since, "Only notes dated on or after: 2025-10-01, 2025-10, 2025, 30d, 3m");
    app.add_option("--until", o.filters.until, "Only notes dated on or before (same forms)");
    app.add_option("--sort", o.sort, "Order of results")->check(CLI::IsMember({"relevance", "newest", "oldest"}))->capture_default_str();
    app.add_option("-n,--limit", o.limit, "How many results")->capture_default_str();
    app.add_option("--offset", o.offset, "Skip this many results (paging)");
    auto* json = app.add_flag("--json", o.json, "One JSON document per result (docs/json-output.md)");
    auto* files = app.add_flag("-l,--files", o.files, "Print the matching files' paths only (for editors, fzf, xargs)");
    app.add_flag("-0,--null", o.nul, "With --files: end each path with NUL instead of a newline");
    auto* count = app.add_flag("-c,--count", o.count, "Print the number of matching notes only");
    auto* facets = app.add_flag("--facets", o.facets, "Count matching notes by person and by month");
    json->excludes(files)->excludes(count)->excludes(facets);
    files->excludes(count)->excludes(facets);
    count->excludes(facets);
    app.add_option("--color", o.color, "Colour the output: auto (on a terminal, unless NO_COLOR), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
    app.add_option("--index", o.settings.index, "Index folder (default: as recall-index finds it)");
    app.add_option("--vault", o.settings.vault, "Vault whose index to search (default: config, else the current folder)");
    app.add_option("--config", o.settings.config, "Config file to read instead of the default one");
    const std::vector<std::string> args = arguments_with_excluded_words(argc, argv);
    std::vector<char*> arg_pointers;
    for (const auto& a : args) arg_pointers.push_back(const_cast<char*>(a.c_str()));
    CLI11_PARSE(app, static_cast<int>(arg_pointers.size()), arg_pointers.data());

    try {
        return search(o);
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
