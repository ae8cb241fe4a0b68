// Obsidian's own syntax on top of Markdown, read as Obsidian reads it, so that neither the
// index nor a snippet sees markup: %% comments %%, embeds (![[note#heading]],
// ![[image.png|300]]), callout markers (> [!note]- Title), block ids (^id), pandoc fenced
// divs (::: {.column}), and wikilinks shown as their text.
#pragma once

#include <string>
#include <string_view>

namespace recall {

// The body with what Obsidian never shows blanked out byte for byte (lines and offsets stay
// where they were): comments, embedded files that are not notes, fenced-div lines; a note
// embed becomes a link. Code (fenced blocks and `spans`) is left as written.
std::string blank_obsidian_markup(std::string_view body);

// A passage's text without a leading callout marker, block ids at line ends, and wikilinks
// md4c left as written (targets over its length limit) replaced by their shown text.
void strip_passage_markup(std::string& text);

// How Obsidian shows a wikilink without text of its own: "Note#Heading" -> "Note > Heading",
// "Note#^block" -> "Note", "#Heading" -> "Heading", "Folder/Note" -> "Note".
std::string wikilink_shown_text(std::string_view target);

}  // namespace recall
