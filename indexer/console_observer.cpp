#include "console_observer.hpp"

#include <fmt/core.h>

#include "recall/core/human_format.hpp"
#include "recall/core/terminal_text.hpp"

namespace recall {

ConsoleObserver::ConsoleObserver(bool progress_bar, bool list_changes)
    : progress_bar_(progress_bar), list_changes_(list_changes), started_(std::chrono::steady_clock::now()) {}

ConsoleObserver::~ConsoleObserver() { clear_progress(); }

void ConsoleObserver::clear_progress() {
    if (!bar_shown_) return;
    fmt::print(stderr, "\r\033[K");
    bar_shown_ = false;
}

void ConsoleObserver::warning(const Warning& w) {
    clear_progress();
    fmt::print(stderr, "recall-index: warning: {}\n", neutralize_controls(w.to_string()));
}

void ConsoleObserver::changed(std::string_view what, std::string_view vault_path) {
    if (!list_changes_) return;
    clear_progress();
    fmt::print("{:<8} {}\n", what, neutralize_controls(vault_path));
}

void ConsoleObserver::progress(size_t done, size_t total) {
    if (!progress_bar_ || total < 50) return;
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    const double elapsed = std::chrono::duration<double>(now - started_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(kWidth * done / total);
    fmt::print(stderr, "\r\033[K[{}{}] {}/{} notes  {:.0f} notes/s  ETA {}", std::string(static_cast<size_t>(filled), '#'),
               std::string(static_cast<size_t>(kWidth - filled), '.'), thousands(done), thousands(total), rate,
               human_seconds(eta));
    std::fflush(stderr);
    bar_shown_ = true;
}

}  // namespace recall
