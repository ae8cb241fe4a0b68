// "More like this": the terms that best tell a note apart (Xapian's relevance-set expansion,
// Enquire::get_eset, with the note as the relevant set), as a query that ranks other notes
// by them.
#pragma once

#include <xapian.h>

#include <string>

namespace recall {

// How many expansion terms make the query.
inline constexpr Xapian::termcount kLikeTerms = 40;

// The query for notes like the note of the document: OR of its most telling words (the
// unprefixed text terms), without the note itself. Empty when the note has no words.
Xapian::Query similar_notes_query(const Xapian::Database& db, Xapian::docid note);

}  // namespace recall
