// Words too common to decide what a query matches ("my", "the", "how", "with"), per
// language: part of the analysis, so that the query side drops the same words for the
// index's language whatever the user types. The lists are the Snowball project's, as
// Debian's liblingua-stopwords-perl ships them (Lingua::StopWords), compiled in by
// core/stopword_lists.pl at build time: Danish, Dutch, English, Finnish, French, German,
// Hungarian, Indonesian, Italian, Norwegian, Portuguese, Romanian, Russian, Spanish,
// Swedish. The index keeps every word (a quoted phrase still finds "to be or not to be").
// A short list of Chinese and Japanese question words is added whatever the index's
// language.
#pragma once

#include <string_view>
#include <vector>

namespace recall {

class Stopwords {
public:
    // language: a Snowball name ("english"); one without a list (or "none") has only the
    // Chinese and Japanese question words.
    explicit Stopwords(std::string_view language);

    // word: case-folded, before stemming (Term::word); a Chinese or Japanese word as typed.
    bool contains(std::string_view word) const;

private:
    std::vector<std::string_view> words_;  // sorted
};

}  // namespace recall
