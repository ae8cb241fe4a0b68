// The metadata of an Obsidian Tasks line: owner, dates, priority.
#pragma once

#include <string_view>

#include "recall/core/note.hpp"

namespace recall {

// Splits "Send the deck @Andy 📅 2025-10-30 🔺 #task" into its text ("Send the deck"),
// owner, dates (📅 due, ⏳ scheduled, 🛫 start, ✅ done) and priority (🔺 ⏫ 🔼 🔽 ⏬).
// done and line are left for the caller.
Task parse_task_text(std::string_view text);

}  // namespace recall
