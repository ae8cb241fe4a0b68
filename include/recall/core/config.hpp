// Where the vault and its index are, and how to index it: one answer for both commands.
// Precedence: command-line option, then environment (RECALL_VAULT, RECALL_INDEX), then the
// config file ($XDG_CONFIG_HOME/recall/config.yaml), then defaults.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "recall/core/analysis_profile.hpp"
#include "recall/core/fields.hpp"

namespace recall {

// A problem with the user's configuration; the message names the file or variable.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The values the search options accept, for the command line and the config file alike.
inline constexpr std::array<std::string_view, 3> kSortOrders{"relevance", "newest", "oldest"};
inline constexpr std::array<std::string_view, 3> kColorModes{"auto", "always", "never"};
inline constexpr std::array<std::string_view, 4> kOutputFormats{"text", "json", "files", "vimgrep"};

// Search options the config file may set; the command line overrides each of them.
struct SearchDefaults {
    std::optional<unsigned> limit;
    std::optional<std::string> sort, color, format;
};

struct Settings {
    std::filesystem::path vault;           // absolute
    std::filesystem::path index;           // absolute
    // The config's `indexes:`, searched as one by `recall` (entries as written: folders,
    // remote:HOST:PORT, ssh:HOST:/path); empty when --vault, --index, RECALL_VAULT or
    // RECALL_INDEX names an index instead.
    std::vector<std::string> indexes;
    std::vector<std::string> exclude;      // globs, from the config file and the command line
    std::uintmax_t max_file_bytes = 16u << 20;
    AnalysisProfile analysis;              // language and accents: how the indexer analyses text
    std::vector<schema::DeclaredField> fields;  // frontmatter keys the user made filters of
    double max_delete_percent = 5;         // a run deleting more of the index (and over 10 notes) is refused
    std::filesystem::path config_file;     // the file that was read, empty when none
    // Who named the vault: "--vault", "RECALL_VAULT" or the config file; empty when nothing
    // did and the vault is the current folder.
    std::string vault_source;
    SearchDefaults search;
    std::string me;  // the vault's owner, whom tasks for @me and @Myself are for: "Jason Vallery"
};

struct CommandLineSettings {
    std::optional<std::string> vault, index, config;
    std::vector<std::string> exclude;
    std::optional<double> max_delete_percent;
};

// Resolves the settings. Paths are made absolute and canonical (links resolved). When
// nothing names the vault it is the nearest folder from the current one up that has an
// index or is an Obsidian vault (a .obsidian folder), else the current folder.
// Throws ConfigError for an unreadable or malformed config file, or a value it does not
// accept; the message names the file, the key and the accepted values.
Settings resolve_settings(const CommandLineSettings& cli);

std::filesystem::path default_config_file();

// $XDG_DATA_HOME/recall/<vault folder name>-<hash of its absolute path>
std::filesystem::path default_index_for(const std::filesystem::path& vault);

// "~/Notes" -> "/home/me/Notes"; relative paths made absolute.
std::filesystem::path expand_path(const std::string& path);

}  // namespace recall
