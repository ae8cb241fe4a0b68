#include "recall/core/analyzer.hpp"

#include "recall/core/accents.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace recall {
namespace {

// Longer words are not words (hashes, base64, run-together URLs); Xapian's TermGenerator
// skips them too. It keeps every term under Xapian's 245-byte limit with any prefix.
constexpr size_t kMaxWordBytes = 64;

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

const icu::Normalizer2& nfkc_casefold() {
    static const icu::Normalizer2* n = [] {
        UErrorCode status = U_ZERO_ERROR;
        return icu::Normalizer2::getNFKCCasefoldInstance(status);
    }();
    return *n;
}

icu::UnicodeString to_unicode(std::string_view s) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string to_utf8(const icu::UnicodeString& u) {
    std::string out;
    u.toUTF8String(out);
    return out;
}

// Case folding, with the typographic apostrophe read as the one people type.
std::string casefold(std::string_view raw) {
    if (is_ascii(raw)) {
        std::string out(raw);
        for (char& ch : out)
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + ('a' - 'A'));
        return out;
    }
    icu::UnicodeString u = to_unicode(raw);
    u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), icu::UnicodeString(static_cast<UChar32>('\'')));
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded = nfkc_casefold().normalize(u, status);
    return U_SUCCESS(status) ? to_utf8(folded) : std::string(raw);
}

}  // namespace

Analyzer::Analyzer(const AnalysisProfile& profile) : profile_(profile) {
    validate(profile_);
    if (profile_.language != "none") stemmer_ = Xapian::Stem(profile_.language);
}

Analyzer::~Analyzer() = default;

const Analyzer::Forms& Analyzer::forms(std::string_view raw, TokenKind kind) {
    if (auto it = cache_.find(raw); it != cache_.end()) return it->second;
    return cache_.emplace(std::string(raw), make_forms(raw, kind)).first->second;
}

Analyzer::Forms Analyzer::make_forms(std::string_view raw, TokenKind kind) {
    Forms f;
    std::string word = casefold(raw);
    if (word.size() > kMaxWordBytes) return f;
    if (kind == TokenKind::Segment) {  // no stemmer and no optional accents for these scripts
        f.exact = std::move(word);
        return f;
    }
    f.exact = stemmer_(word);
    if (profile_.fold_accents && !is_ascii(word)) {
        const std::string folded = recall::fold_accents(word);
        if (folded != word) f.folded = stemmer_(folded);
        if (f.folded == f.exact) f.folded.clear();
    }
    f.word = std::move(word);
    return f;
}

std::string_view Analyzer::ideograph(std::string_view raw, std::string& buffer) const {
    // The common blocks are their own case fold: Han, hiragana, katakana, Hangul syllables.
    if (raw.size() == 3) {
        const auto b0 = static_cast<unsigned char>(raw[0]), b1 = static_cast<unsigned char>(raw[1]);
        const unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (static_cast<unsigned char>(raw[2]) & 0x3Fu);
        if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) ||
            (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x3400 && cp <= 0x4DBF))
            return raw;
    }
    buffer = casefold(raw);
    return buffer;
}

std::string Analyzer::normalize_value(std::string_view value) {
    while (!value.empty() && static_cast<unsigned char>(value.front()) <= ' ') value.remove_prefix(1);
    while (!value.empty() && static_cast<unsigned char>(value.back()) <= ' ') value.remove_suffix(1);
    std::string out = casefold(value);
    if (profile_.fold_accents && !is_ascii(out)) out = recall::fold_accents(out);
    for (char& ch : out)
        if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    return out;
}

}  // namespace recall
