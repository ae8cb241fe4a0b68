// Helpers for tests that drive the real binaries on real folders.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace recall::test {

// A fresh folder under the system temp dir, removed with everything in it at scope end.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

private:
    std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, const std::string& bytes);
std::string read_file(const std::filesystem::path& path);

struct CommandResult {
    int exit_code = -1;  // 128 + signal when killed
    std::string out, err;
};

// Runs a program with arguments (no shell), extra environment variables and no stdin.
CommandResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {});

// Starts a program in the background; returns its pid.
int spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {});
// Waits for a spawned program; returns its exit code, or 128 + signal.
int wait_for(int pid);

// A meeting note in the real format.
std::string meeting_note(const std::string& title, const std::string& date, const std::string& person,
                         const std::string& summary);

}  // namespace recall::test
