#include "recall/core/task_line.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cctype>
#include <optional>

#include "recall/core/frontmatter.hpp"
#include "recall/core/text_util.hpp"

namespace recall {
namespace {

enum class Marker { None, Due, Scheduled, Start, Done, Created, Priority, Recurrence };

struct MarkerInfo {
    Marker kind;
    TaskPriority priority;
};

MarkerInfo marker_for(UChar32 cp) {
    switch (cp) {
        case 0x1F4C5: return {Marker::Due, TaskPriority::None};        // 📅
        case 0x1F4C6: return {Marker::Due, TaskPriority::None};        // 📆
        case 0x23F3: return {Marker::Scheduled, TaskPriority::None};   // ⏳
        case 0x231B: return {Marker::Scheduled, TaskPriority::None};   // ⌛
        case 0x1F6EB: return {Marker::Start, TaskPriority::None};      // 🛫
        case 0x2705: return {Marker::Done, TaskPriority::None};        // ✅
        case 0x2795: return {Marker::Created, TaskPriority::None};     // ➕
        case 0x1F53A: return {Marker::Priority, TaskPriority::Highest};  // 🔺
        case 0x23EB: return {Marker::Priority, TaskPriority::High};      // ⏫
        case 0x1F53C: return {Marker::Priority, TaskPriority::Medium};   // 🔼
        case 0x1F53D: return {Marker::Priority, TaskPriority::Low};      // 🔽
        case 0x23EC: return {Marker::Priority, TaskPriority::Lowest};    // ⏬
        case 0x1F501: return {Marker::Recurrence, TaskPriority::None};   // 🔁
        default: return {Marker::None, TaskPriority::None};
    }
}

void set_date(Task& task, Marker kind, std::optional<Date> date) {
    switch (kind) {
        case Marker::Due: task.due = date; break;
        case Marker::Scheduled: task.scheduled = date; break;
        case Marker::Start: task.start = date; break;
        case Marker::Done: task.done_on = date; break;
        case Marker::Created: task.created = date; break;
        default: break;
    }
}

// Dataview's inline fields on a task: [due:: 2025-10-30], (priority:: high). Returns the
// length of the field at text[i] when it is one recall reads, 0 otherwise.
size_t read_dataview_field(std::string_view text, size_t i, Task& task) {
    const char close = text[i] == '[' ? ']' : ')';
    const size_t end = text.find(close, i);
    const size_t colons = text.find("::", i);
    if (end == std::string_view::npos || colons == std::string_view::npos || colons > end) return 0;
    std::string key;
    for (char c : trim(text.substr(i + 1, colons - i - 1))) key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    const std::string_view value = trim(text.substr(colons + 2, end - colons - 2));
    static constexpr std::pair<std::string_view, Marker> kDateKeys[]{
        {"due", Marker::Due}, {"scheduled", Marker::Scheduled}, {"start", Marker::Start},
        {"completion", Marker::Done}, {"done", Marker::Done}, {"created", Marker::Created}};
    for (auto [name, kind] : kDateKeys)
        if (key == name) {
            if (auto date = parse_date(value)) set_date(task, kind, date);
            return end - i + 1;
        }
    if (key == "priority") {
        static constexpr std::pair<std::string_view, TaskPriority> kLevels[]{
            {"highest", TaskPriority::Highest}, {"high", TaskPriority::High}, {"medium", TaskPriority::Medium},
            {"low", TaskPriority::Low}, {"lowest", TaskPriority::Lowest}};
        for (auto [name, level] : kLevels)
            if (lower_ascii(value) == name) task.priority = level;
        return end - i + 1;
    }
    if (key == "repeat" || key == "recurrence") {
        task.recurrence = std::string(value);
        return end - i + 1;
    }
    return 0;
}

bool is_owner_char(UChar32 cp) { return u_isalnum(cp) || cp == '_' || cp == '-' || cp == '.'; }

void collapse_spaces(std::string& s) {
    std::string out;
    for (char ch : s) {
        const bool space = std::isspace(static_cast<unsigned char>(ch));
        if (space && (out.empty() || out.back() == ' ')) continue;
        out.push_back(space ? ' ' : ch);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    s = std::move(out);
}

}  // namespace

Task parse_task_text(std::string_view text) {
    Task task;
    const auto* data = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    std::string kept;
    int32_t i = 0;
    auto skip_spaces = [&] {
        while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n')) ++i;
    };
    while (i < n) {
        const int32_t start = i;
        UChar32 cp;
        U8_NEXT(data, i, n, cp);
        const MarkerInfo marker = marker_for(cp);
        if (marker.kind == Marker::Priority) {
            task.priority = marker.priority;
            if (i < n && text.substr(static_cast<size_t>(i)).starts_with("\xEF\xB8\x8F")) i += 3;  // U+FE0F
            continue;
        }
        if (marker.kind == Marker::Recurrence) {  // "🔁 every week" runs to the next marker or tag
            int32_t end = i;
            while (end < n) {
                int32_t next = end;
                UChar32 c;
                U8_NEXT(data, next, n, c);
                if (marker_for(c).kind != Marker::None || ((c == '#' || c == '[') && std::isspace(data[end - 1]))) break;
                end = next;
            }
            task.recurrence = std::string(trim(text.substr(static_cast<size_t>(i), static_cast<size_t>(end - i))));
            i = end;
            continue;
        }
        if (marker.kind != Marker::None) {
            if (i < n && text.substr(static_cast<size_t>(i)).starts_with("\xEF\xB8\x8F")) i += 3;
            skip_spaces();
            int32_t end = i;
            while (end < n && !std::isspace(data[end])) ++end;
            auto date = parse_date(text.substr(static_cast<size_t>(i), static_cast<size_t>(end - i)));
            if (date) {
                i = end;
                set_date(task, marker.kind, date);
            }
            continue;
        }
        if (cp == '[' || cp == '(') {
            if (const size_t length = read_dataview_field(text, static_cast<size_t>(start), task)) {
                i = start + static_cast<int32_t>(length);
                continue;
            }
        }
        const bool at_word_start = start == 0 || std::isspace(data[start - 1]) || data[start - 1] == '(';
        if ((cp == '@' || cp == '#') && at_word_start) {
            int32_t end = i;
            while (end < n) {
                int32_t next = end;
                UChar32 c;
                U8_NEXT(data, next, n, c);
                if (c < 0 || !(is_owner_char(c) || (cp == '#' && c == '/'))) break;
                end = next;
            }
            while (end > i && data[end - 1] == '.') --end;  // "@Andy." ends a sentence
            if (end > i) {
                if (cp == '@' && task.owner.empty()) {
                    task.owner.assign(text.substr(static_cast<size_t>(i), static_cast<size_t>(end - i)));
                    i = end;
                    continue;
                }
                const auto word = text.substr(static_cast<size_t>(i), static_cast<size_t>(end - i));
                const bool all_digits = word.find_first_not_of("0123456789") == std::string_view::npos;
                if (cp == '#' && !all_digits) {  // tags such as #task are markup of the task, not its words
                    task.tags.push_back(normalize_tag(word));
                    i = end;
                    continue;
                }
            }
        }
        kept.append(text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
    collapse_spaces(kept);
    task.text = std::move(kept);
    return task;
}

}  // namespace recall
