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

}  // namespace

Stopwords::Stopwords(std::string_view language) {
    for (const auto& list : kLists) {
        if (list.language != language) continue;
        for (std::string_view rest = list.words; !rest.empty();) {
            const size_t space = rest.find(' ');
            words_.push_back(rest.substr(0, space));
            rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
        }
    }
    std::sort(words_.begin(), words_.end());  // byte order, whatever the list's locale
}

bool Stopwords::contains(std::string_view word) const {
    return std::binary_search(words_.begin(), words_.end(), word);
}

}  // namespace recall
