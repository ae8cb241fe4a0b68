// Text to terms, one way for everyone: the document builder, the query parser, every filter
// normaliser and the snippet maker call the same Analyzer with the index's profile, so what
// is indexed and what is looked up cannot differ.
//
// Each word is case-folded (NFKC_Casefold: Straße -> strasse, ＡＢＣ -> abc, ﬁ -> fi) and
// stemmed; where the profile folds accents and the word has some, its accent-folded stem
// comes too (Tastenkürzel -> tastenkurzel), at the same position. Chinese, Japanese and
// Korean runs give a unigram per character and a bigram per pair; Thai-like runs give the
// words ICU's dictionary finds. Terms come without any prefix: the callers add "Z" and the
// field's prefix.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "recall/core/analysis_profile.hpp"
#include "recall/core/text_util.hpp"
#include "recall/core/tokenizer.hpp"

namespace recall {

enum class TermKind : std::uint8_t { Word, Segment, Unigram, Bigram };

struct Term {
    std::string_view exact;    // the stem of the case-folded word; an n-gram or segment as it is
    std::string_view folded;   // the stem of the accent-folded word when it differs, else empty
    std::string_view word;     // Word terms: the case-folded word before stemming (spelling)
    std::uint32_t begin, end;  // bytes of the analysed text the term comes from
    std::uint32_t position;    // 0-based in the text; a character's unigram and bigram share one
    TermKind kind;

    // The form found at every position where this term is: the folded one when there is one.
    std::string_view key() const { return folded.empty() ? exact : folded; }
};

// Holds caches and ICU state: one per thread.
class Analyzer {
public:
    // Throws AnalysisError when the profile cannot be applied.
    explicit Analyzer(const AnalysisProfile& profile);
    ~Analyzer();
    Analyzer(const Analyzer&) = delete;
    Analyzer& operator=(const Analyzer&) = delete;

    const AnalysisProfile& profile() const { return profile_; }

    // Calls sink(const Term&) for every term of text, in text order; the views are valid
    // until the sink returns. Returns the number of positions used.
    template <class Sink>
    std::uint32_t analyze(std::string_view text, Sink&& sink);

    // A filter value (type, tag, folder, a declared keyword field) as both sides compare it:
    // trimmed, case-folded and, when the profile folds accents, without them.
    std::string normalize_value(std::string_view value);

private:
    struct Forms {
        std::string exact, folded, word;  // exact empty: the word is too long to index
    };

    const Forms& forms(std::string_view raw, TokenKind kind);
    Forms make_forms(std::string_view raw, TokenKind kind);
    // One CJK character, case-folded (halfwidth katakana to fullwidth, and so on).
    std::string_view ideograph(std::string_view raw, std::string& buffer) const;

    AnalysisProfile profile_;
    Xapian::Stem stemmer_;
    Tokenizer tokenizer_;
    std::vector<Token> tokens_;
    // A vault has far fewer distinct words than words: each is normalised and stemmed once.
    std::unordered_map<std::string, Forms, StringHash, std::equal_to<>> cache_;
    std::string unigram_, next_unigram_, bigram_;
};

template <class Sink>
std::uint32_t Analyzer::analyze(std::string_view text, Sink&& sink) {
    static constexpr size_t kMaxCachedWords = 100'000;  // bounded memory on odd vaults
    if (cache_.size() > kMaxCachedWords) cache_.clear();
    tokens_.clear();
    tokenizer_.tokenize(text, tokens_);
    std::uint32_t position = 0;
    for (size_t i = 0; i < tokens_.size(); ++i) {
        const Token& token = tokens_[i];
        const std::string_view raw = text.substr(token.begin, token.end - token.begin);
        if (token.kind != TokenKind::Ideograph) {
            const Forms& f = forms(raw, token.kind);
            if (f.exact.empty()) continue;
            const bool word = token.kind == TokenKind::Word;
            sink(Term{f.exact, f.folded, word ? std::string_view(f.word) : std::string_view(), token.begin, token.end,
                      position++, word ? TermKind::Word : TermKind::Segment});
            continue;
        }
        const std::string_view unigram = ideograph(raw, unigram_);
        sink(Term{unigram, {}, {}, token.begin, token.end, position, TermKind::Unigram});
        if (i + 1 < tokens_.size() && tokens_[i + 1].kind == TokenKind::Ideograph && tokens_[i + 1].begin == token.end) {
            const Token& next = tokens_[i + 1];
            bigram_.assign(unigram).append(ideograph(text.substr(next.begin, next.end - next.begin), next_unigram_));
            sink(Term{bigram_, {}, {}, token.begin, next.end, position, TermKind::Bigram});
        }
        ++position;
    }
    return position;
}

}  // namespace recall
