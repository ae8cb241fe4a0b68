// From a note file to a Note: the one entry point the indexer uses.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recall/core/note.hpp"
#include "recall/core/vault_root.hpp"

namespace recall {

struct ParseOptions {
    std::uintmax_t max_file_bytes = 16u << 20;  // larger files are skipped with a warning
};

// How much of a note to work out. Text is enough to show a snippet: the passages and
// their lines, without the people and tasks.
enum class ParseScope { Full, Text };

// Parses a note from its bytes. Never fails: damage becomes warnings on the note.
// declared_keys: the frontmatter keys of the config's fields, read as written.
Note parse_note(std::string_view bytes, std::string_view vault_path, ParseScope scope = ParseScope::Full,
                const std::vector<std::string>& declared_keys = {});

struct ReadResult {
    std::optional<Note> note;        // empty when the file was skipped
    std::vector<Warning> warnings;   // why it was skipped, or the note's own warnings
};

// The bytes of one note file, or why they were not read.
struct NoteBytes {
    std::optional<std::string> bytes;  // empty when the file was not read
    std::string error;                 // why not: "skipped: binary content, not a text note"
    // A failure of the moment (permissions, an I/O error, the file gone or swapped for a
    // link): unlike binary or oversized content it may go away, so try again later.
    bool transient = false;
    int error_number = 0;              // errno of a transient failure
    std::uintmax_t size = 0;           // the file as it was opened
    std::int64_t mtime_ns = 0;
};

// Reads the note at relative below the vault root, opened without following links, if it
// is a regular file of at most max_bytes. reject_binary: check the content too (the indexer
// does; the searcher re-reads notes it indexed and need not).
NoteBytes read_note_bytes(const VaultRoot& root, std::string_view relative, std::uintmax_t max_bytes,
                          bool reject_binary = true);

// Reads (not through a link) and parses one file. Unreadable, binary and oversized files
// are skipped with a warning naming the file; everything else yields a note.
ReadResult read_note_file(const std::filesystem::path& file, std::string_view vault_path,
                          const ParseOptions& options = {});

}  // namespace recall
