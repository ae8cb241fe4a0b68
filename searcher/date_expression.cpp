#include "recall/searcher/date_expression.hpp"

#include "recall/core/text_util.hpp"

#include <cctype>
#include <ctime>

namespace recall {
namespace {

int days_in_month(int y, int m) {
    for (int d = 31; d >= 28; --d)
        if (is_valid_date(y, m, d)) return d;
    return 28;
}

Date add_months(const Date& d, int months) {
    int total = d.year * 12 + (d.month - 1) + months;
    const int y = total / 12, m = total % 12 + 1;
    return Date{y, m, std::min(d.day, days_in_month(y, m))};
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char ch : s)
        if (!std::isdigit(static_cast<unsigned char>(ch))) return false;
    return true;
}

// "30d", "2w", "3m", "1y": that long before (or after) today; "today", "yesterday", "tomorrow".
std::optional<Date> relative(std::string_view s, const Date& today, Relative direction) {
    const std::string word = lower_ascii(s);
    if (word == "today") return today;
    if (word == "yesterday") return Date::from_days_since_epoch(today.days_since_epoch() - 1);
    if (word == "tomorrow") return Date::from_days_since_epoch(today.days_since_epoch() + 1);
    if (s.size() < 2 || !all_digits(s.substr(0, s.size() - 1))) return std::nullopt;
    const long n = (direction == Relative::Past ? 1 : -1) * std::stol(std::string(s.substr(0, s.size() - 1)));
    if (n > 100000 || n < -100000) return std::nullopt;
    switch (std::tolower(static_cast<unsigned char>(s.back()))) {
        case 'd': return Date::from_days_since_epoch(today.days_since_epoch() - n);
        case 'w': return Date::from_days_since_epoch(today.days_since_epoch() - 7 * n);
        case 'm': return add_months(today, -static_cast<int>(n));
        case 'y': return add_months(today, -12 * static_cast<int>(n));
        default: return std::nullopt;
    }
}

[[noreturn]] void bad_date(std::string_view text) {
    throw QueryError("'" + std::string(text) +
                     "' is not a date: use 2025-10-30, 2025-10, 2025, today, or 30d, 2w, 3m, 1y for that long ago");
}

}  // namespace

Date today_local() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

DateRange parse_date_bound(std::string_view text, const Date& today, Relative direction) {
    const std::string_view s = trim(text);
    if (auto r = relative(s, today, direction)) return {r, r};
    // "2025" and "2025-10" / "2025/10" cover a whole year or month.
    if (s.size() == 4 && all_digits(s)) {
        const int y = std::stoi(std::string(s));
        if (!is_valid_date(y, 1, 1)) bad_date(text);
        return {Date{y, 1, 1}, Date{y, 12, 31}};
    }
    if ((s.size() == 7 || s.size() == 6) && all_digits(s.substr(0, 4)) && (s[4] == '-' || s[4] == '/') &&
        all_digits(s.substr(5))) {
        const int y = std::stoi(std::string(s.substr(0, 4))), m = std::stoi(std::string(s.substr(5)));
        if (!is_valid_date(y, m, 1)) bad_date(text);
        return {Date{y, m, 1}, Date{y, m, days_in_month(y, m)}};
    }
    if (auto d = parse_date(s)) return {d, d};
    bad_date(text);
}

DateRange parse_date_range(std::string_view text, const Date& today, Relative direction) {
    const std::string_view s = trim(text);
    const size_t dots = s.find("..");
    if (dots == std::string_view::npos) {
        // "30d" alone means the last (or next) 30 days, not the one day 30 days away.
        if (std::isdigit(static_cast<unsigned char>(s.empty() ? 'x' : s[0])))
            if (auto r = relative(s, today, direction))
                return direction == Relative::Past ? DateRange{r, std::nullopt} : DateRange{today, r};
        return parse_date_bound(s, today, direction);
    }
    const std::string_view a = trim(s.substr(0, dots)), b = trim(s.substr(dots + 2));
    if (a.empty() && b.empty()) throw QueryError("'..' needs a date on at least one side: 2025-10.., ..2025-10");
    DateRange range;
    if (!a.empty()) range.from = parse_date_bound(a, today, direction).from;
    if (!b.empty()) range.to = parse_date_bound(b, today, direction).to;
    if (range.from && range.to && *range.to < *range.from)
        throw QueryError("date range '" + std::string(s) + "' ends before it starts");
    return range;
}

}  // namespace recall
