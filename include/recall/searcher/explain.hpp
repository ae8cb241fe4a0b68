// Why a hit ranked where it did (recall --explain): its score split into the parts the
// query compiler made (a word, a word's field copy, the every-word bonus, words side by
// side), each with what it adds, and for each word the fields of the note that hold it.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "recall/searcher/query_compiler.hpp"

namespace recall {

struct ScoreLine {
    ScorePart::Kind kind;
    std::string label;                // the word, phrase or pair as typed
    std::string field;                // FieldBoost: the field; Word: the field the query named, if any
    double score = 0;                 // what the part adds to the hit's score
    Xapian::termcount wdf = 0;        // Word: occurrences in all text, field weights included
    std::vector<std::string> fields;  // Word: the fields with a copy of their own that hold it
};

// For each note (docid), the parts of its score, in the query's order; a part the note does
// not match is left out. The scores add up to the note's score.
std::vector<std::vector<ScoreLine>> explain_scores(const Xapian::Database& db, const std::vector<ScorePart>& parts,
                                                   const std::vector<Xapian::docid>& notes);

// The lines --explain prints under a hit.
std::string format_explanation(const std::vector<ScoreLine>& lines);

}  // namespace recall
