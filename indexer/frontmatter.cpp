#include "recall/frontmatter.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "recall/text_cleaner.hpp"

namespace recall {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

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

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

// Exact keys (any case), then near misses ("partcipants") with a warning.
Key classify_key(const std::string& raw, int line, std::vector<Warning>& warnings) {
    const std::string key = lower_ascii(trim(raw));
    for (const auto& k : kKeys)
        if (k.name == key) return k.key;
    if (key.size() < 4) return Key::Unknown;
    for (const auto& k : kKeys) {
        const size_t allowed = k.name.size() >= 7 ? 2 : 1;
        if (k.name.size() >= 4 && edit_distance(key, k.name) <= allowed) {
            warnings.push_back({"", line, "frontmatter key '" + raw + "' read as '" + std::string(k.name) + "'"});
            return k.key;
        }
    }
    return Key::Unknown;
}

void collect_scalars(const YAML::Node& node, std::vector<std::string>& out) {
    if (node.IsScalar()) {
        out.push_back(node.Scalar());
    } else if (node.IsSequence()) {
        for (const auto& child : node) collect_scalars(child, out);  // [[Name]] parses as a nested list
    } else if (node.IsMap()) {
        for (const auto& kv : node) collect_scalars(kv.first, out);
    }
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

class Reader {
public:
    Reader(int first_line, std::vector<Warning>& warnings) : first_line_(first_line), warnings_(warnings) {}

    void read_map(const YAML::Node& map, Frontmatter& fm, bool salvaged) {
        std::optional<Date> created;
        for (const auto& kv : map) {
            const int line = line_of(kv.first, kv.second);
            std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            const Key key = classify_key(name, line, warnings_);
            const YAML::Node& value = kv.second;
            switch (key) {
                case Key::Title: fm.title = scalar(value, name, line); break;
                case Key::Type: fm.type = lower_ascii(scalar(value, name, line)); break;
                case Key::Person: {
                    auto names = list(value, false);
                    if (names.size() > 1)
                        warnings_.push_back({"", line, "'person' holds " + std::to_string(names.size()) +
                                                           " names; the first is the main person, all are kept"});
                    if (!names.empty()) fm.person = strip_wikilink(names[0]);
                    for (size_t i = 1; i < names.size(); ++i) fm.participants.push_back(strip_wikilink(names[i]));
                    break;
                }
                case Key::Participants:
                    for (auto& n : list(value, false))
                        if (auto s = strip_wikilink(n); !s.empty()) fm.participants.push_back(s);
                    break;
                case Key::Tags:
                    for (auto& t : list(value, true))
                        if (auto s = normalize_tag(t); !s.empty()) fm.tags.push_back(s);
                    break;
                case Key::Date:
                case Key::Created: {
                    const std::string text = scalar(value, name, line);
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
                case Key::Unknown: break;
            }
        }
        if (!fm.date && created) fm.date = created;
        (void)salvaged;
    }

private:
    int line_of(const YAML::Node& key, const YAML::Node& value) const {
        const auto mark = key.Mark();
        if (mark.line >= 0) return first_line_ + mark.line;
        const auto vmark = value.Mark();
        return vmark.line >= 0 ? first_line_ + vmark.line : first_line_;
    }

    std::string scalar(const YAML::Node& value, const std::string& name, int line) {
        if (!value || value.IsNull()) return {};
        if (value.IsScalar()) return value.Scalar();
        std::vector<std::string> parts;
        collect_scalars(value, parts);
        warnings_.push_back({"", line, "'" + name + "' should be a single value, not a " +
                                           (value.IsMap() ? "mapping" : "list")});
        std::string joined;
        for (const auto& p : parts) joined += (joined.empty() ? "" : ", ") + p;
        return joined;
    }

    // A list as a YAML sequence, or a string of comma (or, for tags, blank) separated items.
    std::vector<std::string> list(const YAML::Node& value, bool tags) {
        std::vector<std::string> items;
        if (!value || value.IsNull()) return items;
        if (value.IsScalar()) return split_list(value.Scalar(), tags);
        std::vector<std::string> raw;
        collect_scalars(value, raw);
        for (auto& r : raw)
            for (auto& item : tags ? split_list(r, true) : std::vector<std::string>{r}) items.push_back(item);
        return items;
    }

    int first_line_;
    std::vector<Warning>& warnings_;
};

// Malformed YAML: read top-level "key: value" lines and "  - item" lines one at a time.
YAML::Node salvage(std::string_view block) {
    YAML::Node map(YAML::NodeType::Map);
    std::string current_key;
    size_t pos = 0;
    while (pos <= block.size()) {
        size_t end = block.find('\n', pos);
        if (end == std::string_view::npos) end = block.size();
        std::string_view line = block.substr(pos, end - pos);
        pos = end + 1;
        if (trim(line).empty() || trim(line).front() == '#') continue;
        const bool indented = std::isspace(static_cast<unsigned char>(line.front()));
        std::string_view t = trim(line);
        if (indented && t.starts_with("- ") && !current_key.empty()) {
            YAML::Node seq = map[current_key];
            if (!seq.IsSequence()) seq = YAML::Node(YAML::NodeType::Sequence);
            std::string item(trim(t.substr(2)));
            if (item.size() >= 2 && (item.front() == '"' || item.front() == '\'') && item.back() == item.front())
                item = item.substr(1, item.size() - 2);
            seq.push_back(item);
            map[current_key] = seq;
            continue;
        }
        if (indented) continue;
        const size_t colon = t.find(':');
        if (colon == std::string_view::npos || colon == 0) continue;
        current_key = std::string(trim(t.substr(0, colon)));
        std::string_view value = trim(t.substr(colon + 1));
        if (value.empty()) {
            map[current_key] = YAML::Node();
            continue;
        }
        try {
            map[current_key] = YAML::Load(std::string(value));
        } catch (const YAML::Exception&) {
            std::string v(value);
            if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
            map[current_key] = v;
        }
    }
    return map;
}

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

Frontmatter parse_frontmatter(std::string_view text, std::vector<Warning>& warnings) {
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
    if (trim(block).empty()) return fm;

    Reader reader(2, warnings);
    YAML::Node root;
    try {
        root = YAML::Load(block);
    } catch (const YAML::Exception& e) {
        const int bad_line = 2 + (e.mark.line >= 0 ? e.mark.line : 0);
        warnings.push_back({"", bad_line, "malformed YAML frontmatter (" + e.msg + "); read line by line"});
        root = salvage(block);
    }
    if (root.IsMap()) {
        try {
            reader.read_map(root, fm, false);
        } catch (const YAML::Exception& e) {
            warnings.push_back({"", 2, std::string("frontmatter could not be read: ") + e.what()});
        }
    } else if (!root.IsNull()) {
        warnings.push_back({"", 2, "frontmatter is not a set of 'key: value' lines; ignored"});
    }
    return fm;
}

}  // namespace recall
