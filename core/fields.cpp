#include "recall/core/fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "recall/core/analyzer.hpp"
#include "recall/core/frontmatter.hpp"
#include "recall/core/people.hpp"
#include "recall/core/text_util.hpp"

namespace recall::schema {
namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

std::string digits_of(std::string_view s) {
    std::string out;
    for (char c : s)
        if (std::isdigit(static_cast<unsigned char>(c))) out.push_back(c);
    return out;
}

// "/Customers//Acme/" -> "customers/acme".
std::string folder_value(std::string_view typed, Analyzer& analyzer) {
    std::string out;
    for (char c : analyzer.normalize_value(typed)) {
        if (c == '/' && (out.empty() || out.back() == '/')) continue;
        out.push_back(c);
    }
    while (!out.empty() && out.back() == '/') out.pop_back();
    return out;
}

// "type/people/lead" -> "type/people/lead", "type/people", "type".
void add_levels(std::string value, std::vector<std::string>& out) {
    while (!value.empty()) {
        out.push_back(value);
        const auto slash = value.rfind('/');
        if (slash == std::string::npos) break;
        value.resize(slash);
    }
}

const Passage* passage_at_line(const Note& note, int line) {
    auto it = std::lower_bound(note.passages.begin(), note.passages.end(), line,
                               [](const Passage& p, int l) { return p.line < l; });
    return it != note.passages.end() && it->line == line ? &*it : nullptr;
}

bool is_task_line(const Note& note, int line) {
    auto it = std::lower_bound(note.tasks.begin(), note.tasks.end(), line, [](const Task& t, int l) { return t.line < l; });
    return it != note.tasks.end() && it->line == line;
}

// "Meetings/2025-10-30 Sync.md" -> "2025-10-30 Sync".
std::string file_name(std::string_view path) {
    if (const auto slash = path.rfind('/'); slash != std::string_view::npos) path.remove_prefix(slash + 1);
    if (path.ends_with(".md")) path.remove_suffix(3);
    return std::string(path);
}

const std::vector<std::string>& property_values(const Note& note, std::string_view key) {
    static const std::vector<std::string> none;
    for (const auto& p : note.properties)
        if (p.key == key) return p.values;
    return none;
}

}  // namespace

void for_each_text(const TextFieldRow& field, const Note& note,
                   const std::function<void(std::string_view, const Passage*)>& emit) {
    auto section = [&](SectionKind kind) {
        for (const auto& p : note.passages)
            if (p.section == kind) emit(p.text, &p);
    };
    switch (field.source) {
        case TextSource::Title:
            if (!note.title.empty()) emit(note.title, nullptr);
            break;
        case TextSource::Summary: section(SectionKind::Summary); break;
        case TextSource::KeyInformation: section(SectionKind::KeyInformation); break;
        case TextSource::Decisions: section(SectionKind::Decisions); break;
        case TextSource::ActionItems:
            for (const auto& task : note.tasks) emit(task.text, passage_at_line(note, task.line));
            for (const auto& p : note.passages)
                if (p.section == SectionKind::ActionItems && !is_task_line(note, p.line)) emit(p.text, &p);
            break;
        case TextSource::TagWords:
            for (const auto& tag : note.tags) emit(tag, nullptr);
            break;
        case TextSource::PeopleNames:
            for (const auto& person : note.people) emit(person.name, nullptr);
            break;
        case TextSource::Aliases:
            for (const auto& v : property_values(note, "aliases")) emit(v, nullptr);
            for (const auto& v : property_values(note, "alias")) emit(v, nullptr);
            break;
        case TextSource::Description:
            for (const auto& v : property_values(note, "description")) emit(v, nullptr);
            break;
        case TextSource::FileName:
            if (const std::string name = file_name(note.path); name != note.title) emit(name, nullptr);
            break;
        case TextSource::LinkTargets:
            for (const auto& target : note.link_targets) emit(target, nullptr);
            break;
        case TextSource::Headings:
        case TextSource::OtherPassages:
            for (const auto& p : note.passages)
                if (p.section == SectionKind::Related || p.section == SectionKind::Body ||
                    (p.section == SectionKind::Title && p.text != note.title)) {
                    const bool heading = p.heading >= 1 && p.heading <= 3;
                    if (heading == (field.source == TextSource::Headings)) emit(p.text, &p);
                }
            break;
    }
}

const TextFieldRow* find_text_field(std::string_view name) {
    for (const auto& f : kTextFieldRows)
        if (!f.name.empty() && f.name == name) return &f;
    return nullptr;
}

FieldTable::FieldTable(const std::vector<DeclaredField>& declared)
    : filters_{
          {"person", "person", 'p', "XP", ValueRule::Person, ValueSource::People, {},
           "slug of each person of the note: andy-perlsteiner",
           "Only notes with this person: full name, slug or first name (repeatable: any of them)"},
          {"tag", "tag", 't', "K", ValueRule::Tag, ValueSource::Tags, {}, "each level of each tag: type/people and type",
           "Only notes with this tag; type matches type/people too (repeatable)"},
          {"type", "type", 0, "XT", ValueRule::Keyword, ValueSource::Type, {}, "frontmatter type: people, 1on1",
           "Only notes of this type: people, 1on1, customer ... (repeatable)"},
          {"folder", "folder", 0, "XF", ValueRule::Folder, ValueSource::Path, {},
           "each enclosing folder: meetings, meetings/2025", "Only notes under this vault folder (repeatable)"},
          {"year", "", 0, "Y", ValueRule::Year, ValueSource::NoteDate, {}, "year of the note's date: 2025", ""},
          {"month", "", 0, "XM", ValueRule::Month, ValueSource::NoteDate, {}, "year and month: 202510", ""},
          {"day", "", 0, "D", ValueRule::Day, ValueSource::NoteDate, {}, "full date: 20251030", ""},
          {"task", "", 0, "XTASK", ValueRule::TaskState, ValueSource::Tasks, {},
           "open when the note has open tasks, done when it has done ones", ""},
          {"owner", "", 0, "XTO", ValueRule::Person, ValueSource::TaskOwners, {},
           "slug of each task's @owner: andy-perlsteiner; :self for @me and @Myself", ""},
          {"links", "", 0, "XL", ValueRule::LinkName, ValueSource::Links, {},
           "each wikilink target as a note name: [[People/Andy Perlsteiner]] -> andy perlsteiner", ""},
          {"target", "", 0, "XN", ValueRule::LinkName, ValueSource::LinkNames, {},
           "the names a link reaches the note by: its file name and its title", ""},
          {"date", "", 0, "", ValueRule::Date, ValueSource::NoteDate, kSlotDate,
           "the note's date, for ranges: date:2025-10, date:30d.., --since, --until", ""},
      },
      declared_(declared) {
    for (size_t i = 0; i < declared.size(); ++i) {
        const DeclaredField& field = declared[i];
        const bool name_ok = !field.name.empty() && field.name.size() <= 32 && std::islower(static_cast<unsigned char>(field.name[0])) &&
                             std::all_of(field.name.begin(), field.name.end(), [](char c) {
                                 return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
                             });
        if (!name_ok)
            throw SchemaError("field '" + field.name +
                              "': a name is a lower-case letter then letters, digits or '_', at most 32 of them");
        if (find_filter(field.name) || find_text_field(field.name))
            throw SchemaError("field '" + field.name + "' is already recall's own; give it another name");
        FilterRow row;
        row.name = field.name;
        row.source = ValueSource::Frontmatter;
        row.slot = kFirstDeclaredSlot + static_cast<Xapian::valueno>(i);
        row.declared = true;
        if (field.kind == DeclaredField::Kind::Keyword) {
            std::string upper;
            for (char c : field.name) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
            row.prefix = "XU" + upper + ":";
            row.rule = ValueRule::Keyword;
            row.description = "frontmatter '" + field.name + "', declared as a keyword";
        } else {
            row.rule = ValueRule::Date;
            row.description = "frontmatter '" + field.name + "', declared as a date: YYYYMMDD";
        }
        filters_.push_back(std::move(row));
    }
}

DeclaredField::Kind declared_kind(std::string_view name) {
    if (name == "keyword") return DeclaredField::Kind::Keyword;
    if (name == "date") return DeclaredField::Kind::Date;
    throw SchemaError("'" + std::string(name) + "' is not a kind of field (kinds: keyword, date)");
}

std::string_view kind_name(DeclaredField::Kind kind) { return kind == DeclaredField::Kind::Date ? "date" : "keyword"; }

std::string declared_fields_json(const std::vector<DeclaredField>& fields) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& f : fields) list.push_back({{"name", f.name}, {"kind", kind_name(f.kind)}});
    return list.dump();
}

std::vector<DeclaredField> declared_fields_from_json(std::string_view json) {
    std::vector<DeclaredField> fields;
    if (json.empty()) return fields;
    const auto list = nlohmann::json::parse(json, nullptr, false);
    if (!list.is_array()) throw SchemaError("the index's declared fields are not readable JSON");
    for (const auto& f : list) {
        if (!f.is_object() || !f.contains("name") || !f["name"].is_string() || !f.contains("kind") || !f["kind"].is_string())
            throw SchemaError("the index's declared fields are not readable JSON");
        fields.push_back({f["name"].get<std::string>(), declared_kind(f["kind"].get<std::string>())});
    }
    return fields;
}

const FilterRow* FieldTable::find_filter(std::string_view name) const {
    for (const auto& f : filters_)
        if (f.name == name) return &f;
    return nullptr;
}

FilterValue normalize_filter_value(const FilterRow& filter, std::string_view typed, Analyzer& analyzer) {
    const std::string name(filter.name);
    std::string value;
    switch (filter.rule) {
        case ValueRule::Keyword: value = analyzer.normalize_value(typed); break;
        case ValueRule::Tag: value = analyzer.normalize_value(normalize_tag(typed)); break;
        case ValueRule::Folder: value = folder_value(typed, analyzer); break;
        case ValueRule::Person: value = slugify(typed); break;
        case ValueRule::Year:
            if (typed.size() != 4 || !all_digits(typed)) return {{}, "year: takes four digits, as in year:2025"};
            return {std::string(typed), {}};
        case ValueRule::Month:
            value = digits_of(typed);
            if (!value.empty() && value.size() != 6) return {{}, "month: takes a year and a month, as in month:2025-10"};
            break;
        case ValueRule::Day:
            value = digits_of(typed);
            if (!value.empty() && value.size() != 8) return {{}, "day: takes a date, as in day:2025-10-30"};
            break;
        case ValueRule::TaskState:
            value = analyzer.normalize_value(typed);
            if (value != "open" && value != "done")
                return {{}, "task: takes open or done, not '" + std::string(typed) + "'"};
            break;
        case ValueRule::LinkName: value = link_name(typed, analyzer); break;
        case ValueRule::Date: return {{}, name + ": takes a date or a range of dates"};
    }
    if (value.empty()) return {{}, name + ": needs a value, as in " + name + ":something"};
    return {std::move(value), {}};
}

std::vector<std::string> note_values(const FilterRow& filter, const Note& note, Analyzer& analyzer) {
    std::vector<std::string> values;
    const std::string ymd = note.date ? note.date->yyyymmdd() : std::string();
    switch (filter.rule) {
        case ValueRule::Keyword:
            if (filter.source == ValueSource::Type && !note.type.empty()) values.push_back(analyzer.normalize_value(note.type));
            if (filter.source == ValueSource::Frontmatter)
                for (const auto& v : property_values(note, filter.name)) values.push_back(analyzer.normalize_value(v));
            break;
        case ValueRule::Tag:
            for (const auto& tag : note.tags) add_levels(analyzer.normalize_value(normalize_tag(tag)), values);
            break;
        case ValueRule::Folder:
            if (const auto slash = note.path.rfind('/'); slash != std::string::npos)
                add_levels(folder_value(std::string_view(note.path).substr(0, slash), analyzer), values);
            break;
        case ValueRule::Person:
            if (filter.source == ValueSource::TaskOwners) {
                for (const auto& t : note.tasks)
                    if (!t.owner.empty())
                        values.push_back(is_self_reference(t.owner) ? std::string(kSelfOwner) : slugify(t.owner));
                break;
            }
            for (const auto& p : note.people) values.push_back(p.slug);
            break;
        case ValueRule::LinkName:
            if (filter.source == ValueSource::Links)
                for (const auto& target : note.links) values.push_back(link_name(target.target, analyzer));
            if (filter.source == ValueSource::LinkNames) {
                values.push_back(link_name(note.path, analyzer));
                values.push_back(analyzer.normalize_value(note.title));  // a title may hold a slash
            }
            break;
        case ValueRule::Year:
            if (!ymd.empty()) values.push_back(ymd.substr(0, 4));
            break;
        case ValueRule::Month:
            if (!ymd.empty()) values.push_back(ymd.substr(0, 6));
            break;
        case ValueRule::Day:
            if (!ymd.empty()) values.push_back(ymd);
            break;
        case ValueRule::Date:
            if (filter.source != ValueSource::Frontmatter) {
                if (!ymd.empty()) values.push_back(ymd);
            } else if (const auto& written = property_values(note, filter.name); !written.empty()) {
                if (auto date = parse_date(written.front())) values.push_back(date->yyyymmdd());
            }
            break;
        case ValueRule::TaskState:
            if (std::any_of(note.tasks.begin(), note.tasks.end(), [](const Task& t) { return !t.done; }))
                values.push_back("open");
            if (std::any_of(note.tasks.begin(), note.tasks.end(), [](const Task& t) { return t.done; }))
                values.push_back("done");
            break;
    }
    values.erase(std::remove_if(values.begin(), values.end(), [](const std::string& v) { return v.empty(); }),
                 values.end());
    return values;
}

std::string link_name(std::string_view target, Analyzer& analyzer) {
    target = target.substr(0, std::min(target.find('#'), target.find('^')));
    if (const auto slash = target.rfind('/'); slash != std::string_view::npos) target.remove_prefix(slash + 1);
    if (target.size() > 3 && lower_ascii(target.substr(target.size() - 3)) == ".md") target.remove_suffix(3);
    return analyzer.normalize_value(trim(target));
}

std::string filter_term(const FilterRow& filter, std::string_view value) { return bounded_term(filter.prefix, value); }

}  // namespace recall::schema
