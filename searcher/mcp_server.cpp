#include "mcp_server.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#include "command_support.hpp"
#include "output.hpp"
#include "recall/core/command_line.hpp"
#include "recall/core/note_parser.hpp"
#include "recall/core/schema.hpp"
#include "recall/core/vault_root.hpp"
#include "recall/searcher/query_error.hpp"
#include "recall/searcher/task_list.hpp"
#include "tasks_command.hpp"

namespace recall {
namespace {

using json = nlohmann::json;

constexpr std::string_view kProtocolVersion = "2025-06-18";
constexpr size_t kMaxRequestBytes = 1 << 20;  // a longer line is refused, and skipped
constexpr size_t kMaxResults = 50;            // hits, tasks or people per call
constexpr size_t kMaxNoteBytes = 200'000;     // get_note returns at most this much text

// JSON-RPC error codes.
constexpr int kParseError = -32700, kInvalidRequest = -32600, kMethodNotFound = -32601, kInvalidParams = -32602;

struct RpcError {
    int code;
    std::string message;
};

const char* kMcpHelp =
    "recall mcp: a Model Context Protocol server on stdin/stdout, for AI assistants.\n\n"
    "Tools: search, tasks, get_note, people, similar; read-only. Register it with a client as\n"
    "the command `recall mcp --vault ~/Notes` (docs/mcp.md).";

json schema_of(json properties, std::vector<std::string> required = {}) {
    return {{"type", "object"}, {"properties", std::move(properties)}, {"required", std::move(required)}};
}

json tool_list() {
    const json str{{"type", "string"}}, limit{{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxResults}};
    return json::array({
        {{"name", "search"},
         {"description", "Search the notes (recall's query language: words, \"phrases\", OR, NOT, person:, tag:, "
                         "date:2025-10, links:NAME ...); the best notes first, with a snippet each."},
         {"inputSchema", schema_of({{"query", str}, {"person", str}, {"tag", str}, {"type", str}, {"folder", str},
                                    {"since", str}, {"until", str}, {"limit", limit}})}},
        {{"name", "tasks"},
         {"description", "Action items of the notes, open ones soonest due first; filter by owner (a name, or me), "
                         "the note's person, status (open, done, all), due (2025-10, ..today, 7d) and priority."},
         {"inputSchema", schema_of({{"query", str}, {"owner", str}, {"person", str},
                                    {"status", {{"type", "string"}, {"enum", {"open", "done", "all"}}}}, {"due", str},
                                    {"priority", str}, {"sort", {{"type", "string"}, {"enum", {"due", "priority", "date"}}}},
                                    {"limit", limit}})}},
        {{"name", "get_note"},
         {"description", "The text of a note, by its path in the vault as search returns it."},
         {"inputSchema", schema_of({{"path", str}}, {"path"})}},
        {{"name", "people"},
         {"description", "The people of the vault with how many notes name each, most first."},
         {"inputSchema", schema_of({{"limit", limit}})}},
        {{"name", "similar"},
         {"description", "The notes most like a note (by its vault path), optionally narrowed by a query."},
         {"inputSchema", schema_of({{"path", str}, {"query", str}, {"limit", limit}}, {"path"})}},
    });
}

std::string text_arg(const json& args, const char* key) {
    auto it = args.find(key);
    if (it == args.end() || it->is_null()) return {};
    if (!it->is_string()) throw RpcError{kInvalidParams, std::string("'") + key + "' must be a string"};
    return it->get<std::string>();
}

size_t limit_arg(const json& args, size_t fallback) {
    auto it = args.find("limit");
    if (it == args.end()) return fallback;
    if (!it->is_number_integer() || it->get<long>() < 1) throw RpcError{kInvalidParams, "'limit' must be a positive integer"};
    return std::min<size_t>(it->get<size_t>(), kMaxResults);
}

// A vault path the client gives: relative, no "..", then opened without leaving the vault.
std::string vault_path_arg(const json& args) {
    const std::string path = text_arg(args, "path");
    if (path.empty()) throw RpcError{kInvalidParams, "'path' is required"};
    const std::filesystem::path p(path);
    bool escapes = p.is_absolute();
    for (const auto& part : p) escapes = escapes || part == "..";
    if (escapes) throw RpcError{kInvalidParams, "path '" + path + "' is outside the vault"};
    return p.lexically_normal().generic_string();
}

class Server {
public:
    explicit Server(OpenIndexes& indexes) : indexes_(indexes) {}

    // The response to one message, or nothing for a notification.
    std::optional<json> handle(const std::string& line) {
        const json message = json::parse(line, nullptr, false);
        if (message.is_discarded()) return error(nullptr, kParseError, "Parse error: not JSON");
        const json id = message.is_object() && message.contains("id") ? message["id"] : json();
        if (!message.is_object() || message.value("jsonrpc", "") != "2.0" || !message.contains("method") ||
            !message["method"].is_string() || !(id.is_null() || id.is_string() || id.is_number_integer()))
            return error(id, kInvalidRequest, "Invalid Request: a JSON-RPC 2.0 object with a method");
        const std::string method = message["method"];
        const bool notification = !message.contains("id");
        try {
            json result = call(method, message.value("params", json::object()));
            if (notification) return std::nullopt;
            return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
        } catch (const RpcError& e) {
            if (notification) return std::nullopt;
            return error(id, e.code, e.message);
        }
    }

    static json error(const json& id, int code, const std::string& message) {
        return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
    }

private:
    json call(const std::string& method, const json& params) {
        if (method == "initialize")
            return {{"protocolVersion", kProtocolVersion},
                    {"capabilities", {{"tools", {{"listChanged", false}}}}},
                    {"serverInfo", {{"name", "recall"}, {"version", RECALL_VERSION}}}};
        if (method.starts_with("notifications/") || method == "ping") return json::object();
        if (method == "tools/list") return {{"tools", tool_list()}};
        if (method == "tools/call") {
            if (!params.is_object() || !params.contains("name") || !params["name"].is_string())
                throw RpcError{kInvalidParams, "tools/call needs a tool name"};
            const json args = params.value("arguments", json::object());
            if (!args.is_object()) throw RpcError{kInvalidParams, "arguments must be an object"};
            try {
                const json structured = tool(params["name"], args);
                return {{"content", json::array({{{"type", "text"}, {"text", json_line(structured)}}})},
                        {"structuredContent", structured},
                        {"isError", false}};
            } catch (const QueryError& e) {  // the assistant can fix its query: a tool error
                return {{"content", json::array({{{"type", "text"}, {"text", e.what()}}})}, {"isError", true}};
            }
        }
        throw RpcError{kMethodNotFound, "Method not found: " + method};
    }

    json tool(const std::string& name, const json& args) {
        searcher_ = &indexes_.current();  // a nightly rebuild meanwhile is read from now on
        if (name == "search" || name == "similar") {
            SearchRequest request;
            request.text = text_arg(args, "query");
            request.limit = static_cast<Xapian::doccount>(limit_arg(args, 10));
            if (name == "similar") request.like = vault_path_arg(args);
            for (const char* filter : {"person", "tag", "type", "folder"})
                if (auto v = text_arg(args, filter); !v.empty()) request.filters.values.emplace_back(filter, v);
            if (auto v = text_arg(args, "since"); !v.empty()) request.filters.since = v;
            if (auto v = text_arg(args, "until"); !v.empty()) request.filters.until = v;
            if (request.text.empty() && request.like.empty() && request.filters.values.empty())
                throw RpcError{kInvalidParams, "search needs a query or a filter"};
            const SearchResult result = searcher_->search(request);
            json hits = json::array();
            for (size_t i = 0; i < result.hits.size(); ++i) hits.push_back(hit_json(result.hits[i], i + 1));
            return {{"total", result.total}, {"hits", hits}};
        }
        if (name == "tasks") {
            TaskRequest request;
            request.text = text_arg(args, "query");
            if (auto v = text_arg(args, "owner"); !v.empty()) request.owners.push_back(v);
            if (auto v = text_arg(args, "person"); !v.empty()) request.filters.values.emplace_back("person", v);
            const std::string status = text_arg(args, "status");
            request.state = status == "done" ? TaskState::Done : status == "all" ? TaskState::Any : TaskState::Open;
            if (auto v = text_arg(args, "due"); !v.empty()) request.due = v;
            if (auto v = text_arg(args, "priority"); !v.empty()) request.priority = v;
            const std::string sort = text_arg(args, "sort");
            request.sort = sort == "priority" ? TaskSort::Priority : sort == "date" ? TaskSort::Date : TaskSort::Due;
            request.limit = limit_arg(args, 20);
            const TaskList list = list_tasks(*searcher_, request);
            json tasks = json::array();
            for (const auto& hit : list.tasks) tasks.push_back(task_json(hit));
            return {{"tasks", tasks}, {"more", list.more}};
        }
        if (name == "get_note") {
            const std::string path = vault_path_arg(args);
            if (!searcher_->db().term_exists(schema::id_term(path)))
                throw RpcError{kInvalidParams, "no note '" + path + "' in the index"};
            const VaultRoot root(searcher_->sources().front().vault);
            const NoteBytes read = read_note_bytes(root, path, 64u << 20);
            if (!read.bytes) throw RpcError{kInvalidParams, path + ": " + read.error};
            std::string text = *read.bytes;
            const bool truncated = text.size() > kMaxNoteBytes;
            if (truncated) text.resize(kMaxNoteBytes);
            return {{"path", path}, {"text", text}, {"truncated", truncated}};
        }
        if (name == "people") {
            const size_t limit = limit_arg(args, kMaxResults);
            const std::string& prefix = searcher_->fields().find_filter("person")->prefix;
            std::vector<std::pair<Xapian::doccount, std::string>> counts;
            const Xapian::Database& db = searcher_->db();
            for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it)
                counts.emplace_back(it.get_termfreq(), (*it).substr(prefix.size()));
            std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
            json people = json::array();
            for (size_t i = 0; i < counts.size() && i < limit; ++i)
                people.push_back({{"name", searcher_->compiler().people().display_name(counts[i].second)},
                                  {"slug", counts[i].second},
                                  {"notes", counts[i].first}});
            return {{"people", people}, {"total", counts.size()}};
        }
        throw RpcError{kInvalidParams, "Unknown tool: " + name};
    }

    OpenIndexes& indexes_;
    Searcher* searcher_ = nullptr;  // the indexes' as the current call reads them
};

// One line of stdin, at most kMaxRequestBytes of it; false at the end of input.
bool read_line(std::string& line, bool& oversized) {
    line.clear();
    oversized = false;
    int c;
    while ((c = std::getchar()) != EOF && c != '\n') {
        if (line.size() < kMaxRequestBytes) line.push_back(static_cast<char>(c));
        else oversized = true;
    }
    return c != EOF || !line.empty();
}

}  // namespace

int mcp_command(int argc, char** argv) {
    CLI::App app{kMcpHelp, "recall mcp"};
    IndexOptions index;
    add_index_options(app, index, false);
    if (auto exit_code = parse_command_line(app, argc, argv)) return *exit_code;
    return report_errors("recall mcp", [&] {
        const Settings settings = resolve_index_settings(index);
        if (!settings.indexes.empty())
            throw QueryError("the MCP server reads one index: name it with --index (the config lists several under indexes:)");
        if (const auto why = missing_index(settings)) throw QueryError(*why);
        OpenIndexes indexes(index_specs(index, settings), index.set, settings);
        Server server(indexes);
        std::string line;
        bool oversized = false;
        while (read_line(line, oversized)) {
            std::optional<json> response;
            if (oversized)
                response = Server::error(nullptr, kInvalidRequest,
                                         "Invalid Request: over " + std::to_string(kMaxRequestBytes) + " bytes");
            else if (line.find_first_not_of(" \t\r") == std::string::npos)
                continue;
            else
                try {
                    response = server.handle(line);
                } catch (const std::exception& e) {  // the index, a note: this call fails, the server goes on
                    response = Server::error(nullptr, -32603, std::string("Internal error: ") + e.what());
                }
            if (response) {
                fmt::print("{}\n", json_line(*response));
                std::fflush(stdout);
            }
        }
        return 0;
    });
}

}  // namespace recall
