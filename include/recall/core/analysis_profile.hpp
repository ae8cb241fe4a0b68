// How text becomes terms: the one text-analysis profile that the indexer, the query parser,
// every filter normaliser and the snippet maker share. It is stored in the index when the
// index is built, and the searcher reads it from there (never from the config), so the two
// sides cannot disagree.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace recall {

// A profile that cannot be used: an unknown language, or one written by a newer recall.
class AnalysisError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct AnalysisProfile {
    AnalysisProfile() = default;
    AnalysisProfile(std::string default_language, bool fold) : language(std::move(default_language)), fold_accents(fold) {}

    // The default language: a Snowball stemmer name ("english", "german", ...) or "none".
    std::string language = "english";
    // Index the accent-folded form of each word beside the word itself (café -> cafe), so a
    // query without accents finds words with them, and a query with them ranks the exact
    // form first.
    bool fold_accents = true;
    // Notes in other languages are stemmed in theirs too (note_language.hpp): the config's
    // folder rules (languages: {de/: german}), in the order written, and whether the
    // language of a note without a rule or a lang: key is detected from its text.
    std::vector<std::pair<std::string, std::string>> folder_languages;
    bool detect_languages = true;

    // What the profile fixes in this version of recall, stored with it so that an index says
    // how it was made: only stems are indexed (Z + stem), Chinese, Japanese and Korean runs
    // as unigrams and bigrams, and Thai, Lao, Khmer and Myanmar runs split by ICU's
    // dictionary; case is folded with Unicode's NFKC_Casefold.

    // The JSON form stored in the index metadata.
    std::string to_json() const;
    // Throws AnalysisError for malformed JSON or a profile this recall cannot apply.
    static AnalysisProfile from_json(std::string_view json);

    friend bool operator==(const AnalysisProfile&, const AnalysisProfile&) = default;
};

// Throws AnalysisError naming the problem (with the languages there are) when the profile
// cannot be applied.
void validate(const AnalysisProfile& profile);

}  // namespace recall
