#include "tasks_command.hpp"

#include <fmt/color.h>
#include <fmt/core.h>

#include <unistd.h>

#include <set>

#include "command_support.hpp"
#include "output.hpp"
#include "recall/core/command_line.hpp"
#include "recall/core/terminal_text.hpp"

namespace recall {
namespace {

const char* kTasksHelp =
    "recall tasks: the action items of your notes, open ones soonest due first.\n\n"
    "Reads Obsidian Tasks lines (- [ ] text @Owner 📅 2025-10-30 ⏳ 🛫 ✅ ➕ 🔺 ⏫ 🔼 🔽 ⏬ 🔁) and\n"
    "Dataview fields ([due:: 2025-10-30] [priority:: high]), also as Mac Roman mojibake.\n\n"
    "Examples:\n"
    "  recall tasks                          open tasks, soonest due first\n"
    "  recall tasks --owner andy --due 7d    what Andy owes in the next seven days\n"
    "  recall tasks --owner me --due ..today what I owe that is due or overdue\n"
    "  recall tasks pricing --person maya    open tasks about pricing in notes with Maya\n"
    "  recall tasks --done --sort date --json\n"
    "  recall tasks --index ~/team-index --index ~/my-index   both as one; each task names its index\n\n"
    "--due takes the query language's dates: 2025-10-30, 2025-10, 2025, today, tomorrow,\n"
    "ranges A..B, A.., ..B; 7d, 2w, 1m alone mean from today to that far ahead (..7d: up to\n"
    "then, overdue included). @me and @Myself are the config's 'me: Your Name'.\n"
    "Exit codes: 0 found, 1 nothing found, 2 error.";

nlohmann::json or_null(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

}  // namespace

nlohmann::json task_json(const TaskHit& hit) {
    const StoredTask& t = hit.task;
    return {{"path", hit.path},
            {"line", t.line},
            {"text", t.text},
            {"status", t.done ? "done" : "open"},
            {"owner", or_null(t.owner)},
            {"due", or_null(t.due)},
            {"overdue", hit.overdue},
            {"scheduled", or_null(t.scheduled)},
            {"start", or_null(t.start)},
            {"done", or_null(t.done_on)},
            {"created", or_null(t.created)},
            {"priority", or_null(t.priority)},
            {"recurrence", or_null(t.recurrence)},
            {"tags", t.tags},
            {"title", hit.title},
            {"date", or_null(hit.date)},
            {"index", hit.index}};
}

int tasks_command(int argc, char** argv) {
    CLI::App app{kTasksHelp, "recall tasks"};
    IndexOptions index;
    TaskRequest request;
    std::vector<std::string> words;
    std::map<std::string, std::vector<std::string>> filter_options;
    std::string sort = "due", color = "auto";
    bool open = false, done = false, all = false, json = false, files = false;
    app.add_option("query", words, "Words the task must hold (its note must match the whole query)");
    app.add_option("-o,--owner", request.owners, "Only tasks of this @owner: first name, full name, slug, or me (repeatable)")
        ->allow_extra_args(false);
    const schema::FieldTable builtin;
    for (const auto& row : builtin.filters()) {
        if (row.option.empty()) continue;
        const std::string names = (row.short_option ? std::string("-") + row.short_option + "," : "") + "--" + row.option;
        app.add_option(names, filter_options[row.name], row.help)->allow_extra_args(false);
    }
    app.add_option("--since", request.filters.since, "Only tasks of notes dated on or after: 2025-10, 30d");
    app.add_option("--until", request.filters.until, "Only tasks of notes dated on or before");
    app.add_flag("--open", open, "Only open tasks (the default)");
    app.add_flag("--done", done, "Only done tasks");
    app.add_flag("--all", all, "Open and done tasks");
    app.add_option("--due", request.due, "Only tasks due in this range: ..today, 7d, 2025-10, 2025-11-01..2025-11-15");
    app.add_option("--priority", request.priority, "Only tasks of this priority or higher: highest high medium none low lowest");
    app.add_option("--sort", sort, "Order: due (soonest first), priority (highest first), date (newest note first)")
        ->check(CLI::IsMember({"due", "priority", "date"}))
        ->capture_default_str();
    app.add_option("-n,--limit", request.limit, "How many tasks at most")->capture_default_str();
    app.add_flag("--json", json, "One JSON object per task (fields: docs/json-output.md, Tasks)");
    app.add_flag("-l,--files", files, "Print the paths of the notes holding the tasks, once each");
    app.add_option("--color", color, "Colour the output: auto, always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    add_index_options(app, index, true);
    if (auto exit_code = parse_command_line(app, argc, argv)) return *exit_code;
    if (open + done + all > 1 || (json && files)) {
        fmt::print(stderr, "recall tasks: {} cannot be used together (see recall tasks --help)\n",
                   json && files ? "--json and --files" : "--open, --done and --all");
        return kExitUsage;
    }
    request.state = done ? TaskState::Done : all ? TaskState::Any : TaskState::Open;
    request.sort = sort == "priority" ? TaskSort::Priority : sort == "date" ? TaskSort::Date : TaskSort::Due;
    for (const auto& w : words) request.text += (request.text.empty() ? "" : " ") + w;
    for (const auto& [name, values] : filter_options)
        for (const auto& v : values) request.filters.values.emplace_back(name, v);

    return report_errors("recall tasks", [&] {
        const Settings settings = resolve_index_settings(index);
        return with_searcher(index, settings, [&](Searcher& searcher) {
            const TaskList list = list_tasks(searcher, request);
            const bool several = searcher.sources().size() > 1;
            const bool colored = use_color(color);
            auto paint = [&](const fmt::text_style& style, const std::string& text) {
                return colored ? fmt::format(style, "{}", text) : text;
            };
            std::set<std::string> printed;
            for (const auto& hit : list.tasks) {
                if (json) {
                    fmt::print("{}\n", json_line(task_json(hit)));
                } else if (files) {
                    if (printed.insert(hit.path).second) fmt::print("{}\n", neutralize_controls(hit.path));
                } else {
                    const StoredTask& t = hit.task;
                    std::string shown, segment;
                    bool marked = false;
                    for (char c : hit.highlighted + kHighlightStart) {
                        if (c != kHighlightStart && c != kHighlightEnd) {
                            segment.push_back(c);
                            continue;
                        }
                        const std::string plain = neutralize_controls(segment);
                        shown += marked ? paint(fmt::emphasis::bold | fmt::fg(fmt::terminal_color::bright_red), plain) : plain;
                        marked = c == kHighlightStart;
                        segment.clear();
                    }
                    const std::string due = t.due.empty() ? std::string(10, ' ') : t.due;
                    // Reading several indexes, each task names its own.
                    const std::string index_name = several ? "[" + neutralize_controls(hit.index) + "] " : "";
                    fmt::print("{} {}{} {:<7} {}{}  {}{}\n", t.done ? "[x]" : "[ ]",
                               hit.overdue ? paint(fmt::emphasis::bold | fmt::fg(fmt::terminal_color::red), due)
                                           : paint(fmt::fg(fmt::terminal_color::cyan), due),
                               hit.overdue ? paint(fmt::fg(fmt::terminal_color::red), "!") : " ", t.priority,
                               t.owner.empty() ? "" : paint(fmt::fg(fmt::terminal_color::green), "@" + neutralize_controls(t.owner)) + " ",
                               shown, index_name,
                               paint(fmt::fg(fmt::terminal_color::magenta), fmt::format("{}:{}", neutralize_controls(hit.path), t.line)));
                }
            }
            if (list.more && !json && !files && ::isatty(STDOUT_FILENO))
                fmt::print("(more tasks match: raise --limit, now {})\n", request.limit);
            return list.tasks.empty() ? 1 : 0;
        });
    });
}

}  // namespace recall
