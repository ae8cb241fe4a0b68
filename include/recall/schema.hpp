// The index schema: every field, its Xapian term prefix, weight and kind, and every value
// slot. The indexer writes with this table and the searcher reads with it; docs/schema.md
// explains it for people. Change a prefix or slot and bump kSchemaVersion: the indexer
// then rebuilds existing indexes.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace recall::schema {

inline constexpr std::string_view kSchemaVersion = "1";

// Free text: tokenized and stemmed. Every field is indexed unprefixed (so a plain query
// searches all of them) with its weight as the within-document frequency, which is how
// BM25 gives title words more say than body words. Fields with a prefix are indexed once
// more under it, for "title:..." style queries.
enum class TextField { Title, Summary, KeyInformation, Decisions, ActionItems, Tags, People, Body };

struct TextFieldSpec {
    TextField field;
    std::string_view query_name;  // "title" in "title:blob"; empty when not searchable alone
    std::string_view prefix;      // Xapian term prefix; empty when indexed unprefixed only
    unsigned weight;              // wdf increment per word in the unprefixed index
    bool spelling;                // feeds the "did you mean" dictionary
    bool boost_plain_queries;     // plain query words also match the prefixed terms, scored apart
    std::string_view description;
};

inline constexpr std::array<TextFieldSpec, 8> kTextFields{{
    {TextField::Title, "title", "S", 6, true, true, "title (frontmatter, else H1, else file name)"},
    {TextField::Summary, "summary", "XSUM", 3, true, true, "## Summary section"},
    {TextField::KeyInformation, "key", "XKEY", 2, true, false, "## Key Information section"},
    {TextField::Decisions, "decision", "XDEC", 2, false, false, "## Decisions section"},
    {TextField::ActionItems, "action", "XACT", 1, false, false, "## Action Items: task texts"},
    {TextField::Tags, "", "", 2, false, false, "tags, split into words (type/people -> type people)"},
    {TextField::People, "name", "XNAME", 2, false, false, "names of the note's people"},
    {TextField::Body, "", "", 1, false, false, "everything else: other sections, headings, Related"},
}};

// Boolean filters: exact terms, no weight. Repeats of one filter OR together, different
// filters AND (Xapian's boolean prefix groups).
enum class Filter { Person, Tag, Type, Folder, Year, Month, Day, Task };

struct FilterSpec {
    Filter filter;
    std::string_view query_name;  // "person" in "person:andy"
    std::string_view prefix;
    std::string_view description;
};

inline constexpr std::array<FilterSpec, 8> kFilters{{
    {Filter::Person, "person", "XP", "slug of each person of the note: andy-perlsteiner"},
    {Filter::Tag, "tag", "K", "each level of each tag: type/people gives type/people and type"},
    {Filter::Type, "type", "XT", "frontmatter type, lower-case: people, 1on1"},
    {Filter::Folder, "folder", "XF", "each enclosing folder, lower-case: meetings, meetings/2025"},
    {Filter::Year, "year", "Y", "year of the note's date: 2025"},
    {Filter::Month, "month", "XM", "year and month: 202510"},
    {Filter::Day, "day", "D", "full date: 20251030"},
    {Filter::Task, "task", "XTASK", "open when the note has open tasks, done when it has done ones"},
}};

// The unique id of a note: its vault path (hashed when too long for a term).
inline constexpr std::string_view kIdPrefix = "Q";

// Marks the record of a file that was skipped (binary, too large, unreadable): it keeps the
// file's facts so that an unchanged file is not read and warned about again every night,
// and it has no other terms, so it never matches a search.
inline constexpr std::string_view kSkippedTerm = "XSKIPPED";

enum Slot : unsigned {
    kSlotDate = 0,     // YYYYMMDD; string order is date order; empty when the note has no date
    kSlotPeople = 1,   // person slugs joined by '\n', for facet counts
    kSlotMtime = 2,    // file modification time, nanoseconds, decimal
    kSlotSize = 3,     // file size in bytes, decimal
    kSlotHash = 4,     // content hash (FNV-1a 64, hex) to tell touched files from changed ones
    kSlotPath = 5,     // vault-relative path
};

// Metadata keys of the database.
inline constexpr std::string_view kMetaSchemaVersion = "recall.schema_version";
inline constexpr std::string_view kMetaVault = "recall.vault";          // absolute vault path
inline constexpr std::string_view kMetaLanguage = "recall.language";    // stemmer language
inline constexpr std::string_view kMetaLastRun = "recall.last_run";     // JSON summary of the last run

const TextFieldSpec& spec(TextField field);
const FilterSpec& spec(Filter filter);

// Xapian terms are limited to 245 bytes: longer values keep a readable head and a hash.
std::string bounded_term(std::string_view prefix, std::string_view value);

std::string id_term(std::string_view vault_path);
std::string filter_term(Filter filter, std::string_view value);

// "type/people/lead" -> {"type/people/lead", "type/people", "type"}.
std::vector<std::string> tag_levels(std::string_view tag);
// "Meetings/2025/x.md" -> {"meetings", "meetings/2025"}.
std::vector<std::string> folder_levels(std::string_view vault_path);

// FNV-1a 64 of the bytes, as 16 hex digits.
std::string content_hash(std::string_view bytes);

}  // namespace recall::schema
