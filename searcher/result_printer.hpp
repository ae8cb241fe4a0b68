// The output formats of `recall`: the default listing, --json, --files, --count, --facets.
#pragma once

#include <filesystem>
#include <string>

#include "recall/person_resolver.hpp"
#include "recall/search.hpp"
#include "recall/snippets.hpp"

namespace recall {

struct PrintOptions {
    bool color = false;
    std::filesystem::path vault;  // absolute, for absolute paths and for reading snippets
};

class ResultPrinter {
public:
    ResultPrinter(const SearchResult& result, const PrintOptions& options, const Xapian::Stem& stemmer);

    void listing(std::FILE* out, Xapian::doccount offset) const;
    void json_lines(std::FILE* out, Xapian::doccount offset) const;
    void files(std::FILE* out, bool nul_separated) const;
    void facets(std::FILE* out, const PersonResolver& people) const;

private:
    // Reads and parses the hits' files, half of them on a second thread: for a search that
    // prints snippets this is most of the work left after the match.
    void load_notes() const;
    Snippet snippet_for(size_t index) const;
    std::string paint(std::string_view text, int style) const;

    const SearchResult& result_;
    PrintOptions options_;
    const Xapian::Stem& stemmer_;
    std::vector<std::string> words_;
    mutable std::vector<std::optional<Note>> notes_;
};

}  // namespace recall
