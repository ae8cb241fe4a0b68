#include <doctest/doctest.h>

#include <string>

#include "recall/core/text_util.hpp"

using recall::utf8_character_start;

TEST_CASE("a cut moves back to where its UTF-8 character starts, never more than three bytes") {
    const std::string text = "a\xC3\xA9" "b\xE2\x82\xAC" "c\xF0\x9F\x98\x80";  // a é b € c 😀
    CHECK(utf8_character_start(text, 0) == 0);
    CHECK(utf8_character_start(text, 1) == 1);  // é starts here
    CHECK(utf8_character_start(text, 2) == 1);  // inside é
    CHECK(utf8_character_start(text, 3) == 3);
    CHECK(utf8_character_start(text, 6) == 4);  // inside €
    CHECK(utf8_character_start(text, 11) == 8);  // last byte of 😀
    CHECK(utf8_character_start(text, 8) == 8);
    CHECK(utf8_character_start(text, text.size()) == text.size());
    const std::string broken(10, '\x80');  // continuation bytes only: bounded, so a caller always advances
    CHECK(utf8_character_start(broken, 9) == 6);
    CHECK(utf8_character_start(broken, 2) == 0);
}
