#include "result_printer.hpp"

#include <fmt/color.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <unicode/utf8.h>

#include <algorithm>
#include <thread>

#include "recall/human_format.hpp"
#include "recall/terminal_text.hpp"

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

std::string people_names(const HitInfo& hit) {
    std::string names;
    for (const auto& [name, slug] : hit.people) names += (names.empty() ? "" : ", ") + name;
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

ResultPrinter::ResultPrinter(const SearchResult& result, const PrintOptions& options, const Xapian::Stem& stemmer)
    : result_(result), options_(options), stemmer_(stemmer), words_(query_words(result.query)) {}

std::string ResultPrinter::paint(std::string_view text, int style) const {
    if (!options_.color || text.empty()) return std::string(text);
    return fmt::format(style_of(style), "{}", text);
}

std::string ResultPrinter::shown_path(const std::filesystem::path& path) const {
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

std::string ResultPrinter::highlighted(const std::string& snippet_text) const {
    // Neutralise first: the highlight marks are control characters of our own.
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

void ResultPrinter::load_notes() const {
    if (!notes_.empty() || result_.hits.empty()) return;
    notes_.resize(result_.hits.size());
    auto load_range = [&](size_t from, size_t to) {
        for (size_t i = from; i < to; ++i) {
            const HitInfo& hit = result_.hits[i];
            notes_[i] = load_note_text(options_.vault, hit.path, {hit.size, hit.hash});
        }
    };
    const size_t half = notes_.size() / 2;
    std::thread helper(load_range, half, notes_.size());
    load_range(0, half);
    helper.join();
}

Snippet ResultPrinter::snippet_for(size_t index) const {
    load_notes();
    return best_snippet(result_.mset, words_, stemmer_, notes_[index]);
}

void ResultPrinter::listing(std::FILE* out, Xapian::doccount offset) const {
    for (size_t i = 0; i < result_.hits.size(); ++i) {
        const HitInfo& hit = result_.hits[i];
        const Snippet snippet = snippet_for(i);
        const std::string rank = fmt::format("{:>3}.", offset + i + 1);
        fmt::print(out, "{} {} {}\n", paint(rank, kRank), paint(hit.date.empty() ? "----------" : hit.date, kDate),
                   paint(neutralize_controls(hit.title), kTitle));
        const std::string people = people_names(hit);
        if (!people.empty()) fmt::print(out, "     {}\n", paint(neutralize_controls(people), kPeople));
        fmt::print(out, "     {}\n", paint(neutralize_controls(hit.path) + ":" + std::to_string(snippet.line), kPath));
        if (!snippet.file_found) {
            fmt::print(out, "     {}\n", paint("(note file is gone or changed since it was indexed; run recall-index)", kDim));
        } else if (!snippet.text.empty()) {
            fmt::print(out, "     {}\n", highlighted(snippet.text));
        }
        if (i + 1 < result_.hits.size()) fmt::print(out, "\n");
    }
}

void ResultPrinter::json_lines(std::FILE* out, Xapian::doccount offset) const {
    size_t i = 0;
    for (auto it = result_.mset.begin(); it != result_.mset.end(); ++it, ++i) {
        const HitInfo& hit = result_.hits[i];
        const Snippet snippet = snippet_for(i);
        nlohmann::json people = nlohmann::json::array();
        for (const auto& [name, slug] : hit.people) people.push_back({{"name", name}, {"slug", slug}});
        const std::string absolute = (options_.vault / hit.path).string();
        nlohmann::json doc{{"rank", offset + i + 1},
                                 {"path", hit.path},
                                 {"absolute_path", absolute},
                                 {"title", hit.title},
                                 {"date", hit.date.empty() ? nlohmann::json() : nlohmann::json(hit.date)},
                                 {"type", hit.type.empty() ? nlohmann::json() : nlohmann::json(hit.type)},
                                 {"people", people},
                                 {"tags", hit.tags},
                                 {"score", it.get_weight()},
                                 {"percent", it.get_percent()},
                                 {"line", snippet.line},
                                 {"snippet", without_highlights(snippet.text)}};
        // JSON strings are UTF-8: a file name that is not gets its bytes beside it.
        if (!valid_utf8(absolute)) doc["absolute_path_base64"] = base64(absolute);
        fmt::print(out, "{}\n", json_line(doc));
    }
}

void ResultPrinter::files(std::FILE* out, bool nul_separated) const {
    for (const auto& hit : result_.hits) {
        const std::string path = (options_.vault / hit.path).string();
        if (nul_separated) {
            std::fwrite(path.data(), 1, path.size(), out);
            std::fputc('\0', out);
        } else {
            fmt::print(out, "{}\n", shown_path(path));
        }
    }
}

void ResultPrinter::vimgrep(std::FILE* out, const std::filesystem::path& cwd) const {
    for (size_t i = 0; i < result_.hits.size(); ++i) {
        const HitInfo& hit = result_.hits[i];
        const Snippet snippet = snippet_for(i);
        const std::filesystem::path file = options_.vault / hit.path;
        std::filesystem::path shown = file.lexically_relative(cwd);
        if (shown.empty() || *shown.begin() == "..") shown = file;
        std::string text = !snippet.file_found   ? paint("(note file is gone; run recall-index)", kDim)
                           : snippet.text.empty() ? paint(neutralize_controls(hit.title), kTitle)
                                                  : highlighted(snippet.text);
        fmt::print(out, "{}:{}:{}:{}\n", paint(shown_path(shown), kPath), snippet.line,
                   snippet.file_found ? match_column(options_.vault, hit.path, snippet) : 1, text);
    }
}

void ResultPrinter::count(std::FILE* out, bool json) const {
    if (json) fmt::print(out, "{}\n", json_line({{"count", result_.total}}));
    else fmt::print(out, "{}\n", result_.total);
}

void ResultPrinter::facets(std::FILE* out, const PersonResolver& people) const {
    constexpr size_t kTopPeople = 15;
    constexpr int kBarWidth = 30;
    auto table = [&](const char* heading, const std::vector<std::pair<std::string, std::string>>& rows,
                     const std::vector<Xapian::doccount>& counts) {
        fmt::print(out, "{}\n", paint(heading, kTitle));
        size_t width = 0;
        Xapian::doccount most = 1;
        for (size_t i = 0; i < rows.size(); ++i) {
            width = std::max(width, rows[i].first.size());
            most = std::max(most, counts[i]);
        }
        for (size_t i = 0; i < rows.size(); ++i) {
            const int bar = std::max(1, static_cast<int>(kBarWidth * counts[i] / most));
            fmt::print(out, "  {:<{}}  {:>6}  {}\n", rows[i].first, width, thousands(counts[i]),
                       paint(std::string(static_cast<size_t>(bar), '#'), kBar));
        }
        if (rows.empty()) fmt::print(out, "  (none)\n");
    };
    std::vector<std::pair<std::string, std::string>> rows;
    std::vector<Xapian::doccount> counts;
    for (size_t i = 0; i < result_.people_facet.size() && i < kTopPeople; ++i) {
        rows.emplace_back(neutralize_controls(people.display_name(result_.people_facet[i].first)), "");
        counts.push_back(result_.people_facet[i].second);
    }
    table("People", rows, counts);
    if (result_.people_facet.size() > kTopPeople)
        fmt::print(out, "  {}\n", paint(fmt::format("... and {} more", result_.people_facet.size() - kTopPeople), kDim));
    rows.clear();
    counts.clear();
    for (const auto& [month, n] : result_.month_facet) {
        rows.emplace_back(month, "");
        counts.push_back(n);
    }
    fmt::print(out, "\n");
    table("Months", rows, counts);
}

void ResultPrinter::facets_json(std::FILE* out, const PersonResolver& people) const {
    nlohmann::json persons = nlohmann::json::array(), months = nlohmann::json::array();
    for (const auto& [slug, n] : result_.people_facet)
        persons.push_back({{"name", people.display_name(slug)}, {"slug", slug}, {"notes", n}});
    for (const auto& [month, n] : result_.month_facet) months.push_back({{"month", month}, {"notes", n}});
    fmt::print(out, "{}\n", json_line({{"count", result_.total}, {"people", persons}, {"months", months}}));
}

}  // namespace recall
