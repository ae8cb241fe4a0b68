// The schema's field table: every text field and every filter of a note, with how the
// indexer makes its terms and how the query side finds them. Both sides loop over these
// rows (as notmuch's prefix table and mu's field table drive theirs), and one normaliser per
// filter serves both, so a value is found the way it was indexed. docs/schema.md explains
// the table; a test checks that it names every row.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "recall/core/note.hpp"
#include "recall/core/schema.hpp"

namespace recall {

class Analyzer;

namespace schema {

// Where a text field's words come from.
enum class TextSource : std::uint8_t {
    Title,          // frontmatter title, else the H1, else the file name
    Aliases,        // frontmatter aliases (or alias)
    Description,    // frontmatter description
    Headings,       // H1-H3 headings of the body, but the title and the named sections
    FileName,       // the file name without .md, when the title is another text
    LinkTargets,    // targets of [[target|text]] links, whose text is what the body shows
    Summary,        // passages of these sections
    KeyInformation,
    Decisions,
    ActionItems,    // task texts (without owner, dates, priority) and the section's other passages
    TagWords,       // tags as words: type/people -> type people
    PeopleNames,    // display names of the note's people
    OtherPassages,  // every other passage: other sections, headings, Related
};

// Free text, tokenized by the Analyzer. Every field is indexed unprefixed with positions
// (a plain query searches all of them), its weight as the wdf step; fields with a prefix
// are indexed once more under it, without positions, for "title:..." queries.
struct TextFieldRow {
    std::string_view name;    // query name: "title" in title:blob; empty when not searchable alone
    std::string_view prefix;  // term prefix of the field's own copy; empty when there is none
    unsigned weight;          // wdf step per word in the unprefixed index
    bool spelling;            // feeds the "did you mean" dictionary
    bool boost;               // plain query words also score the field's copy, as terms of their own
    bool names;               // names the note: when few notes have the words, one named by a word matches too
    TextSource source;
    std::string_view description;
};

inline constexpr std::array<TextFieldRow, 13> kTextFieldRows{{
    {"title", "S", 6, true, true, true, TextSource::Title, "title (frontmatter, else H1, else file name)"},
    {"alias", "XALIAS", 5, true, true, true, TextSource::Aliases, "frontmatter aliases"},
    {"description", "XDESC", 4, true, false, false, TextSource::Description, "frontmatter description"},
    {"file", "XFILE", 4, false, false, false, TextSource::FileName, "file name, when the title is another"},
    {"heading", "XHEAD", 3, false, false, false, TextSource::Headings, "H1-H3 headings other than the title"},
    {"summary", "XSUM", 3, true, true, false, TextSource::Summary, "## Summary section"},
    {"key", "XKEY", 2, true, false, false, TextSource::KeyInformation, "## Key Information section"},
    {"decision", "XDEC", 2, false, false, false, TextSource::Decisions, "## Decisions section"},
    {"action", "XACT", 1, false, false, false, TextSource::ActionItems, "## Action Items: task texts"},
    {"", "", 2, false, false, false, TextSource::TagWords, "tags, split into words (type/people -> type people)"},
    {"name", "XNAME", 2, false, false, false, TextSource::PeopleNames, "names of the note's people"},
    {"", "", 1, false, false, false, TextSource::LinkTargets, "targets of [[target|text]] links"},
    {"", "", 1, false, false, false, TextSource::OtherPassages, "everything else: other sections, H4-H6, Related"},
}};

// Calls emit(text, passage) for each text of the field in the note; passage is the body
// block the text comes from, null for the title, tags and names.
void for_each_text(const TextFieldRow& field, const Note& note,
                   const std::function<void(std::string_view, const Passage*)>& emit);

// How a filter's values are normalised, indexed and queried.
enum class ValueRule : std::uint8_t {
    Keyword,    // one exact term of the normalised value (the Analyzer's normalize_value)
    Tag,        // normalised, and every level: type/people -> type/people, type
    Folder,     // every enclosing folder of the path, normalised: meetings, meetings/2025
    Person,     // the slug; the query side resolves names (andy -> andy-perlsteiner)
    Year,       // digits of the note's date: 2025, 202510, 20251030
    Month,
    Day,
    TaskState,  // open, done
    LinkName,   // a note name as a link gives it: last path part, no .md or #heading, normalised
    Date,       // YYYYMMDD in a value slot, queried with date expressions and ranges
};

// Where the index side reads a filter's values.
enum class ValueSource : std::uint8_t {
    People,
    Tags,
    Type,
    Path,
    NoteDate,
    Tasks,
    TaskOwners,   // slugs of the tasks' @owners; kSelfOwner for @me, @Myself
    Links,        // the targets of the note's wikilinks
    LinkNames,    // the names a link may give the note: its file name, its title
    Frontmatter,  // the frontmatter key named as the filter: a field declared in the config
};

// A boolean filter (terms without weight: repeats OR together, different filters AND), or a
// date in a value slot.
struct FilterRow {
    std::string name;         // query name: "person" in person:andy
    std::string option;       // long option of the search CLI (--person); empty when none
    char short_option = 0;    // -p; 0 when none
    std::string prefix;       // term prefix; empty for rows kept in a value slot
    ValueRule rule = ValueRule::Keyword;
    ValueSource source = ValueSource::Type;
    // Date rows: the slot holding the date. Declared keyword rows: their values, one per
    // line, for facet counts.
    std::optional<Xapian::valueno> slot;
    std::string description;  // what the index holds, for docs/schema.md
    std::string help;         // the search option's --help line; empty when there is no option
    bool declared = false;    // from the config's fields:
};

// A frontmatter key the user declared in the config: fields: {status: keyword, due: date}.
struct DeclaredField {
    enum class Kind : std::uint8_t { Keyword, Date };
    std::string name;
    Kind kind = Kind::Keyword;
    friend bool operator==(const DeclaredField&, const DeclaredField&) = default;
};

// A declared field that cannot be a filter: a bad name, one taken, an unknown kind.
class SchemaError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "keyword" or "date"; throws SchemaError naming the kinds there are.
DeclaredField::Kind declared_kind(std::string_view name);
std::string_view kind_name(DeclaredField::Kind kind);

// The declared fields as the index metadata stores them (JSON), and back; throws SchemaError.
std::string declared_fields_json(const std::vector<DeclaredField>& fields);
std::vector<DeclaredField> declared_fields_from_json(std::string_view json);

// The filters of an index: the built-in rows, then one per declared field. A keyword field
// is a boolean filter (status:open, --field status=open) with its values in a slot for
// facets; a date field is a date in a slot (due:2025-10.., --field due=30d..).
class FieldTable {
public:
    // Throws SchemaError for a declared field that cannot be one.
    explicit FieldTable(const std::vector<DeclaredField>& declared = {});

    const std::vector<FilterRow>& filters() const { return filters_; }
    const FilterRow* find_filter(std::string_view name) const;
    const std::vector<DeclaredField>& declared() const { return declared_; }

private:
    std::vector<FilterRow> filters_;
    std::vector<DeclaredField> declared_;
};

const TextFieldRow* find_text_field(std::string_view name);

// A value as the user typed it, normalised by the filter's rule, or why it cannot be one.
struct FilterValue {
    std::string value;  // empty when error is set
    std::string error;  // "task: takes open or done, not 'maybe'"
};
// Keyword, Tag, Folder, Year, Month, Day and TaskState rows; Person and Date rows need the
// index and today's date, which the query side brings.
FilterValue normalize_filter_value(const FilterRow& filter, std::string_view typed, Analyzer& analyzer);

// The term values a note has for a filter (for Date rows: the YYYYMMDD slot value).
// Declared fields read the note's frontmatter property of their name.
std::vector<std::string> note_values(const FilterRow& filter, const Note& note, Analyzer& analyzer);

// The owner value of a task whose owner is the vault's owner (@me, @Myself): the query side
// maps `owner:me` and the config's `me:` name to it.
inline constexpr std::string_view kSelfOwner = ":self";

// "People/Andy Perlsteiner#Notes" -> "andy perlsteiner": the key by which a link target and a
// note's own names meet (Obsidian resolves a link by file name, case aside).
std::string link_name(std::string_view target, Analyzer& analyzer);

// Xapian terms are limited to 245 bytes: longer values keep a readable head and a hash.
std::string filter_term(const FilterRow& filter, std::string_view value);

}  // namespace schema
}  // namespace recall
