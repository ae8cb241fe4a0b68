// Turns the bytes of a note file into clean UTF-8 before anything else reads them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace recall {

struct CleanedText {
    std::string utf8;             // valid UTF-8, '\n' line ends, no BOM, no NUL
    struct Problem {
        int line;                 // 1-based line of the first occurrence
        std::string message;
    };
    std::vector<Problem> problems;  // damage that was repaired but deserves a warning
    int mojibake_repairs = 0;       // Mac Roman sequences put back (silent: it is expected)
};

// True for content that is not text at all (images, archives, executables renamed .md):
// known magic numbers, or NUL and control bytes making up a large share of the start.
bool looks_binary(std::string_view bytes);

// BOM (UTF-8 and UTF-16), CRLF and lone CR, NUL bytes, invalid UTF-8 (each stray byte is
// read as Windows-1252, which also covers whole Latin-1 files), then Mac Roman mojibake.
CleanedText clean_text(std::string_view bytes);

// Repairs UTF-8 text that was once decoded as Mac Roman and saved again as UTF-8
// ("Andy‚Äôs" -> "Andy’s", "\uF8FFüìÖ" -> "📅"). Only sequences whose Mac Roman bytes form
// valid multi-byte UTF-8 are replaced. Sequences that legitimate text can also contain
// (2-byte ones led by quotes, dashes and the like) are repaired only when the text holds
// unambiguous mojibake too. Input must be valid UTF-8. Returns the number of repairs.
int repair_mac_roman_mojibake(std::string& utf8);

// Unicode lower case (ICU, locale-independent).
std::string to_lower_utf8(std::string_view text);

}  // namespace recall
