// The passage of a note that best matches a query, and where it is.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "recall/note.hpp"

namespace recall {

// Marks around matched words in Snippet::text, replaced by colours or nothing on output.
// They cannot occur in a snippet otherwise: control characters are removed first.
inline constexpr char kHighlightStart = '\x01';
inline constexpr char kHighlightEnd = '\x02';

struct Snippet {
    int line = 1;        // 1-based line of the passage in the file, for `$EDITOR +LINE path`
    std::string text;    // plain text with highlight marks; empty when the file is unreadable
    bool file_found = true;  // false when the note file is gone or no longer the one indexed
};

// What the index recorded of a note file. The searcher reads a note again for its snippet
// only if the file still matches this: a file changed since the last run, or one swapped
// for another, is not shown.
struct IndexedNote {
    std::uintmax_t size = 0;
    std::string hash;  // schema::content_hash of the bytes
};

// The note file as it was indexed, its text parsed (no people, no YAML): what snippets are
// cut from. Opened below the vault without following links (see VaultRoot). Nothing when
// the file is gone, unreadable, a link, or not the file that was indexed. Safe to call
// from several threads.
std::optional<Note> load_note_text(const std::filesystem::path& vault, const std::string& vault_path,
                                   const IndexedNote& indexed);

// The passage of the note with the most matched words; without a match (a filter-only
// listing, a title match) the summary or the first paragraph.
// words: query_words() of the query that produced mset; note: load_note_text() of the hit.
Snippet best_snippet(const Xapian::MSet& mset, const std::vector<std::string>& words, const Xapian::Stem& stemmer,
                     const std::optional<Note>& note);

// The words and stems of a query's free-text terms, without prefixes ("ZXSUMmigrat" ->
// "migrat"); used to find candidate passages cheaply.
std::vector<std::string> query_words(const Xapian::Query& query);

// Drops the highlight marks.
std::string without_highlights(const std::string& text);

// The 1-based byte column, on the snippet's line of the file, of the snippet's first
// highlighted word (for `path:line:column:` output); 1 when it is not found as written.
int match_column(const std::filesystem::path& vault, const std::string& vault_path, const Snippet& snippet);

}  // namespace recall
