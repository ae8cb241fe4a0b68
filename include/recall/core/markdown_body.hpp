// The Markdown structure of a note body, read with md4c.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "recall/core/note.hpp"

namespace recall {

struct TaskItem {
    int line = 0;
    bool done = false;
    std::string text;  // the item's text, metadata still in it
};

struct WikiLink {
    SectionKind section;
    std::string target;  // as written, without alias: "People/Andy Perlsteiner"
    int line = 0;
    bool credit = false;  // on a line that credits people: "Designed by: [[kepano]]", "Authors: ..."
};

struct MarkdownBody {
    std::string h1;                   // the first level-1 heading
    std::vector<Passage> passages;    // every leaf block, in order, with its section
    std::vector<TaskItem> tasks;      // "- [ ]" and "- [x]" items anywhere; limits::kTasks + 1 at most
    std::vector<WikiLink> links;
    std::vector<std::string> link_targets;  // shown text of the targets of links that show other text
    std::vector<std::string> inline_tags;  // "#tag" in running text, normalized, distinct; limits::kTags + 1 at most
    std::string header_date, header_with;  // "**Date**: ..." and "**With**: ..." before any section
};

// first_line is the file line on which body starts (after frontmatter).
MarkdownBody parse_markdown_body(std::string_view body, int first_line);

// "Key Information", "## 📝 Summary", "Next steps" -> the section kind; Body when unknown.
SectionKind section_from_heading(std::string_view heading);

}  // namespace recall
