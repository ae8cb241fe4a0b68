// Dates as users type them in queries and --since/--until:
//   2025-10-30  2025-10  2025  2025/10/30  Oct 30, 2025     a day, month or year
//   30d  2w  3m  1y                                            that long ago (m = months)
//   today  yesterday  tomorrow
//   A..B  A..  ..B                                             ranges, open at either end
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "recall/core/date.hpp"
#include "recall/searcher/query_error.hpp"

namespace recall {

// Inclusive bounds; an empty optional is an open end.
struct DateRange {
    std::optional<Date> from, to;
};

// Which way "30d" counts from today: back for the dates of notes, ahead for due dates.
enum class Relative { Past, Future };

// The first and last day a date expression covers ("2025-10" -> Oct 1..Oct 31).
// Relative forms count from today. Throws QueryError when it is not a date.
DateRange parse_date_bound(std::string_view text, const Date& today, Relative direction = Relative::Past);

// "A..B", "A..", "..B" or a single expression. "30d" alone is the 30 days up to today (Past)
// or from today (Future). Throws QueryError.
DateRange parse_date_range(std::string_view text, const Date& today, Relative direction = Relative::Past);

Date today_local();

}  // namespace recall
