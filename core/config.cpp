#include "recall/core/config.hpp"

#include <xapian.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <span>
#include <sstream>

#include "recall/core/index_store.hpp"
#include "recall/core/note_language.hpp"
#include "recall/core/schema.hpp"
#include "recall/core/text_util.hpp"

namespace recall {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kConfigKeys[] = {"vault", "index", "indexes", "exclude", "max_file_mb", "max_delete_percent",
                                            "language", "languages", "accents", "fields", "me", "limit", "sort", "color", "format"};

std::string join(std::span<const std::string_view> words) {
    std::string out;
    for (auto w : words) out.append(out.empty() ? "" : ", ").append(w);
    return out;
}

// "; did you mean 'limit'?" for 'limt', or nothing when no key is that close.
std::string did_you_mean(const std::string& key) {
    for (auto known : kConfigKeys)
        if (edit_distance(key, known) <= (known.size() >= 5 ? 2u : 1u)) return "; did you mean '" + std::string(known) + "'?";
    return {};
}

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

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

ConfigError bad_value(const fs::path& file, const std::string& key, const std::string& value,
                      const std::string& accepted) {
    return ConfigError(file.string() + ": '" + key + ": " + value + "' is not valid; " + accepted);
}

template <size_t N>
std::string one_of(const YAML::Node& node, const std::string& key, const fs::path& file,
                   const std::array<std::string_view, N>& accepted) {
    const std::string value = scalar(node, key, file);
    if (std::find(accepted.begin(), accepted.end(), value) != accepted.end()) return value;
    throw bad_value(file, key, value, "accepted: " + joined({accepted.begin(), accepted.end()}));
}

// "none", or a language Xapian has a stemmer for (names or ISO codes: "english", "en").
std::string stemming_language(const YAML::Node& node, const fs::path& file) {
    std::string value = scalar(node, "language", file);
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
    try {
        validate(AnalysisProfile{value, true});
        return value;
    } catch (const AnalysisError& e) {
        throw ConfigError(file.string() + ": 'language: " + value + "': " + e.what());
    }
}

// languages: {de/: german, ru/: ru}: the language of the notes under each folder.
std::vector<std::pair<std::string, std::string>> folder_languages(const YAML::Node& node, const fs::path& file) {
    if (!node.IsMap())
        throw ConfigError(file.string() + ": 'languages' must map folders to languages, as in languages: {de/: german}");
    std::vector<std::pair<std::string, std::string>> rules;
    for (const auto& kv : node) {
        const std::string folder = kv.first.as<std::string>("");
        const std::string name = scalar(kv.second, "languages", file);
        const std::string language = stemming_language_of(name);
        // An ISO code without a stemmer (zh, ja) is fine; a name recall does not know is a typo.
        if (language == "none" && name != "none" && name.size() > 3 && name.find_first_of("-_") == std::string::npos)
            throw bad_value(file, "languages", name, "known: none, " + Xapian::Stem::get_available_languages() +
                                                         ", or an ISO code such as zh (not stemmed)");
        rules.emplace_back(folder, language);
    }
    return rules;
}

// fields: {status: keyword, due: date}: frontmatter keys that become filters.
std::vector<schema::DeclaredField> declared_fields(const YAML::Node& node, const fs::path& file) {
    if (!node.IsMap())
        throw ConfigError(file.string() + ": 'fields' must map frontmatter keys to kinds, as in fields: {status: keyword, due: date}");
    std::vector<schema::DeclaredField> fields;
    try {
        for (const auto& kv : node) {
            std::string name = kv.first.as<std::string>("");
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            fields.push_back({name, schema::declared_kind(scalar(kv.second, "fields: " + name, file))});
        }
        schema::FieldTable check(fields);  // names taken or malformed
    } catch (const schema::SchemaError& e) {
        throw ConfigError(file.string() + ": 'fields': " + e.what());
    }
    return fields;
}

unsigned positive_count(const YAML::Node& node, const std::string& key, const fs::path& file) {
    const std::string value = scalar(node, key, file);
    if (!value.empty() && value.size() <= 6 && value.find_first_not_of("0123456789") == std::string::npos &&
        std::stoul(value) > 0)
        return static_cast<unsigned>(std::stoul(value));
    throw bad_value(file, key, value, "expected a whole number from 1 to 999999");
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
        std::set<std::string> seen;
        for (const auto& kv : root) {
            const std::string key = kv.first.as<std::string>("");
            if (!seen.insert(key).second)
                throw ConfigError(config.string() + ":" + std::to_string(kv.first.Mark().line + 1) + ": '" + key +
                                  "' is given twice; keep one");
            const YAML::Node& value = kv.second;
            if (key == "vault") {
                vault = scalar(value, key, config);
                s.vault_source = config.string();
            } else if (key == "index") {
                index = scalar(value, key, config);
            } else if (key == "indexes") {
                if (!value.IsSequence() || value.size() == 0)
                    throw ConfigError(config.string() + ": 'indexes' must be a list of indexes to search as one");
                for (const auto& item : value) s.indexes.push_back(scalar(item, key, config));
            } else if (key == "language") {
                s.analysis.language = stemming_language(value, config);
            } else if (key == "accents") {
                s.analysis.fold_accents = one_of(value, key, config, std::array<std::string_view, 2>{"fold", "keep"}) == "fold";
            } else if (key == "languages") {
                s.analysis.folder_languages = folder_languages(value, config);
            } else if (key == "fields") {
                s.fields = declared_fields(value, config);
            } else if (key == "max_file_mb") {
                const std::string mb = scalar(value, key, config);
                try {
                    const double bytes = std::stod(mb) * 1024 * 1024;
                    if (!(bytes >= 1 && bytes < 1e15)) throw std::invalid_argument("out of range");
                    s.max_file_bytes = static_cast<std::uintmax_t>(bytes);
                } catch (const std::logic_error&) {
                    throw bad_value(config, key, mb, "expected a size in megabytes, such as 16 or 0.5");
                }
            } else if (key == "me") {
                s.me = scalar(value, key, config);
            } else if (key == "limit") {
                s.search.limit = positive_count(value, key, config);
            } else if (key == "sort") {
                s.search.sort = one_of(value, key, config, kSortOrders);
            } else if (key == "color") {
                s.search.color = one_of(value, key, config, kColorModes);
            } else if (key == "format") {
                s.search.format = one_of(value, key, config, kOutputFormats);
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
                throw ConfigError(config.string() + ":" + std::to_string(kv.first.Mark().line + 1) + ": unknown key '" +
                                  key + "'" + did_you_mean(key) + " (known: " + join(kConfigKeys) + ")");
            }
        }
    } else if (explicit_config) {
        throw ConfigError(config.string() + ": config file not found");
    }

    if (auto v = env("RECALL_VAULT")) {
        vault = v;
        s.vault_source = "RECALL_VAULT";
    }
    if (auto i = env("RECALL_INDEX")) index = i;
    if (cli.vault) {
        vault = cli.vault;
        s.vault_source = "--vault";
    }
    if (cli.index) index = cli.index;
    // The command line or the environment names the one index to search.
    if (cli.vault || cli.index || env("RECALL_VAULT") || env("RECALL_INDEX")) s.indexes.clear();
    for (const auto& glob : cli.exclude) s.exclude.push_back(glob);
    if (cli.max_delete_percent) s.max_delete_percent = *cli.max_delete_percent;

    s.vault = vault ? canonical_folder(expand_path(*vault)) : enclosing_vault(canonical_folder(fs::current_path()));
    s.index = index ? canonical_folder(expand_path(*index)) : default_index_for(s.vault);
    return s;
}

}  // namespace recall
