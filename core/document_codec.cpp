#include "recall/core/document_codec.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace recall {
namespace {

// The note's passages as [section, line, text]: what a snippet is cut from when the note's
// file is not on the searching machine (a remote index). See docs/scaling.md for the cost.
nlohmann::json stored_passages(const Note& note) {
    nlohmann::json passages = nlohmann::json::array();
    for (const auto& p : note.passages) passages.push_back({static_cast<int>(p.section), p.line, p.text});
    return passages;
}

std::optional<Passage> passage_of(const nlohmann::json& item) {
    if (!item.is_array() || item.size() != 3 || !item[0].is_number_integer() || !item[1].is_number_integer() ||
        !item[2].is_string())
        return std::nullopt;
    const int section = item[0].get<int>();
    if (section < static_cast<int>(SectionKind::Title) || section > static_cast<int>(SectionKind::Body)) return std::nullopt;
    return Passage{static_cast<SectionKind>(section), item[1].get<int>(), item[2].get<std::string>()};
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
    data["passages"] = stored_passages(note);
    return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
    if (auto passages = json.find("passages"); passages != json.end() && passages->is_array())
        for (const auto& item : *passages)
            if (auto passage = passage_of(item)) note.passages.push_back(std::move(*passage));
    return note;
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

}  // namespace recall
