#include "recall/searcher/snippets.hpp"

#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "recall/core/fields.hpp"
#include "recall/core/note_parser.hpp"
#include "recall/core/schema.hpp"
#include "recall/core/text_cleaner.hpp"
#include "recall/core/text_util.hpp"
#include "recall/core/vault_root.hpp"

namespace recall {
namespace {

constexpr size_t kSnippetChars = 240;  // the window shown, in characters
constexpr size_t kContextChars = 60;   // at most this much before the first match
constexpr std::uintmax_t kMaxNoteBytes = 64u << 20;
constexpr size_t kPieceBytes = 16 << 10;     // a longer passage is scored in pieces of about this

struct Span {
    std::uint32_t begin, end;
    size_t group;
};

struct PassageTerm {
    std::string key, exact;
    std::uint32_t begin, end, position;
};

// Bytes of text after n characters from `from` (UTF-8 lead bytes counted), or its end.
size_t advance_chars(std::string_view text, size_t from, size_t n) {
    size_t i = from;
    while (i < text.size() && n > 0) {
        ++i;
        while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
        --n;
    }
    return i;
}

size_t back_chars(std::string_view text, size_t from, size_t n) {
    size_t i = from;
    while (i > 0 && n > 0) {
        --i;
        while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
        --n;
    }
    return i;
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t'; }

// Whether the character at `at` belongs to the one before it (a combining accent, an emoji's
// variation selector, skin tone or joiner): a cut there would split what the eye sees as one.
bool continues_character(std::string_view text, size_t at) {
    if (at == 0 || at >= text.size()) return false;
    UChar32 c = 0;
    int32_t i = static_cast<int32_t>(at);
    U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
    if (c < 0x300) return false;
    const auto kind = u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK);
    if (kind == U_GCB_EXTEND || kind == U_GCB_ZWJ || kind == U_GCB_SPACING_MARK || u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER))
        return true;
    int32_t before = static_cast<int32_t>(at);
    UChar32 previous = 0;
    U8_PREV(text.data(), 0, before, previous);
    return previous == 0x200D;  // the emoji after a zero-width joiner
}

// Moves a cut forward to where a whole character starts.
size_t whole_character(std::string_view text, size_t at) {
    while (continues_character(text, at)) at = advance_chars(text, at, 1);
    return at;
}

// Where the piece of a long passage that starts at `from` ends: after the last line break in
// its second half, else after the last space there, else where a character starts.
size_t piece_end(std::string_view text, size_t from) {
    if (text.size() - from <= kPieceBytes) return text.size();
    const size_t limit = from + kPieceBytes, half = from + kPieceBytes / 2;
    for (const char separator : {'\n', ' '})
        if (const size_t at = text.rfind(separator, limit - 1); at != std::string_view::npos && at >= half) return at + 1;
    return utf8_character_start(text, limit);
}

// Control characters become spaces (same length, so offsets stay); whitespace runs collapse
// afterwards.
std::string without_controls(std::string_view text) {
    std::string out(text);
    for (char& ch : out)
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\n') ch = ' ';
    return out;
}

std::string collapse_whitespace(std::string_view s) {
    std::string out;
    for (char ch : s) {
        const bool space = is_space(ch);
        if (space && (out.empty() || out.back() == ' ')) continue;
        out.push_back(space ? ' ' : ch);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// The first kSnippetChars characters of a passage, cleaned, and "…" when it goes on. Only the
// head of a long passage is cleaned (a transcript's one paragraph can be megabytes): as much
// as the window needs, which is all of it only when whitespace runs or combining marks are
// that long.
std::string opening(std::string_view passage) {
    for (size_t chars = 4 * kSnippetChars;; chars *= 2) {
        const size_t end = advance_chars(passage, 0, chars);
        const std::string text = collapse_whitespace(without_controls(passage.substr(0, end)));
        const size_t cut = whole_character(text, advance_chars(text, 0, kSnippetChars));
        // A cut before the head's end is where a cut of the whole passage would be.
        if (cut < text.size() || end == passage.size()) return text.substr(0, cut) + (cut < text.size() ? "…" : "");
    }
}

// Where each group of the plan matches in a passage's tokens.
std::vector<Span> match(const std::vector<PassageTerm>& tokens, const MatchPlan& plan, const std::vector<bool>& applies) {
    std::vector<Span> spans;
    std::unordered_multimap<std::string_view, const PassageTerm*> by_key;
    std::map<std::uint32_t, std::vector<const PassageTerm*>> by_position;
    for (const auto& t : tokens) {
        by_key.emplace(t.key, &t);
        by_position[t.position].push_back(&t);
    }
    auto at = [&](std::uint32_t position, const std::string& key) -> const PassageTerm* {
        auto it = by_position.find(position);
        if (it == by_position.end()) return nullptr;
        for (const PassageTerm* t : it->second)
            if (t->key == key) return t;
        return nullptr;
    };
    for (size_t g = 0; g < plan.size(); ++g) {
        if (!applies[g]) continue;
        const MatchGroup& group = plan[g];
        if (!group.prefix.empty()) {
            for (const auto& t : tokens)
                if (t.key.starts_with(group.prefix) || t.exact.starts_with(group.prefix)) spans.push_back({t.begin, t.end, g});
            continue;
        }
        if (group.keys.empty()) continue;
        auto [first, last] = by_key.equal_range(group.keys.front().second);
        for (auto it = first; it != last; ++it) {
            const PassageTerm* start = it->second;
            std::uint32_t end = start->end;
            bool all = true;
            for (size_t k = 1; k < group.keys.size() && all; ++k) {
                const PassageTerm* next = at(start->position + group.keys[k].first, group.keys[k].second);
                if (next) end = std::max(end, next->end);
                else all = false;
            }
            if (all) spans.push_back({start->begin, end, g});
        }
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    return spans;
}

// The number of different groups among spans.
size_t distinct_groups(std::vector<Span>::const_iterator first, std::vector<Span>::const_iterator last) {
    std::vector<size_t> groups;
    for (auto it = first; it != last; ++it) groups.push_back(it->group);
    std::sort(groups.begin(), groups.end());
    return static_cast<size_t>(std::unique(groups.begin(), groups.end()) - groups.begin());
}

// The first window of the text that holds the most groups: its first span, and its groups.
std::pair<size_t, size_t> best_window(std::string_view text, const std::vector<Span>& spans) {
    size_t best_first = 0, best_count = 0;
    for (size_t i = 0; i < spans.size(); ++i) {
        const size_t limit = advance_chars(text, spans[i].begin, kSnippetChars - kContextChars);
        size_t j = i;
        while (j < spans.size() && spans[j].end <= limit) ++j;
        const size_t count = distinct_groups(spans.begin() + static_cast<std::ptrdiff_t>(i),
                                             spans.begin() + static_cast<std::ptrdiff_t>(j));
        if (count > best_count) {
            best_count = count;
            best_first = i;
        }
    }
    return {best_first, best_count};
}

}  // namespace

std::optional<Note> snippet_note(const std::filesystem::path& vault, const std::string& vault_path,
                                 std::vector<Passage> stored, const IndexedNote& indexed) {
    auto from_index = [&] {
        Note note;
        note.path = vault_path;
        note.passages = std::move(stored);
        return note;
    };
    try {
        const VaultRoot root(vault);
        const int fd = root.open_file(vault_path);
        if (fd < 0) {
            // Gone from this machine: what the index kept. A link out of the vault, a broken
            // link or an unreadable file is there, and is not shown.
            std::error_code ec;
            if (errno == ENOENT && !std::filesystem::exists(std::filesystem::symlink_status(vault / vault_path, ec)))
                return from_index();
            return std::nullopt;
        }
        struct stat st {};
        const bool same_size = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::uintmax_t>(st.st_size) == indexed.size;
        const bool same_mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec == indexed.mtime_ns;
        ::close(fd);
        if (same_size && same_mtime) return from_index();
        if (!same_size) return std::nullopt;
        // Touched since, or rewritten with as many bytes: the bytes tell.
        const NoteBytes read = read_note_bytes(root, vault_path, kMaxNoteBytes, /*reject_binary=*/false);
        if (!read.bytes || schema::content_hash(*read.bytes) != indexed.hash) return std::nullopt;
        return from_index();
    } catch (const std::runtime_error&) {
        return from_index();  // the vault is not on this machine
    }
}

Snippet SnippetMaker::make(const std::optional<Note>& loaded, const MatchPlan& plan) {
    Snippet snippet;
    if (!loaded) {
        snippet.file_found = false;
        return snippet;
    }
    const Note& note = *loaded;
    // The text fields each passage belongs to, by the same rows the indexer used.
    std::vector<std::vector<std::string_view>> fields(note.passages.size());
    for (const auto& row : schema::kTextFieldRows)
        schema::for_each_text(row, note, [&](std::string_view, const Passage* passage) {
            if (passage) fields[static_cast<size_t>(passage - note.passages.data())].push_back(row.name);
        });

    struct Best {
        int line = 0;  // of the piece's first character
        long score = 0;
        std::vector<Span> spans;
        std::string text;
    } best;
    std::vector<PassageTerm> tokens;
    // Only the words the plan looks for are kept from each passage.
    std::unordered_set<std::string_view> keys;
    std::vector<std::string_view> prefixes;
    for (const auto& group : plan) {
        for (const auto& [offset, key] : group.keys) keys.insert(key);
        if (!group.prefix.empty()) prefixes.push_back(group.prefix);
    }
    auto wanted = [&](const Term& t) {
        if (keys.count(t.key())) return true;
        return std::any_of(prefixes.begin(), prefixes.end(),
                           [&](std::string_view p) { return t.key().starts_with(p) || t.exact.starts_with(p); });
    };
    auto key_section = [](const Passage& p) { return p.section == SectionKind::Summary || p.section == SectionKind::KeyInformation; };
    // No passage scores more than every group, and one more in a summary or key information:
    // once the best has that, the passages left cannot beat it and are not analysed.
    size_t key_passages_left = static_cast<size_t>(std::count_if(note.passages.begin(), note.passages.end(), key_section));
    const long every_group = static_cast<long>(plan.size()) * 10;
    auto done = [&] { return best.score >= every_group + (key_passages_left > 0); };
    std::vector<bool> applies(plan.size());
    for (size_t p = 0; p < note.passages.size() && !plan.empty() && !done(); ++p) {
        const Passage& passage = note.passages[p];
        const bool key = key_section(passage);
        key_passages_left -= key;
        if (fields[p].empty()) continue;  // the H1 that is the title: shown as the title
        bool any = false;
        for (size_t g = 0; g < plan.size(); ++g) {
            applies[g] = plan[g].field.empty() ||
                         std::find(fields[p].begin(), fields[p].end(), plan[g].field) != fields[p].end();
            any = any || applies[g];
        }
        if (!any) continue;
        // A long passage (a transcript is one paragraph of megabytes) is scored piece by piece,
        // so that the work stops where the words meet, as it does between passages.
        int line = passage.line;
        for (size_t from = 0; from < passage.text.size() && !done();) {
            const size_t to = piece_end(passage.text, from);
            const bool piece = from > 0 || to < passage.text.size();
            std::string text = without_controls(std::string_view(passage.text).substr(from, to - from));
            const int piece_line = line;
            line += static_cast<int>(std::count(text.begin(), text.end(), '\n'));
            from = to;
            tokens.clear();
            analyzer_.analyze(text, [&](const Term& t) {
                if (wanted(t)) tokens.push_back({std::string(t.key()), std::string(t.exact), t.begin, t.end, t.position});
            });
            if (tokens.empty()) continue;
            std::vector<Span> spans = match(tokens, plan, applies);
            if (spans.empty()) continue;
            // Code shows only where it holds more of the query than any prose. In a passage cut
            // in pieces, words meet where one window shows them, not anywhere in the piece.
            const size_t groups = piece ? best_window(text, spans).second : distinct_groups(spans.begin(), spans.end());
            const long score = static_cast<long>(groups) * 10 + (key ? 1 : 0) - (passage.code ? 5 : 0);
            if (score > best.score) best = {piece_line, score, std::move(spans), std::move(text)};
        }
    }

    if (best.score <= 0) {  // no passage matched: the summary, the description, else the first paragraph
        const Passage* fallback = nullptr;
        for (const auto& p : note.passages)
            if (p.section == SectionKind::Summary) {
                fallback = &p;
                break;
            }
        std::string_view description;
        for (const auto& property : note.properties)
            if (property.key == "description" && !property.values.empty()) description = property.values.front();
        for (const auto& p : note.passages)
            if (!fallback && description.empty() && p.section != SectionKind::Title && !p.code && p.heading == 0)
                fallback = &p;
        if (!fallback && description.empty()) return snippet;
        snippet.text = opening(fallback ? std::string_view(fallback->text) : description);
        snippet.line = fallback ? fallback->line : 1;
        return snippet;
    }

    // The window of the passage that holds the most groups, a little context before it.
    const std::string_view text = best.text;
    const auto& spans = best.spans;
    const size_t best_first = best_window(text, spans).first;
    size_t start = back_chars(text, spans[best_first].begin, kContextChars);
    if (start > 0)  // begin at a word
        while (start < spans[best_first].begin && !is_space(text[start - 1])) ++start;
    start = std::min<size_t>(whole_character(text, start), spans[best_first].begin);
    size_t end = whole_character(text, advance_chars(text, start, kSnippetChars));
    if (end < text.size()) {  // end at a word, unless a match would be cut
        size_t word_end = end;
        while (word_end > start && !is_space(text[word_end - 1])) --word_end;
        if (word_end > spans[best_first].end) end = word_end;
    }

    std::string out = start > 0 ? "…" : "";
    size_t at = start;
    for (const auto& span : spans) {
        if (span.begin < at || span.end > end) continue;  // overlapping, or outside the window
        out.append(text.substr(at, span.begin - at));
        out.push_back(kHighlightStart);
        out.append(text.substr(span.begin, span.end - span.begin));
        out.push_back(kHighlightEnd);
        at = span.end;
    }
    out.append(text.substr(at, end - at));
    if (end < text.size()) out += "…";
    snippet.text = collapse_whitespace(out);
    snippet.line = best.line + static_cast<int>(std::count(text.begin(), text.begin() + spans[best_first].begin, '\n'));
    return snippet;
}

std::string without_highlights(const std::string& text) {
    std::string out;
    for (char ch : text)
        if (ch != kHighlightStart && ch != kHighlightEnd) out.push_back(ch);
    return out;
}

int match_column(const std::filesystem::path& vault, const std::string& vault_path, const Snippet& snippet) {
    const size_t start = snippet.text.find(kHighlightStart);
    if (start == std::string::npos) return 1;
    const size_t end = snippet.text.find(kHighlightEnd, start);
    const std::string word = to_lower_utf8(snippet.text.substr(start + 1, end - start - 1));
    if (word.empty()) return 1;
    std::optional<std::string> bytes;
    try {
        bytes = read_note_bytes(VaultRoot(vault), vault_path, kMaxNoteBytes, /*reject_binary=*/false).bytes;
    } catch (const std::runtime_error&) {
        return 1;  // the vault itself is gone
    }
    if (!bytes) return 1;
    size_t from = bytes->starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a BOM is not a column
    for (int line = 1; line < snippet.line && from != std::string::npos; ++line) {
        from = bytes->find('\n', from);
        if (from != std::string::npos) ++from;
    }
    if (from == std::string::npos) return 1;
    const size_t to = std::min(bytes->find('\n', from), bytes->size());
    const size_t at = to_lower_utf8(std::string_view(*bytes).substr(from, to - from)).find(word);
    // Lower-casing keeps ASCII offsets; for other text the column is of the lowered line,
    // which differs only when a character changes its UTF-8 length in lower case.
    return at == std::string::npos ? 1 : static_cast<int>(at) + 1;
}

}  // namespace recall
