// recall-index: builds and updates the search index of a Markdown vault.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "console_observer.hpp"
#include "recall/core/command_line.hpp"
#include "recall/core/config.hpp"
#include "recall/core/human_format.hpp"
#include "recall/indexer/index_stats.hpp"
#include "recall/core/index_store.hpp"
#include "recall/indexer/indexer.hpp"
#include "recall/core/terminal_text.hpp"

namespace {

// sysexits.h EX_TEMPFAIL: what cron wrappers and systemd treat as "try again later".
constexpr int kExitBusy = 75;
constexpr int kExitFailure = 1;
constexpr int kExitPartial = 3;

int print_stats(const recall::Settings& settings) {
    const recall::IndexStats s = recall::read_index_stats(recall::IndexStore(settings.index));
    fmt::print("index     {} ({})\n", s.folder, recall::human_bytes(s.bytes));
    fmt::print("vault     {}\n", s.vault);
    fmt::print("notes     {}{}\n", recall::thousands(s.notes),
               s.skipped ? fmt::format(" (and {} skipped files)", recall::thousands(s.skipped)) : "");
    fmt::print("people    {}\n", recall::thousands(s.people));
    fmt::print("terms     {} word occurrences\n", recall::thousands(s.postings));
    if (s.first_date) fmt::print("dates     {} .. {}\n", s.first_date->iso(), s.last_date->iso());
    if (!s.last_run_json.empty()) {
        const auto run = nlohmann::json::parse(s.last_run_json, nullptr, false);
        if (!run.is_discarded())
            fmt::print("last run  {}: {} new, {} changed, {} deleted, {} warnings in {}{}\n",
                       run.value("finished", "?"), run.value("added", 0), run.value("changed", 0),
                       run.value("deleted", 0), run.value("warnings", 0), recall::human_seconds(run.value("seconds", 0.0)),
                       run.value("full", false) ? " (full rebuild)" : "");
    }
    return 0;
}

// With nothing naming it, the vault is the current folder: right inside a vault, never in
// the home folder or / (where cron jobs and systemd units start).
std::optional<std::string> unsafe_default_vault(const recall::Settings& settings) {
    if (!settings.vault_source.empty()) return std::nullopt;
    std::error_code ec;
    const char* home = std::getenv("HOME");
    std::string what;
    if (home && *home && std::filesystem::equivalent(settings.vault, home, ec)) what = "your home folder";
    else if (std::filesystem::equivalent(settings.vault, "/", ec)) what = "the root folder";
    else return std::nullopt;
    return fmt::format("no vault is named and the current folder is {} ({}); name the vault with --vault PATH, "
                       "RECALL_VAULT=PATH or 'vault: PATH' in {}",
                       what, settings.vault.string(), recall::default_config_file().string());
}

}  // namespace

int main(int argc, char** argv) {
    // The index holds the user's notes: everything it creates is for its owner only.
    ::umask(077);
    // A file-size limit (ulimit -f) must fail the run with a message, not kill it: with
    // SIGXFSZ ignored the write fails with EFBIG and the error path below reports it.
    std::signal(SIGXFSZ, SIG_IGN);
    CLI::App app{
        "recall-index: build and update the search index of a Markdown vault.\n\n"
        "Incremental by default: only new, changed and deleted notes are processed, so a run\n"
        "with nothing to do takes a moment. Safe to run from cron or a systemd timer:\n"
        "  recall-index --quiet          prints nothing unless something is wrong\n"
        "A run that would delete more than 5% of the indexed notes (and more than 10; config\n"
        "max_delete_percent), or that finds the vault empty, changes nothing and exits 1: the\n"
        "signs of a disk that is not mounted. --allow-deletions lets it through.\n\n"
        "Exit codes: 0 done (warnings included), 1 failed or refused (the previous index still\n"
        "works), 2 bad usage or config, 3 done but some notes or folders could not be read (the\n"
        "index keeps what it had of them; the next run tries again), 75 another recall-index is\n"
        "running (try again later; silent with --quiet).\n\n"
        "Settings come from the options, then RECALL_VAULT / RECALL_INDEX, then\n"
        "$XDG_CONFIG_HOME/recall/config.yaml (keys: vault, index, exclude, max_file_mb,\n"
        "max_delete_percent, language, and the search defaults limit, sort, color, format).\n"
        "More: man recall-index.",
        "recall-index"};
    app.set_version_flag("-V,--version", "recall-index " RECALL_VERSION);
    recall::CommandLineSettings cli;
    bool full = false, dry_run = false, quiet = false, verbose = false, stats = false, allow_deletions = false;
    unsigned threads = 0;
    app.add_option("--vault", cli.vault, "Vault folder to index (default: RECALL_VAULT, the config, else the vault around the current folder but not ~ or /)");
    std::optional<std::string> vault_argument;  // recall-index ~/Notes, as rg and du take a path
    app.add_option("VAULT", vault_argument, "The vault folder, as --vault")->excludes("--vault");
    app.add_option("--index", cli.index, "Index folder (default: RECALL_INDEX, the config, else a per-vault folder under $XDG_DATA_HOME/recall)");
    app.add_option("--config", cli.config, "Config file to read instead of the default one");
    app.add_option("--exclude", cli.exclude, "Skip files and folders matching this glob; repeatable (\"Templates\", \"*/archive/*\")")->allow_extra_args(false);
    app.add_flag("--full", full, "Rebuild from scratch beside the live index, then switch to it atomically");
    app.add_flag("--dry-run", dry_run, "List what would be added, changed or deleted; write nothing");
    app.add_flag("-q,--quiet", quiet, "Print nothing but warnings and errors (for cron)");
    app.add_flag("-v,--verbose", verbose, "List every note added, changed or deleted");
    app.add_flag("--stats", stats, "Describe the index (notes, people, dates, size, last run) and exit");
    app.add_option("--threads", threads, "Parser threads (default: one per core)");
    app.add_flag("--allow-deletions", allow_deletions, "Delete however many notes are gone from the vault, even all of them");
    app.add_option("--max-delete-percent", cli.max_delete_percent,
                   "Refuse a run deleting more than this share of the index (default 5, config max_delete_percent)")
        ->check(CLI::Range(0.0, 100.0));
    app.get_option("--quiet")->excludes("--verbose");
    if (auto exit_code = recall::parse_command_line(app, argc, argv)) return *exit_code;
    if (vault_argument) cli.vault = vault_argument;

    recall::Settings settings;
    try {
        settings = recall::resolve_settings(cli);
    } catch (const recall::ConfigError& e) {
        fmt::print(stderr, "recall-index: {}\n", recall::neutralize_controls(e.what()));
        return recall::kExitUsage;
    }
    if (const auto refusal = unsafe_default_vault(settings)) {
        fmt::print(stderr, "recall-index: {}\n", recall::neutralize_controls(*refusal));
        return recall::kExitUsage;
    }
    try {
        if (stats) return print_stats(settings);
        // Checked before anything is created: a mistyped vault must leave nothing behind.
        if (!std::filesystem::is_directory(settings.vault)) {
            fmt::print(stderr, "recall-index: the vault {} is not a folder that exists\n",
                       recall::neutralize_controls(settings.vault.string()));
            return kExitFailure;
        }
        if (threads > recall::usable_threads(threads))
            fmt::print(stderr, "recall-index: note: --threads {} is more than this machine can use; using {}\n", threads,
                       recall::usable_threads(threads));
        recall::IndexOptions options{settings, full, dry_run, threads, allow_deletions};
        recall::ConsoleObserver observer(!quiet && ::isatty(STDERR_FILENO), verbose || dry_run);
        const recall::IndexReport r = recall::run_indexer(options, observer);
        observer.clear_progress();
        if (r.notes == 0 && r.skipped == 0)
            fmt::print(stderr, "recall-index: the vault {} holds no notes (no .md or .markdown files)\n",
                       recall::neutralize_controls(settings.vault.string()));
        if (!quiet) {
            std::string what = fmt::format("{} new, {} changed, {} deleted", recall::thousands(r.added),
                                           recall::thousands(r.changed), recall::thousands(r.deleted));
            if (r.skipped) what += fmt::format(", {} skipped", recall::thousands(r.skipped));
            if (r.warnings) what += ", " + recall::count_of(r.warnings, "warning", "warnings");
            fmt::print("{} {}: {} in {}{}\n", dry_run ? "would index" : "indexed", recall::count_of(r.notes, "note", "notes"), what,
                       recall::human_seconds(r.seconds),
                       r.rebuilt ? fmt::format(" (full rebuild: {})", r.rebuild_reason) : "");
        }
        if (r.unreadable) {
            fmt::print(stderr, "recall-index: {} {} could not be read; the index keeps what it had of {}, and the next run "
                               "tries again\n",
                       recall::thousands(r.unreadable), r.unreadable == 1 ? "note or folder" : "notes or folders",
                       r.unreadable == 1 ? "it" : "them");
            return kExitPartial;
        }
        return 0;
    } catch (const recall::IndexBusy& e) {
        // Nothing is wrong: the run that holds the index does the work. Cron mails any output.
        if (quiet) return kExitBusy;
        fmt::print(stderr, "recall-index: {}; try again when it has finished\n", recall::neutralize_controls(e.what()));
        return kExitBusy;
    } catch (const recall::IndexMissing& e) {
        fmt::print(stderr, "recall-index: {}; run recall-index (without --stats) to build it\n", recall::neutralize_controls(e.what()));
        return kExitFailure;
    } catch (const Xapian::Error& e) {  // --stats: a run reports its own errors
        fmt::print(stderr, "recall-index: {}: {}; if the index is damaged, recall-index --full rebuilds it\n",
                   settings.index.string(), recall::neutralize_controls(e.get_description()));
        return kExitFailure;
    } catch (const std::exception& e) {
        fmt::print(stderr, "recall-index: {}\n", recall::neutralize_controls(e.what()));
        return kExitFailure;
    }
}
