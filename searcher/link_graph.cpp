#include "recall/searcher/link_graph.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "recall/core/schema.hpp"
#include "recall/searcher/query_error.hpp"

namespace recall {
namespace {

namespace fs = std::filesystem;

const std::string& prefix_of(Searcher& searcher, const char* row) { return searcher.fields().find_filter(row)->prefix; }

std::optional<Xapian::docid> docid_of(const Xapian::Database& db, const std::string& vault_path) {
    const std::string id = schema::id_term(vault_path);
    auto it = db.postlist_begin(id);
    if (it == db.postlist_end(id)) return std::nullopt;
    return *it;
}

// The note a link target reaches: a note of that file name, else of that title.
std::optional<std::string> resolve(Searcher& searcher, const std::string& target) {
    const std::string term = schema::filter_term(*searcher.fields().find_filter("target"),
                                                 schema::link_name(target, searcher.analyzer()));
    const Xapian::Database& db = searcher.db();
    std::optional<std::string> by_title;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        const std::string path = db.get_document(*it).get_value(schema::kSlotPath);
        if (schema::link_name(path, searcher.analyzer()) == schema::link_name(target, searcher.analyzer())) return path;
        if (!by_title) by_title = path;
    }
    return by_title;
}

bool by_place(const LinkEnd& a, const LinkEnd& b) { return std::tie(a.from, a.line) < std::tie(b.from, b.line); }

}  // namespace

std::string note_path_of(Searcher& searcher, const fs::path& vault, const std::string& typed) {
    std::error_code ec;
    const fs::path file = fs::weakly_canonical(fs::absolute(typed, ec), ec);
    std::string candidate = typed;
    if (!ec && fs::exists(file, ec)) {
        const fs::path relative = file.lexically_relative(fs::weakly_canonical(vault, ec));
        if (!relative.empty() && *relative.begin() != "..") candidate = relative.generic_string();
    }
    if (docid_of(searcher.db(), candidate)) return candidate;
    throw QueryError("'" + typed + "' is not a note of the index of " + vault.string());
}

std::vector<LinkEnd> outgoing_links(Searcher& searcher, const std::string& vault_path) {
    const auto id = docid_of(searcher.db(), vault_path);
    if (!id) throw QueryError("'" + vault_path + "' is not a note of the index");
    const StoredNote note = decode_document_data(searcher.db().get_document(*id).get_data(), vault_path);
    std::vector<LinkEnd> out;
    for (const auto& link : note.links) out.push_back({vault_path, link.line, link.target, resolve(searcher, link.target)});
    return out;
}

std::vector<LinkEnd> backlinks(Searcher& searcher, const std::string& vault_path) {
    const Xapian::Database& db = searcher.db();
    const auto id = docid_of(db, vault_path);
    if (!id) throw QueryError("'" + vault_path + "' is not a note of the index");
    const StoredNote note = decode_document_data(db.get_document(*id).get_data(), vault_path);
    // The names a link may reach it by; a link is the note's when it resolves to it.
    const std::set<std::string> names{schema::link_name(vault_path, searcher.analyzer()),
                                      searcher.analyzer().normalize_value(note.title)};
    const std::string& links = prefix_of(searcher, "links");
    std::vector<LinkEnd> out;
    std::set<Xapian::docid> seen;
    for (const auto& name : names) {
        const std::string term = schema::bounded_term(links, name);
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
            if (*it == *id || !seen.insert(*it).second) continue;
            const Xapian::Document doc = db.get_document(*it);
            const std::string from = doc.get_value(schema::kSlotPath);
            for (const auto& link : decode_document_data(doc.get_data(), from).links)
                if (names.count(schema::link_name(link.target, searcher.analyzer())) &&
                    resolve(searcher, link.target) == vault_path)
                    out.push_back({from, link.line, link.target, vault_path});
        }
    }
    std::sort(out.begin(), out.end(), by_place);
    return out;
}

std::vector<LinkEnd> broken_links(Searcher& searcher) {
    const Xapian::Database& db = searcher.db();
    const std::string& links = prefix_of(searcher, "links");
    const std::string& targets = prefix_of(searcher, "target");
    std::vector<LinkEnd> out;
    for (auto term = db.allterms_begin(links); term != db.allterms_end(links); ++term) {
        const std::string name = (*term).substr(links.size());
        if (db.term_exists(schema::bounded_term(targets, name))) continue;
        for (auto it = db.postlist_begin(*term); it != db.postlist_end(*term); ++it) {
            const Xapian::Document doc = db.get_document(*it);
            const std::string from = doc.get_value(schema::kSlotPath);
            for (const auto& link : decode_document_data(doc.get_data(), from).links)
                if (schema::link_name(link.target, searcher.analyzer()) == name) out.push_back({from, link.line, link.target, {}});
        }
    }
    std::sort(out.begin(), out.end(), by_place);
    return out;
}

}  // namespace recall
