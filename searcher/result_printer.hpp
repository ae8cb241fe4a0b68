// The output formats of `recall`: the default listing, --json, --files, --vimgrep,
// --count and --facets (the last two also as JSON).
#pragma once

#include <nlohmann/json_fwd.hpp>

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

// One line of JSON: UTF-8, with control characters, C1 controls and bidirectional
// overrides escaped (\u202e), so that no viewer of the output is misled by them.
std::string json_line(const nlohmann::json& value);

class ResultPrinter {
public:
    ResultPrinter(const SearchResult& result, const PrintOptions& options, const Xapian::Stem& stemmer);

    void listing(std::FILE* out, Xapian::doccount offset) const;
    void json_lines(std::FILE* out, Xapian::doccount offset) const;
    void files(std::FILE* out, bool nul_separated) const;
    // path:line:column:text, one line per hit, as `rg --vimgrep`; paths below `cwd` are
    // relative to it, others absolute.
    void vimgrep(std::FILE* out, const std::filesystem::path& cwd) const;
    void count(std::FILE* out, bool json) const;
    void facets(std::FILE* out, const PersonResolver& people) const;
    void facets_json(std::FILE* out, const PersonResolver& people) const;

private:
    // Reads and parses the hits' files, half of them on a second thread: for a search that
    // prints snippets this is most of the work left after the match.
    void load_notes() const;
    Snippet snippet_for(size_t index) const;
    std::string paint(std::string_view text, int style) const;
    // For -l and --vimgrep: the path's bytes, so that it opens the file even when it is not
    // UTF-8, unless it holds control characters, which would drive the terminal; then
    // escaped (-0 prints the bytes always).
    std::string shown_path(const std::filesystem::path& path) const;
    std::string highlighted(const std::string& snippet_text) const;  // marks -> colours

    const SearchResult& result_;
    PrintOptions options_;
    const Xapian::Stem& stemmer_;
    std::vector<std::string> words_;
    mutable std::vector<std::optional<Note>> notes_;
};

}  // namespace recall
