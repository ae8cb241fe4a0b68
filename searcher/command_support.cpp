#include "command_support.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include "links_command.hpp"
#include "mcp_server.hpp"
#include "recall/core/command_line.hpp"
#include "recall/core/index_store.hpp"
#include "recall/core/terminal_text.hpp"
#include "recall/searcher/date_expression.hpp"
#include "recall/searcher/query_error.hpp"
#include "tasks_command.hpp"

namespace recall {

void add_index_options(CLI::App& app, CommandLineSettings& settings) {
    app.add_option("--index", settings.index, "Index folder (default: as recall-index finds it; env RECALL_INDEX)");
    app.add_option("--vault", settings.vault, "Vault whose index to read (default: env RECALL_VAULT, the config, else the current folder)");
    app.add_option("--config", settings.config, "Config file to read instead of ~/.config/recall/config.yaml");
}

bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    return ::isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

int with_searcher(const CommandLineSettings& cli, const SearcherUser& use) {
    const Settings settings = resolve_settings(cli);
    IndexStore store(settings.index);
    if (!store.exists()) {
        fmt::print(stderr, "recall: no index at {}; build it with: recall-index --vault {}\n",
                   neutralize_controls(settings.index.string()), neutralize_controls(settings.vault.string()));
        return kExitUsage;
    }
    for (int attempt = 0;; ++attempt) {
        try {
            Xapian::Database db = store.open_for_reading();
            const IndexMetadata metadata = IndexStore::read_metadata(db);
            if (const auto why = IndexStore::outdated(metadata)) {
                fmt::print(stderr, "recall: {}: {}; update it with: recall-index --vault {}\n",
                           neutralize_controls(settings.index.string()), *why,
                           neutralize_controls(metadata.vault.empty() ? settings.vault.string() : metadata.vault));
                return kExitUsage;
            }
            const std::filesystem::path vault = metadata.vault.empty() ? settings.vault : std::filesystem::path(metadata.vault);
            Searcher searcher(db, metadata, {IndexSource{settings.index.string(), vault}}, today_local());
            searcher.set_me(settings.me);
            return use(searcher, vault);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 3) throw;
        }
    }
}

std::optional<int> run_command(int argc, char** argv) {
    std::vector<char*> index_options;  // --index X before the command goes after it
    int at = 1;
    for (; at < argc; ++at) {
        const std::string_view arg = argv[at];
        const bool option = arg == "--index" || arg == "--vault" || arg == "--config";
        if (option && at + 1 < argc) {
            index_options.insert(index_options.end(), {argv[at], argv[at + 1]});
            ++at;
        } else if (arg.starts_with("--index=") || arg.starts_with("--vault=") || arg.starts_with("--config=")) {
            index_options.push_back(argv[at]);
        } else {
            break;
        }
    }
    if (at >= argc) return std::nullopt;
    const std::string_view command = argv[at];
    if (command != "tasks" && command != "links" && command != "backlinks" && command != "mcp") return std::nullopt;
    std::vector<char*> args(argv + at, argv + argc);
    args.insert(args.end(), index_options.begin(), index_options.end());
    const int n = static_cast<int>(args.size());
    if (command == "tasks") return tasks_command(n, args.data());
    if (command == "mcp") return mcp_command(n, args.data());
    return links_command(n, args.data(), command == "backlinks");
}

int report_errors(const std::string& program, const std::function<int()>& body) {
    std::string message;
    try {
        return body();
    } catch (const QueryError& e) {
        message = e.what();
    } catch (const ConfigError& e) {
        message = e.what();
    } catch (const Xapian::DatabaseLockError& e) {
        message = "the index is locked: " + e.get_description();
    } catch (const Xapian::DatabaseError& e) {
        message = "the index is damaged or unreadable (" + e.get_description() + "); rebuild it with: recall-index --full";
    } catch (const Xapian::Error& e) {
        message = "cannot read the index: " + e.get_description();
    } catch (const std::exception& e) {
        message = e.what();
    }
    fmt::print(stderr, "{}: {}\n", program, neutralize_controls(message));
    return kExitUsage;
}

}  // namespace recall
