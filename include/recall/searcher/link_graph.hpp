// The wikilinks between notes, as the index holds them: each note's links (with lines) in
// its document data, a links term per target and a target term per name a link can give the
// note (schema rows links: and target:). Resolution is Obsidian's: by file name, case aside;
// recall also resolves a link written as a note's title.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "recall/searcher/search.hpp"

namespace recall {

struct LinkEnd {
    std::string from;    // vault path of the note holding the link
    int line = 0;
    std::string target;  // as written
    std::optional<std::string> to;  // vault path of the note it reaches; none when broken
};

// The vault path of a note, from what a user types: a vault path, or a file path (relative
// to the current folder or absolute) inside the vault. Throws QueryError when it is no note
// of the index.
std::string note_path_of(Searcher& searcher, const std::filesystem::path& vault, const std::string& typed);

// The links of a note, in order, resolved or not.
std::vector<LinkEnd> outgoing_links(Searcher& searcher, const std::string& vault_path);

// The links of other notes that reach the note, in path and line order.
std::vector<LinkEnd> backlinks(Searcher& searcher, const std::string& vault_path);

// Every link of the vault that reaches no note, in path and line order.
std::vector<LinkEnd> broken_links(Searcher& searcher);

}  // namespace recall
