// From a note file to a Note: the one entry point the indexer uses.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recall/note.hpp"

namespace recall {

struct ParseOptions {
    std::uintmax_t max_file_bytes = 16u << 20;  // larger files are skipped with a warning
};

// How much of a note to work out. Text is enough to show a snippet: the passages and
// their lines, without the people and tasks.
enum class ParseScope { Full, Text };

// Parses a note from its bytes. Never fails: damage becomes warnings on the note.
Note parse_note(std::string_view bytes, std::string_view vault_path, ParseScope scope = ParseScope::Full);

struct ReadResult {
    std::optional<Note> note;        // empty when the file was skipped
    std::vector<Warning> warnings;   // why it was skipped, or the note's own warnings
};

// Reads a whole file of at most max_bytes. On failure returns nothing and sets error to a
// message such as "skipped: binary content, not a text note".
// reject_binary: check the content too (the indexer does; the searcher re-reads notes it
// indexed and need not).
std::optional<std::string> read_note_bytes(const std::filesystem::path& file, std::uintmax_t max_bytes,
                                           std::string& error, bool reject_binary = true);

// Reads and parses one file. Unreadable, binary and oversized files are skipped with a
// warning naming the file; everything else yields a note.
ReadResult read_note_file(const std::filesystem::path& file, std::string_view vault_path,
                          const ParseOptions& options = {});

}  // namespace recall
