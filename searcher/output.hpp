// The output formats of `recall`: the listing, JSON, file names, vimgrep lines, counts and
// facets (the last two also as JSON). One interface, chosen once from the options, so the
// command never branches on formats; a format only formats what the search returned.
#pragma once

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>

#include "recall/searcher/search.hpp"

namespace recall {

struct OutputOptions {
    std::string format = "text";  // text, json, files or vimgrep (kOutputFormats)
    bool count = false;           // print how many notes match
    bool facets = false;          // print the facets
    bool color = false;
    bool nul = false;             // files: end each path with NUL
    bool footer = false;          // text: "showing 1-10 of about 240 notes" after the hits
    Xapian::doccount offset = 0;  // rank of the first hit, less one
    std::filesystem::path cwd;    // vimgrep: paths below it are shown relative to it
};

using Output = std::function<void(const SearchResult& result, std::FILE* out)>;

// The one place an output is chosen.
Output make_output(const OutputOptions& options);

// One line of JSON: UTF-8, with control characters, C1 controls and bidirectional
// overrides escaped (\u202e), so that no viewer of the output is misled by them.
std::string json_line(const nlohmann::json& value);

// A hit as --json prints it (docs/json-output.md); rank counts from 1.
nlohmann::json hit_json(const Hit& hit, size_t rank);

// Whether the output shows passages, so the search must cut snippets.
bool shows_snippets(const OutputOptions& options);

}  // namespace recall
