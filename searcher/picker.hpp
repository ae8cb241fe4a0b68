// recall -i: an interactive picker. fzf draws the list and the preview; recall does the
// searching, each time the query changes, and the chosen note opens in the user's editor.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recall {

struct PickerCommand {
    // recall and the options that every search of the picker repeats (index, filters,
    // sort), without query words or output options.
    std::vector<std::string> search;
    std::string query;  // the words to start with
    unsigned limit = 100;
};

// The arguments fzf is run with: its own filtering off (--disabled), results reloaded from
// `recall --vimgrep` as the query changes, a preview showing the hit as `recall` lists it,
// and Enter printing "INDEX\nQUERY" (the hit's 0-based rank and the query it was found with).
std::vector<std::string> fzf_arguments(const PickerCommand& command);

// An executable named `name` in $PATH.
std::optional<std::filesystem::path> find_in_path(std::string_view name);

struct Pick {
    unsigned rank = 0;  // 0-based
    std::string query;
};

// Runs fzf in `cwd` (the vault, so that its paths show short) with the commands it runs
// given to /bin/sh; nothing when the user left without choosing.
std::optional<Pick> run_fzf(const std::filesystem::path& fzf, const std::vector<std::string>& arguments,
                            const std::filesystem::path& cwd);

// Replaces this process by $VISUAL, else $EDITOR, else vi, opened at the line of the file.
// Returns only when that fails, with the exit code to use.
int open_in_editor(const std::filesystem::path& file, int line);

// 'it'\''s' for /bin/sh.
std::string shell_quote(std::string_view word);

}  // namespace recall
