// Document building on one core: reads and parses a vault's notes first, then turns them
// into Xapian documents repeatedly and reports the median notes/s. Under callgrind,
// --toggle-collect='*build_documents*' counts the building alone.
//   recall-build-bench [VAULT] [--builder new|old] [--runs N]
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "recall/document_builder.hpp"
#include "recall/note_document.hpp"
#include "recall/note_parser.hpp"
#include "recall/vault_scanner.hpp"

namespace {

template <class Build>
[[gnu::noinline]] size_t build_documents(const std::vector<recall::Note>& notes, Build&& build) {
    size_t terms = 0;
    std::vector<std::string> words;
    for (const auto& note : notes) {
        words.clear();
        terms += build(note, &words).termlist_count();
    }
    return terms;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Measure how fast recall turns parsed notes into Xapian documents (one core)"};
    std::string vault = RECALL_DEFAULT_VAULT, builder = "new";
    int runs = 5;
    app.add_option("vault", vault, "Vault to read")->capture_default_str();
    app.add_option("--builder", builder, "new: the Analyzer; old: Xapian's TermGenerator")
        ->check(CLI::IsMember({"new", "old"}))->capture_default_str();
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
    recall::DocumentBuilder old_builder("english");
    const recall::schema::FieldTable fields;
    recall::NoteDocumentBuilder new_builder(recall::AnalysisProfile{}, fields);
    std::vector<double> seconds;
    size_t terms = 0;
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        if (builder == "old")
            terms = build_documents(notes, [&](const recall::Note& n, std::vector<std::string>* w) {
                return old_builder.build(n, recall::FileFacts{}, w);
            });
        else
            terms = build_documents(notes, [&](const recall::Note& n, std::vector<std::string>* w) {
                return new_builder.build(n, w);
            });
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    fmt::print("{} builder: {} notes, {} distinct terms per note, median {:.3f} s = {:.0f} notes/s\n", builder,
               notes.size(), terms / notes.size(), median, static_cast<double>(notes.size()) / median);
    return 0;
}
