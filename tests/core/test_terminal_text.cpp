// What recall prints is safe for a terminal.
#include <doctest/doctest.h>

#include "recall/core/terminal_text.hpp"

using namespace recall;

TEST_CASE("terminal text is neutralised") {
    CHECK(neutralize_controls("a\x1b[31mb") == "a^[[31mb");
    CHECK(neutralize_controls("bell\x07") == "bell^G");
    CHECK(neutralize_controls("del\x7f") == "del^?");
    CHECK(neutralize_controls("c1\xc2\x9b" "31m") == "c1<U+009B>31m");
    CHECK(neutralize_controls("rtl\xe2\x80\xae") == "rtl<U+202E>");
    CHECK(neutralize_controls("bad\xff") == "bad\\xFF");
    CHECK(neutralize_controls("two\nlines\tand tab") == "two lines and tab");
    CHECK(neutralize_controls("Jörg 📅 ok") == "Jörg 📅 ok");
}
