#include "command_support.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

#include <cerrno>

#include "links_command.hpp"
#include "mcp_server.hpp"
#include "recall/core/command_line.hpp"
#include "recall/core/index_store.hpp"
#include "recall/core/terminal_text.hpp"
#include "recall/searcher/date_expression.hpp"
#include "recall/searcher/query_error.hpp"
#include "tasks_command.hpp"

namespace recall {

namespace fs = std::filesystem;

void add_index_options(CLI::App& app, IndexOptions& options, bool several) {
    if (several) {
        app.add_option("--index", options.indexes, "Index to read (default: as recall-index finds it; env RECALL_INDEX). "
                                                    "Repeat it to read several as one; remote:HOST:PORT, ssh:HOST:/path as recall's")
            ->allow_extra_args(false);
        app.add_flag("--allow-partial", options.set.allow_partial,
                     "Reading several indexes: leave out those that fail, with a warning, instead of stopping");
        app.add_option("--timeout", options.set.timeout_seconds, "Seconds a remote index may take to answer")
            ->check(CLI::PositiveNumber)->capture_default_str();
    } else {
        app.add_option("--index", options.settings.index, "Index folder (default: as recall-index finds it; env RECALL_INDEX)");
    }
    app.add_option("--vault", options.settings.vault, "Vault whose index to read (default: env RECALL_VAULT, the config, else the current folder)");
    app.add_option("--config", options.settings.config, "Config file to read instead of ~/.config/recall/config.yaml");
}

bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    return ::isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

void warn(const std::string& message) { fmt::print(stderr, "recall: warning: {}\n", neutralize_controls(message)); }

Settings resolve_index_settings(IndexOptions& options) {
    if (options.indexes.size() == 1 && parse_index_spec(options.indexes[0]).kind == IndexSpec::Kind::Local) {
        options.settings.index = options.indexes[0];
        options.indexes.clear();
    }
    return resolve_settings(options.settings);
}

std::vector<IndexSpec> index_specs(const IndexOptions& options, const Settings& settings) {
    const std::vector<std::string>& named = !options.indexes.empty() ? options.indexes : settings.indexes;
    std::vector<IndexSpec> specs;
    for (const auto& text : named) {
        IndexSpec spec = parse_index_spec(text);
        if (spec.kind == IndexSpec::Kind::Local) spec.path = expand_path(text);
        specs.push_back(std::move(spec));
    }
    if (specs.empty()) specs.push_back(parse_index_spec(settings.index.string()));
    return specs;
}

std::optional<std::string> missing_index(const Settings& settings) {
    if (IndexStore(settings.index).exists()) return std::nullopt;
    const fs::path stub = settings.index / "XAPIANDB";
    const int fd = ::open(stub.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) ::close(fd);
    else if (errno == EACCES)
        return fmt::format("cannot read the index at {}: permission denied", settings.index.string());
    // Named by an option, the environment or the config file, rather than derived from the vault.
    const bool index_named = settings.index != default_index_for(settings.vault);
    const std::string index_option = index_named ? " --index " + settings.index.string() : "";
    if (!settings.vault_source.empty())
        return fmt::format("no index of the vault {} at {}; build it with: recall-index --vault {}{}",
                           settings.vault.string(), settings.index.string(), settings.vault.string(), index_option);
    if (index_named)
        return fmt::format("no index at {}; build it with: recall-index --vault YOUR-VAULT{}", settings.index.string(),
                           index_option);
    return fmt::format("no vault is named (--vault, RECALL_VAULT or 'vault:' in {}) and the current folder {} has no "
                       "index; build one with: recall-index --vault YOUR-VAULT",
                       settings.config_file.empty() ? default_config_file().string() : settings.config_file.string(),
                       settings.vault.string());
}

namespace {

// Opens the indexes as one; the vault of an index that recorded none is the settings'.
IndexSet open_set(const std::vector<IndexSpec>& specs, const IndexSetOptions& options, const Settings& settings) {
    IndexSet set = open_index_set(specs, options);
    for (const auto& why : set.skipped) warn("leaving out " + why);
    for (auto& source : set.sources)
        if (source.vault.empty()) source.vault = settings.vault;
    return set;
}

}  // namespace

int with_searcher(const IndexOptions& options, const Settings& settings, const SearcherUser& use) {
    std::vector<IndexSpec> specs = index_specs(options, settings);
    std::error_code ec;
    const bool one_folder = specs.size() == 1 && specs[0].kind == IndexSpec::Kind::Local && !fs::is_regular_file(specs[0].path, ec);
    if (one_folder) {
        if (const auto why = missing_index(settings)) {
            fmt::print(stderr, "recall: {}\n", neutralize_controls(*why));
            return kExitUsage;
        }
    }
    for (int attempt = 0;; ++attempt) {
        try {
            const IndexSet set = open_set(specs, options.set, settings);
            Searcher searcher(set.db, set.metadata, set.sources, today_local());
            searcher.set_me(settings.me);
            return use(searcher);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 3) throw;
        } catch (const Xapian::NetworkError& e) {
            const auto down = unreachable_indexes(specs, options.set);
            const std::string why = e.get_description();
            if (down.empty()) throw IndexUnavailable("a remote index failed during the search: " + why);
            if (!options.set.allow_partial || down.size() == specs.size())
                throw IndexUnavailable(down.front().text + ": stopped answering during the search (" + why + ")");
            for (const auto& spec : down) {
                warn("leaving out " + spec.text + ": stopped answering during the search");
                std::erase_if(specs, [&](const IndexSpec& s) { return s.text == spec.text; });
            }
        }
    }
}

OpenIndexes::OpenIndexes(std::vector<IndexSpec> specs, IndexSetOptions options, Settings settings)
    : specs_(std::move(specs)), options_(options), settings_(std::move(settings)) {
    open();
}

OpenIndexes::~OpenIndexes() = default;

std::string OpenIndexes::generations() const {
    std::string out;
    for (const auto& spec : specs_) {
        std::error_code ec;
        if (spec.kind != IndexSpec::Kind::Local || fs::is_regular_file(spec.path, ec)) continue;
        const auto live = IndexStore(spec.path).live_generation();
        out += (live ? live->string() : std::string()) + "\n";
    }
    return out;
}

void OpenIndexes::open() {
    searcher_.reset();
    generations_ = generations();
    set_ = std::make_unique<IndexSet>(open_set(specs_, options_, settings_));
    searcher_ = std::make_unique<Searcher>(set_->db, set_->metadata, set_->sources, today_local());
    searcher_->set_me(settings_.me);
}

Searcher& OpenIndexes::current() {
    // A nightly rebuild makes a new generation; an incremental run commits to the live one.
    if (generations() != generations_ || set_->db.reopen()) open();
    return *searcher_;
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
