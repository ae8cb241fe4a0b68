// Small string helpers that several parts of recall share.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace recall {

// Without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

// ASCII letters lower-cased, everything else as it is (see to_lower_utf8 for Unicode).
std::string lower_ascii(std::string_view text);

// Edits (insert, delete, replace, swap two neighbours) that turn a into b: "tpye" -> "type" is 1.
size_t edit_distance(std::string_view a, std::string_view b);

// Where the UTF-8 character that byte `at` falls in starts: `at`, or up to three bytes
// before it (a cut there keeps whole characters). Never before 0; `at` may be text.size().
size_t utf8_character_start(std::string_view text, size_t at);

// For unordered containers of std::string looked up by string_view without a copy:
// std::unordered_set<std::string, StringHash, std::equal_to<>>.
struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace recall
