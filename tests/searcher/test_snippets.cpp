// The snippet maker: the passage chosen, the window cut from it, the marks and the line.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "recall/core/document_codec.hpp"
#include "recall/core/note_parser.hpp"
#include "recall/searcher/snippets.hpp"
#include "support/test_support.hpp"

using namespace recall;

namespace {

MatchGroup word(const std::string& key, const std::string& field = {}) { return {field, {{0, key}}, {}}; }

Snippet make(const std::string& text, const MatchPlan& plan) {
    Analyzer analyzer{AnalysisProfile{}};
    return SnippetMaker(analyzer).make(parse_note(text, "n.md", ParseScope::Text), plan);
}

}  // namespace

TEST_CASE("a long passage is cut around the match, with ellipses, and the match marked") {
    std::string filler;
    for (int i = 0; i < 60; ++i) filler += "filler words here ";
    const std::string text = "# T\n\n" + filler + "the zeppelin landed " + filler + "\n";
    const Snippet s = make(text, {word("zeppelin")});
    CHECK(s.line == 3);
    CHECK(s.text.starts_with("…"));
    CHECK(s.text.ends_with("…"));
    CHECK(s.text.find("\x01zeppelin\x02") != std::string::npos);
    CHECK(s.text.size() < 400);
    CHECK(s.text.find("  ") == std::string::npos);
}

TEST_CASE("the passage with the most query words wins, and the line is the matched line in it") {
    const std::string text =
        "## Notes\n\nalpha only here\n\nalpha and beta together\nsecond line beta\n\n## Summary\n\nnothing\n";
    const Snippet s = make(text, {word("alpha"), word("beta")});
    CHECK(s.line == 5);
    CHECK(s.text.find("\x01" "alpha\x02 and \x01" "beta\x02") != std::string::npos);
    // A word found only on the second line of a paragraph points at that line.
    CHECK(make(text, {word("second")}).line == 6);
}

TEST_CASE("a field's group only matches in that field's passages") {
    const std::string text = "## Summary\n\nPricing came up.\n\n## Decisions\n\n- Pricing stays usage-based.\n";
    CHECK(make(text, {word("price")}).line == 3);
    CHECK(make(text, {word("price", "decision")}).line == 7);
}

TEST_CASE("without a match: the summary, else the first paragraph, never the title") {
    CHECK(make("# Title\n\nFirst paragraph.\n\n## Summary\n\nThe summary.\n", {word("nothing")}).line == 7);
    const Snippet first = make("# Title\n\nFirst paragraph.\n", {});
    CHECK(first.line == 3);
    CHECK(first.text == "First paragraph.");
    CHECK(make("", {word("x")}).text.empty());
}

TEST_CASE("control characters never reach a snippet, and whitespace collapses") {
    const Snippet s = make("bell\x07 and\tescape\x1b[31m zeppelin\n", {word("zeppelin")});
    CHECK(s.text.find('\x07') == std::string::npos);
    CHECK(s.text.find('\x1b') == std::string::npos);
    CHECK(s.text.find('\t') == std::string::npos);
}

TEST_CASE("a cut never splits an emoji from its skin tone or variation selector") {
    std::string run;
    for (int i = 0; i < 200; ++i) run += "👍🏽❤️";  // no spaces: the window ends inside the run
    auto whole = [](const std::string& text) {
        const std::string cut = text.substr(0, text.rfind("…"));
        // Every thumb keeps its tone, every heart its selector, and nothing starts with either.
        size_t thumbs = 0, tones = 0, hearts = 0, selectors = 0;
        for (size_t at = 0; (at = cut.find("👍", at)) != std::string::npos; at += 4) ++thumbs;
        for (size_t at = 0; (at = cut.find("🏽", at)) != std::string::npos; at += 4) ++tones;
        for (size_t at = 0; (at = cut.find("❤", at)) != std::string::npos; at += 3) ++hearts;
        for (size_t at = 0; (at = cut.find("\xEF\xB8\x8F", at)) != std::string::npos; at += 3) ++selectors;
        return thumbs > 10 && thumbs == tones && hearts == selectors;
    };
    const Snippet matched = make("# T\n\nzeppelin日" + run + "\n", {word("zeppelin")});
    CHECK(matched.text.ends_with("…"));
    CHECK_MESSAGE(whole(matched.text), matched.text);
    const Snippet fallback = make("# T\n\n日" + run + "\n", {word("nothing")});
    CHECK(fallback.text.ends_with("…"));
    CHECK(whole(fallback.text));
}

namespace {

// The first term key of a text, or "".
std::string first_key(Analyzer& analyzer, const std::string& text) {
    std::string key;
    analyzer.analyze(text, [&](const Term& t) {
        if (key.empty()) key = std::string(t.key());
    });
    return key;
}

// The note as a snippet sees it when the index's copy is current: only its stored passages.
std::optional<Note> from_document_data(const std::string& bytes, const std::string& path) {
    const Note full = parse_note(bytes, path);
    // No vault on this machine: snippet_note takes what the index kept.
    return snippet_note("/nonexistent-vault", path, decode_passages(encode_passages(full)), {});
}

}  // namespace

TEST_CASE("the passages the index keeps give every snippet the file gives, byte for byte") {
    Analyzer analyzer{AnalysisProfile{}};
    SnippetMaker maker(analyzer);
    size_t notes = 0, compared = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(RECALL_CORPUS_DIR)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
        const std::string bytes = test::read_file(entry.path());
        const std::string path = entry.path().filename().string();
        const Note file = parse_note(bytes, path, ParseScope::Text);
        const std::optional<Note> stored = from_document_data(bytes, path);
        ++notes;
        // Plans from the note's own words: the first and last passage's, each passage's word
        // in its own field (heading:, action:, decision:), a word of a code block, two words
        // that meet or do not, nothing (the fallback), and a word the note lacks.
        std::vector<MatchPlan> plans{{}, {word("zzyzxnotaword")}};
        for (size_t p = 0; p < file.passages.size(); ++p) {
            const Passage& passage = file.passages[p];
            const std::string key = first_key(analyzer, passage.text);
            if (key.empty()) continue;
            plans.push_back({word(key)});
            if (passage.heading) plans.push_back({word(key, "heading")});
            if (passage.section == SectionKind::ActionItems) plans.push_back({word(key, "action")});
            if (passage.section == SectionKind::Decisions) plans.push_back({word(key, "decision")});
            if (p + 1 < file.passages.size())
                if (const std::string next = first_key(analyzer, file.passages[p + 1].text); !next.empty())
                    plans.push_back({word(key), word(next)});
            if (plans.size() > 40) break;
        }
        for (const auto& plan : plans) {
            const Snippet a = maker.make(file, plan), b = maker.make(stored, plan);
            CHECK_MESSAGE(a.text == b.text, path);
            CHECK_MESSAGE(a.line == b.line, path);
            CHECK(b.file_found);
            ++compared;
        }
    }
    CHECK(notes > 50);
    CHECK(compared > 1000);
}

TEST_CASE("a big note: the snippet is the passage where the words meet, early or late") {
    // 2 MB of transcript turns, the words alone here and there; together once, near the end.
    std::string text = "# Call transcript\n\n";
    int line = 3;
    for (int i = 0; i < 20'000; ++i, line += 2) {
        text += "**Speaker " + std::to_string(i % 7) + "** (00:" + std::to_string(i % 60) +
                "): we went over the numbers for the rollout and the budget again, slowly.\n\n";
        if (i % 1000 == 10) text += "The zeppelin came up.\n\n", line += 2;
        if (i % 1000 == 20) text += "A quokka was mentioned.\n\n", line += 2;
    }
    const int both_line = line;
    text += "The zeppelin and the quokka were both there.\n";
    REQUIRE(text.size() > 1'500'000);
    for (const std::optional<Note>& note : {std::optional<Note>(parse_note(text, "big.md", ParseScope::Text)),
                                            from_document_data(text, "big.md")}) {
        Analyzer analyzer{AnalysisProfile{}};
        const Snippet both = SnippetMaker(analyzer).make(note, {word("zeppelin"), word("quokka")});
        CHECK(both.line == both_line);
        CHECK(both.text == "The \x01zeppelin\x02 and the \x01quokka\x02 were both there.");
        const Snippet one = SnippetMaker(analyzer).make(note, {word("quokka")});
        CHECK(one.line == 3 + 2 * 21 + 2);  // after 21 turns and the first zeppelin line
        CHECK(one.text == "A \x01quokka\x02 was mentioned.");
    }
}

TEST_CASE("a paragraph of megabytes is scored in pieces: the line where the words meet, early or late") {
    // A transcript: 20,000 turns on lines of their own, one paragraph, the words alone here
    // and there, together once: near the end, then also near the start.
    std::string turns;
    for (int i = 0; i < 20'000; ++i) {
        turns += "**Speaker " + std::to_string(i % 7) + "** (00:" + std::to_string(i % 60) +
                 "): we went over the numbers for the rollout and the budget again, slowly.\n";
        if (i % 1000 == 10) turns += "The zeppelin came up.\n";
        if (i % 1000 == 20) turns += "A quokka was mentioned.\n";
    }
    const std::string late = "# Call transcript\n\n" + turns + "The zeppelin and the quokka were both there.\n";
    const int late_line = 3 + static_cast<int>(std::count(turns.begin(), turns.end(), '\n'));
    const std::string early = "# Call transcript\n\nThe zeppelin and the quokka were both there.\n" + turns;
    REQUIRE(late.size() > 1'500'000);
    for (const auto& [text, line] : {std::pair{late, late_line}, std::pair{early, 3}}) {
        const Note file = parse_note(text, "big.md", ParseScope::Text);
        REQUIRE(std::count_if(file.passages.begin(), file.passages.end(),
                              [](const Passage& p) { return p.section != SectionKind::Title; }) == 1);
        for (const std::optional<Note>& note : {std::optional<Note>(file), from_document_data(text, "big.md")}) {
            Analyzer analyzer{AnalysisProfile{}};
            const Snippet both = SnippetMaker(analyzer).make(note, {word("zeppelin"), word("quokka")});
            CHECK(both.line == line);
            CHECK(both.text.find("The \x01zeppelin\x02 and the \x01quokka\x02 were both there.") != std::string::npos);
            const Snippet one = SnippetMaker(analyzer).make(note, {word("quokka")});
            CHECK(one.line == (line == 3 ? 3 : 3 + 21 + 1));  // after 21 turns and the first zeppelin line
        }
    }
    // One line of a megabyte, without a line break or a space to cut at: the cut falls between
    // whole characters, and the match after it is still found and shown whole.
    std::string accented;
    for (int i = 0; i < 300'000; ++i) accented += "\xC3\xA9";  // é
    const Snippet s = make("# T\n\n" + accented + " zeppelin\n", {word("zeppelin")});
    CHECK(s.line == 3);
    CHECK(s.text == "…\x01zeppelin\x02");
}

TEST_CASE("a big note without a match: the opening of its one long paragraph, cut as the whole would be") {
    auto repeat = [](const std::string& s, size_t n) {
        std::string out;
        for (size_t i = 0; i < n; ++i) out += s;
        return out;
    };
    // A transcript is one paragraph of megabytes: the snippet is its first 240 characters.
    const Snippet words = make("# T\n\n" + repeat("word ", 400'000) + "\n", {word("nothing")});
    CHECK(words.line == 3);
    CHECK(words.text == repeat("word ", 48) + "…");
    // A run of whitespace longer than the window collapses to one space first.
    const Snippet spaced = make("# T\n\nstart" + repeat(" ", 10'000) + repeat("word ", 1'000) + "\n", {});
    CHECK(spaced.text == "start " + repeat("word ", 46) + "word…");
    // An accent is never cut from its letter, however many marks follow it.
    const std::string marks = repeat("\xCC\x81", 3'000);  // U+0301, combining acute
    const Snippet accents = make("# T\n\n" + repeat("x", 239) + "e" + marks + " tail\n", {});
    CHECK(accents.text == repeat("x", 239) + "e" + marks + "…");
}
