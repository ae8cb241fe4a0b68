// libFuzzer target: any query text, run against a small index of the sample vault, must
// give results or a QueryError, never a crash or another exception.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "recall/config.hpp"
#include "recall/date_expression.hpp"
#include "recall/indexer.hpp"
#include "recall/search.hpp"

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
    recall::Searcher searcher(index(), "english", recall::Date{2026, 1, 1});
    recall::SearchRequest request;
    request.text = text;
    request.facets = size % 2 == 0;
    // Half the inputs also go through the option filters.
    if (size % 3 == 0) request.filters.since = text.substr(0, 12);
    if (size % 5 == 0) request.filters.persons.push_back(text.substr(0, 20));
    try {
        const auto result = searcher.search(request);
        for (auto it = result.mset.begin(); it != result.mset.end(); ++it) (void)it.get_document().get_data();
    } catch (const recall::QueryError&) {
    }
    return 0;
}
