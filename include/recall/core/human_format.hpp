// Numbers for people: "10,214", "1 note", "12.3 MB", "4.1 s".
#pragma once

#include <cstdint>
#include <string>

#include <fmt/core.h>

namespace recall {

inline std::string thousands(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

// "1 note", "10,214 notes".
inline std::string count_of(std::uint64_t n, const char* one, const char* many) {
    return thousands(n) + " " + (n == 1 ? one : many);
}

inline std::string human_bytes(std::uint64_t bytes) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1000 && unit < 4) {
        value /= 1000;
        ++unit;
    }
    return unit == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", value, units[unit]);
}

inline std::string human_seconds(double seconds) {
    if (seconds < 1) return fmt::format("{:.0f} ms", seconds * 1000);
    if (seconds < 120) return fmt::format("{:.1f} s", seconds);
    return fmt::format("{}m{:02}s", static_cast<int>(seconds) / 60, static_cast<int>(seconds) % 60);
}

}  // namespace recall
