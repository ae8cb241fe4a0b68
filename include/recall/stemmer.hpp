// The stemmer both sides use: Xapian's Snowball stemmer with a cache in front.
#pragma once

#include <string>

#include <xapian.h>

namespace recall {

// Snowball stemming is a fifth of indexing time, and a vault's words are few and recur:
// each word is stemmed once per stemmer. The cache is not shared, so use one stemmer per
// thread. language: a Xapian stemmer name ("english"), or "none": words as written.
Xapian::Stem make_stemmer(const std::string& language);

}  // namespace recall
