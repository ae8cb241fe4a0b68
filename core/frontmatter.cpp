#include "recall/core/frontmatter.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "recall/core/note_limits.hpp"
#include "recall/core/text_cleaner.hpp"
#include "recall/core/text_util.hpp"

namespace recall {
namespace {

// A line that closes the block: "---" or "...", trailing blanks allowed.
bool is_fence(std::string_view line, bool closing) {
    line = trim(line);
    return line == "---" || (closing && line == "...");
}

enum class Key { Unknown, Title, Date, Created, Type, Person, Participants, Tags };

struct KnownKey {
    std::string_view name;
    Key key;
};
constexpr std::array<KnownKey, 10> kKeys{{{"title", Key::Title},
                                          {"date", Key::Date},
                                          {"created", Key::Created},
                                          {"type", Key::Type},
                                          {"person", Key::Person},
                                          {"participants", Key::Participants},
                                          {"attendees", Key::Participants},
                                          {"people", Key::Participants},
                                          {"tags", Key::Tags},
                                          {"tag", Key::Tags}}};

// Exact keys (any case), then near misses ("partcipants") with a warning, unless the key is
// one the user declared.
Key classify_key(const std::string& raw, int line, std::vector<Warning>& warnings, const std::vector<std::string>& declared) {
    const std::string key = lower_ascii(trim(raw));
    for (const auto& k : kKeys)
        if (k.name == key) return k.key;
    if (key.size() < 4 || std::find(declared.begin(), declared.end(), key) != declared.end()) return Key::Unknown;
    for (const auto& k : kKeys) {
        const size_t allowed = k.name.size() >= 7 ? 2 : 1;
        const size_t length_gap = key.size() > k.name.size() ? key.size() - k.name.size() : k.name.size() - key.size();
        if (k.name.size() >= 4 && length_gap <= allowed && edit_distance(key, k.name) <= allowed) {
            warnings.push_back({"", line, "frontmatter key '" + raw + "' read as '" + std::string(k.name) + "'"});
            return k.key;
        }
    }
    return Key::Unknown;
}

// Walks a block of text line by line, counting lines from first_line.
class Lines {
public:
    Lines(std::string_view text, int first_line) : text_(text), line_(first_line - 1) {}
    bool next(std::string_view& out) {
        if (pos_ >= text_.size()) return false;
        size_t end = text_.find('\n', pos_);
        if (end == std::string_view::npos) end = text_.size();
        out = text_.substr(pos_, end - pos_);
        pos_ = end + 1;
        ++line_;
        return true;
    }
    int number() const { return line_; }

private:
    std::string_view text_;
    size_t pos_ = 0;
    int line_;
};

// One top-level key of the block, whatever produced it (yaml-cpp, the fast path, salvage).
struct Field {
    enum class Shape { Null, Scalar, List, Mapping };
    std::string key;
    int line = 0;
    Shape shape = Shape::Null;
    std::vector<std::string> values;  // the scalar, or every scalar of a list, flattened
};

// Scalars left to read from one frontmatter block. yaml-cpp shares the node of an anchor
// among its aliases, so a block of a few hundred bytes can stand for billions of values: the
// walk below counts every node it visits, and stops when the budget is spent.
struct YamlBudget {
    size_t left = limits::kYamlValues;
    bool spent() const { return left == 0; }
};

// Lists nested deeper than this are not read: no frontmatter means anything by them, and an
// alias inside its own anchor ("a: &a [*a]") makes a cycle that would recurse forever.
constexpr int kYamlDepth = 32;

void collect_scalars(const YAML::Node& node, std::vector<std::string>& out, YamlBudget& budget, int depth = 0) {
    if (budget.spent() || depth > kYamlDepth) return;
    --budget.left;
    if (node.IsScalar()) {
        out.push_back(node.Scalar());
    } else if (node.IsSequence()) {
        for (auto it = node.begin(); it != node.end() && !budget.spent(); ++it)
            collect_scalars(*it, out, budget, depth + 1);  // [[Name]] parses as a nested list
    } else if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end() && !budget.spent(); ++it)
            collect_scalars(it->first, out, budget, depth + 1);
    }
}

Field field_from_yaml(std::string key, int line, const YAML::Node& value, YamlBudget& budget) {
    Field f{std::move(key), line, Field::Shape::Null, {}};
    if (!value || value.IsNull()) return f;
    f.shape = value.IsScalar() ? Field::Shape::Scalar : value.IsSequence() ? Field::Shape::List : Field::Shape::Mapping;
    collect_scalars(value, f.values, budget);
    // An anchor-and-alias bomb can spend the budget before this field's own scalar is read.
    if (f.values.empty()) f.shape = Field::Shape::Null;
    return f;
}

std::vector<Field> fields_from_yaml(const YAML::Node& map, int first_line, YamlBudget& budget) {
    std::vector<Field> fields;
    for (const auto& kv : map) {
        if (budget.spent()) break;
        const auto mark = kv.first.Mark();
        const int line = first_line + (mark.line >= 0 ? mark.line : 0);
        fields.push_back(field_from_yaml(kv.first.IsScalar() ? kv.first.Scalar() : std::string(), line, kv.second, budget));
    }
    return fields;
}

// The plain YAML that nearly every note holds, read without yaml-cpp's costly scanner:
// `key: "text"`, `key: plain text`, `key: ["a", "b"]`, and block lists of `  - "a"` items.
// Anything else (escapes, nesting, anchors, multi-line scalars, comments after values) makes
// it give up, and yaml-cpp reads the block.
namespace simple_yaml {

bool is_plain_char(char ch) {
    static constexpr std::string_view kSpecial = "#:[]{}&*!|>'\"%@`,\\";
    return static_cast<unsigned char>(ch) >= 0x20 && kSpecial.find(ch) == std::string_view::npos;
}

// A scalar: double- or single-quoted without escapes, or plain. Sets null for "~"/"null".
std::optional<std::string> scalar(std::string_view v, bool& is_null) {
    is_null = false;
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
        std::string_view inner = v.substr(1, v.size() - 2);
        if (inner.find(v.front()) != std::string_view::npos || (v.front() == '"' && inner.find('\\') != std::string_view::npos))
            return std::nullopt;
        return std::string(inner);
    }
    if (v.empty() || v.front() == '-' || v.front() == '?' || v.front() == ' ') return std::nullopt;
    for (char ch : v)
        if (!is_plain_char(ch)) return std::nullopt;
    if (v == "~" || v == "null" || v == "Null" || v == "NULL") is_null = true;
    return std::string(v);
}

std::optional<std::vector<Field>> read(std::string_view block, int first_line) {
    std::vector<Field> fields;
    Lines lines(block, first_line);
    for (std::string_view raw; lines.next(raw);) {
        const int line = lines.number();
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
        if (raw.empty() || raw.front() == '#') continue;
        if (raw.front() == ' ' || raw.front() == '-') {
            // "  - item" or "- item" under a key that had no value of its own.
            std::string_view item = trim(raw);
            if (fields.empty() || !item.starts_with("- ") || fields.back().shape == Field::Shape::Scalar) return std::nullopt;
            bool is_null;
            auto value = scalar(trim(item.substr(2)), is_null);
            if (!value || is_null) return std::nullopt;
            fields.back().shape = Field::Shape::List;
            fields.back().values.push_back(std::move(*value));
            continue;
        }
        const size_t colon = raw.find(':');
        if (colon == std::string_view::npos || colon == 0) return std::nullopt;
        std::string_view key = raw.substr(0, colon);
        for (char ch : key)
            if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '-') return std::nullopt;
        std::string_view rest = raw.substr(colon + 1);
        if (!rest.empty() && rest.front() != ' ') return std::nullopt;
        rest = trim(rest);
        Field f{std::string(key), line, Field::Shape::Null, {}};
        if (rest.starts_with('[')) {
            if (!rest.ends_with(']')) return std::nullopt;
            f.shape = Field::Shape::List;
            std::string_view inner = rest.substr(1, rest.size() - 2);
            while (!trim(inner).empty()) {
                size_t comma = inner.find(',');
                std::string_view item = trim(inner.substr(0, comma));
                bool is_null;
                auto value = scalar(item, is_null);
                if (!value || is_null || item.find('[') != std::string_view::npos) return std::nullopt;
                f.values.push_back(std::move(*value));
                if (comma == std::string_view::npos) break;
                inner.remove_prefix(comma + 1);
            }
        } else if (!rest.empty()) {
            bool is_null;
            auto value = scalar(rest, is_null);
            if (!value) return std::nullopt;
            if (!is_null) {
                f.shape = Field::Shape::Scalar;
                f.values.push_back(std::move(*value));
            }
        }
        fields.push_back(std::move(f));
    }
    return fields;
}

}  // namespace simple_yaml

// Malformed YAML: read top-level "key: value" lines and "  - item" lines one at a time.
std::vector<Field> salvage(std::string_view block, int first_line, YamlBudget& budget) {
    std::vector<Field> fields;
    Lines lines(block, first_line);
    for (std::string_view raw; lines.next(raw);) {
        const int line = lines.number();
        std::string_view t = trim(raw);
        if (t.empty() || t.front() == '#') continue;
        const bool indented = std::isspace(static_cast<unsigned char>(raw.front()));
        if (t.starts_with("- ") && !fields.empty() && fields.back().shape != Field::Shape::Scalar) {
            std::string item(trim(t.substr(2)));
            if (item.size() >= 2 && (item.front() == '"' || item.front() == '\'') && item.back() == item.front())
                item = item.substr(1, item.size() - 2);
            fields.back().shape = Field::Shape::List;
            fields.back().values.push_back(std::move(item));
            continue;
        }
        if (indented) continue;
        const size_t colon = t.find(':');
        if (colon == std::string_view::npos || colon == 0) continue;
        std::string key(trim(t.substr(0, colon)));
        std::string_view value = trim(t.substr(colon + 1));
        if (value.empty()) {
            fields.push_back({key, line, Field::Shape::Null, {}});
            continue;
        }
        try {
            YAML::Node parsed = YAML::Load(std::string(value));
            if (!parsed.IsMap()) {  // "title: Retro: what went wrong" is text, not a mapping
                fields.push_back(field_from_yaml(key, line, parsed, budget));
                continue;
            }
        } catch (const YAML::Exception&) {
        }
        std::string v(value);
        if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
        if (v.starts_with('[')) v = v.substr(1, v.ends_with(']') ? v.size() - 2 : std::string::npos);  // a broken flow list
        fields.push_back({key, line, Field::Shape::Scalar, {v}});
    }
    return fields;
}

std::vector<std::string> split_list(std::string_view text, bool on_spaces) {
    std::vector<std::string> items;
    std::string current;
    for (char ch : text) {
        if (ch == ',' || ch == ';' || (on_spaces && std::isspace(static_cast<unsigned char>(ch)))) {
            if (!trim(current).empty()) items.emplace_back(trim(current));
            current.clear();
        } else {
            current.push_back(ch);
        }
    }
    if (!trim(current).empty()) items.emplace_back(trim(current));
    return items;
}

// Turns fields into the frontmatter's meaning, converting wrong shapes with a warning.
class Reader {
public:
    Reader(std::vector<Warning>& warnings, const std::vector<std::string>& declared)
        : warnings_(warnings), declared_(declared) {}

    void read(const std::vector<Field>& fields, Frontmatter& fm) {
        std::optional<Date> created;
        for (const Field& field : fields) {
            const int line = field.line;
            const std::string& name = field.key;
            const Key key = classify_key(name, line, warnings_, declared_);
            switch (key) {
                case Key::Title: fm.title = scalar(field); break;
                case Key::Type: fm.type = lower_ascii(scalar(field)); break;
                case Key::Person: {
                    auto names = list(field, false);
                    if (names.size() > 1)
                        warnings_.push_back({"", line, "'person' holds " + std::to_string(names.size()) +
                                                           " names; the first is the main person, all are kept"});
                    if (!names.empty()) fm.person = strip_wikilink(names[0]);
                    for (size_t i = 1; i < names.size(); ++i) fm.participants.push_back(strip_wikilink(names[i]));
                    break;
                }
                case Key::Participants:
                    for (auto& n : list(field, false))
                        if (auto s = strip_wikilink(n); !s.empty()) fm.participants.push_back(s);
                    break;
                case Key::Tags:
                    for (auto& t : list(field, true))
                        if (auto s = normalize_tag(t); !s.empty()) fm.tags.push_back(s);
                    break;
                case Key::Date:
                case Key::Created: {
                    const std::string text = scalar(field);
                    if (trim(text).empty()) break;
                    auto parsed = parse_date(text);
                    if (!parsed)
                        warnings_.push_back({"", line, "'" + name + "' value '" + text + "' is not a date recall can read"});
                    else if (key == Key::Date)
                        fm.date = parsed;
                    else
                        created = parsed;
                    break;
                }
                case Key::Unknown:
                    if (!trim(name).empty()) fm.properties.push_back({lower_ascii(trim(name)), field.values});
                    break;
            }
        }
        if (!fm.date && created) fm.date = created;
    }

private:
    std::string scalar(const Field& field) {
        if (field.shape == Field::Shape::Null || field.values.empty()) return {};
        if (field.shape != Field::Shape::Scalar)
            warnings_.push_back({"", field.line, "'" + field.key + "' should be a single value, not a " +
                                                     (field.shape == Field::Shape::Mapping ? "mapping" : "list") +
                                                     "; the first item is used"});
        return field.values.front();
    }

    // A list as a YAML sequence, or a string of comma (or, for tags, blank) separated items.
    std::vector<std::string> list(const Field& field, bool tags) {
        std::vector<std::string> items;
        if (field.values.empty()) return items;
        if (field.shape == Field::Shape::Scalar) return split_list(field.values.front(), tags);
        for (const auto& r : field.values)
            for (auto& item : tags ? split_list(r, true) : std::vector<std::string>{r}) items.push_back(item);
        return items;
    }

    std::vector<Warning>& warnings_;
    const std::vector<std::string>& declared_;
};

}  // namespace

std::string strip_wikilink(std::string_view text) {
    text = trim(text);
    if (text.starts_with("[[") && text.ends_with("]]")) {
        text = text.substr(2, text.size() - 4);
        if (auto bar = text.find('|'); bar != std::string_view::npos) text = text.substr(0, bar);
        if (auto slash = text.rfind('/'); slash != std::string_view::npos) text = text.substr(slash + 1);
        if (text.ends_with(".md")) text.remove_suffix(3);
    }
    return std::string(trim(text));
}

std::string normalize_tag(std::string_view tag) {
    tag = trim(tag);
    while (!tag.empty() && tag.front() == '#') tag.remove_prefix(1);
    std::string lower = to_lower_utf8(tag);
    std::string out;
    for (char ch : lower) {
        if (ch == '/' && (out.empty() || out.back() == '/')) continue;
        if (std::isspace(static_cast<unsigned char>(ch))) ch = '-';
        out.push_back(ch);
    }
    while (!out.empty() && out.back() == '/') out.pop_back();
    return out;
}

Frontmatter parse_frontmatter(std::string_view text, std::vector<Warning>& warnings, bool read_fields,
                              const std::vector<std::string>& declared_keys) {
    Frontmatter fm;
    const size_t first_end = text.find('\n');
    if (first_end == std::string_view::npos || !is_fence(text.substr(0, first_end), false)) return fm;

    // Find the closing fence.
    size_t pos = first_end + 1;
    int line = 2;
    size_t close_begin = std::string_view::npos, close_end = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        if (is_fence(text.substr(pos, end - pos), true)) {
            close_begin = pos;
            close_end = end;
            break;
        }
        pos = end + 1;
        ++line;
    }
    if (close_begin == std::string_view::npos) {
        warnings.push_back({"", 1, "frontmatter has no closing '---'; the whole file is read as Markdown"});
        return fm;
    }
    fm.present = true;
    fm.body_offset = std::min(close_end + 1, text.size());
    fm.body_line = line + 1;
    const std::string block(text.substr(first_end + 1, close_begin - first_end - 1));
    if (!read_fields || trim(block).empty()) return fm;

    constexpr int kFirstLine = 2;  // the block starts on the line after the opening fence
    std::vector<Field> fields;
    YamlBudget budget;
    if (auto simple = simple_yaml::read(block, kFirstLine)) {
        fields = std::move(*simple);
    } else if (block.size() > limits::kYamlBytes) {
        warnings.push_back({"", kFirstLine, "frontmatter of " + std::to_string(block.size()) +
                                                " bytes is too large for a YAML parser; read line by line"});
        fields = salvage(block, kFirstLine, budget);
    } else {
        try {
            YAML::Node root = YAML::Load(block);
            if (root.IsMap())
                fields = fields_from_yaml(root, kFirstLine, budget);
            else if (!root.IsNull())
                warnings.push_back({"", kFirstLine, "frontmatter is not a set of 'key: value' lines; ignored"});
        } catch (const YAML::Exception& e) {
            const int bad_line = kFirstLine + (e.mark.line >= 0 ? e.mark.line : 0);
            warnings.push_back({"", bad_line, "malformed YAML frontmatter (" + e.msg + "); read line by line"});
            fields = salvage(block, kFirstLine, budget);
        }
    }
    if (budget.spent())
        warnings.push_back({"", kFirstLine, "frontmatter holds more than " + std::to_string(limits::kYamlValues) +
                                                " values (YAML aliases count each time they are used); the rest is ignored"});
    Reader(warnings, declared_keys).read(fields, fm);
    return fm;
}

}  // namespace recall
