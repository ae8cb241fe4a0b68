// How much of one note recall reads. Real notes stay far below these bounds; a runaway
// export or a hostile file (a YAML alias bomb, 100,000 tags) is cut at them, with one
// warning naming the note, so that no note can cost minutes or gigabytes.
#pragma once

#include <cstddef>

namespace recall::limits {

// Scalars read from the frontmatter, counting every expansion of a YAML alias.
inline constexpr size_t kYamlValues = 10'000;
// Frontmatter larger than this is read line by line instead of by yaml-cpp, whose nodes
// cost a few hundred bytes each.
inline constexpr size_t kYamlBytes = 1u << 20;
inline constexpr size_t kTags = 1'000;
inline constexpr size_t kPeople = 1'000;
inline constexpr size_t kTasks = 10'000;
inline constexpr size_t kLinks = 10'000;
// Lines of a note that are indexed; the rest of a longer file is ignored.
inline constexpr size_t kLines = 250'000;
// Warnings reported per note; the rest are counted in one more.
inline constexpr size_t kWarnings = 20;

}  // namespace recall::limits
