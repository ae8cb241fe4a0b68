#include "recall/core/accents.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <memory>

namespace recall {
namespace {

// Scripts whose combining marks are accents a user may leave out. Elsewhere marks are
// letters' parts (Devanagari vowel signs, the kana voicing mark) and stay.
bool accents_optional(UChar32 base) {
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(base, &status)) {
        case USCRIPT_LATIN:
        case USCRIPT_GREEK:
        case USCRIPT_CYRILLIC:
        case USCRIPT_ARABIC:
        case USCRIPT_HEBREW:
        case USCRIPT_COMMON: return true;
        default: return false;
    }
}

// Made for the first ø, ł, æ ... a thread meets (it costs about 10 ms), then kept; ICU's
// transliterators are not safe to share between threads.
icu::Transliterator* latin_ascii() {
    thread_local std::unique_ptr<icu::Transliterator> t = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
        if (U_FAILURE(status)) made.reset();
        return made;
    }();
    return t.get();
}

}  // namespace

std::string fold_accents(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return std::string(utf8);
    const icu::UnicodeString decomposed =
        nfd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))), status);
    if (U_FAILURE(status)) return std::string(utf8);
    icu::UnicodeString stripped;
    bool drop_marks = false, latin_letters_left = false;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 cp = decomposed.char32At(i);
        i += U16_LENGTH(cp);
        if (u_charType(cp) == U_NON_SPACING_MARK) {
            if (!drop_marks) stripped.append(cp);
            continue;
        }
        drop_marks = accents_optional(cp);
        if (cp >= 0x80 && u_isalpha(cp) && uscript_getScript(cp, &status) == USCRIPT_LATIN) latin_letters_left = true;
        stripped.append(cp);
    }
    icu::UnicodeString out = nfc->normalize(stripped, status);
    if (U_FAILURE(status)) return std::string(utf8);
    if (latin_letters_left)
        if (auto* t = latin_ascii()) t->transliterate(out);
    std::string result;
    out.toUTF8String(result);
    return result;
}

}  // namespace recall
