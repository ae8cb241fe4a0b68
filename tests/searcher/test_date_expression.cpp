// Dates as users type them, relative to a fixed today.
#include <doctest/doctest.h>

#include "recall/searcher/date_expression.hpp"

using namespace recall;

TEST_CASE("date expressions") {
    const Date today{2026, 3, 31};
    auto range = [&](const char* text) { return parse_date_range(text, today); };
    CHECK(range("2025-10").from == Date{2025, 10, 1});
    CHECK(range("2025-10").to == Date{2025, 10, 31});
    CHECK(range("2024-02").to == Date{2024, 2, 29});
    CHECK(range("2025").from == Date{2025, 1, 1});
    CHECK(range("2025").to == Date{2025, 12, 31});
    CHECK(range("2025-10-30").from == Date{2025, 10, 30});
    CHECK(range("2025-10-01..2025-10-31").to == Date{2025, 10, 31});
    CHECK_FALSE(range("2025-10..").to);
    CHECK_FALSE(range("..2025-10").from);
    CHECK(range("..2025-10").to == Date{2025, 10, 31});
    CHECK(range("30d..").from == Date{2026, 3, 1});
    CHECK(range("2w..").from == Date{2026, 3, 17});
    CHECK(range("1m..").from == Date{2026, 2, 28});  // month arithmetic clamps the day
    CHECK(range("..1y").to == Date{2025, 3, 31});
    CHECK(range("30d").from == Date{2026, 3, 1});   // alone: the last 30 days
    CHECK_FALSE(range("30d").to);
    CHECK_THROWS_AS(range("2025-13"), QueryError);
    CHECK(range("yesterday").from == Date{2026, 3, 30});
    CHECK(range("..today").to == today);
    CHECK(range("tomorrow").to == Date{2026, 4, 1});
    CHECK_THROWS_AS(range("someday"), QueryError);
    CHECK_THROWS_AS(range(".."), QueryError);
    CHECK_THROWS_AS(range("2025-10..2025-01"), QueryError);
    CHECK_THROWS_WITH_AS(range("soon"), doctest::Contains("'soon' is not a date"), QueryError);
}

TEST_CASE("due dates count ahead: 7d alone is the next seven days, ..7d everything due by then") {
    const Date today{2026, 3, 31};
    auto due = [&](const char* text) { return parse_date_range(text, today, Relative::Future); };
    CHECK(due("7d").from == today);
    CHECK(due("7d").to == Date{2026, 4, 7});
    CHECK_FALSE(due("..7d").from);
    CHECK(due("..7d").to == Date{2026, 4, 7});
    CHECK(due("1m").to == Date{2026, 4, 30});
    CHECK(due("..today").to == today);
    CHECK(due("2025-10").from == Date{2025, 10, 1});
}
