#include <doctest/doctest.h>

#include "recall/core/date.hpp"

using recall::Date;
using recall::parse_date;

TEST_CASE("dates in the forms real vaults hold") {
    const Date oct30{2025, 10, 30};
    CHECK(parse_date("2025-10-30") == oct30);
    CHECK(parse_date(" \"2025-10-30\" ") == oct30);
    CHECK(parse_date("2025/10/30") == oct30);
    CHECK(parse_date("2025.10.30") == oct30);
    CHECK(parse_date("20251030") == oct30);
    CHECK(parse_date("Oct 30, 2025") == oct30);
    CHECK(parse_date("October 30 2025") == oct30);
    CHECK(parse_date("30 Oct 2025") == oct30);
    CHECK(parse_date("Thursday, October 30th, 2025") == oct30);
    CHECK(parse_date("2025-10-30T14:05:00Z") == oct30);
    CHECK(parse_date("2025-10-30 14:05") == oct30);
    CHECK(parse_date("2025-10-30T14:05:00.123+02:00") == oct30);
    CHECK(parse_date("2025-3-4") == Date{2025, 3, 4});
    CHECK(parse_date("Sept 1, 2024") == Date{2024, 9, 1});
}

TEST_CASE("text that is not one valid date gives nothing") {
    CHECK_FALSE(parse_date(""));
    CHECK_FALSE(parse_date("sometime next week"));
    CHECK_FALSE(parse_date("2025-02-30"));
    CHECK_FALSE(parse_date("2025-13-01"));
    CHECK_FALSE(parse_date("2025-10-30 and more words"));
    CHECK_FALSE(parse_date("Oct 2025"));
    CHECK_FALSE(parse_date("12345"));
    CHECK(parse_date("2024-02-29"));
    CHECK_FALSE(parse_date("2025-02-29"));
}

TEST_CASE("dates found in file and folder names") {
    CHECK(recall::find_date_in_path("Inbox/2025-10-30 - Call with Andy.md") == Date{2025, 10, 30});
    CHECK(recall::find_date_in_path("Journal/2024/03/14/notes.md") == Date{2024, 3, 14});
    CHECK(recall::find_date_in_path("Daily/20240314.md") == Date{2024, 3, 14});
    CHECK_FALSE(recall::find_date_in_path("Projects/Roadmap v12345678.md"));
    CHECK_FALSE(recall::find_date_in_path("People/Andy.md"));
}

TEST_CASE("day numbers round-trip and sort") {
    CHECK(Date{1970, 1, 1}.days_since_epoch() == 0);
    CHECK(Date{2025, 10, 30}.days_since_epoch() == 20391);
    CHECK(Date::from_days_since_epoch(20391) == Date{2025, 10, 30});
    CHECK(Date{2024, 2, 29}.iso() == "2024-02-29");
    CHECK(Date{2024, 2, 29}.yyyymmdd() == "20240229");
    CHECK(Date{2024, 12, 31} < Date{2025, 1, 1});
}
