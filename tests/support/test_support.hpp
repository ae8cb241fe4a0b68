// Helpers for tests that drive the real binaries on real folders.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

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
// A command's output, a line each, without the newlines.
std::vector<std::string> split_lines(const std::string& text);

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

// The binaries under test, and the sample vault.
extern const std::string kRecall, kIndexer;
extern const std::filesystem::path kCorpus, kSource;

// recall-index on a vault, with no user config (XDG_CONFIG_HOME points at nothing).
CommandResult index_vault(const std::filesystem::path& vault, const std::filesystem::path& idx,
                          std::vector<std::string> extra = {}, std::map<std::string, std::string> env = {});

// How many notes `recall --count QUERY` finds; the test fails on an error (exit 2).
size_t count_matches(const std::filesystem::path& idx, const std::string& query);

// The term of a filter's value, as the schema's row makes it: filter_term("person", "ann-lee").
std::string filter_term(const std::string& filter, const std::string& value);

// One index of corpus/ for every test of the process, and recall run on it as a user runs
// it (no user config, NO_COLOR).
class CorpusIndex {
public:
    CorpusIndex();
    const std::filesystem::path& index() const { return index_; }
    std::vector<std::string> argv(std::vector<std::string> args) const;  // recall --index ... args
    CommandResult search(std::vector<std::string> args, std::map<std::string, std::string> env = {}) const;
    size_t count(std::vector<std::string> args) const;                  // with --count
    std::vector<nlohmann::json> json_hits(std::vector<std::string> args) const;  // with --json
    const std::map<std::string, std::string>& env() const { return env_; }

private:
    TempDir tmp_;
    std::filesystem::path index_;
    std::map<std::string, std::string> env_;
};
const CorpusIndex& corpus_index();

}  // namespace recall::test
