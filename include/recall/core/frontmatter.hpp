// The YAML block between '---' lines at the top of a note.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recall/core/note.hpp"

namespace recall {

struct Frontmatter {
    bool present = false;
    size_t body_offset = 0;  // where the Markdown body starts in the text
    int body_line = 1;       // and its 1-based line
    std::string title, type, person;
    std::optional<Date> date;
    std::vector<std::string> participants, tags;
    std::vector<Property> properties;  // every other key, with its values as written
};

// Reads whatever can be read: malformed YAML falls back to reading "key: value" lines one
// by one, wrong types are converted where the meaning is clear. Every problem is appended
// to warnings (path left empty, line set). Without read_fields only the block is found
// (present, body_offset, body_line). A key misspelled by a letter or two is read as the key
// it is close to ("partcipants"), unless it is one of declared_keys (the config's fields).
Frontmatter parse_frontmatter(std::string_view text, std::vector<Warning>& warnings, bool read_fields = true,
                              const std::vector<std::string>& declared_keys = {});

// "[[People/Andy Perlsteiner|Andy]]" -> "Andy Perlsteiner"; other text is returned trimmed.
std::string strip_wikilink(std::string_view text);

// "#Type/People/" -> "type/people"; empty when nothing usable is left.
std::string normalize_tag(std::string_view tag);

}  // namespace recall
