#include "recall/snippets.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include "recall/note_parser.hpp"
#include "recall/vault_root.hpp"
#include "recall/schema.hpp"
#include "recall/text_cleaner.hpp"

namespace recall {
namespace {

constexpr size_t kSnippetLength = 240;     // characters Xapian aims for
constexpr size_t kMaxCandidates = 8;       // passages Xapian is asked to cut, per hit
constexpr std::uintmax_t kMaxNoteBytes = 64u << 20;

std::string strip_controls(const std::string& text) {
    std::string out = text;
    for (char& ch : out)
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\t') ch = ' ';
    return out;
}

// MSet::snippet returns HTML; the terminal and JSON want the text.
std::string unescape_html(const std::string& s) {
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&amp;", '&'}};
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        bool replaced = false;
        if (s[i] == '&')
            for (auto [entity, ch] : kEntities)
                if (s.compare(i, entity.size(), entity) == 0) {
                    out.push_back(ch);
                    i += entity.size();
                    replaced = true;
                    break;
                }
        if (!replaced) out.push_back(s[i++]);
    }
    return out;
}

std::string collapse_whitespace(const std::string& s) {
    std::string out;
    for (char ch : s) {
        const bool space = ch == '\n' || ch == '\t' || ch == ' ';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out.push_back(space ? ' ' : ch);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string truncate(const std::string& text, size_t max) {
    if (text.size() <= max) return text;
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    const size_t space = text.rfind(' ', cut);
    if (space != std::string::npos && space > max / 2) cut = space;
    return text.substr(0, cut) + "…";
}


// The line of the first highlighted word inside a multi-line passage.
int line_of_first_match(const Passage& passage, const std::string& snippet) {
    const size_t start = snippet.find(kHighlightStart);
    if (start == std::string::npos) return passage.line;
    const size_t end = snippet.find(kHighlightEnd, start);
    const std::string word = to_lower_utf8(snippet.substr(start + 1, end - start - 1));
    const std::string text = to_lower_utf8(passage.text);
    const size_t at = text.find(word);
    if (at == std::string::npos) return passage.line;
    return passage.line + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

}  // namespace

std::vector<std::string> query_words(const Xapian::Query& query) {
    std::set<std::string> words;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        std::string term = *it;
        size_t i = 0;
        while (i < term.size() && (std::isupper(static_cast<unsigned char>(term[i])) || term[i] == ':')) ++i;
        term = term.substr(i);
        if (term.size() >= 2) words.insert(to_lower_utf8(term));
    }
    return {words.begin(), words.end()};
}

std::optional<Note> load_note_text(const std::filesystem::path& vault, const std::string& vault_path,
                                   const IndexedNote& indexed) {
    try {
        const VaultRoot root(vault);
        NoteBytes read = read_note_bytes(root, vault_path, kMaxNoteBytes, /*reject_binary=*/false);
        if (!read.bytes || read.size != indexed.size || schema::content_hash(*read.bytes) != indexed.hash)
            return std::nullopt;
        return parse_note(*read.bytes, vault_path, ParseScope::Text);
    } catch (const std::runtime_error&) {
        return std::nullopt;  // the vault itself is gone
    }
}

Snippet best_snippet(const Xapian::MSet& mset, const std::vector<std::string>& words, const Xapian::Stem& stemmer,
                     const std::optional<Note>& loaded) {
    Snippet best;
    if (!loaded) {
        best.file_found = false;
        return best;
    }
    const Note& note = *loaded;
    // No background model: it looks up every word's frequency in the index, and the passage
    // is already chosen; Xapian only has to cut it around the matches.
    const unsigned flags = Xapian::MSet::SNIPPET_EXHAUSTIVE | Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH;
    const std::string hi_start(1, kHighlightStart), hi_end(1, kHighlightEnd);

    // Rank passages cheaply by how many query words they contain, then let Xapian cut and
    // highlight the few best: MSet::snippet is the costly part of printing a result.
    struct Candidate {
        size_t words;
        int section_bonus;
        const Passage* passage;
    };
    std::vector<Candidate> candidates;
    for (const auto& passage : note.passages) {
        if (words.empty()) break;
        const std::string lowered = to_lower_utf8(passage.text);
        size_t found = 0;
        for (const auto& w : words) found += lowered.find(w) != std::string::npos;
        if (found == 0) continue;
        const bool key = passage.section == SectionKind::Summary || passage.section == SectionKind::KeyInformation;
        candidates.push_back({found, key ? 1 : 0, &passage});
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return std::tie(a.words, a.section_bonus) > std::tie(b.words, b.section_bonus);
    });
    if (candidates.size() > kMaxCandidates) candidates.resize(kMaxCandidates);

    long best_score = 0;
    for (const auto& candidate : candidates) {
        const Passage& passage = *candidate.passage;
        const std::string text = strip_controls(passage.text);
        std::string snippet = mset.snippet(text, kSnippetLength, stemmer, flags, hi_start, hi_end, "…");
        if (snippet.empty()) continue;
        // Distinct words matched count most; a summary or key fact wins ties.
        std::set<std::string> matched;
        for (size_t s = snippet.find(kHighlightStart); s != std::string::npos; s = snippet.find(kHighlightStart, s + 1))
            matched.insert(to_lower_utf8(snippet.substr(s + 1, snippet.find(kHighlightEnd, s) - s - 1)));
        const long score = static_cast<long>(matched.size()) * 10 + candidate.section_bonus;
        if (score > best_score) {
            best_score = score;
            best.text = collapse_whitespace(unescape_html(snippet));
            best.line = line_of_first_match(passage, snippet);
        }
        // Passages are in order of promise: once one shows every word it contains, stop.
        if (matched.size() >= candidate.words) break;
    }
    if (best_score > 0) return best;

    // No passage matched: show the summary, else the first paragraph.
    const Passage* fallback = nullptr;
    for (const auto& p : note.passages)
        if (p.section == SectionKind::Summary) {
            fallback = &p;
            break;
        }
    for (const auto& p : note.passages)
        if (!fallback && p.section != SectionKind::Title) fallback = &p;
    if (fallback) {
        best.text = truncate(collapse_whitespace(strip_controls(fallback->text)), kSnippetLength);
        best.line = fallback->line;
    }
    return best;
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
