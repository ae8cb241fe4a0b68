// The snippet maker: the passage chosen, the window cut from it, the marks and the line.
#include <doctest/doctest.h>

#include "recall/core/note_parser.hpp"
#include "recall/searcher/snippets.hpp"

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

TEST_CASE("control characters never reach a snippet; whitespace collapses") {
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
