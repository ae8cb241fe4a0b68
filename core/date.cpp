#include "recall/core/date.hpp"

#include "recall/core/text_util.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

namespace recall {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[static_cast<size_t>(m - 1)];
}

// Month names and their usual abbreviations, English.
int month_from_name(std::string_view word) {
    static constexpr std::array<std::string_view, 12> names{"january", "february", "march",     "april",
                                                            "may",     "june",     "july",      "august",
                                                            "september", "october", "november", "december"};
    if (word.size() < 3) return 0;
    std::string lower;
    for (char ch : word) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    if (lower.back() == '.') lower.pop_back();
    if (lower == "sept") return 9;
    for (size_t i = 0; i < names.size(); ++i)
        if (lower.size() >= 3 && names[i].substr(0, lower.size()) == lower) return static_cast<int>(i) + 1;
    return 0;
}

// A date text split into numbers and words; separators dropped.
struct Token {
    bool number;
    std::string_view text;
    int value;
};

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < s.size()) {
        unsigned char ch = static_cast<unsigned char>(s[i]);
        if (std::isdigit(ch)) {
            size_t j = i;
            int v = 0;
            while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) && j - i < 9) v = v * 10 + (s[j++] - '0');
            tokens.push_back({true, s.substr(i, j - i), v});
            i = j;
        } else if (std::isalpha(ch)) {
            size_t j = i;
            while (j < s.size() && (std::isalpha(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
            tokens.push_back({false, s.substr(i, j - i), 0});
            i = j;
        } else {
            ++i;
        }
    }
    return tokens;
}

std::optional<Date> make(int y, int m, int d) {
    if (!is_valid_date(y, m, d)) return std::nullopt;
    return Date{y, m, d};
}

// Trimmed, and without one pair of surrounding quotes.
std::string_view unquote(std::string_view s) {
    s = trim(s);
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) s = s.substr(1, s.size() - 2);
    return s;
}

// "2025-10-30", "2025/10/30", "2025.10.30", "20251030" at the start of s; the rest of s
// may only be a time ("T14:05:00Z", " 14:05") when whole is true.
std::optional<Date> numeric_ymd(std::string_view s, size_t* consumed) {
    auto digits = [&](size_t pos, size_t count, int& out) {
        if (pos + count > s.size()) return false;
        out = 0;
        for (size_t k = pos; k < pos + count; ++k) {
            if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
            out = out * 10 + (s[k] - '0');
        }
        return true;
    };
    int y, m, d;
    if (!digits(0, 4, y)) return std::nullopt;
    if (s.size() >= 8 && digits(4, 2, m) && digits(6, 2, d)) {
        *consumed = 8;
        return make(y, m, d);
    }
    if (s.size() < 8) return std::nullopt;
    char sep = s[4];
    if (sep != '-' && sep != '/' && sep != '.' && sep != '_') return std::nullopt;
    size_t pos = 5;
    size_t mlen = (pos + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[pos + 1]))) ? 2 : 1;
    if (!digits(pos, mlen, m)) return std::nullopt;
    pos += mlen;
    if (pos >= s.size() || s[pos] != sep) return std::nullopt;
    ++pos;
    size_t dlen = (pos + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[pos + 1]))) ? 2 : 1;
    if (!digits(pos, dlen, d)) return std::nullopt;
    *consumed = pos + dlen;
    return make(y, m, d);
}

bool is_time_suffix(std::string_view rest) {
    // "T14:05", " 14:05:00", "T14:05:00.123+02:00", "Z"
    if (rest.empty()) return true;
    if (rest[0] != 'T' && rest[0] != ' ' && rest[0] != 't') return false;
    rest.remove_prefix(1);
    rest = unquote(rest);
    for (char ch : rest)
        if (!std::isdigit(static_cast<unsigned char>(ch)) && ch != ':' && ch != '.' && ch != '+' && ch != '-' &&
            ch != 'Z' && ch != 'z' && ch != ' ' && ch != 'A' && ch != 'P' && ch != 'M' && ch != 'U' && ch != 'T' &&
            ch != 'C')
            return false;
    return true;
}

}  // namespace

bool is_valid_date(int year, int month, int day) {
    return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string Date::yyyymmdd() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
    return buf;
}

// Howard Hinnant's days_from_civil.
long Date::days_since_epoch() const {
    const long y = year - (month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long mp = (month + 9) % 12;
    const long doy = (153 * mp + 2) / 5 + day - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date Date::from_days_since_epoch(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    return Date{y, m, d};
}

std::optional<Date> parse_date(std::string_view text) {
    text = unquote(text);
    if (text.empty() || text.size() > 64) return std::nullopt;
    size_t consumed = 0;
    if (auto d = numeric_ymd(text, &consumed)) {
        if (is_time_suffix(text.substr(consumed))) return d;
        return std::nullopt;
    }
    // Month names: "Oct 30, 2025", "October 30 2025", "30 Oct 2025", "Thu, 30 Oct 2025 10:00".
    auto tokens = tokenize(text);
    std::vector<Token> words, numbers;
    int month = 0;
    for (const auto& t : tokens) {
        if (t.number) {
            numbers.push_back(t);
        } else if (int m = month_from_name(t.text)) {
            if (month) return std::nullopt;
            month = m;
        } else if (t.text != "st" && t.text != "nd" && t.text != "rd" && t.text != "th" && t.text.size() > 3 &&
                   t.text.find('.') == std::string_view::npos) {
            // Weekday names are fine; any other word means this is not a plain date.
            static constexpr std::array<std::string_view, 7> days{"monday", "tuesday", "wednesday", "thursday",
                                                                  "friday", "saturday", "sunday"};
            std::string lower;
            for (char ch : t.text) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
            bool weekday = false;
            for (auto d : days) weekday = weekday || d == lower;
            if (!weekday) return std::nullopt;
        }
    }
    if (!month || numbers.size() < 2) return std::nullopt;
    const Token* year = nullptr;
    const Token* day = nullptr;
    for (const auto& t : numbers) {
        if (t.text.size() == 4 && !year) year = &t;
        else if (t.text.size() <= 2 && !day) day = &t;
    }
    if (!year || !day) return std::nullopt;
    return make(year->value, month, day->value);
}

std::optional<Date> find_date_in_path(std::string_view path) {
    for (size_t i = 0; i + 8 <= path.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(path[i]))) continue;
        if (i > 0 && std::isdigit(static_cast<unsigned char>(path[i - 1]))) continue;
        size_t consumed = 0;
        if (auto d = numeric_ymd(path.substr(i), &consumed)) {
            const size_t end = i + consumed;
            if (end >= path.size() || !std::isdigit(static_cast<unsigned char>(path[end]))) return d;
        }
    }
    return std::nullopt;
}

}  // namespace recall
