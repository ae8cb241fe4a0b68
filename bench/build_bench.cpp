// Document building on one core: reads and parses a vault's notes first, then turns them
// into Xapian documents repeatedly and reports the median notes/s. Under callgrind,
// --toggle-collect='*build_documents*' counts the building alone.
//   recall-build-bench [VAULT] [--runs N]
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <chrono>

#include "recall/core/note_parser.hpp"
#include "recall/indexer/document_builder.hpp"
#include "recall/indexer/vault_scanner.hpp"

namespace {

[[gnu::noinline]] size_t build_documents(const std::vector<recall::Note>& notes, recall::DocumentBuilder& builder) {
    size_t terms = 0;
    std::vector<std::string> words;
    for (const auto& note : notes) {
        words.clear();
        terms += builder.build(note, &words).termlist_count();
    }
    return terms;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Measure how fast recall turns parsed notes into Xapian documents (one core)"};
    std::string vault = RECALL_DEFAULT_VAULT;
    int runs = 5;
    app.add_option("vault", vault, "Vault to read")->capture_default_str();
    app.add_option("--runs", runs, "Timed runs; the median is reported")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    std::vector<recall::Warning> warnings;
    std::vector<recall::Note> notes;
    for (const auto& f : recall::scan_vault(vault, {}, warnings))
        if (auto r = recall::read_note_file(f.absolute, f.relative); r.note) notes.push_back(std::move(*r.note));
    if (notes.empty()) {
        fmt::print(stderr, "recall-build-bench: no notes in {}\n", vault);
        return 1;
    }
    const recall::schema::FieldTable fields;
    recall::DocumentBuilder builder(recall::AnalysisProfile{}, fields);
    std::vector<double> seconds;
    size_t terms = 0;
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        terms = build_documents(notes, builder);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    fmt::print("{} notes, {} distinct terms per note, median {:.3f} s = {:.0f} notes/s\n", notes.size(),
               terms / notes.size(), median, static_cast<double>(notes.size()) / median);
    return 0;
}
