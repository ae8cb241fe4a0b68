// The tasks of the vault's notes, as `recall tasks` and the MCP tool list them: the notes are
// found by their terms (task:open, owner:, person:, the query), the tasks read from their
// document data and kept by their own owner, dates, priority and words. Notes are visited in
// the order of the bound their task slots give (schema.hpp), so a listing of the first tasks
// stops reading once no later note can hold a task that sorts before them; the tasks come from
// their own slot, and only the listed ones' notes are opened (for their titles).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "recall/core/document_codec.hpp"
#include "recall/searcher/search.hpp"

namespace recall {

enum class TaskState { Open, Done, Any };
enum class TaskSort { Due, Priority, Date };

struct TaskRequest {
    std::string text;               // query words: the note must match them, the task hold one
    FilterOptions filters;          // the note's filters: person, tag, ..., --since/--until
    std::vector<std::string> owners;  // as typed: andy, "Andy Perlsteiner", me; any of them
    TaskState state = TaskState::Open;
    std::optional<std::string> due;        // a date expression; relative forms count ahead
    std::optional<std::string> priority;   // this level or higher: highest high medium none low lowest
    TaskSort sort = TaskSort::Due;
    size_t limit = 50;
};

struct TaskHit {
    StoredTask task;
    std::string highlighted;  // the task's text with the query's words between highlight marks
    std::string path, title, date;  // the note's
    std::string index;        // the index the note is in, as named (IndexSource::name)
    Xapian::docid docid = 0;  // the note's
    bool overdue = false;     // open and due before today
};

struct TaskList {
    std::vector<TaskHit> tasks;  // in the order asked for, at most limit
    bool more = false;           // more tasks match than the limit
};

// Throws QueryError for a query, filter, owner, due range or priority the user must fix.
TaskList list_tasks(Searcher& searcher, const TaskRequest& request);

// Priority names the options accept, highest first.
inline constexpr std::array<std::string_view, 6> kTaskPriorities{"highest", "high", "medium", "none", "low", "lowest"};

}  // namespace recall
