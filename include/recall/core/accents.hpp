// Accent folding: the one rule for search terms (Analyzer) and people's slugs.
#pragma once

#include <string>
#include <string_view>

namespace recall {

// The text without the accents a reader may leave out: combining marks on Latin, Greek,
// Cyrillic, Arabic and Hebrew letters (é -> e, ά -> α, ё -> е, harakat, niqqud), and ICU's
// Latin-ASCII rules for Latin letters that are not a base and a mark (ø -> o, ł -> l,
// æ -> ae, ß -> ss). Marks that are part of letters elsewhere (kana voicing, Indic vowel
// signs) stay. Case is kept. Safe to call from several threads.
std::string fold_accents(std::string_view utf8);

}  // namespace recall
