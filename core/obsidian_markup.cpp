#include "recall/core/obsidian_markup.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "recall/core/text_util.hpp"

namespace recall {
namespace {

bool is_block_id_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

// Files Obsidian embeds as what they are (pictures, sound, video, PDF), not as text.
bool is_attachment(std::string_view target) {
    if (auto cut = target.find_first_of("#|"); cut != std::string_view::npos) target = target.substr(0, cut);
    const auto dot = target.rfind('.');
    if (dot == std::string_view::npos) return false;
    const std::string ext = lower_ascii(target.substr(dot + 1));
    static constexpr std::array<std::string_view, 22> kinds{"png", "jpg", "jpeg", "gif", "bmp",  "svg", "webp", "avif",
                                                            "mp3", "wav", "m4a",  "ogg", "flac", "mp4", "webm", "ogv",
                                                            "mov", "mkv", "pdf",  "ico", "tif",  "tiff"};
    return std::find(kinds.begin(), kinds.end(), ext) != kinds.end();
}

void blank(std::string& s, size_t from, size_t to) {
    for (size_t i = from; i < to && i < s.size(); ++i)
        if (s[i] != '\n') s[i] = ' ';
}

// The fence a line opens or closes (``` or ~~~, up to three spaces in), else empty.
std::string_view fence_of(std::string_view line) {
    size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') ++i;
    if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return {};
    size_t j = i;
    while (j < line.size() && line[j] == line[i]) ++j;
    return j - i >= 3 ? line.substr(i, j - i) : std::string_view();
}

}  // namespace

std::string blank_obsidian_markup(std::string_view body) {
    std::string out(body);
    std::string_view fence;   // the open code fence, if any
    bool in_comment = false;  // %% ... %% spans lines
    size_t comment_start = 0;
    size_t pos = 0;
    while (pos < out.size()) {
        size_t end = out.find('\n', pos);
        if (end == std::string::npos) end = out.size();
        const std::string_view line(out.data() + pos, end - pos);
        if (!in_comment) {
            if (const auto f = fence_of(line); !f.empty()) {
                if (fence.empty()) fence = f;
                else if (f[0] == fence[0] && f.size() >= fence.size() && trim(line).size() == f.size()) fence = {};
                pos = end + 1;
                continue;
            }
            if (!fence.empty()) {
                pos = end + 1;
                continue;
            }
            if (trim(line).starts_with(":::")) {  // pandoc fenced div: ::: {.column width="60%"}
                blank(out, pos, end);
                pos = end + 1;
                continue;
            }
        }
        for (size_t i = pos; i < end; ++i) {
            if (in_comment) {
                if (out[i] == '%' && i + 1 < end && out[i + 1] == '%') {
                    blank(out, comment_start, i + 2);
                    in_comment = false;
                    ++i;
                }
                continue;
            }
            if (out[i] == '`') {  // a code span: skip to the closing run of as many backticks
                size_t run = i;
                while (run < end && out[run] == '`') ++run;
                const std::string ticks(run - i, '`');
                const size_t close = out.find(ticks, run);
                if (close != std::string::npos && close < end) i = close + ticks.size() - 1;
                else i = run - 1;
            } else if (out[i] == '%' && i + 1 < end && out[i + 1] == '%') {
                in_comment = true;
                comment_start = i;
                ++i;
            } else if (out[i] == '!' && out.compare(i + 1, 2, "[[") == 0) {
                const size_t close = out.find("]]", i + 3);
                if (close == std::string::npos || close > end) continue;
                if (is_attachment(std::string_view(out).substr(i + 3, close - i - 3))) blank(out, i, close + 2);
                else out[i] = ' ';  // a note embed reads as a link to it
                i = close + 1;
            }
        }
        pos = end + 1;
    }
    if (in_comment) blank(out, comment_start, out.size());  // an unclosed comment hides the rest, as in Obsidian
    return out;
}

void strip_passage_markup(std::string& text) {
    // > [!note]- Title: the marker goes, the title stays.
    if (size_t i = text.find_first_not_of(" \t"); i != std::string::npos && text.compare(i, 2, "[!") == 0)
        if (const size_t close = text.find(']', i); close != std::string::npos && close < text.find('\n', i)) {
            size_t after = close + 1;
            if (after < text.size() && (text[after] == '-' || text[after] == '+')) ++after;
            text.erase(i, after - i);
        }
    // [[target|text]] that md4c did not take as a link: its text.
    for (size_t open = text.find("[["); open != std::string::npos; open = text.find("[[", open)) {
        const size_t close = text.find("]]", open + 2);
        if (close == std::string::npos) break;
        const std::string_view inner = std::string_view(text).substr(open + 2, close - open - 2);
        const auto bar = inner.rfind('|');
        const std::string shown = bar == std::string_view::npos ? wikilink_shown_text(inner) : std::string(inner.substr(bar + 1));
        text.replace(open, close + 2 - open, shown);
        open += shown.size();
    }
    // Block ids: " ^id" at the end of a line, or a line of its own.
    std::string out;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string_view line = std::string_view(text).substr(pos, end - pos);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        size_t id = line.size();
        while (id > 0 && is_block_id_char(line[id - 1])) --id;
        if (id > 0 && id < line.size() && line[id - 1] == '^' && (id == 1 || line[id - 2] == ' ' || line[id - 2] == '\t'))
            line = line.substr(0, id - 1);
        if (!out.empty()) out.push_back('\n');
        out.append(line);
        pos = end + 1;
    }
    text = std::string(trim(out));
}

std::string wikilink_shown_text(std::string_view target) {
    std::string_view note = target, rest;
    if (auto hash = target.find('#'); hash != std::string_view::npos) {
        note = target.substr(0, hash);
        rest = target.substr(hash + 1);
    }
    if (auto slash = note.rfind('/'); slash != std::string_view::npos) note.remove_prefix(slash + 1);
    if (note.ends_with(".md")) note.remove_suffix(3);
    std::string shown(trim(note));
    // Each #part is a heading, or a block (^id) that shows nothing.
    while (!rest.empty()) {
        auto hash = rest.find('#');
        std::string_view part = trim(rest.substr(0, hash));
        rest = hash == std::string_view::npos ? std::string_view() : rest.substr(hash + 1);
        if (part.empty() || part.front() == '^') continue;
        if (!shown.empty()) shown.append(" > ");
        shown.append(part);
    }
    return shown;
}

}  // namespace recall
