// Splits text into tokens with their byte offsets: the first step of analysis, shared by
// indexing, queries and snippets.
//
//   words       runs of letters, digits and combining marks, with apostrophes and '&' between
//               letters (Andy's, AT&T), '.' and ',' between digits (1.13.8, 3,000), and up
//               to three '+' or '#' after a word (C++, C#). ASCII takes a fast path; other
//               characters are classified by ICU's Unicode properties.
//   ideographs  Chinese, Japanese and Korean characters, one token each; the analyzer makes
//               unigrams and bigrams of each run, as Xapian's CJK mode does.
//   segments    Thai, Lao, Khmer and Myanmar runs, written without spaces, split into words
//               by ICU's dictionary-based word break iterator.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace recall {

enum class TokenKind : std::uint8_t { Word, Ideograph, Segment };

struct Token {
    std::uint32_t begin, end;  // bytes of the text
    TokenKind kind;
};

// Holds ICU state, so one per thread.
class Tokenizer {
public:
    Tokenizer();
    ~Tokenizer();
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;

    // Appends the tokens of text (valid UTF-8; invalid bytes separate tokens) to out.
    void tokenize(std::string_view text, std::vector<Token>& out);

    // The words a person meant by a query word typed without spaces, as byte spans of it:
    // each Chinese or Japanese run split into ICU's dictionary words, a row of one-character
    // pieces joined back (the dictionary's guess at a word it does not know: 插件 comes
    // back as 插 件), the rest left whole. One span, the whole text, when there is nothing
    // to split.
    std::vector<std::pair<size_t, size_t>> typed_words(std::string_view text);

private:
    size_t scan_word(std::string_view text, size_t start, std::vector<Token>& out) const;
    size_t scan_ideographs(std::string_view text, size_t start, std::vector<Token>& out) const;
    size_t scan_segmented(std::string_view text, size_t start, std::vector<Token>& out);

    bool open_word_iterator();

    std::unique_ptr<icu::BreakIterator> words_;  // made when the first Thai-like or typed CJK run is met
};

}  // namespace recall
