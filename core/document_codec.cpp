#include "recall/core/document_codec.hpp"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstdint>

namespace recall {
namespace {

// The passages, each as its section, its heading level plus 8 for a code block, its line and
// its text's length (varints), then the text; all of it deflated after its length (a varint).
// Not JSON: a 1.7 MB transcript's passages parse as JSON in tens of milliseconds, these read
// at the speed of a copy. Not in the document data: every listing reads that, and Xapian
// inflates the whole of it, a transcript's megabytes too, where only snippets need them.
void put_varint(std::string& out, std::uint64_t v) {
    for (; v >= 0x80; v >>= 7) out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    out.push_back(static_cast<char>(v));
}

bool get_varint(std::string_view data, size_t& at, std::uint64_t& v) {
    v = 0;
    for (int shift = 0; at < data.size() && shift < 64; shift += 7) {
        const auto byte = static_cast<unsigned char>(data[at++]);
        v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if (!(byte & 0x80)) return true;
    }
    return false;
}

constexpr int kCodeFlag = 8;
constexpr std::uint64_t kMaxPassageBytes = 1u << 30;  // more is damage, not a note

// What a snippet is cut from while the note's file is the one indexed, and when it is not on
// the searching machine (a remote index). See docs/scaling.md for the cost. The H1 that
// became the title is left out: a snippet never shows it.
std::string passage_records(const Note& note) {
    std::string out;
    for (const auto& p : note.passages) {
        if (p.section == SectionKind::Title) continue;
        out.push_back(static_cast<char>(p.section));
        out.push_back(static_cast<char>(p.heading + (p.code ? kCodeFlag : 0)));
        put_varint(out, static_cast<std::uint64_t>(std::max(p.line, 0)));
        put_varint(out, p.text.size());
        out.append(p.text);
    }
    return out;
}

}  // namespace

std::string encode_document_data(const Note& note, const schema::FieldTable& fields) {
    nlohmann::json people = nlohmann::json::array();
    for (const auto& p : note.people) people.push_back({{"name", p.name}, {"slug", p.slug}});
    nlohmann::json data{{"path", note.path},
                        {"title", note.title},
                        {"date", note.date ? note.date->iso() : ""},
                        {"type", note.type},
                        {"people", people},
                        {"tags", note.tags}};
    nlohmann::json declared = nlohmann::json::object();
    for (const auto& row : fields.filters()) {
        if (!row.declared) continue;
        for (const auto& p : note.properties) {
            if (p.key != row.name || p.values.empty()) continue;
            nlohmann::json values = nlohmann::json::array();
            for (const auto& v : p.values) {
                if (row.rule != schema::ValueRule::Date) values.push_back(v);
                else if (auto date = parse_date(v)) values.push_back(date->iso());
            }
            if (!values.empty()) declared[row.name] = values;
        }
    }
    if (!declared.empty()) data["fields"] = declared;
    if (!note.links.empty()) {
        nlohmann::json links = nlohmann::json::array();
        for (const auto& l : note.links) links.push_back({l.target, l.line});
        data["links"] = std::move(links);
    }
    return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string encode_passages(const Note& note) {
    const std::string records = passage_records(note);
    if (records.empty()) return {};
    std::string out;
    put_varint(out, records.size());
    const size_t head = out.size();
    uLongf size = compressBound(records.size());
    out.resize(head + size);
    if (compress2(reinterpret_cast<Bytef*>(out.data() + head), &size, reinterpret_cast<const Bytef*>(records.data()),
                  records.size(), Z_DEFAULT_COMPRESSION) != Z_OK)
        return {};  // out of memory: the note's snippets will be its title's
    out.resize(head + size);
    return out;
}

StoredNote decode_document_data(std::string_view data, std::string_view fallback_path) {
    StoredNote note;
    const auto json = nlohmann::json::parse(data, nullptr, false);
    if (!json.is_object()) {
        note.path = note.title = std::string(fallback_path);
        return note;
    }
    auto text = [](const nlohmann::json& object, const char* key) {
        auto it = object.find(key);
        return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    note.path = text(json, "path");
    if (note.path.empty()) note.path = std::string(fallback_path);
    note.title = text(json, "title");
    note.date = text(json, "date");
    note.type = text(json, "type");
    if (auto people = json.find("people"); people != json.end() && people->is_array())
        for (const auto& p : *people)
            if (p.is_object()) note.people.push_back({text(p, "name"), text(p, "slug")});
    if (auto tags = json.find("tags"); tags != json.end() && tags->is_array())
        for (const auto& t : *tags)
            if (t.is_string()) note.tags.push_back(t.get<std::string>());
    if (auto fields = json.find("fields"); fields != json.end() && fields->is_object())
        for (const auto& [name, values] : fields->items()) {
            std::vector<std::string> strings;
            if (values.is_array())
                for (const auto& v : values)
                    if (v.is_string()) strings.push_back(v.get<std::string>());
            note.fields.emplace_back(name, std::move(strings));
        }
    if (auto links = json.find("links"); links != json.end() && links->is_array())
        for (const auto& l : *links)
            if (l.is_array() && l.size() == 2 && l[0].is_string() && l[1].is_number_integer())
                note.links.push_back({l[0].get<std::string>(), l[1].get<int>()});
    return note;
}

std::string encode_tasks(const Note& note) {
    if (note.tasks.empty()) return {};
    nlohmann::json tasks = nlohmann::json::array();
    for (const auto& t : note.tasks) {
        nlohmann::json task{{"line", t.line}, {"text", t.text}, {"done", t.done}};
        auto put = [&](const char* key, const std::string& value) {
            if (!value.empty()) task[key] = value;
        };
        auto put_date = [&](const char* key, const std::optional<Date>& date) {
            if (date) task[key] = date->iso();
        };
        put("owner", t.owner);
        put_date("due", t.due);
        put_date("scheduled", t.scheduled);
        put_date("start", t.start);
        put_date("done_on", t.done_on);
        put_date("created", t.created);
        put("priority", std::string(task_priority_name(t.priority)));
        put("recurrence", t.recurrence);
        if (!t.tags.empty()) task["tags"] = t.tags;
        tasks.push_back(std::move(task));
    }
    return tasks.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<StoredTask> decode_tasks(std::string_view slot) {
    std::vector<StoredTask> out;
    const auto json = nlohmann::json::parse(slot, nullptr, false);
    if (!json.is_array()) return out;
    auto text = [](const nlohmann::json& object, const char* key) {
        auto it = object.find(key);
        return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    for (const auto& t : json) {
        if (!t.is_object()) continue;
        StoredTask task;
        task.line = t.value("line", 0);
        task.text = text(t, "text");
        task.done = t.value("done", false);
        task.owner = text(t, "owner");
        task.due = text(t, "due");
        task.scheduled = text(t, "scheduled");
        task.start = text(t, "start");
        task.done_on = text(t, "done_on");
        task.created = text(t, "created");
        task.priority = text(t, "priority");
        task.recurrence = text(t, "recurrence");
        if (auto tags = t.find("tags"); tags != t.end() && tags->is_array())
            for (const auto& tag : *tags)
                if (tag.is_string()) task.tags.push_back(tag.get<std::string>());
        out.push_back(std::move(task));
    }
    return out;
}

std::vector<Passage> decode_passages(std::string_view slot) {
    std::vector<Passage> passages;
    size_t at = 0;
    std::uint64_t records_size = 0;
    if (!get_varint(slot, at, records_size) || records_size > kMaxPassageBytes) return passages;
    std::string data(records_size, '\0');
    uLongf inflated = records_size;
    if (uncompress(reinterpret_cast<Bytef*>(data.data()), &inflated, reinterpret_cast<const Bytef*>(slot.data() + at),
                   slot.size() - at) != Z_OK)
        return passages;
    data.resize(inflated);
    for (at = 0; at + 2 <= data.size();) {
        const auto section = static_cast<unsigned char>(data[at]), kind = static_cast<unsigned char>(data[at + 1]);
        at += 2;
        std::uint64_t line = 0, size = 0;
        // Damage ends the list: what follows it cannot be trusted.
        if (section > static_cast<unsigned>(SectionKind::Body) || (kind & ~kCodeFlag) > 6 || !get_varint(data, at, line) ||
            line > INT_MAX || !get_varint(data, at, size) || size > data.size() - at)
            break;
        passages.push_back({static_cast<SectionKind>(section), static_cast<int>(line), data.substr(at, size),
                            kind & ~kCodeFlag, (kind & kCodeFlag) != 0});
        at += size;
    }
    return passages;
}

std::string join_values(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out.push_back('\n');
        for (char c : v) out.push_back(c == '\n' ? ' ' : c);
    }
    return out;
}

std::vector<std::string> split_values(std::string_view slot) {
    std::vector<std::string> values;
    size_t start = 0;
    while (start < slot.size()) {
        size_t end = slot.find('\n', start);
        if (end == std::string_view::npos) end = slot.size();
        if (end > start) values.emplace_back(slot.substr(start, end - start));
        start = end + 1;
    }
    return values;
}

std::string people_slot(const Note& note) {
    std::vector<std::string> slugs;
    for (const auto& p : note.people) slugs.push_back(p.slug);
    return join_values(slugs);
}

std::string_view task_priority_name(TaskPriority priority) {
    switch (priority) {
        case TaskPriority::Highest: return "highest";
        case TaskPriority::High: return "high";
        case TaskPriority::Medium: return "medium";
        case TaskPriority::Low: return "low";
        case TaskPriority::Lowest: return "lowest";
        case TaskPriority::None: break;
    }
    return {};
}

int task_priority_rank(std::string_view name) {
    if (name == "highest") return 5;
    if (name == "high") return 4;
    if (name == "medium") return 3;
    if (name == "low") return 1;
    if (name == "lowest") return 0;
    return 2;
}

std::string task_due_slot(const Note& note, bool done) {
    std::string earliest;
    bool any = false;
    for (const auto& t : note.tasks) {
        if (t.done != done) continue;
        any = true;
        if (t.due && (earliest.empty() || t.due->yyyymmdd() < earliest)) earliest = t.due->yyyymmdd();
    }
    if (!any) return {};
    return earliest.empty() ? std::string(kNoDueDate) : earliest;
}

std::string task_last_due_slot(const Note& note, bool done) {
    std::string latest;
    for (const auto& t : note.tasks)
        if (t.done == done && t.due && t.due->yyyymmdd() > latest) latest = t.due->yyyymmdd();
    return latest;
}

std::string task_priority_slot(const Note& note, bool done) {
    std::string best;
    for (const auto& t : note.tasks) {
        if (t.done != done) continue;
        const std::string key = task_priority_key(task_priority_rank(task_priority_name(t.priority)),
                                                  t.due ? t.due->yyyymmdd() : std::string());
        if (best.empty() || key < best) best = key;
    }
    return best;
}

std::string task_priority_key(int rank, std::string_view due) {
    std::string key = std::to_string(5 - rank);
    for (char c : due.empty() ? kNoDueDate : due)
        if (c != '-') key.push_back(c);
    return key;
}

}  // namespace recall
