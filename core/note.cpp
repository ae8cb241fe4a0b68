#include "recall/core/note.hpp"

#include <algorithm>

namespace recall {

std::string Warning::to_string() const {
    std::string out = path;
    if (line > 0) out.append(":").append(std::to_string(line));
    out.append(": ").append(message);
    return out;
}

std::string Note::section_text(SectionKind kind) const {
    std::string out;
    for (const auto& p : passages) {
        if (p.section != kind) continue;
        if (!out.empty()) out.push_back('\n');
        out += p.text;
    }
    return out;
}

bool Note::has_open_tasks() const {
    return std::any_of(tasks.begin(), tasks.end(), [](const Task& t) { return !t.done; });
}

}  // namespace recall
