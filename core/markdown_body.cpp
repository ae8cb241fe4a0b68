#include "recall/core/markdown_body.hpp"

#include <md4c.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

#include "recall/core/frontmatter.hpp"
#include "recall/core/note_limits.hpp"
#include "recall/core/obsidian_markup.hpp"
#include "recall/core/text_util.hpp"

namespace recall {
namespace {

bool is_tag_char(unsigned char ch) { return std::isalnum(ch) || ch == '_' || ch == '-' || ch == '/' || ch >= 0x80; }

class BodyWalker {
public:
    BodyWalker(std::string_view body, int first_line)
        : visible_(blank_obsidian_markup(body)), body_(visible_), first_line_(first_line) {
        line_starts_.push_back(0);
        for (size_t i = 0; i < body.size(); ++i)
            if (body[i] == '\n') line_starts_.push_back(i + 1);
    }

    MarkdownBody run() {
        MD_PARSER parser{};
        parser.flags = MD_FLAG_TASKLISTS | MD_FLAG_WIKILINKS | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
                       MD_FLAG_PERMISSIVEAUTOLINKS;
        parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* self) { return as(self)->enter_block(t, d); };
        parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* self) { return as(self)->leave_block(t, d); };
        parser.enter_span = [](MD_SPANTYPE t, void* d, void* self) { return as(self)->enter_span(t, d); };
        parser.leave_span = [](MD_SPANTYPE t, void* d, void* self) { return as(self)->leave_span(t, d); };
        parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* self) { return as(self)->text(t, s, n); };
        md_parse(body_.data(), static_cast<MD_SIZE>(body_.size()), &parser, this);
        flush();
        return std::move(out_);
    }

private:
    static BodyWalker* as(void* p) { return static_cast<BodyWalker*>(p); }

    int line_at(const char* p) const {
        if (p < body_.data() || p > body_.data() + body_.size()) return 0;  // text md4c made up
        const size_t offset = static_cast<size_t>(p - body_.data());
        auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
        return first_line_ + static_cast<int>(it - line_starts_.begin()) - 1;
    }

    // Ends the current leaf block: its text becomes a passage, and a task's text.
    void flush() {
        if (!in_code_) strip_passage_markup(current_);
        std::string_view text = trim(current_);
        if (!text.empty()) {
            if (heading_level_ == 0) {
                Passage passage{section_, current_line_, std::string(text), 0, in_code_};
                if (!pending_tasks_.empty() && pending_tasks_.back().second) {
                    auto& item = pending_tasks_.back();
                    // One past the limit, so that the caller can tell there were more.
                    if (out_.tasks.size() <= limits::kTasks) out_.tasks.push_back({current_line_, item.first, passage.text});
                    item.second = false;  // nested blocks of the item are not the task
                }
                if (!seen_section_ && section_ == SectionKind::Body) read_header_lines(passage.text);
                out_.passages.push_back(std::move(passage));
            }
        }
        current_.clear();
        current_line_ = 0;
    }

    // "Date: 2025-10-30" and "With: Andy, Jason" lines under the title.
    void read_header_lines(std::string_view text) {
        size_t pos = 0;
        while (pos < text.size()) {
            size_t end = text.find('\n', pos);
            if (end == std::string_view::npos) end = text.size();
            std::string_view line = trim(text.substr(pos, end - pos));
            pos = end + 1;
            auto value_after = [&](std::string_view label) -> std::string_view {
                if (line.size() > label.size() && line.substr(0, label.size()) == label && line[label.size()] == ':')
                    return trim(line.substr(label.size() + 1));
                return {};
            };
            if (auto v = value_after("Date"); !v.empty() && out_.header_date.empty()) out_.header_date = v;
            if (auto v = value_after("With"); !v.empty() && out_.header_with.empty()) out_.header_with = v;
        }
    }

    int enter_block(MD_BLOCKTYPE type, void* detail) {
        flush();
        switch (type) {
            case MD_BLOCK_H:
                heading_level_ = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
                heading_.clear();
                heading_line_ = 0;
                break;
            case MD_BLOCK_HR: section_ = SectionKind::Body; break;  // "---" closes a section
            case MD_BLOCK_CODE: in_code_ = true; break;
            case MD_BLOCK_HTML: in_html_ = true; break;
            case MD_BLOCK_LI: {
                auto* li = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
                const bool done = li->is_task && (li->task_mark == 'x' || li->task_mark == 'X');
                pending_tasks_.push_back({done, li->is_task != 0});
                break;
            }
            default: break;
        }
        return 0;
    }

    int leave_block(MD_BLOCKTYPE type, void*) {
        if (type == MD_BLOCK_H) {
            finish_heading();
        } else {
            flush();
            if (type == MD_BLOCK_CODE) in_code_ = false;
            if (type == MD_BLOCK_HTML) in_html_ = in_tag_ = false;
            if (type == MD_BLOCK_LI && !pending_tasks_.empty()) pending_tasks_.pop_back();
        }
        return 0;
    }

    void finish_heading() {
        strip_passage_markup(heading_);
        const std::string text(trim(heading_));
        const int level = heading_level_;
        heading_level_ = 0;
        if (text.empty()) return;
        if (level == 1 && out_.h1.empty()) {
            out_.h1 = text;
            out_.passages.push_back({SectionKind::Title, heading_line_, text, 1, false});
            section_ = SectionKind::Body;
            return;
        }
        if (level <= 2) {
            const SectionKind kind = section_from_heading(text);
            seen_section_ = seen_section_ || kind != SectionKind::Body || level == 2;
            section_ = kind;
            if (kind != SectionKind::Body) return;  // "## Summary" itself says nothing
        }
        out_.passages.push_back({section_, heading_line_, text, level, false});
    }

    int enter_span(MD_SPANTYPE type, void* detail) {
        if (type == MD_SPAN_IMG) ++in_image_;  // alt text is not shown: badges, screenshots
        if (type == MD_SPAN_WIKILINK) {
            const auto* wl = static_cast<MD_SPAN_WIKILINK_DETAIL*>(detail);
            link_target_.assign(wl->target.text, wl->target.size);
            link_start_ = (heading_level_ ? heading_ : current_).size();
            const std::string& text = heading_level_ ? heading_ : current_;
            const size_t line_start = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
            if (!trim(link_target_).empty())
                out_.links.push_back({section_, std::string(trim(link_target_)), line_at(wl->target.text),
                                       is_credit_line(std::string_view(text).substr(line_start))});
        }
        return 0;
    }
    int leave_span(MD_SPANTYPE type, void*) {
        if (type == MD_SPAN_IMG) --in_image_;
        if (type != MD_SPAN_WIKILINK) return 0;
        std::string& target = heading_level_ ? heading_ : current_;
        if (link_start_ > target.size()) return 0;
        if (target.compare(link_start_, std::string::npos, link_target_) == 0) {
            target.replace(link_start_, std::string::npos, wikilink_shown_text(link_target_));  // [[Note#Heading]]
        } else if (const std::string shown = wikilink_shown_text(link_target_); !shown.empty()) {
            out_.link_targets.push_back(shown);  // [[target|text]]: the text shows, the target is still searchable
        }
        return 0;
    }

    int text(MD_TEXTTYPE type, const MD_CHAR* s, MD_SIZE n) {
        std::string& target = heading_level_ ? heading_ : current_;
        int& line = heading_level_ ? heading_line_ : current_line_;
        if (in_image_) return 0;
        if (!line) line = line_at(s);
        switch (type) {
            case MD_TEXT_NORMAL:
                target.append(s, n);
                collect_inline_tags(std::string_view(s, n));
                break;
            case MD_TEXT_CODE:
            case MD_TEXT_LATEXMATH: target.append(s, n); break;
            case MD_TEXT_BR:
            case MD_TEXT_SOFTBR: target.push_back('\n'); break;
            case MD_TEXT_NULLCHAR: break;
            case MD_TEXT_ENTITY: append_entity(target, std::string_view(s, n)); break;
            case MD_TEXT_HTML:  // tags are markup, not words; what an HTML block holds between them is text
                if (in_html_) append_html_text(target, std::string_view(s, n));
                break;
        }
        return 0;
    }

    static void append_entity(std::string& out, std::string_view entity) {
        static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> named{
            {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&nbsp;", " "},
             {"&mdash;", "—"}}};
        for (auto [name, value] : named)
            if (entity == name) {
                out.append(value);
                return;
            }
        if (entity.size() > 3 && entity[1] == '#') {
            const bool hex = entity[2] == 'x' || entity[2] == 'X';
            const long cp = std::strtol(std::string(entity.substr(hex ? 3 : 2)).c_str(), nullptr, hex ? 16 : 10);
            if (cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                char buf[4];
                int32_t len = 0;
                U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buf), len, static_cast<UChar32>(cp));
                out.append(buf, static_cast<size_t>(len));
                return;
            }
        }
        out.append(entity);
    }

    // "Designed by: ", "Authors: ", "Created by " and the like: what follows names people.
    static bool is_credit_line(std::string_view line) {
        const std::string head = lower_ascii(trim(line).substr(0, 24));
        static constexpr std::array<std::string_view, 9> labels{"author", "authors", "author(s)", "designed by", "created by",
                                                                "made by", "maintained by", "written by", "developed by"};
        for (auto label : labels)
            if (head.starts_with(label) && (head.size() == label.size() || head[label.size()] == ':' || head[label.size()] == ' '))
                return true;
        return false;
    }

    void append_html_text(std::string& out, std::string_view html) {
        for (size_t i = 0; i < html.size(); ++i) {
            if (in_tag_) {
                if (html[i] == '>') in_tag_ = false;
            } else if (html[i] == '<') {
                in_tag_ = true;
                out.push_back(' ');
            } else {
                out.push_back(html[i]);
            }
        }
    }

    // Obsidian tags in running text: "#tag" at a word start, not all digits ("#1" is not one).
    void collect_inline_tags(std::string_view s) {
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] != '#') continue;
            if (i > 0 && !std::isspace(static_cast<unsigned char>(s[i - 1])) && s[i - 1] != '(') continue;
            size_t j = i + 1;
            while (j < s.size() && is_tag_char(static_cast<unsigned char>(s[j]))) ++j;
            std::string_view tag = s.substr(i + 1, j - i - 1);
            const bool has_non_digit = std::any_of(tag.begin(), tag.end(), [](char ch) {
                return !std::isdigit(static_cast<unsigned char>(ch)) && ch != '/' && ch != '-';
            });
            if (!tag.empty() && has_non_digit && tag.size() <= 100 && out_.inline_tags.size() <= limits::kTags) {
                std::string norm = normalize_tag(tag);
                if (!norm.empty() && seen_tags_.insert(norm).second) out_.inline_tags.push_back(std::move(norm));
            }
            i = j - 1;
        }
    }

    std::string visible_;  // the body with Obsidian's hidden markup blanked, offsets kept
    std::string_view body_;
    int first_line_;
    std::vector<size_t> line_starts_;
    MarkdownBody out_;
    SectionKind section_ = SectionKind::Body;
    bool seen_section_ = false;
    std::string current_, heading_;
    int current_line_ = 0, heading_line_ = 0, heading_level_ = 0;
    std::vector<std::pair<bool, bool>> pending_tasks_;  // per open list item: (done, is a task still without text)
    std::unordered_set<std::string> seen_tags_;
    bool in_code_ = false, in_html_ = false, in_tag_ = false;
    int in_image_ = 0;
    std::string link_target_;  // of the wikilink being read
    size_t link_start_ = 0;    // where its text starts in the block's text
};

}  // namespace

SectionKind section_from_heading(std::string_view heading) {
    // Drop leading emoji, numbering and punctuation: "📝 Summary", "1. Decisions".
    size_t i = 0;
    while (i < heading.size()) {
        UChar32 cp;
        size_t next = i;
        U8_NEXT(reinterpret_cast<const uint8_t*>(heading.data()), next, heading.size(), cp);
        if (cp >= 0 && u_isalpha(cp)) break;
        i = next;
    }
    std::string key;
    for (char ch : trim(heading.substr(i))) key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    while (!key.empty() && (key.back() == ':' || key.back() == ' ')) key.pop_back();
    static constexpr std::array<std::pair<std::string_view, SectionKind>, 22> names{{
        {"summary", SectionKind::Summary},
        {"tl;dr", SectionKind::Summary},
        {"tldr", SectionKind::Summary},
        {"overview", SectionKind::Summary},
        {"key information", SectionKind::KeyInformation},
        {"key info", SectionKind::KeyInformation},
        {"key points", SectionKind::KeyInformation},
        {"key facts", SectionKind::KeyInformation},
        {"key takeaways", SectionKind::KeyInformation},
        {"decisions", SectionKind::Decisions},
        {"decisions made", SectionKind::Decisions},
        {"decision", SectionKind::Decisions},
        {"action items", SectionKind::ActionItems},
        {"action item", SectionKind::ActionItems},
        {"actions", SectionKind::ActionItems},
        {"next steps", SectionKind::ActionItems},
        {"tasks", SectionKind::ActionItems},
        {"todo", SectionKind::ActionItems},
        {"to do", SectionKind::ActionItems},
        {"related", SectionKind::Related},
        {"see also", SectionKind::Related},
        {"links", SectionKind::Related},
    }};
    for (auto [name, kind] : names)
        if (key == name) return kind;
    return SectionKind::Body;
}

MarkdownBody parse_markdown_body(std::string_view body, int first_line) {
    return BodyWalker(body, first_line).run();
}

}  // namespace recall
