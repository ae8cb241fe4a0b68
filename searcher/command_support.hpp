// What the commands beside the search (tasks, links, backlinks, mcp) share: the options
// that find the index, opening it with a Searcher on it, and the one-line error messages.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "recall/core/config.hpp"
#include "recall/searcher/search.hpp"

namespace recall {

// --index, --vault, --config, as the search has them.
void add_index_options(CLI::App& app, CommandLineSettings& settings);

// Colour on a terminal unless NO_COLOR, or as --color says.
bool use_color(const std::string& mode);

using SearcherUser = std::function<int(Searcher& searcher, const std::filesystem::path& vault)>;

// Resolves the settings, opens their index and runs use with a Searcher on it (the config's
// me: set); a commit of recall-index meanwhile reopens and runs it again. Every error is one
// line on stderr and exit 2.
int with_searcher(const CommandLineSettings& cli, const SearcherUser& use);

// recall tasks|links|backlinks|mcp ...: runs the command and returns its exit code; nothing when
// the arguments are a search. --index, --vault and --config may come before the command.
std::optional<int> run_command(int argc, char** argv);

// Runs body, turning what it throws into one line on stderr and exit 2.
int report_errors(const std::string& program, const std::function<int()>& body);

}  // namespace recall
