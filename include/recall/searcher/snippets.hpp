// The passage of a note that best shows why it matched, cut to a window around the matched
// words, with those words marked. It is found with the same Analyzer the index was built
// with, so a phrase points at the line that holds the phrase, decision:pricing at the
// Decisions line, and 数据 inside 数据库 is marked where it is.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "recall/core/analyzer.hpp"
#include "recall/core/note.hpp"
#include "recall/searcher/match_plan.hpp"

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

// What the index recorded of a note file: while the file still has this size and
// modification time, or else these bytes, it is the one indexed.
struct IndexedNote {
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string hash;  // schema::content_hash of the bytes
};

// The note's text for its snippet: the passages the index stored, with their lines. Taken
// when the file is the one indexed: same size and modification time (checked on the open
// file, none of it read), or the same bytes once it was touched; and when the file is not on
// this machine (a remote index, a vault moved away). Nothing when the file is there but is
// not the one indexed (edited since, or swapped for another): its lines are no longer the
// index's, and what the index did not record is not shown. The file is opened below the
// vault without following links (see VaultRoot). Safe to call from several threads.
std::optional<Note> snippet_note(const std::filesystem::path& vault, const std::string& vault_path,
                                 std::vector<Passage> stored, const IndexedNote& indexed);

class SnippetMaker {
public:
    explicit SnippetMaker(Analyzer& analyzer) : analyzer_(analyzer) {}

    // The passage matching the most of the plan's groups wins (a summary or key fact breaks
    // ties, then the earliest); without a match (a filter-only listing, a title match), the
    // summary or the first paragraph. Without a note: file_found is false. A passage longer
    // than 16 KB is scored in pieces cut at line breaks, each as a passage of its own, by the
    // groups its best window holds (words far apart in it do not meet). Passages
    // and pieces are analysed in order only until none of the rest could win: in a big note, a
    // query whose words meet in one piece costs what reaching that piece costs.
    Snippet make(const std::optional<Note>& note, const MatchPlan& plan);

private:
    Analyzer& analyzer_;
};

// Drops the highlight marks.
std::string without_highlights(const std::string& text);

// The 1-based byte column, on the snippet's line of the file, of the snippet's first
// highlighted word (for `path:line:column:` output); 1 when it is not found as written.
int match_column(const std::filesystem::path& vault, const std::string& vault_path, const Snippet& snippet);

}  // namespace recall
