#include "links_command.hpp"

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "command_support.hpp"
#include "output.hpp"
#include "recall/core/command_line.hpp"
#include "recall/core/terminal_text.hpp"
#include "recall/searcher/link_graph.hpp"
#include "recall/searcher/query_error.hpp"

namespace recall {
namespace {

const char* kLinksHelp =
    "recall links: the wikilinks of a note, and where each one leads.\n\n"
    "Examples:\n"
    "  recall links 'Meetings/2025/2025-10-21 Andy - Blob support in field deals.md'\n"
    "  recall links --broken                 every link of the vault that reaches no note\n"
    "  recall backlinks People/Andy.md       the notes that link to it, with the line\n\n"
    "A link reaches the note of its file name (case aside, any folder), as in Obsidian, or\n"
    "else the note of that title. In queries, links:NAME finds the notes linking to NAME.\n"
    "Exit codes: 0 found, 1 nothing found, 2 error.";

const char* kBacklinksHelp =
    "recall backlinks: the notes that link to a note, one line per link: path:line: [[target]].\n\n"
    "Example:\n"
    "  recall backlinks 'Planning/Rosa - launch budget.md'\n"
    "Exit codes: 0 found, 1 nothing found, 2 error.";

}  // namespace

int links_command(int argc, char** argv, bool back) {
    CLI::App app{back ? kBacklinksHelp : kLinksHelp, back ? "recall backlinks" : "recall links"};
    IndexOptions index;
    std::string note;
    bool broken = false, json = false;
    app.add_option("path", note, "The note: its path in the vault, or a file path");
    if (!back) app.add_flag("--broken", broken, "List every link of the vault that reaches no note");
    app.add_flag("--json", json, "One JSON object per link: from, line, target, to (null when broken)");
    add_index_options(app, index, false);
    if (auto exit_code = parse_command_line(app, argc, argv)) return *exit_code;
    if (broken == !note.empty()) {
        fmt::print(stderr, "{}: give the path of a note{} (see {} --help)\n", app.get_name(),
                   back ? "" : ", or --broken", app.get_name());
        return kExitUsage;
    }
    return report_errors(app.get_name(), [&] {
        const Settings settings = resolve_index_settings(index);
        if (!settings.indexes.empty())
            throw QueryError("links are read in one index: name it with --index (the config lists several under indexes:)");
        return with_searcher(index, settings, [&](Searcher& searcher) {
            const std::filesystem::path& vault = searcher.sources().front().vault;
            std::vector<LinkEnd> links;
            if (broken) links = broken_links(searcher);
            else if (back) links = backlinks(searcher, note_path_of(searcher, vault, note));
            else links = outgoing_links(searcher, note_path_of(searcher, vault, note));
            for (const auto& l : links) {
                if (json) {
                    fmt::print("{}\n", json_line({{"from", l.from},
                                                  {"line", l.line},
                                                  {"target", l.target},
                                                  {"to", l.to ? nlohmann::json(*l.to) : nlohmann::json()}}));
                } else if (back || broken) {
                    fmt::print("{}:{}: [[{}]]\n", neutralize_controls(l.from), l.line, neutralize_controls(l.target));
                } else {
                    fmt::print("{}: [[{}]] -> {}\n", l.line, neutralize_controls(l.target),
                               l.to ? neutralize_controls(*l.to) : "(no such note)");
                }
            }
            return links.empty() ? 1 : 0;
        });
    });
}

}  // namespace recall
