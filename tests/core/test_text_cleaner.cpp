#include <doctest/doctest.h>

#include "recall/core/text_cleaner.hpp"

using recall::clean_text;
using recall::repair_mac_roman_mojibake;

namespace {
std::string repaired(std::string text) {
    repair_mac_roman_mojibake(text);
    return text;
}
}  // namespace

TEST_CASE("the sample note's mojibake patterns are repaired byte for byte") {
    // Exactly the bytes of the real sample: an apostrophe, and emoji behind U+F8FF.
    CHECK(repaired("Andy\xE2\x80\x9A\xC3\x84\xC3\xB4s team") == "Andy\xE2\x80\x99s team");  // Andy‚Äôs -> Andy’s
    CHECK(repaired("@Andy \xEF\xA3\xBF\xC3\xBC\xC3\xAC\xC3\x96 2025-10-30") == "@Andy \xF0\x9F\x93\x85 2025-10-30");  // 📅
    CHECK(repaired("x \xEF\xA3\xBF\xC3\xBC\xC3\xAE\xE2\x88\xAB #task") == "x \xF0\x9F\x94\xBA #task");  // 🔺
    CHECK(repaired("y \xE2\x80\x9A\xC3\xA8\xC2\xB4 #task") == "y \xE2\x8F\xAB #task");  // ⏫
}

TEST_CASE("an emoji whose U+F8FF was lost is still repaired") {
    CHECK(repaired("due \xC3\xBC\xC3\xAC\xC3\x96 2025-10-30") == "due \xF0\x9F\x93\x85 2025-10-30");  // üìÖ -> 📅
}

TEST_CASE("correct text is never changed") {
    for (const char* text : {"Café, naïve, résumé, Jörg Müller, Köln, façade",
                             "„Über“ and “Äpfel” in German quotes; «Élan» in French",
                             "Straße, öffentlich, ÄÖÜ äöü ß", "日本語のテキスト and 中文", "Emoji 📅 🔺 ⏫ ✅ stay",
                             "Ω ≈ ∆, π ≤ ∞, ¬ ok", "Ελληνικά, русский, עברית, العربية"}) {
        std::string copy = text;
        CHECK(repair_mac_roman_mojibake(copy) == 0);
        CHECK(copy == text);
    }
}

TEST_CASE("weak 2-byte patterns are repaired only next to unambiguous mojibake") {
    // "‚Äú" is a mojibake left quote, "Ñ¢" would be... left alone without evidence.
    const std::string quote_before_umlaut = "“Ü";  // Mac Roman D2 86: a valid 2-byte sequence, but real German
    CHECK(repaired(quote_before_umlaut) == quote_before_umlaut);
    // With strong evidence in the same text, the accented letters of café are repaired.
    CHECK(repaired("Andy\xE2\x80\x9A\xC3\x84\xC3\xB4s caf\xE2\x88\x9A\xC2\xA9") == "Andy’s café");
}

TEST_CASE("a UTF-8 BOM is removed and CRLF and lone CR become LF") {
    auto out = clean_text("\xEF\xBB\xBF---\r\ntitle: x\r\n---\rbody\r\n");
    CHECK(out.utf8 == "---\ntitle: x\n---\nbody\n");
    CHECK(out.problems.empty());
}

TEST_CASE("Latin-1 and Windows-1252 bytes are decoded, with a warning on the first line") {
    auto out = clean_text("line one\nCaf\xE9 in K\xF6ln \x93quoted\x94 \x96 done\n");
    CHECK(out.utf8 == "line one\nCafé in Köln “quoted” – done\n");
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].line == 2);
    CHECK(out.problems[0].message.find("5 byte(s)") != std::string::npos);
}

TEST_CASE("stray invalid bytes inside UTF-8 do not damage the valid text around them") {
    auto out = clean_text("Erik’s fix \xFF ships");
    CHECK(out.utf8 == "Erik’s fix ÿ ships");
    CHECK(out.problems.size() == 1);
}

TEST_CASE("bytes undefined in Windows-1252 become U+FFFD, never C1 controls") {
    auto out = clean_text("a\x81z");
    CHECK(out.utf8 == "a\xEF\xBF\xBDz");
}

TEST_CASE("NUL bytes are removed with a warning") {
    auto out = clean_text(std::string("one\ntw\0o\0\n", 10));
    CHECK(out.utf8 == "one\ntwo\n");
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].line == 2);
}

TEST_CASE("UTF-16 files with a BOM are converted") {
    const std::string utf16("\xFF\xFE" "h\0i\0\n\0\xE9\0", 10);
    CHECK(clean_text(utf16).utf8 == "hi\né");
}

TEST_CASE("binary content is recognised, text with a stray NUL is not") {
    CHECK(recall::looks_binary(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)));
    CHECK(recall::looks_binary(std::string(200, '\0')));
    CHECK_FALSE(recall::looks_binary("# Plain note\n\nwith text\n"));
    CHECK_FALSE(recall::looks_binary(std::string("a long line of text with one\0 NUL in it, which is damage", 56)));
    CHECK_FALSE(recall::looks_binary(""));
}

TEST_CASE("lower-casing is Unicode-aware") {
    CHECK(recall::to_lower_utf8("Person/Jörg-MÜLLER") == "person/jörg-müller");
    CHECK(recall::to_lower_utf8("ASCII/Only") == "ascii/only");
}
