// recall-index: keeps the Xapian index of a vault up to date.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <filesystem>

#include "recall/note_parser.hpp"
#include "recall/vault_scanner.hpp"

int main(int argc, char** argv) {
    CLI::App app{"recall-index: build and update the search index of a Markdown vault"};
    std::string vault = ".";
    bool dry_run = false;
    std::vector<std::string> exclude;
    app.add_option("--vault", vault, "Vault folder to index");
    app.add_flag("--dry-run", dry_run, "Parse every note and list what would be indexed; write nothing");
    app.add_option("--exclude", exclude, "Skip files and folders matching this glob (repeatable)");
    CLI11_PARSE(app, argc, argv);

    try {
        std::vector<recall::Warning> warnings;
        recall::ScanOptions scan;
        scan.exclude = exclude;
        const auto files = recall::scan_vault(vault, scan, warnings);
        for (const auto& w : warnings) fmt::print(stderr, "recall-index: {}\n", w.to_string());
        size_t notes = 0, note_warnings = 0;
        for (const auto& f : files) {
            auto result = recall::read_note_file(f.absolute, f.relative);
            for (const auto& w : result.warnings) fmt::print(stderr, "recall-index: {}\n", w.to_string());
            note_warnings += result.warnings.size();
            if (!result.note) continue;
            ++notes;
            const auto& n = *result.note;
            std::string people;
            for (const auto& p : n.people) people += (people.empty() ? "" : ", ") + p.name;
            fmt::print("{}\t{}\t{}\t{}\t{}\n", n.path, n.date ? n.date->iso() : "-", n.type.empty() ? "-" : n.type,
                       n.title, people);
        }
        fmt::print(stderr, "{} notes, {} warnings (dry run: nothing written)\n", notes, note_warnings + warnings.size());
    } catch (const std::exception& e) {
        fmt::print(stderr, "recall-index: {}\n", e.what());
        return 1;
    }
    return 0;
}
