#include "output.hpp"

#include <fmt/color.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <unicode/utf8.h>

#include <algorithm>

#include "recall/core/human_format.hpp"
#include "recall/core/terminal_text.hpp"

namespace recall {
namespace {

enum Style { kRank, kDate, kTitle, kPeople, kPath, kHighlight, kDim, kBar };

fmt::text_style style_of(int style) {
    switch (style) {
        case kRank: return fmt::emphasis::faint;
        case kDate: return fmt::fg(fmt::terminal_color::cyan);
        case kTitle: return fmt::emphasis::bold;
        case kPeople: return fmt::fg(fmt::terminal_color::green);
        case kPath: return fmt::fg(fmt::terminal_color::magenta);
        case kHighlight: return fmt::emphasis::bold | fmt::fg(fmt::terminal_color::bright_red);
        case kDim: return fmt::emphasis::faint;
        case kBar: return fmt::fg(fmt::terminal_color::blue);
        default: return {};
    }
}

std::string people_names(const StoredNote& note) {
    std::string names;
    for (const auto& p : note.people) names += (names.empty() ? "" : ", ") + p.name;
    return names;
}

bool valid_utf8(std::string_view text) {
    const auto* data = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < n;) {
        UChar32 cp;
        U8_NEXT(data, i, n, cp);
        if (cp < 0) return false;
    }
    return true;
}

std::string base64(std::string_view bytes) {
    static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (size_t i = 0; i < bytes.size(); i += 3) {
        const size_t n = std::min<size_t>(3, bytes.size() - i);
        unsigned group = 0;
        for (size_t k = 0; k < 3; ++k)
            group = group << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
        for (size_t k = 0; k < 4; ++k) out.push_back(k <= n ? kDigits[(group >> (18 - 6 * k)) & 63] : '=');
    }
    return out;
}

}  // namespace

std::string json_line(const nlohmann::json& value) {
    const std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size());
    const auto* data = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < n;) {
        const int32_t start = i;
        UChar32 cp;
        U8_NEXT(data, i, n, cp);
        // U+2028 and U+2029 are valid JSON but end lines in JavaScript and some viewers.
        if (cp >= 0 && (is_c1_or_bidi_control(static_cast<char32_t>(cp)) || cp == 0x2028 || cp == 0x2029))
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
        else
            out.append(text, static_cast<size_t>(start), static_cast<size_t>(i - start));
    }
    return out;
}

namespace {

// The formats; each prints what the search returned, nothing else.
class Formats {
public:
    explicit Formats(const OutputOptions& o) : o_(o) {}

    std::string paint(std::string_view text, int style) const {
        if (!o_.color || text.empty()) return std::string(text);
        return fmt::format(style_of(style), "{}", text);
    }

    // For -l and --vimgrep: the path's bytes, so that it opens the file even when it is not
    // UTF-8, unless it holds control characters, which would drive the terminal; then
    // escaped (-0 prints the bytes always).
    std::string shown_path(const std::filesystem::path& path) const {
        const std::string& bytes = path.native();
        const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
        const auto n = static_cast<int32_t>(bytes.size());
        for (int32_t i = 0; i < n;) {
            UChar32 cp;
            U8_NEXT(data, i, n, cp);
            if (cp >= 0 && (cp < 0x20 || cp == 0x7F || is_c1_or_bidi_control(static_cast<char32_t>(cp))))
                return neutralize_controls(bytes);
        }
        return bytes;
    }

    // Highlight marks become colours (or nothing); neutralised first, as the marks are
    // control characters of our own.
    std::string highlighted(const std::string& snippet_text) const {
        std::string text, segment;
        bool in_highlight = false;
        auto flush = [&] {
            text += paint(neutralize_controls(segment), in_highlight ? kHighlight : -1);
            segment.clear();
        };
        for (char ch : snippet_text) {
            if (ch == kHighlightStart || ch == kHighlightEnd) {
                flush();
                in_highlight = ch == kHighlightStart;
            } else {
                segment.push_back(ch);
            }
        }
        flush();
        return text;
    }

    void listing(const SearchResult& result, std::FILE* out) const {
        for (size_t i = 0; i < result.hits.size(); ++i) {
            const Hit& hit = result.hits[i];
            const StoredNote& note = hit.note;
            const std::string rank = fmt::format("{:>3}.", o_.offset + i + 1);
            fmt::print(out, "{} {} {}\n", paint(rank, kRank), paint(note.date.empty() ? "----------" : note.date, kDate),
                       paint(neutralize_controls(note.title), kTitle));
            const std::string people = people_names(note);
            if (!people.empty()) fmt::print(out, "     {}\n", paint(neutralize_controls(people), kPeople));
            // Searching several indexes, each hit names its own.
            const std::string index = result.indexes > 1 ? paint("[" + neutralize_controls(hit.index) + "]", kDim) + " " : "";
            fmt::print(out, "     {}{}\n", index,
                       paint(neutralize_controls(note.path) + ":" + std::to_string(hit.snippet.line), kPath));
            if (!hit.snippet.file_found)
                fmt::print(out, "     {}\n", paint("(note file is gone or changed since it was indexed; run recall-index)", kDim));
            else if (!hit.snippet.text.empty())
                fmt::print(out, "     {}\n", highlighted(hit.snippet.text));
            if (i + 1 < result.hits.size()) fmt::print(out, "\n");
        }
        if (o_.footer && !result.hits.empty())
            fmt::print(out, "\nshowing {}-{} of {}{}\n", o_.offset + 1, o_.offset + result.hits.size(),
                       result.total_exact ? "" : "about ", count_of(result.total, "note", "notes"));
    }

    void json_lines(const SearchResult& result, std::FILE* out) const {
        for (size_t i = 0; i < result.hits.size(); ++i)
            fmt::print(out, "{}\n", json_line(hit_json(result.hits[i], o_.offset + i + 1)));
    }

    void files(const SearchResult& result, std::FILE* out) const {
        for (const auto& hit : result.hits) {
            const std::string path = (hit.vault / hit.note.path).string();
            if (o_.nul) {
                std::fwrite(path.data(), 1, path.size(), out);
                std::fputc('\0', out);
            } else {
                fmt::print(out, "{}\n", shown_path(path));
            }
        }
    }

    // path:line:column:text, one line per hit, as `rg --vimgrep`; paths below the current
    // folder are relative to it, others absolute.
    void vimgrep(const SearchResult& result, std::FILE* out) const {
        for (const auto& hit : result.hits) {
            const Snippet& snippet = hit.snippet;
            const std::filesystem::path file = hit.vault / hit.note.path;
            std::filesystem::path shown = file.lexically_relative(o_.cwd);
            if (shown.empty() || *shown.begin() == "..") shown = file;
            const std::string text = !snippet.file_found   ? paint("(note file is gone; run recall-index)", kDim)
                                     : snippet.text.empty() ? paint(neutralize_controls(hit.note.title), kTitle)
                                                            : highlighted(snippet.text);
            fmt::print(out, "{}:{}:{}:{}\n", paint(shown_path(shown), kPath), snippet.line,
                       snippet.file_found ? match_column(hit.vault, hit.note.path, snippet) : 1, text);
        }
    }

    void count(const SearchResult& result, std::FILE* out, bool json) const {
        if (json) fmt::print(out, "{}\n", json_line({{"count", result.total}}));
        else fmt::print(out, "{}\n", result.total);
    }

    void facets(const SearchResult& result, std::FILE* out) const {
        constexpr size_t kTop = 15;
        constexpr int kBarWidth = 30;
        fmt::print(out, "{}\n", count_of(result.total, "note", "notes"));
        for (const Facet& facet : result.facets) {
            const bool months = facet.name == "months";
            const std::string heading = facet.name == "people" ? "People" : months ? "Months" : facet.name;
            fmt::print(out, "\n{}\n", paint(heading, kTitle));
            const size_t shown = months ? facet.counts.size() : std::min(kTop, facet.counts.size());
            size_t width = 0;
            Xapian::doccount most = 1;
            for (size_t i = 0; i < shown; ++i) {
                width = std::max(width, neutralize_controls(facet.counts[i].label).size());
                most = std::max(most, facet.counts[i].notes);
            }
            for (size_t i = 0; i < shown; ++i) {
                const auto& c = facet.counts[i];
                const int bar = std::max(1, static_cast<int>(kBarWidth * c.notes / most));
                fmt::print(out, "  {:<{}}  {:>6}  {}\n", neutralize_controls(c.label), width, thousands(c.notes),
                           paint(std::string(static_cast<size_t>(bar), '#'), kBar));
            }
            if (facet.counts.empty()) fmt::print(out, "  (none)\n");
            if (facet.counts.size() > shown)
                fmt::print(out, "  {}\n", paint(fmt::format("... and {} more", facet.counts.size() - shown), kDim));
        }
    }

    void facets_json(const SearchResult& result, std::FILE* out) const {
        nlohmann::json doc{{"count", result.total}};
        nlohmann::json declared = nlohmann::json::object();
        for (const Facet& facet : result.facets) {
            nlohmann::json rows = nlohmann::json::array();
            for (const auto& c : facet.counts) {
                if (facet.name == "people") rows.push_back({{"name", c.label}, {"slug", c.value}, {"notes", c.notes}});
                else if (facet.name == "months") rows.push_back({{"month", c.value}, {"notes", c.notes}});
                else rows.push_back({{"value", c.value}, {"notes", c.notes}});
            }
            if (facet.name == "people" || facet.name == "months") doc[facet.name] = rows;
            else declared[facet.name] = rows;
        }
        if (!declared.empty()) doc["fields"] = declared;
        fmt::print(out, "{}\n", json_line(doc));
    }

private:
    OutputOptions o_;
};

}  // namespace

nlohmann::json hit_json(const Hit& hit, size_t rank) {
    const StoredNote& note = hit.note;
    nlohmann::json people = nlohmann::json::array();
    for (const auto& p : note.people) people.push_back({{"name", p.name}, {"slug", p.slug}});
    const std::string absolute = (hit.vault / note.path).string();
    nlohmann::json doc{{"rank", rank},
                       {"path", note.path},
                       {"absolute_path", absolute},
                       {"title", note.title},
                       {"date", note.date.empty() ? nlohmann::json() : nlohmann::json(note.date)},
                       {"type", note.type.empty() ? nlohmann::json() : nlohmann::json(note.type)},
                       {"people", people},
                       {"tags", note.tags},
                       {"score", hit.score},
                       {"percent", hit.percent},
                       {"line", hit.snippet.line},
                       {"snippet", without_highlights(hit.snippet.text)},
                       {"index", hit.index}};
    if (!note.fields.empty()) {
        nlohmann::json fields = nlohmann::json::object();
        for (const auto& [name, values] : note.fields) fields[name] = values;
        doc["fields"] = fields;
    }
    // JSON strings are UTF-8: a file name that is not gets its bytes beside it.
    if (!valid_utf8(absolute)) doc["absolute_path_base64"] = base64(absolute);
    return doc;
}

bool shows_snippets(const OutputOptions& o) {
    return !o.count && !o.facets && (o.format == "text" || o.format == "json" || o.format == "vimgrep");
}

Output make_output(const OutputOptions& options) {
    const Formats f(options);
    const bool json = options.format == "json";
    if (options.count) return [f, json](const SearchResult& r, std::FILE* out) { f.count(r, out, json); };
    if (options.facets && json) return [f](const SearchResult& r, std::FILE* out) { f.facets_json(r, out); };
    if (options.facets) return [f](const SearchResult& r, std::FILE* out) { f.facets(r, out); };
    if (json) return [f](const SearchResult& r, std::FILE* out) { f.json_lines(r, out); };
    if (options.format == "files") return [f](const SearchResult& r, std::FILE* out) { f.files(r, out); };
    if (options.format == "vimgrep") return [f](const SearchResult& r, std::FILE* out) { f.vimgrep(r, out); };
    return [f](const SearchResult& r, std::FILE* out) { f.listing(r, out); };
}

}  // namespace recall
