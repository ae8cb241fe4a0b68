// What the search and the commands beside it (tasks, links, backlinks, mcp) share: the options
// that find the indexes, opening them as one with a Searcher on them, and the one-line error
// messages.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "recall/core/config.hpp"
#include "recall/searcher/index_set.hpp"
#include "recall/searcher/search.hpp"

namespace recall {

// The options that name the indexes, as the command line gave them.
struct IndexOptions {
    CommandLineSettings settings;      // --vault, --config; one local --index
    std::vector<std::string> indexes;  // --index, repeatable: folders, remote:HOST:PORT, ssh:HOST:/path
    IndexSetOptions set;               // --timeout, --allow-partial
};

// --index (repeatable when several is true, else one), --vault, --config; with several, also
// --allow-partial and --timeout.
void add_index_options(CLI::App& app, IndexOptions& options, bool several);

// Colour on a terminal unless NO_COLOR, or as --color says.
bool use_color(const std::string& mode);

// The settings, with one local --index as their index (as recall-index would name it).
Settings resolve_index_settings(IndexOptions& options);

// The indexes to read: several --index, or the config's `indexes:`; else the one index the
// settings name (--index, RECALL_INDEX, the config's `index:`, the vault's).
std::vector<IndexSpec> index_specs(const IndexOptions& options, const Settings& settings);

// Why the one index folder of the settings cannot be opened, in words the user can act on;
// nothing when it is there.
std::optional<std::string> missing_index(const Settings& settings);

using SearcherUser = std::function<int(Searcher& searcher)>;

// Opens the indexes as one and runs use with a Searcher on them (the config's me: set); a
// commit of recall-index meanwhile reopens and runs it again. A remote index that stops
// answering stops the command, naming it; with --allow-partial it goes on without it. A
// missing index is one line on stderr and exit 2; other errors are thrown (report_errors).
int with_searcher(const IndexOptions& options, const Settings& settings, const SearcherUser& use);

// The indexes open with a Searcher on them, for a command that lives long (recall mcp):
// current() reopens them first when recall-index has changed them since.
class OpenIndexes {
public:
    OpenIndexes(std::vector<IndexSpec> specs, IndexSetOptions options, Settings settings);
    ~OpenIndexes();
    Searcher& current();

private:
    std::string generations() const;  // which generation each local index is at
    void open();

    std::vector<IndexSpec> specs_;
    IndexSetOptions options_;
    Settings settings_;
    std::string generations_;
    std::unique_ptr<IndexSet> set_;
    std::unique_ptr<Searcher> searcher_;
};

// recall tasks|links|backlinks|mcp ...: runs the command and returns its exit code; nothing when
// the arguments are a search. --index, --vault and --config may come before the command.
std::optional<int> run_command(int argc, char** argv);

// Runs body, turning what it throws into one line on stderr and exit 2.
int report_errors(const std::string& program, const std::function<int()>& body);

// One line on stderr: "recall: warning: ...".
void warn(const std::string& message);

}  // namespace recall
