// Calendar dates as notes write them: "2025-10-30", "2025/10/30", "Oct 30, 2025", timestamps.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace recall {

struct Date {
    int year = 0, month = 0, day = 0;

    auto operator<=>(const Date&) const = default;
    std::string iso() const;        // "2025-10-30"
    std::string yyyymmdd() const;   // "20251030", the form sorted in value slots
    long days_since_epoch() const;  // 1970-01-01 is day 0
    static Date from_days_since_epoch(long days);
};

bool is_valid_date(int year, int month, int day);

// A date written as a whole value: ISO, slashes, month names in English either order,
// ISO timestamps. Returns nothing when the text is not one date.
std::optional<Date> parse_date(std::string_view text);

// The first date embedded in a vault path ("2025-10-30 - Call.md", "2025/10/30/x.md").
std::optional<Date> find_date_in_path(std::string_view path);

}  // namespace recall
