// The round-trip vault: notes in every script and with every field and filter, and the
// index and search that the round-trip tests drive.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace recall::test {

// vault path -> Markdown text: notes in every script, with every built-in field and filter.
const std::map<std::string, std::string>& roundtrip_notes();
// Notes with frontmatter fields a config declares (kDeclaredFieldsConfig).
const std::map<std::string, std::string>& declared_field_notes();
extern const std::string kDeclaredFieldsConfig;

// The 1-based line of the first line of a note that contains marker.
int line_of(const std::string& path, const std::string& marker);

struct Hit {
    std::string path;
    int line = 0;           // of the snippet
    std::string snippet;    // without marks
    nlohmann::json json;    // the whole --json line
};

// Filters given as options: {"person", "maya"} is --person maya; a filter without an
// option of its own goes as --field NAME=VALUE; since and until as --since and --until.
struct Options {
    std::vector<std::pair<std::string, std::string>> filters;
    std::string since, until;
};

// Notes written to a vault, indexed by the real recall-index (with the config given, if
// any) and searched by the real recall.
class RoundTripIndex {
public:
    explicit RoundTripIndex(const std::map<std::string, std::string>& notes, const std::string& config = "");
    ~RoundTripIndex();
    // recall --json; throws std::runtime_error with recall's message on an error (exit 2).
    std::vector<Hit> search(const std::string& query, const Options& options = {});
    std::vector<std::string> paths(const std::string& query, const Options& options = {});
    // The whole run: exit code, output (--color=always unless given other arguments) and errors.
    CommandResult run_recall(std::vector<std::string> args);
    const std::filesystem::path& index_path() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace recall::test
