// What a query looks for in a note's text, as the snippet maker needs it: the words and
// phrases that must be shown and highlighted, in the Analyzer's term keys.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace recall {

struct MatchGroup {
    std::string field;  // a text field's query name (decision); empty: any text
    // Term keys (Term::key()) with their position after the first: one for a word, several
    // for a phrase, a hyphenated word or a run of Chinese characters.
    std::vector<std::pair<std::uint32_t, std::string>> keys;
    std::string prefix;  // a wildcard's prefix, instead of keys
};

using MatchPlan = std::vector<MatchGroup>;

}  // namespace recall
