#include "recall/config.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>

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
            } else if (key == "exclude") {
                if (value.IsScalar()) s.exclude.push_back(value.Scalar());
                else if (value.IsSequence())
                    for (const auto& item : value) s.exclude.push_back(scalar(item, key, config));
                else throw ConfigError(config.string() + ": 'exclude' must be a list of globs");
            } else {
                throw ConfigError(config.string() + ": unknown key '" + key +
                                  "' (known: vault, index, exclude, max_file_mb, language)");
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

    s.vault = expand_path(vault.value_or("."));
    s.index = index ? expand_path(*index) : default_index_for(s.vault);
    return s;
}

}  // namespace recall
