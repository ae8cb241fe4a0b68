// Parser throughput on one core: reads a vault into memory, then parses every note
// repeatedly and reports the median MB/s and notes/s.
//   recall-parse-bench [VAULT] [--min-mb N] [--runs N]
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "recall/core/note_parser.hpp"
#include "recall/indexer/vault_scanner.hpp"

int main(int argc, char** argv) {
    CLI::App app{"Measure how fast recall parses notes (one core, files already in memory)"};
    std::string vault = RECALL_DEFAULT_VAULT;
    double min_mb = 50;
    int runs = 5;
    app.add_option("vault", vault, "Vault to read")->capture_default_str();
    app.add_option("--min-mb", min_mb, "Repeat the vault's notes until this many MB are parsed per run")->capture_default_str();
    app.add_option("--runs", runs, "Timed runs; the median is reported")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    std::vector<recall::Warning> warnings;
    std::vector<std::pair<std::string, std::string>> notes;  // path, bytes
    size_t bytes = 0;
    for (const auto& f : recall::scan_vault(vault, {}, warnings)) {
        std::ifstream in(f.absolute, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        bytes += f.size;
        notes.emplace_back(f.relative, ss.str());
    }
    if (notes.empty()) {
        fmt::print(stderr, "recall-parse-bench: no notes in {}\n", vault);
        return 1;
    }
    const size_t copies = std::max<size_t>(1, static_cast<size_t>(min_mb * 1e6 / static_cast<double>(bytes)) + 1);
    std::vector<double> seconds;
    size_t sink = 0;
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        for (size_t c = 0; c < copies; ++c)
            for (const auto& [path, text] : notes) sink += recall::parse_note(text, path).passages.size();
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    const double total_mb = static_cast<double>(bytes * copies) / 1e6;
    fmt::print("parsed {} notes ({:.1f} MB) per run, {} runs: median {:.3f} s = {:.1f} MB/s, {:.0f} notes/s (checksum {})\n",
               notes.size() * copies, total_mb, runs, median, total_mb / median,
               static_cast<double>(notes.size() * copies) / median, sink % 1000);
    return 0;
}
