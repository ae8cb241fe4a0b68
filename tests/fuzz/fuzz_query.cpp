// libFuzzer target: any query text, run against a small index of the sample vault, must
// give results or a QueryError, never a crash or another exception.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "recall/core/config.hpp"
#include "recall/core/index_store.hpp"
#include "recall/searcher/date_expression.hpp"
#include "recall/indexer/indexer.hpp"
#include "recall/searcher/search.hpp"

namespace {

// Built once per fuzzing process from corpus/, in a temporary folder.
const Xapian::Database& index() {
    static const Xapian::Database db = [] {
        const auto dir = std::filesystem::temp_directory_path() / ("recall-fuzz-index-" + std::to_string(::getpid()));
        recall::IndexOptions options;
        options.settings.vault = RECALL_CORPUS_DIR;
        options.settings.index = dir;
        recall::IndexObserver quiet;
        recall::run_indexer(options, quiet);
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(std::filesystem::temp_directory_path() /
                                            ("recall-fuzz-index-" + std::to_string(::getpid())),
                                        ec);
        });
        return Xapian::Database(dir.string());
    }();
    return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    static const recall::IndexMetadata metadata = recall::IndexStore::read_metadata(index());
    recall::Searcher searcher(index(), metadata, {{"corpus", RECALL_CORPUS_DIR}}, recall::Date{2026, 1, 1});
    recall::SearchRequest request;
    request.text = text;
    request.facets = size % 2 == 0;
    // Half the inputs also go through the option filters.
    if (size % 3 == 0) request.filters.since = text.substr(0, 12);
    if (size % 5 == 0) request.filters.values.emplace_back("person", text.substr(0, 20));
    if (size % 7 == 0) request.filters.values.emplace_back("type", text.substr(0, 20));
    // Snippets are cut for a few inputs only: they read the notes' files.
    request.snippets = size % 11 == 0;
    try {
        const auto result = searcher.search(request);
        for (const auto& hit : result.hits) (void)hit.snippet.text.size();
    } catch (const recall::QueryError&) {
    }
    return 0;
}
