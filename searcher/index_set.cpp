#include "recall/searcher/index_set.hpp"

#include <cstdlib>
#include <system_error>

namespace recall {
namespace {

namespace fs = std::filesystem;

// The program that reaches an ssh: index; RECALL_SSH may name another (a wrapper, or a test's).
std::string ssh_program() {
    const char* program = std::getenv("RECALL_SSH");
    return program && *program ? program : "ssh";
}

// Xapian 1.4's remote timeouts are in milliseconds, whatever their type's name says.
useconds_t milliseconds(double seconds) { return static_cast<useconds_t>(seconds * 1e3); }

Xapian::Database open_one(const IndexSpec& spec, const IndexSetOptions& options) {
    const useconds_t timeout = milliseconds(options.timeout_seconds);
    switch (spec.kind) {
        case IndexSpec::Kind::Tcp: return Xapian::Remote::open(spec.host, spec.port, timeout, timeout);
        case IndexSpec::Kind::Ssh:
            // BatchMode: a password prompt would hang a search; keys or an agent only.
            return Xapian::Remote::open(ssh_program(), "-o BatchMode=yes " + spec.host + " xapian-progsrv " +
                                                           spec.path.string(), timeout);
        case IndexSpec::Kind::Local: break;
    }
    std::error_code ec;
    if (fs::is_regular_file(spec.path, ec)) return Xapian::Database(spec.path.string());  // a stub file
    return IndexStore(spec.path).open_for_reading();
}

std::string why_not(const Xapian::Error& e) {
    const std::string type = e.get_type();
    if (type == "NetworkTimeoutError") return "no answer in time (" + e.get_msg() + ")";
    if (type == "NetworkError") return "cannot reach it (" + e.get_description() + ")";
    if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError") return "no index here";
    return e.get_description();
}

// Searched together, indexes must make the same terms of the same words.
std::string analysis_of(const IndexMetadata& m) {
    return m.profile->to_json() + "\n" + schema::declared_fields_json(*m.fields);
}

}  // namespace

IndexSpec parse_index_spec(const std::string& text) {
    IndexSpec spec;
    spec.text = text;
    if (text.starts_with("remote:")) {
        const std::string rest = text.substr(7);
        const size_t colon = rest.rfind(':');
        char* end = nullptr;
        const unsigned long port = colon == std::string::npos ? 0 : std::strtoul(rest.c_str() + colon + 1, &end, 10);
        if (colon == std::string::npos || colon == 0 || port == 0 || port > 65535 || *end != '\0')
            throw std::invalid_argument("--index " + text + ": expected remote:HOST:PORT, as in remote:127.0.0.1:7000");
        spec.kind = IndexSpec::Kind::Tcp;
        spec.host = rest.substr(0, colon);
        if (spec.host.size() > 2 && spec.host.front() == '[' && spec.host.back() == ']')  // [::1]
            spec.host = spec.host.substr(1, spec.host.size() - 2);
        spec.port = static_cast<unsigned>(port);
        return spec;
    }
    if (text.starts_with("ssh:")) {
        const std::string rest = text.substr(4);
        const size_t colon = rest.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size() || rest.find(' ') != std::string::npos)
            throw std::invalid_argument("--index " + text +
                                        ": expected ssh:HOST:/path/to/index, without spaces (as in ssh:me@server:/srv/recall/team)");
        spec.kind = IndexSpec::Kind::Ssh;
        spec.host = rest.substr(0, colon);
        spec.path = rest.substr(colon + 1);
        return spec;
    }
    spec.path = text;
    return spec;
}

IndexSet open_index_set(const std::vector<IndexSpec>& specs, const IndexSetOptions& options) {
    IndexSet set;
    std::string first_analysis, first_name;
    for (const auto& spec : specs) {
        try {
            Xapian::Database db = open_one(spec, options);
            IndexMetadata metadata = IndexStore::read_metadata(db);
            if (const auto why = IndexStore::outdated(metadata))
                throw IndexUnavailable(spec.text + ": " + *why + "; update it with: recall-index --vault " +
                                       (metadata.vault.empty() ? std::string("YOUR-VAULT") : metadata.vault));
            const std::string analysis = analysis_of(metadata);
            const fs::path vault = metadata.vault;
            if (set.sources.empty()) {
                first_analysis = analysis;
                first_name = spec.text;
                set.metadata = std::move(metadata);
            } else if (analysis != first_analysis) {
                throw IndexUnavailable(spec.text + ": built with another language, accents or declared fields than " +
                                       first_name + "; indexes searched together must agree (see docs/scaling.md)");
            }
            std::error_code ec;
            const bool stub = spec.kind == IndexSpec::Kind::Local && fs::is_regular_file(spec.path, ec);
            set.sources.push_back({spec.text, vault, spec.kind != IndexSpec::Kind::Local || stub});
            set.db.add_database(db);
        } catch (const Xapian::Error& e) {
            // A damaged local index keeps the command's own advice (rebuild it).
            if (!options.allow_partial && spec.kind == IndexSpec::Kind::Local) throw;
            const std::string message = spec.text + ": " + why_not(e);
            if (!options.allow_partial) throw IndexUnavailable(message);
            set.skipped.push_back(message);
        } catch (const IndexMissing&) {
            if (!options.allow_partial) throw IndexUnavailable(spec.text + ": no index here");
            set.skipped.push_back(spec.text + ": no index here");
        } catch (const IndexUnavailable& e) {
            if (!options.allow_partial) throw;
            set.skipped.push_back(e.what());
        }
    }
    if (set.sources.empty())
        throw IndexUnavailable(set.skipped.empty() ? std::string("no index to search") : set.skipped.front());
    return set;
}

std::vector<IndexSpec> unreachable_indexes(const std::vector<IndexSpec>& specs, const IndexSetOptions& options) {
    std::vector<IndexSpec> down;
    for (const auto& spec : specs) {
        if (spec.kind == IndexSpec::Kind::Local) continue;
        try {
            (void)open_one(spec, options).get_doccount();
        } catch (const Xapian::Error&) {
            down.push_back(spec);
        }
    }
    return down;
}

}  // namespace recall
