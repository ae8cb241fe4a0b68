#include "recall/searcher/task_list.hpp"

#include <algorithm>
#include <tuple>

#include "recall/core/people.hpp"
#include "recall/core/schema.hpp"
#include "recall/core/text_util.hpp"
#include "recall/searcher/date_expression.hpp"

namespace recall {
namespace {

std::string due_key(const StoredTask& t) { return t.due.empty() ? std::string(kNoDueDate) : t.due; }

// The order of the listing; the note's date breaks ties newest first, then path and line.
bool before(const TaskHit& a, const TaskHit& b, TaskSort sort) {
    const int ra = task_priority_rank(a.task.priority), rb = task_priority_rank(b.task.priority);
    auto rest = [&] { return std::tie(b.date, a.path, a.task.line) < std::tie(a.date, b.path, b.task.line); };
    switch (sort) {
        case TaskSort::Due:
            if (due_key(a.task) != due_key(b.task)) return due_key(a.task) < due_key(b.task);
            if (ra != rb) return ra > rb;
            return rest();
        case TaskSort::Priority:
            if (ra != rb) return ra > rb;
            if (due_key(a.task) != due_key(b.task)) return due_key(a.task) < due_key(b.task);
            return rest();
        case TaskSort::Date: return rest();
    }
    return false;
}

// How far a listing must read: notes come in the order of a slot that bounds their tasks'
// sort keys, and once the task at the limit sorts before every task a later note can hold,
// the rest is not read. Without such a slot (done tasks by due date), every matching note is.
struct Visit {
    Xapian::valueno slot;
    bool reverse;  // descending
    bool bounded;
};

Visit visit_order(const TaskRequest& r) {
    if (r.state == TaskState::Open && r.sort == TaskSort::Due) return {schema::kSlotTaskDue, false, true};
    if (r.state == TaskState::Open && r.sort == TaskSort::Priority) return {schema::kSlotTaskPriority, false, true};
    return {schema::kSlotDate, true, r.sort == TaskSort::Date};
}

// Whether no task of a note whose slot holds `bound` (or of any later note) sorts before hit.
bool later_notes_cannot_beat(const TaskHit& hit, const std::string& bound, TaskSort sort) {
    switch (sort) {
        case TaskSort::Due: return due_key(hit.task) < bound;
        case TaskSort::Priority: return task_priority_key(task_priority_rank(hit.task.priority), hit.task.due) < bound;
        case TaskSort::Date: return hit.date > bound;
    }
    return false;
}

int priority_rank_of(const std::string& typed) {
    const std::string level = lower_ascii(typed);
    if (std::find(kTaskPriorities.begin(), kTaskPriorities.end(), level) == kTaskPriorities.end())
        throw QueryError("--priority takes highest, high, medium, none, low or lowest, not '" + typed + "'");
    return task_priority_rank(level == "none" ? "" : level);
}

}  // namespace

TaskList list_tasks(Searcher& searcher, const TaskRequest& r) {
    QueryCompiler& compiler = searcher.compiler();
    FilterOptions filters = r.filters;
    if (r.state != TaskState::Done) filters.values.emplace_back("task", "open");
    if (r.state != TaskState::Open) filters.values.emplace_back("task", "done");
    for (const auto& owner : r.owners) filters.values.emplace_back("owner", owner);
    Xapian::Query query = compiler.filters(filters);

    CompiledQuery words;
    if (!r.text.empty()) words = compiler.compile(r.text, false);
    if (!words.query.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, words.query, query);

    std::optional<DateRange> due;
    if (r.due) due = parse_date_range(*r.due, searcher.today(), Relative::Future);
    const std::optional<int> min_rank = r.priority ? std::optional<int>(priority_rank_of(*r.priority)) : std::nullopt;
    // The task slots bound the open tasks: a note's earliest open due date, its highest priority.
    if (r.state == TaskState::Open && due && due->to)
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotTaskDue, due->to->yyyymmdd()));
    if (r.state == TaskState::Open && min_rank)
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotTaskPriority,
                                            task_priority_key(*min_rank, kNoDueDate)));
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(std::string(schema::kSkippedTerm)));

    std::vector<std::string> owners;
    for (const auto& owner : r.owners)
        for (auto& v : compiler.owner_values(owner)) owners.push_back(std::move(v));

    const std::string today = searcher.today().iso();
    SnippetMaker highlighter(searcher.analyzer());
    auto keep = [&](const StoredTask& t, TaskHit& hit) {
        if ((r.state == TaskState::Open && t.done) || (r.state == TaskState::Done && !t.done)) return false;
        if (!owners.empty()) {
            if (t.owner.empty()) return false;
            const std::string value = is_self_reference(t.owner) ? std::string(schema::kSelfOwner) : slugify(t.owner);
            if (std::find(owners.begin(), owners.end(), value) == owners.end()) return false;
        }
        if (due && (t.due.empty() || (due->from && t.due < due->from->iso()) || (due->to && t.due > due->to->iso())))
            return false;
        if (min_rank && task_priority_rank(t.priority) < *min_rank) return false;
        hit.highlighted = t.text;
        if (!words.plan.empty()) {
            Note one;
            one.passages.push_back({SectionKind::ActionItems, t.line, t.text});
            const Snippet snippet = highlighter.make(one, words.plan);
            if (snippet.text.find(kHighlightStart) == std::string::npos) return false;
            hit.highlighted = snippet.text;
        }
        hit.task = t;
        hit.overdue = !t.done && !t.due.empty() && t.due < today;
        return true;
    };

    const Visit visit = visit_order(r);
    Xapian::Enquire enquire(searcher.db());
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(visit.slot, visit.reverse);

    TaskList out;
    std::vector<TaskHit>& hits = out.tasks;
    auto order = [&](const TaskHit& a, const TaskHit& b) { return before(a, b, r.sort); };
    Xapian::doccount offset = 0, page = static_cast<Xapian::doccount>(std::max<size_t>(64, r.limit + 1));
    for (;;) {
        const Xapian::MSet notes = enquire.get_mset(offset, page);
        std::string bound;
        for (auto it = notes.begin(); it != notes.end(); ++it) {
            const Xapian::Document doc = it.get_document();
            const StoredNote note = decode_document_data(doc.get_data(), doc.get_value(schema::kSlotPath));
            for (const auto& t : note.tasks) {
                TaskHit hit;
                if (!keep(t, hit)) continue;
                hit.path = doc.get_value(schema::kSlotPath);
                hit.title = note.title;
                hit.date = note.date;
                hits.push_back(std::move(hit));
            }
            bound = visit.slot == schema::kSlotDate ? note.date : doc.get_value(visit.slot);
        }
        // Keep the first limit + 1 (one more says there are more).
        if (hits.size() > r.limit + 1) {
            std::partial_sort(hits.begin(), hits.begin() + static_cast<long>(r.limit + 1), hits.end(), order);
            hits.resize(r.limit + 1);
        }
        if (notes.size() < page) break;
        if (visit.bounded && hits.size() > r.limit) {
            std::sort(hits.begin(), hits.end(), order);
            if (later_notes_cannot_beat(hits[r.limit], bound, r.sort)) break;
        }
        offset += page;
        page *= 2;
    }
    std::sort(hits.begin(), hits.end(), order);
    out.more = hits.size() > r.limit;
    if (out.more) hits.resize(r.limit);
    return out;
}

}  // namespace recall
