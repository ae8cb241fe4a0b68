#include "recall/core/tokenizer.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace recall {
namespace {

enum class CharClass : std::uint8_t {
    Other,      // separates tokens
    Letter,
    Digit,
    Mark,       // combining: continues whatever token it follows
    Joiner,     // soft hyphen, zero-width (non-)joiner: inside a word only
    Ideograph,  // Han, Hiragana, Katakana, Hangul
    Segmented,  // Thai, Lao, Khmer, Myanmar
};

struct Char {
    UChar32 cp;
    size_t next;  // byte offset after it
    CharClass cls;
};

bool ascii_letter(unsigned char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }
bool ascii_digit(unsigned char c) { return static_cast<unsigned char>(c - '0') < 10; }

CharClass classify_letter(UChar32 cp, bool digit) {
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(cp, &status);
    switch (script) {
        case USCRIPT_HAN:
        case USCRIPT_HIRAGANA:
        case USCRIPT_KATAKANA:
        case USCRIPT_HANGUL:
        case USCRIPT_KATAKANA_OR_HIRAGANA:
            return digit ? CharClass::Digit : CharClass::Ideograph;
        case USCRIPT_THAI:
        case USCRIPT_LAO:
        case USCRIPT_KHMER:
        case USCRIPT_MYANMAR:
            return CharClass::Segmented;
        case USCRIPT_COMMON:
            // The prolonged sound mark of katakana (ー) belongs to the Japanese run it is in.
            if (!digit && (uscript_hasScript(cp, USCRIPT_KATAKANA) || uscript_hasScript(cp, USCRIPT_HAN)))
                return CharClass::Ideograph;
            [[fallthrough]];
        default:
            return digit ? CharClass::Digit : CharClass::Letter;
    }
}

CharClass classify(UChar32 cp) {
    if (cp < 0x80) {
        const auto c = static_cast<unsigned char>(cp);
        return ascii_letter(c) ? CharClass::Letter : ascii_digit(c) ? CharClass::Digit : CharClass::Other;
    }
    switch (u_charType(cp)) {
        case U_UPPERCASE_LETTER:
        case U_LOWERCASE_LETTER:
        case U_TITLECASE_LETTER:
        case U_MODIFIER_LETTER:
        case U_OTHER_LETTER: return classify_letter(cp, false);
        case U_DECIMAL_DIGIT_NUMBER:
        case U_LETTER_NUMBER:
        case U_OTHER_NUMBER: return classify_letter(cp, true);
        case U_NON_SPACING_MARK:
        case U_ENCLOSING_MARK:
        case U_COMBINING_SPACING_MARK: return CharClass::Mark;
        case U_FORMAT_CHAR:
            return (cp == 0xAD || cp == 0x200C || cp == 0x200D || cp == 0x2060) ? CharClass::Joiner : CharClass::Other;
        default: return CharClass::Other;
    }
}

Char char_at(std::string_view text, size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) return {c, i + 1, classify(c)};
    UChar32 cp;
    size_t next = i;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), next, text.size(), cp);
    if (cp < 0) return {cp, next, CharClass::Other};
    return {cp, next, classify(cp)};
}

bool word_char(CharClass c) { return c == CharClass::Letter || c == CharClass::Digit || c == CharClass::Mark; }

// Punctuation that joins two letters into one word: Andy's, Andy’s, AT&T, l·l, צה״ל.
bool letter_infix(UChar32 cp) {
    return cp == '\'' || cp == 0x2019 || cp == '&' || cp == 0xB7 || cp == 0x5F3 || cp == 0x5F4;
}
// Punctuation that joins two digits: 1.13.8, 3,000.
bool digit_infix(UChar32 cp) { return cp == '.' || cp == ','; }

constexpr size_t kMaxSuffix = 3;  // C++, C#, F#

}  // namespace

Tokenizer::Tokenizer() = default;
Tokenizer::~Tokenizer() = default;

bool Tokenizer::open_word_iterator() {
    if (!words_) {
        UErrorCode status = U_ZERO_ERROR;
        words_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status)) words_.reset();
    }
    return words_ != nullptr;
}

void Tokenizer::tokenize(std::string_view text, std::vector<Token>& out) {
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80 && !ascii_letter(c) && !ascii_digit(c)) {  // the common separators, fast
            ++i;
            continue;
        }
        const Char ch = char_at(text, i);
        switch (ch.cls) {
            case CharClass::Letter:
            case CharClass::Digit: i = scan_word(text, i, out); break;
            case CharClass::Ideograph: i = scan_ideographs(text, i, out); break;
            case CharClass::Segmented: i = scan_segmented(text, i, out); break;
            default: i = ch.next; break;  // separators, and marks with nothing to attach to
        }
    }
}

size_t Tokenizer::scan_word(std::string_view text, size_t start, std::vector<Token>& out) const {
    size_t i = start;
    CharClass last = CharClass::Other;  // of the last letter or digit
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (ascii_letter(c)) {  // the fast path: ASCII words
            last = CharClass::Letter;
            ++i;
            continue;
        }
        if (ascii_digit(c)) {
            last = CharClass::Digit;
            ++i;
            continue;
        }
        const Char ch = char_at(text, i);
        if (ch.cls == CharClass::Letter || ch.cls == CharClass::Digit) {
            last = ch.cls;
            i = ch.next;
            continue;
        }
        if (ch.cls == CharClass::Mark || ch.cls == CharClass::Joiner) {
            i = ch.next;
            continue;
        }
        // Infix punctuation stays when the same kind of character follows it.
        if (ch.next < text.size() && (letter_infix(ch.cp) || digit_infix(ch.cp))) {
            const Char after = char_at(text, ch.next);
            const bool letters = last == CharClass::Letter && after.cls == CharClass::Letter && letter_infix(ch.cp);
            const bool digits = last == CharClass::Digit && after.cls == CharClass::Digit && digit_infix(ch.cp);
            if (letters || digits) {
                i = ch.next;
                continue;
            }
        }
        break;
    }
    size_t end = i;
    // C++, C#: suffixes when nothing word-like follows them.
    if (last == CharClass::Letter) {
        size_t j = i;
        while (j < text.size() && j - i < kMaxSuffix && (text[j] == '+' || text[j] == '#')) ++j;
        if (j > i && (j == text.size() || !word_char(char_at(text, j).cls))) end = j;
    }
    out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end), TokenKind::Word});
    return end;
}

size_t Tokenizer::scan_ideographs(std::string_view text, size_t start, std::vector<Token>& out) const {
    size_t i = start;
    while (i < text.size()) {
        const Char ch = char_at(text, i);
        if (ch.cls == CharClass::Mark || ch.cp == 0xFF9E || ch.cp == 0xFF9F) {
            // A voicing mark belongs to its kana (halfwidth ﾃﾞ is デ).
            out.back().end = static_cast<std::uint32_t>(ch.next);
        } else if (ch.cls == CharClass::Ideograph) {
            out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(ch.next), TokenKind::Ideograph});
        } else {
            break;
        }
        i = ch.next;
    }
    return i;
}

size_t Tokenizer::scan_segmented(std::string_view text, size_t start, std::vector<Token>& out) {
    size_t end = start;
    while (end < text.size()) {
        const Char ch = char_at(text, end);
        if (ch.cls != CharClass::Segmented && ch.cls != CharClass::Mark) break;
        end = ch.next;
    }
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text.data() + start, static_cast<int64_t>(end - start), &status);
    if (!open_word_iterator() || U_FAILURE(status)) {  // without ICU's data: the whole run as one word
        out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end), TokenKind::Segment});
        utext_close(&ut);
        return end;
    }
    // The iterator keeps a shallow clone of the text; the next call gives it a new one
    // before it reads anything.
    words_->setText(&ut, status);
    int32_t from = words_->first();
    for (int32_t to = words_->next(); to != icu::BreakIterator::DONE; from = to, to = words_->next())
        if (to > from)
            out.push_back({static_cast<std::uint32_t>(start + static_cast<size_t>(from)),
                           static_cast<std::uint32_t>(start + static_cast<size_t>(to)), TokenKind::Segment});
    utext_close(&ut);
    return end;
}

namespace {

bool hangul(std::string_view text, size_t at) {
    UChar32 cp;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), at, text.size(), cp);
    UErrorCode status = U_ZERO_ERROR;
    return cp >= 0 && uscript_getScript(cp, &status) == USCRIPT_HANGUL;
}

size_t characters(std::string_view text) {
    size_t n = 0;
    for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

}  // namespace

std::vector<std::pair<size_t, size_t>> Tokenizer::typed_words(std::string_view text) {
    std::vector<Token> tokens;
    tokenize(text, tokens);
    // Chinese and Japanese runs (Korean is written with spaces).
    std::vector<std::pair<size_t, size_t>> runs;
    for (const auto& t : tokens) {
        if (t.kind != TokenKind::Ideograph || hangul(text, t.begin)) continue;
        if (!runs.empty() && runs.back().second == t.begin)
            runs.back().second = t.end;
        else
            runs.emplace_back(t.begin, t.end);
    }
    std::vector<std::pair<size_t, size_t>> spans;
    if (runs.empty() || !open_word_iterator()) return {{0, text.size()}};
    auto add_other = [&](size_t from, size_t to) {
        std::vector<Token> inside;
        tokenize(text.substr(from, to - from), inside);
        if (!inside.empty()) spans.emplace_back(from, to);
    };
    size_t done = 0;
    for (const auto& [begin, end] : runs) {
        if (begin > done) add_other(done, begin);
        UErrorCode status = U_ZERO_ERROR;
        UText ut = UTEXT_INITIALIZER;
        utext_openUTF8(&ut, text.data() + begin, static_cast<int64_t>(end - begin), &status);
        words_->setText(&ut, status);
        if (U_FAILURE(status)) {
            spans.emplace_back(begin, end);
        } else {
            bool last_was_single = false;
            int32_t from = words_->first();
            for (int32_t to = words_->next(); to != icu::BreakIterator::DONE; from = to, to = words_->next()) {
                const size_t b = begin + static_cast<size_t>(from), e = begin + static_cast<size_t>(to);
                const bool single = characters(text.substr(b, e - b)) == 1;
                if (single && last_was_single)
                    spans.back().second = e;
                else
                    spans.emplace_back(b, e);
                last_was_single = single;
            }
        }
        utext_close(&ut);
        done = end;
    }
    if (done < text.size()) add_other(done, text.size());
    if (spans.size() <= 1) return {{0, text.size()}};
    return spans;
}

}  // namespace recall
