#include "recall/fields.hpp"

#include <algorithm>
#include <cctype>

#include "recall/analyzer.hpp"
#include "recall/frontmatter.hpp"
#include "recall/people.hpp"

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
        case TextSource::OtherPassages:
            for (const auto& p : note.passages)
                if (p.section == SectionKind::Related || p.section == SectionKind::Body ||
                    (p.section == SectionKind::Title && p.text != note.title))
                    emit(p.text, &p);
            break;
    }
}

const TextFieldRow* find_text_field(std::string_view name) {
    for (const auto& f : kTextFieldRows)
        if (!f.name.empty() && f.name == name) return &f;
    return nullptr;
}

FieldTable::FieldTable()
    : filters_{
          {"person", "person", 'p', "XP", ValueRule::Person, ValueSource::People, {},
           "slug of each person of the note: andy-perlsteiner"},
          {"tag", "tag", 't', "K", ValueRule::Tag, ValueSource::Tags, {}, "each level of each tag: type/people and type"},
          {"type", "type", 0, "XT", ValueRule::Keyword, ValueSource::Type, {}, "frontmatter type: people, 1on1"},
          {"folder", "folder", 0, "XF", ValueRule::Folder, ValueSource::Path, {},
           "each enclosing folder: meetings, meetings/2025"},
          {"year", "", 0, "Y", ValueRule::Year, ValueSource::NoteDate, {}, "year of the note's date: 2025"},
          {"month", "", 0, "XM", ValueRule::Month, ValueSource::NoteDate, {}, "year and month: 202510"},
          {"day", "", 0, "D", ValueRule::Day, ValueSource::NoteDate, {}, "full date: 20251030"},
          {"task", "", 0, "XTASK", ValueRule::TaskState, ValueSource::Tasks, {},
           "open when the note has open tasks, done when it has done ones"},
          {"date", "", 0, "", ValueRule::Date, ValueSource::NoteDate, kSlotDate,
           "the note's date, for ranges: date:2025-10, date:30d.., --since, --until"},
      } {}

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
            break;
        case ValueRule::Tag:
            for (const auto& tag : note.tags) add_levels(analyzer.normalize_value(normalize_tag(tag)), values);
            break;
        case ValueRule::Folder:
            if (const auto slash = note.path.rfind('/'); slash != std::string::npos)
                add_levels(folder_value(std::string_view(note.path).substr(0, slash), analyzer), values);
            break;
        case ValueRule::Person:
            for (const auto& p : note.people) values.push_back(p.slug);
            break;
        case ValueRule::Year:
            if (!ymd.empty()) values.push_back(ymd.substr(0, 4));
            break;
        case ValueRule::Month:
            if (!ymd.empty()) values.push_back(ymd.substr(0, 6));
            break;
        case ValueRule::Day:
        case ValueRule::Date:
            if (!ymd.empty()) values.push_back(ymd);
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

std::string filter_term(const FilterRow& filter, std::string_view value) { return bounded_term(filter.prefix, value); }

}  // namespace recall::schema
