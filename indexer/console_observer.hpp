// How recall-index talks on the terminal: warnings, a progress bar, per-note lines.
#pragma once

#include <chrono>
#include <cstdio>

#include "recall/indexer/indexer.hpp"

namespace recall {

class ConsoleObserver : public IndexObserver {
public:
    // progress_bar: draw one on stderr (a terminal, not --quiet). list_changes: print a
    // line per added, changed or deleted note on stdout (--verbose, --dry-run).
    ConsoleObserver(bool progress_bar, bool list_changes);
    ~ConsoleObserver() override;

    void warning(const Warning& w) override;
    void progress(size_t done, size_t total) override;
    void changed(std::string_view what, std::string_view vault_path) override;
    void clear_progress();

private:
    bool progress_bar_, list_changes_, bar_shown_ = false;
    std::chrono::steady_clock::time_point started_, last_draw_;
};

}  // namespace recall
