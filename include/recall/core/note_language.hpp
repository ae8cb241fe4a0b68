// Which language a note is written in, and the stems of its words in that language.
//
// A vault is rarely in one language. Each note is stemmed twice: with the profile's default
// language (the unprefixed Z terms every query looks up, so the same word matches in every
// note) and, when the note is in another language with a Snowball stemmer, with that one too
// (ZXL<language>:<stem>, without positions), so "индексации" finds "индексация" in a Russian
// note without matching anything in an English one. The query side asks for the stems of
// each word in every language the index holds (its XLANG terms).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "recall/core/analysis_profile.hpp"
#include "recall/core/note.hpp"
#include "recall/core/text_util.hpp"

namespace recall {

// The Snowball name of a language written as a name or an ISO 639 code ("de", "de-AT",
// "German", "russian"); "none" for languages recall does not stem (Chinese, Japanese,
// Korean, Thai, ...) and for anything it does not know.
std::string stemming_language_of(std::string_view name_or_code);

// The note's language, first found: frontmatter lang or language, the longest folder rule of
// the profile that holds the note, the language CLD2 detects reliably in its text, the
// profile's default. A Snowball name or "none".
std::string note_language(const Note& note, const AnalysisProfile& profile);

// Stems of case-folded words in any language, cached: one per thread.
class LanguageStemmer {
public:
    // The term of word in language without the "Z" (XLgerman:blocki), and of its accent-folded
    // form when that stems differently (else empty). Empty for language "none".
    const std::pair<std::string, std::string>& terms(const std::string& language, std::string_view word);
    // XLgerman:blocki -> blocki.
    static std::string_view bare_stem(std::string_view term) {
        const auto colon = term.find(':');
        return colon == std::string_view::npos ? std::string_view() : term.substr(colon + 1);
    }

private:
    struct Cache {
        Xapian::Stem stem;
        std::unordered_map<std::string, std::pair<std::string, std::string>, StringHash, std::equal_to<>> terms;
    };
    std::unordered_map<std::string, Cache> languages_;
};

}  // namespace recall
