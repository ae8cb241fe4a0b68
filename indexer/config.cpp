#include "recall/config.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>

#include "recall/index_store.hpp"
#include "recall/schema.hpp"

namespace recall {
namespace fs = std::filesystem;
namespace {

std::optional<std::string> env(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value) return std::nullopt;
    return std::string(value);
}

fs::path home() {
    if (auto h = env("HOME")) return *h;
    return fs::current_path();
}

fs::path xdg(const char* variable, const char* fallback_under_home) {
    if (auto v = env(variable); v && fs::path(*v).is_absolute()) return *v;
    return home() / fallback_under_home;
}

std::string scalar(const YAML::Node& node, const std::string& key, const fs::path& file) {
    if (!node.IsScalar()) throw ConfigError(file.string() + ": '" + key + "' must be a single value");
    return node.Scalar();
}

// One spelling per folder: a trailing slash, "..", or a link in the path give the same
// path, so that they name the same vault and the same default index.
fs::path canonical_folder(const fs::path& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(path, ec);
    if (ec) p = path;
    if (!p.has_filename() && p.has_relative_path()) p = p.parent_path();
    return p;
}

// With nothing naming the vault: the nearest folder, from here up, that has an index in
// the default place or is an Obsidian vault, so that running inside a vault's subfolder
// uses that vault rather than starting a second index; else here.
fs::path enclosing_vault(const fs::path& here) {
    std::error_code ec;
    for (fs::path dir = here;; dir = dir.parent_path()) {
        if (IndexStore(default_index_for(dir)).exists() || fs::is_directory(dir / ".obsidian", ec)) return dir;
        if (dir == dir.parent_path()) return here;
    }
}

}  // namespace

fs::path expand_path(const std::string& path) {
    fs::path p = path;
    if (path == "~" || path.starts_with("~/")) p = home() / path.substr(path.size() > 1 ? 2 : 1);
    if (p.is_relative()) p = fs::current_path() / p;
    return p.lexically_normal();
}

fs::path default_config_file() { return xdg("XDG_CONFIG_HOME", ".config") / "recall" / "config.yaml"; }

fs::path default_index_for(const fs::path& vault) {
    const std::string name = vault.filename().empty() ? vault.parent_path().filename().string() : vault.filename().string();
    return xdg("XDG_DATA_HOME", ".local/share") / "recall" /
           (name + "-" + schema::content_hash(vault.string()).substr(0, 8));
}

Settings resolve_settings(const CommandLineSettings& cli) {
    Settings s;
    std::optional<std::string> vault, index;

    const bool explicit_config = cli.config.has_value();
    const fs::path config = explicit_config ? expand_path(*cli.config) : default_config_file();
    std::error_code ec;
    if (fs::exists(config, ec)) {
        YAML::Node root;
        try {
            root = YAML::LoadFile(config.string());
        } catch (const YAML::Exception& e) {
            throw ConfigError(config.string() + ":" + std::to_string(e.mark.line + 1) + ": malformed YAML: " + e.msg);
        }
        if (!root.IsNull() && !root.IsMap()) throw ConfigError(config.string() + ": expected 'key: value' lines");
        s.config_file = config;
        for (const auto& kv : root) {
            const std::string key = kv.first.as<std::string>("");
            const YAML::Node& value = kv.second;
            if (key == "vault") vault = scalar(value, key, config);
            else if (key == "index") index = scalar(value, key, config);
            else if (key == "language") s.language = scalar(value, key, config);
            else if (key == "max_file_mb") {
                try {
                    const double mb = std::stod(scalar(value, key, config));
                    if (mb <= 0) throw std::invalid_argument("not positive");
                    s.max_file_bytes = static_cast<std::uintmax_t>(mb * 1024 * 1024);
                } catch (const std::logic_error&) {
                    throw ConfigError(config.string() + ": 'max_file_mb' must be a positive number");
                }
            } else if (key == "max_delete_percent") {
                try {
                    s.max_delete_percent = std::stod(scalar(value, key, config));
                    if (!(s.max_delete_percent >= 0 && s.max_delete_percent <= 100)) throw std::invalid_argument("range");
                } catch (const std::logic_error&) {
                    throw ConfigError(config.string() + ": 'max_delete_percent' must be a number from 0 to 100");
                }
            } else if (key == "exclude") {
                if (value.IsScalar()) s.exclude.push_back(value.Scalar());
                else if (value.IsSequence())
                    for (const auto& item : value) s.exclude.push_back(scalar(item, key, config));
                else throw ConfigError(config.string() + ": 'exclude' must be a list of globs");
            } else {
                throw ConfigError(config.string() + ": unknown key '" + key +
                                  "' (known: vault, index, exclude, max_file_mb, max_delete_percent, language)");
            }
        }
    } else if (explicit_config) {
        throw ConfigError(config.string() + ": config file not found");
    }

    if (auto v = env("RECALL_VAULT")) vault = v;
    if (auto i = env("RECALL_INDEX")) index = i;
    if (cli.vault) vault = cli.vault;
    if (cli.index) index = cli.index;
    for (const auto& glob : cli.exclude) s.exclude.push_back(glob);
    if (cli.max_delete_percent) s.max_delete_percent = *cli.max_delete_percent;

    s.vault = vault ? canonical_folder(expand_path(*vault)) : enclosing_vault(canonical_folder(fs::current_path()));
    s.index = index ? canonical_folder(expand_path(*index)) : default_index_for(s.vault);
    return s;
}

}  // namespace recall
