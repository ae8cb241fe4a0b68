// Making note text safe to print: notes come from transcripts, pastes and sync tools, and
// may hold escape sequences that would drive the terminal that shows them.
#pragma once

#include <string>
#include <string_view>

namespace recall {

// Control characters become visible (ESC -> "^[", C1 and bidi overrides -> "<U+202E>"),
// invalid UTF-8 bytes become "\xNN"; tabs and newlines become spaces when flatten is set.
std::string neutralize_controls(std::string_view text, bool flatten = true);

// C1 controls (U+0080..U+009F) and the bidirectional marks and overrides (U+202E ...):
// invisible, and able to change what a terminal shows or how text reads.
bool is_c1_or_bidi_control(char32_t cp);

}  // namespace recall
