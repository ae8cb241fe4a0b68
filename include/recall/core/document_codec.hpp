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

// A task as the document data keeps it, dates as 2025-10-30 or empty.
struct StoredTask {
    int line = 0;
    std::string text;
    bool done = false;
    std::string owner;
    std::string due, scheduled, start, done_on, created;
    std::string priority;  // highest, high, medium, low, lowest, or empty
    std::string recurrence;
    std::vector<std::string> tags;
};

// The document data of a note: JSON, so old and new fields read side by side.
struct StoredNote {
    std::string path, title, date, type;  // date "2025-10-30" or empty
    std::vector<Person> people;
    std::vector<std::string> tags;
    // The declared fields the note has, with their values as written (dates as 2025-10-30).
    std::vector<std::pair<std::string, std::vector<std::string>>> fields;
    std::vector<Link> links;        // every wikilink, with its line
};

std::string encode_document_data(const Note& note, const schema::FieldTable& fields);
// Never throws: unreadable data gives a note with only the fallback path, as its title too.
StoredNote decode_document_data(std::string_view data, std::string_view fallback_path);
// The note's passages as it was indexed but the H1 that is its title, compressed, for their
// slot (schema::kSlotPassages): what snippets are cut from without reading the note's file.
// Out of the document data, so that listing a note never reads them. Empty when it has none.
std::string encode_passages(const Note& note);
// Never throws: only a damaged end is left out, and nothing of a slot that does not inflate.
std::vector<Passage> decode_passages(std::string_view slot);

// The note's tasks, in their order, for their slot (schema::kSlotTasks): `recall tasks` reads
// them without the document data and its passages. Empty when the note has none.
std::string encode_tasks(const Note& note);
// Never throws: unreadable JSON gives no tasks.
std::vector<StoredTask> decode_tasks(std::string_view slot);

// Several values in one slot, one per line (values never hold a newline: it becomes a space).
std::string join_values(const std::vector<std::string>& values);
std::vector<std::string> split_values(std::string_view slot);

// The people slot: the slugs of the note's people.
std::string people_slot(const Note& note);

// Priority names as Obsidian's Tasks plugin orders them; a task without one sorts between
// medium and low. Rank: 5 highest ... 0 lowest, 2 none.
std::string_view task_priority_name(TaskPriority priority);
int task_priority_rank(std::string_view name);

// The task slots (schema.hpp) of the open (done = false) or the done tasks: the earliest due
// date ("~" when none has one; empty without such tasks), the latest due date (empty when none
// has one), and the smallest priority key.
std::string task_due_slot(const Note& note, bool done);
std::string task_last_due_slot(const Note& note, bool done);
std::string task_priority_slot(const Note& note, bool done);
inline constexpr std::string_view kNoDueDate = "~";  // sorts after every date
// A task's place in the priority order as a string that sorts so: 5 - rank, then the due date
// (YYYYMMDD, or "~"): "120251030" is a high task due 2025-10-30. due: ISO or YYYYMMDD or empty.
std::string task_priority_key(int rank, std::string_view due);

}  // namespace recall
