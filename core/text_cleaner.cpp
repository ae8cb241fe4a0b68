#include "recall/core/text_cleaner.hpp"

#include <unicode/locid.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <stdexcept>

namespace recall {
namespace {

constexpr UChar32 kReplacement = 0xFFFD;

// Decodes the 128 upper bytes of a single-byte ICU charset into code points.
std::array<UChar32, 128> upper_half_of(const char* charset) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open(charset, &status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU has no converter for ") + charset);
    std::array<UChar32, 128> table{};
    for (int b = 0x80; b <= 0xFF; ++b) {
        char byte = static_cast<char>(b);
        UChar out[4];
        status = U_ZERO_ERROR;
        ucnv_reset(conv);
        int32_t n = ucnv_toUChars(conv, out, 4, &byte, 1, &status);
        UChar32 cp = kReplacement;
        if (U_SUCCESS(status) && n > 0) U16_GET(out, 0, 0, n, cp);
        // Undefined positions come back as C1 controls or substitutes: never emit those.
        if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x1A) cp = kReplacement;
        table[b - 0x80] = cp;
    }
    ucnv_close(conv);
    return table;
}

const std::array<UChar32, 128>& windows_1252() {
    static const auto table = upper_half_of("windows-1252");
    return table;
}

// Code point -> Mac Roman byte, for the 128 non-ASCII bytes, sorted for binary search.
struct MacRomanEntry {
    UChar32 cp;
    unsigned char byte;
    bool operator<(const MacRomanEntry& o) const { return cp < o.cp; }
};

const std::vector<MacRomanEntry>& mac_roman_reverse() {
    static const auto table = [] {
        const auto upper = upper_half_of("macintosh");
        std::vector<MacRomanEntry> entries;
        for (int b = 0x80; b <= 0xFF; ++b) entries.push_back({upper[b - 0x80], static_cast<unsigned char>(b)});
        // Byte 0xDB was the currency sign before Mac OS 8.5 and the euro after.
        entries.push_back({0x00A4, 0xDB});
        entries.push_back({0x20AC, 0xDB});
        std::sort(entries.begin(), entries.end());
        entries.erase(std::unique(entries.begin(), entries.end(),
                                  [](auto& a, auto& b) { return a.cp == b.cp; }),
                      entries.end());
        return entries;
    }();
    return table;
}

int mac_roman_byte(UChar32 cp) {
    const auto& table = mac_roman_reverse();
    auto it = std::lower_bound(table.begin(), table.end(), MacRomanEntry{cp, 0});
    return (it != table.end() && it->cp == cp) ? it->byte : -1;
}

void append_utf8(std::string& out, UChar32 cp) {
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, cp, error);
    if (error) {
        len = 0;
        U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buf), len, kReplacement);
    }
    out.append(buf, static_cast<size_t>(len));
}

bool is_plausible_repair(UChar32 cp) {
    if (cp < 0xA0) return false;                           // C1 controls: not real text
    if (cp >= 0xFDD0 && cp <= 0xFDEF) return false;        // noncharacters
    if ((cp & 0xFFFE) == 0xFFFE) return false;
    return true;
}

// One non-ASCII character of the text, with where it sits.
struct RunChar {
    size_t begin, end;  // byte range in the text
    int mac_byte;       // its Mac Roman byte, -1 when Mac Roman has none
};

enum class Strength { None, Weak, Strong };

// Tries to read a UTF-8 sequence from the Mac Roman bytes of run[i...].
// Returns the code point and how many run characters it consumed.
struct Candidate {
    UChar32 cp = -1;
    size_t chars = 0;
    Strength strength = Strength::None;
};

Candidate decode_candidate(const std::vector<RunChar>& run, size_t i) {
    uint8_t bytes[4];
    size_t avail = 0;
    while (avail < 4 && i + avail < run.size() && run[i + avail].mac_byte >= 0) {
        bytes[avail] = static_cast<uint8_t>(run[i + avail].mac_byte);
        ++avail;
    }
    Candidate c;
    if (avail == 0) return c;
    // A 4-byte emoji whose 0xF0 (U+F8FF, the Apple logo) was lost on the way: "üìÖ".
    if (bytes[0] == 0x9F && avail >= 3) {
        uint8_t emoji[4] = {0xF0, bytes[0], bytes[1], bytes[2]};
        int32_t k = 0;
        UChar32 cp;
        U8_NEXT(emoji, k, 4, cp);
        if (k == 4 && cp >= 0x1F000 && cp <= 0x1FAFF) return {cp, 3, Strength::Strong};
    }
    if (avail < 2 || bytes[0] < 0xC2) return c;
    int32_t k = 0;
    UChar32 cp;
    U8_NEXT(bytes, k, static_cast<int32_t>(avail), cp);
    if (cp < 0 || k < 2 || !is_plausible_repair(cp)) return c;
    c.cp = cp;
    c.chars = static_cast<size_t>(k);
    // "¬" (C2) and "√" (C3) before an accented letter do not occur in real text; the other
    // 2-byte leads are quotes, dashes and ligatures that sometimes do ("“Über").
    c.strength = (k >= 3 || bytes[0] <= 0xC3) ? Strength::Strong : Strength::Weak;
    return c;
}

// Walks the maximal runs of non-ASCII characters and calls on_run(run) for each.
template <typename F>
void for_each_non_ascii_run(const std::string& text, F&& on_run) {
    std::vector<RunChar> run;
    size_t i = 0;
    const size_t n = text.size();
    while (i < n) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            if (!run.empty()) {
                on_run(run);
                run.clear();
            }
            // Skip ASCII quickly.
            ++i;
            while (i < n && static_cast<unsigned char>(text[i]) < 0x80) ++i;
            continue;
        }
        size_t begin = i;
        UChar32 cp;
        int32_t pos = static_cast<int32_t>(i);
        U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), pos, static_cast<int32_t>(n), cp);
        i = static_cast<size_t>(pos);
        run.push_back({begin, i, cp < 0 ? -1 : mac_roman_byte(cp)});
    }
    if (!run.empty()) on_run(run);
}

bool has_non_ascii(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; });
}

std::string from_utf16(std::string_view bytes) {
    // The "UTF-16" converter reads the BOM for the byte order and drops it.
    icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), "UTF-16");
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace

bool looks_binary(std::string_view bytes) {
    static constexpr std::string_view kMagic[] = {
        "\x89PNG", "GIF8", "\xFF\xD8\xFF", "%PDF-", "PK\x03\x04", "\x7F" "ELF", "\x1F\x8B",
        "\xFD" "7zXZ", "7z\xBC\xAF", "Rar!", "SQLite format 3", "OggS", "RIFF", "\x1A\x45\xDF\xA3"};
    for (auto magic : kMagic)
        if (bytes.substr(0, magic.size()) == magic) return true;
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) return false;  // UTF-16 text
    const auto head = bytes.substr(0, 8192);
    size_t nul = 0, control = 0;
    for (unsigned char ch : head) {
        if (ch == 0) ++nul;
        else if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f' && ch != 0x1B) ++control;
    }
    // A stray NUL in a text note is damage to repair; text that is mostly control bytes is not text.
    return head.size() > 0 && (nul + control) * 10 > head.size() && nul > 0;
}

CleanedText clean_text(std::string_view bytes) {
    CleanedText result;
    std::string decoded_utf16;
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        decoded_utf16 = from_utf16(bytes);
        bytes = decoded_utf16;
    }
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);

    std::string& out = result.utf8;
    out.reserve(bytes.size() + bytes.size() / 16);
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    const auto n = static_cast<int32_t>(bytes.size());
    int nul_count = 0, invalid_count = 0, line = 1, first_nul_line = 0, first_invalid_line = 0;
    int32_t i = 0;
    while (i < n) {
        // Plain ASCII text is copied in bulk; only the bytes below need a look of their own.
        int32_t run = i;
        while (run < n && data[run] < 0x80 && data[run] != '\r' && data[run] != '\n' && data[run] != 0) ++run;
        if (run > i) {
            out.append(bytes.data() + i, static_cast<size_t>(run - i));
            i = run;
            if (i == n) break;
        }
        const uint8_t b = data[i];
        if (b < 0x80) {
            if (b == '\r') {
                out.push_back('\n');
                ++line;
                ++i;
                if (i < n && data[i] == '\n') ++i;
                continue;
            }
            if (b == 0) {
                if (!first_nul_line) first_nul_line = line;
                ++nul_count;
                ++i;
                continue;
            }
            if (b == '\n') ++line;
            out.push_back(static_cast<char>(b));
            ++i;
            continue;
        }
        int32_t start = i;
        UChar32 cp;
        U8_NEXT(data, i, n, cp);
        if (cp >= 0) {
            out.append(bytes.data() + start, static_cast<size_t>(i - start));
            continue;
        }
        // Not UTF-8: read the one byte as Windows-1252 and resynchronise after it.
        i = start + 1;
        if (!first_invalid_line) first_invalid_line = line;
        ++invalid_count;
        append_utf8(out, windows_1252()[b - 0x80]);
    }
    if (nul_count)
        result.problems.push_back({first_nul_line, std::to_string(nul_count) + " NUL byte(s) removed"});
    if (invalid_count)
        result.problems.push_back({first_invalid_line, "not valid UTF-8: " + std::to_string(invalid_count) +
                                                            " byte(s) read as Windows-1252"});
    result.mojibake_repairs = repair_mac_roman_mojibake(out);
    return result;
}

int repair_mac_roman_mojibake(std::string& text) {
    if (!has_non_ascii(text)) return 0;

    bool strong_evidence = false;
    for_each_non_ascii_run(text, [&](const std::vector<RunChar>& run) {
        for (size_t i = 0; i < run.size() && !strong_evidence; ++i)
            if (decode_candidate(run, i).strength == Strength::Strong) strong_evidence = true;
    });
    if (!strong_evidence) {
        // Weak candidates alone are never enough: they are what correct text looks like too.
        return 0;
    }

    std::string out;
    out.reserve(text.size());
    size_t copied = 0;
    int repairs = 0;
    for_each_non_ascii_run(text, [&](const std::vector<RunChar>& run) {
        size_t i = 0;
        while (i < run.size()) {
            Candidate c = decode_candidate(run, i);
            if (c.strength == Strength::None) {
                ++i;
                continue;
            }
            out.append(text, copied, run[i].begin - copied);
            append_utf8(out, c.cp);
            copied = run[i + c.chars - 1].end;
            i += c.chars;
            ++repairs;
        }
    });
    if (repairs == 0) return 0;
    out.append(text, copied, std::string::npos);
    text = std::move(out);
    return repairs;
}

std::string to_lower_utf8(std::string_view text) {
    if (!has_non_ascii(text)) {
        std::string out(text);
        for (char& ch : out)
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + ('a' - 'A'));
        return out;
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    u.toLower(icu::Locale::getRoot());
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace recall
