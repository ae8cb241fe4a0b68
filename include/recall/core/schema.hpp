// The index schema's fixed parts: value slots, special terms and metadata keys. The field
// table (fields.hpp) holds every text field and filter. The indexer writes with both and the
// searcher reads with both; docs/schema.md explains them for people. Change a prefix, a slot
// or what a term means and bump kSchemaVersion: the indexer then rebuilds old indexes.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace recall::schema {

inline constexpr std::string_view kSchemaVersion = "6";

// Value slots. String order is the order of dates and numbers in them.
enum Slot : Xapian::valueno {
    kSlotDate = 0,     // YYYYMMDD; empty when the note has no date
    kSlotPeople = 1,   // person slugs, one per line (join_values), for facet counts
    kSlotMtime = 2,    // file modification time, nanoseconds, decimal
    kSlotSize = 3,     // file size in bytes, decimal
    kSlotHash = 4,     // content hash (FNV-1a 64, hex) to tell touched files from changed ones
    kSlotPath = 5,     // vault-relative path, the file name's bytes as they are
    // The bounds `recall tasks` sorts notes by, so it reads only the notes that can hold the
    // first tasks (document_codec.hpp writes them), for the open tasks and for the done ones:
    kSlotTaskDue = 8,           // earliest due date of the open tasks, YYYYMMDD; "~" when none has one
    kSlotTaskPriority = 9,      // smallest priority key of the open tasks: 5 - rank, then due (task_priority_key)
    kSlotTasks = 10,            // the note's tasks, JSON (encode_tasks): read without the document data
    kSlotDoneTaskDue = 11,      // as 8, 9 and 13 for the done tasks
    kSlotDoneTaskPriority = 12,
    kSlotTaskLastDue = 13,      // latest due date of the open tasks, YYYYMMDD; empty when none has one
    kSlotDoneTaskLastDue = 14,
    kSlotPassages = 15,         // the note's passages, compressed (encode_passages): read for snippets only
};
// The slots that bound the tasks of one state.
struct TaskSlots {
    Slot first_due, priority, last_due;
};
inline constexpr TaskSlots kOpenTaskSlots{kSlotTaskDue, kSlotTaskPriority, kSlotTaskLastDue};
inline constexpr TaskSlots kDoneTaskSlots{kSlotDoneTaskDue, kSlotDoneTaskPriority, kSlotDoneTaskLastDue};
// Fields declared in the config take the slots from here on, in the order declared.
inline constexpr Xapian::valueno kFirstDeclaredSlot = 16;

// Every unprefixed text term starts with Z: the Analyzer's stems, n-grams and words, as
// "Z" + term; a text field's own copy is "Z" + its prefix + term (ZSblob).
inline constexpr std::string_view kTextPrefix = "Z";

// A note's language (XLANGgerman), and the stems of its words in that language when it is not
// the profile's default: "Z" + XLgerman: + stem, without positions (note_language.hpp).
inline constexpr std::string_view kLanguagePrefix = "XLANG";
inline constexpr std::string_view kLanguageStemPrefix = "XL";

// The unique id of a note: its vault path (hashed when too long for a term).
inline constexpr std::string_view kIdPrefix = "Q";

// Marks the record of a file that was skipped (binary, too large, unreadable): it keeps the
// file's facts so that an unchanged file is not read and warned about again every night,
// and it has no other terms, so it never matches a search.
inline constexpr std::string_view kSkippedTerm = "XSKIPPED";

// Metadata keys of the database (IndexStore reads and writes them).
inline constexpr std::string_view kMetaSchemaVersion = "recall.schema_version";
inline constexpr std::string_view kMetaVault = "recall.vault";        // absolute vault path
inline constexpr std::string_view kMetaAnalysis = "recall.analysis";  // the analysis profile, JSON
inline constexpr std::string_view kMetaFields = "recall.fields";      // fields declared in the config, JSON
inline constexpr std::string_view kMetaLastRun = "recall.last_run";   // JSON summary of the last run

// Xapian terms are limited to 245 bytes: longer values keep a readable head and a hash.
std::string bounded_term(std::string_view prefix, std::string_view value);

std::string id_term(std::string_view vault_path);

// FNV-1a 64 of the bytes, as 16 hex digits.
std::string content_hash(std::string_view bytes);

}  // namespace recall::schema
