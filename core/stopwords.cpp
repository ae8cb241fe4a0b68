#include "recall/core/stopwords.hpp"

#include <algorithm>

namespace recall {
namespace {

struct List {
    std::string_view language;
    std::string_view words;  // sorted, one space between
};

constexpr List kLists[] = {
#include "stopword_lists.inc"
};

// Chinese and Japanese question words and pronouns: what people add to a question
// (如何创建标注, "how to create a callout") and a page rarely holds. Neither Snowball nor
// Debian has a list; this one is short on purpose, and holds words as ICU's dictionary
// splits a question typed without spaces (どのように comes as どの ように). Particles that
// sit between two words (的, 在, の, を) are not in it: left in, they keep the words side by
// side (タブをピン留め), which is worth more than what they cost. Always applied: no word
// of a Latin or Cyrillic language is written so.
constexpr std::string_view kChineseJapanese =
    "如何 怎么 怎麼 怎样 怎樣 为什么 為什麼 为何 為何 什么 什麼 甚麼 哪里 哪裡 哪儿 "
    "哪个 哪個 哪些 吗 嗎 呢 吧 我 我们 我們 你 您 可以 能否 "
    "なぜ どう どの どこ どれ いつ";

void add_words(std::string_view words, std::vector<std::string_view>& out) {
    for (std::string_view rest = words; !rest.empty();) {
        const size_t space = rest.find(' ');
        out.push_back(rest.substr(0, space));
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
}

}  // namespace

Stopwords::Stopwords(std::string_view language) {
    for (const auto& list : kLists)
        if (list.language == language) add_words(list.words, words_);
    add_words(kChineseJapanese, words_);
    std::sort(words_.begin(), words_.end());  // byte order, whatever the list's locale
}

bool Stopwords::contains(std::string_view word) const {
    return std::binary_search(words_.begin(), words_.end(), word);
}

}  // namespace recall
