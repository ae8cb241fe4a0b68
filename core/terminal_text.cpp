#include "recall/core/terminal_text.hpp"

#include <unicode/utf8.h>

#include <cstdio>

namespace recall {

bool is_c1_or_bidi_control(char32_t cp) {
    return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

std::string neutralize_controls(std::string_view text, bool flatten) {
    std::string out;
    out.reserve(text.size());
    const auto* data = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    int32_t i = 0;
    char buf[16];
    while (i < n) {
        const int32_t start = i;
        UChar32 cp;
        U8_NEXT(data, i, n, cp);
        if (cp < 0) {
            for (int32_t k = start; k < i; ++k) {
                std::snprintf(buf, sizeof buf, "\\x%02X", data[k]);
                out += buf;
            }
        } else if (cp == '\n' || cp == '\t') {
            out.push_back(flatten ? ' ' : static_cast<char>(cp));
        } else if (cp < 0x20 || cp == 0x7F) {
            out.push_back('^');
            out.push_back(cp == 0x7F ? '?' : static_cast<char>(cp + 0x40));
        } else if (is_c1_or_bidi_control(static_cast<char32_t>(cp))) {
            std::snprintf(buf, sizeof buf, "<U+%04X>", static_cast<unsigned>(cp));
            out += buf;
        } else {
            out.append(text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
        }
    }
    return out;
}

}  // namespace recall
