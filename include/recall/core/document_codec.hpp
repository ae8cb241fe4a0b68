// What a note's Xapian document carries besides its terms, written by the indexer and read by
// the searcher through this one codec: the document data (what a hit prints without opening
// the note) and the multi-value slots (people, for facet counts).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "recall/core/fields.hpp"
#include "recall/core/note.hpp"

namespace recall {

// The document data of a note: JSON, so old and new fields read side by side.
struct StoredNote {
    std::string path, title, date, type;  // date "2025-10-30" or empty
    std::vector<Person> people;
    std::vector<std::string> tags;
    // The declared fields the note has, with their values as written (dates as 2025-10-30).
    std::vector<std::pair<std::string, std::vector<std::string>>> fields;
    // The note's passages as it was indexed, for snippets without the note's file (none in
    // an index written before they were stored).
    std::vector<Passage> passages;
};

std::string encode_document_data(const Note& note, const schema::FieldTable& fields);
// Never throws: unreadable data gives a note with only the fallback path, as its title too.
StoredNote decode_document_data(std::string_view data, std::string_view fallback_path);

// Several values in one slot, one per line (values never hold a newline: it becomes a space).
std::string join_values(const std::vector<std::string>& values);
std::vector<std::string> split_values(std::string_view slot);

// The people slot: the slugs of the note's people.
std::string people_slot(const Note& note);

}  // namespace recall
