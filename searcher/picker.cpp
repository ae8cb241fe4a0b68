#include "picker.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace recall {
namespace fs = std::filesystem;
namespace {

std::string command_line(const std::vector<std::string>& words) {
    std::string line;
    for (const auto& w : words) line += (line.empty() ? "" : " ") + shell_quote(w);
    return line;
}

// Editors that take FILE:LINE rather than +LINE FILE; VS Code wants -g in front of it.
bool takes_file_colon_line(const std::string& editor) { return editor == "subl" || editor == "hx" || editor == "helix" || editor == "zed"; }
bool is_vscode(const std::string& editor) { return editor == "code" || editor == "code-insiders" || editor == "codium"; }

}  // namespace

std::string shell_quote(std::string_view word) {
    std::string quoted = "'";
    for (char ch : word) quoted += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    return quoted + "'";
}

std::vector<std::string> fzf_arguments(const PickerCommand& command) {
    // fzf puts {q} (the query) and {n} (the current line's 0-based index) in quoted.
    std::vector<std::string> list = command.search;
    list.insert(list.end(), {"--vimgrep", "--color=never", "--limit", std::to_string(command.limit), "--"});
    // While the query is being typed it is often incomplete ("blob AND"): no error lines.
    const std::string reload = command_line(list) + " {q} 2>/dev/null || true";
    std::vector<std::string> preview = command.search;
    preview.insert(preview.end(), {"--color=always", "--limit", "1", "--offset"});
    return {"--disabled",
            "--query", command.query,
            "--prompt", "recall> ",
            "--header", "Enter: open the note at the passage  Esc: quit",
            "--bind", "start:reload:" + reload,
            "--bind", "change:reload:" + reload,
            "--bind", "enter:become:printf '%s\\n' {n} {q}",
            "--preview", command_line(preview) + " {n} -- {q}",
            "--preview-window", "down,40%,wrap"};
}

std::optional<fs::path> find_in_path(std::string_view name) {
    const char* path = std::getenv("PATH");
    std::string_view dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    while (true) {
        const size_t colon = dirs.find(':');
        const fs::path candidate = fs::path(dirs.substr(0, colon).empty() ? "." : dirs.substr(0, colon)) / name;
        if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate;
        if (colon == std::string_view::npos) return std::nullopt;
        dirs.remove_prefix(colon + 1);
    }
}

std::optional<Pick> run_fzf(const fs::path& fzf, const std::vector<std::string>& arguments, const fs::path& cwd) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot start fzf: ") + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);  // fzf reads keys from /dev/tty
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    std::vector<std::string> argv{fzf.string()};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    // Our bind and preview commands are written for /bin/sh, whatever the user's shell is.
    std::vector<std::string> env_strings{"SHELL=/bin/sh"};
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "SHELL=", 6) != 0) env_strings.emplace_back(*e);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, fzf.c_str(), &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (rc != 0) {
        ::close(out[0]);
        throw std::runtime_error("cannot start " + fzf.string() + ": " + std::strerror(rc));
    }
    std::string printed;
    char buf[4096];
    for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) != 0;) {
        if (n > 0) printed.append(buf, static_cast<size_t>(n));
        else if (errno != EINTR) break;
    }
    ::close(out[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    // "INDEX\nQUERY\n" from the Enter binding; Esc or Ctrl-C print nothing.
    const size_t newline = printed.find('\n');
    if (newline == 0 || newline == std::string::npos ||
        printed.find_first_not_of("0123456789") != newline || newline > 9)
        return std::nullopt;
    Pick pick{static_cast<unsigned>(std::stoul(printed.substr(0, newline))), printed.substr(newline + 1)};
    if (!pick.query.empty() && pick.query.back() == '\n') pick.query.pop_back();
    return pick;
}

int open_in_editor(const fs::path& file, int line) {
    std::string editor;
    for (const char* name : {"VISUAL", "EDITOR"})
        if (const char* value = std::getenv(name); value && *value) {
            editor = value;
            break;
        }
    if (editor.empty()) editor = "vi";
    const std::string program = fs::path(editor.substr(0, editor.find(' '))).filename().string();
    const std::string at_line = file.string() + ":" + std::to_string(line);
    std::vector<std::string> argv{"sh", "-c", editor + " \"$@\"", editor};
    if (is_vscode(program)) argv.insert(argv.end(), {"-g", at_line});
    else if (takes_file_colon_line(program)) argv.push_back(at_line);
    else argv.insert(argv.end(), {"+" + std::to_string(line), file.string()});
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    ::execv("/bin/sh", args.data());
    return 127;
}

}  // namespace recall
