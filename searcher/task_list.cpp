#include "recall/searcher/task_list.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "recall/core/people.hpp"
#include "recall/core/schema.hpp"
#include "recall/core/text_util.hpp"
#include "recall/searcher/date_expression.hpp"

namespace recall {
namespace {

// A due date as its slot holds it (YYYYMMDD, "~" for none), so that tasks and the notes' bounds compare.
std::string due_key(const StoredTask& t) {
    if (t.due.empty()) return std::string(kNoDueDate);
    std::string key;
    for (char c : t.due)
        if (c != '-') key.push_back(c);
    return key;
}

// The order of the listing; the note's date breaks ties newest first, then path and line.
// (During the listing TaskHit::date holds the date slot's YYYYMMDD, in the same order.)
bool before(const TaskHit& a, const TaskHit& b, TaskSort sort) {
    const int ra = task_priority_rank(a.task.priority), rb = task_priority_rank(b.task.priority);
    auto rest = [&] {
        return std::tie(b.date, a.index, a.path, a.task.line) < std::tie(a.date, b.index, b.path, b.task.line);
    };
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

// The notes are read in the order of a slot that bounds their tasks' sort keys: once the task
// at the limit sorts before every task a later note can hold, the rest is not read.
struct Visit {
    Xapian::valueno slot;
    bool reverse;  // descending
};

Visit visit_order(TaskSort sort, const schema::TaskSlots& slots) {
    switch (sort) {
        case TaskSort::Due: return {slots.first_due, false};
        case TaskSort::Priority: return {slots.priority, false};
        case TaskSort::Date: break;
    }
    return {schema::kSlotDate, true};
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

// What a task must be to be listed, besides its state: the request, compiled once.
class TaskMatcher {
public:
    TaskMatcher(Searcher& searcher, const TaskRequest& r) : highlighter_(searcher.analyzer()) {
        QueryCompiler& compiler = searcher.compiler();
        FilterOptions filters = r.filters;
        for (const auto& owner : r.owners) {
            filters.values.emplace_back("owner", owner);
            for (auto& v : compiler.owner_values(owner)) owners_.push_back(std::move(v));
        }
        notes_ = compiler.filters(filters);
        for (const bool done : {false, true}) {
            FilterOptions state;
            state.values.emplace_back("task", done ? "done" : "open");
            state_[done] = compiler.filters(state);
        }
        if (!r.text.empty()) words_ = compiler.compile(r.text, false);
        if (!words_.query.empty()) notes_ = Xapian::Query(Xapian::Query::OP_FILTER, words_.query, notes_);
        if (r.due) due_ = parse_date_range(*r.due, searcher.today(), Relative::Future);
        if (r.priority) min_rank_ = priority_rank_of(*r.priority);
        today_ = searcher.today().iso();
    }

    // The notes that can hold such tasks of this state: their terms, and the state's slots
    // bounding the due dates and the priority.
    Xapian::Query notes(bool done, const schema::TaskSlots& slots) const {
        Xapian::Query q(Xapian::Query::OP_FILTER, notes_, state_[done]);
        auto also = [&](Xapian::Query filter) { q = Xapian::Query(Xapian::Query::OP_FILTER, q, filter); };
        if (due_ && due_->to) also(Xapian::Query(Xapian::Query::OP_VALUE_LE, slots.first_due, due_->to->yyyymmdd()));
        if (due_ && due_->from) also(Xapian::Query(Xapian::Query::OP_VALUE_GE, slots.last_due, due_->from->yyyymmdd()));
        if (min_rank_) also(Xapian::Query(Xapian::Query::OP_VALUE_LE, slots.priority, task_priority_key(*min_rank_, kNoDueDate)));
        return Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(std::string(schema::kSkippedTerm)));
    }

    // Fills hit's task, overdue mark and highlighted text when the task is listed.
    bool keep(const StoredTask& t, bool done, TaskHit& hit) {
        if (t.done != done) return false;
        if (!owners_.empty()) {
            if (t.owner.empty()) return false;
            const std::string value = is_self_reference(t.owner) ? std::string(schema::kSelfOwner) : slugify(t.owner);
            if (std::find(owners_.begin(), owners_.end(), value) == owners_.end()) return false;
        }
        if (due_ && (t.due.empty() || (due_->from && t.due < due_->from->iso()) || (due_->to && t.due > due_->to->iso())))
            return false;
        if (min_rank_ && task_priority_rank(t.priority) < *min_rank_) return false;
        hit.highlighted = t.text;
        if (!words_.plan.empty()) {
            Note one;
            one.passages.push_back({SectionKind::ActionItems, t.line, t.text});
            const Snippet snippet = highlighter_.make(one, words_.plan);
            if (snippet.text.find(kHighlightStart) == std::string::npos) return false;
            hit.highlighted = snippet.text;
        }
        hit.task = t;
        hit.overdue = !t.done && !t.due.empty() && t.due < today_;
        return true;
    }

private:
    SnippetMaker highlighter_;
    Xapian::Query notes_;
    Xapian::Query state_[2];  // the notes with open tasks, with done ones
    CompiledQuery words_;
    std::vector<std::string> owners_;
    std::optional<DateRange> due_;
    std::optional<int> min_rank_;
    std::string today_;
};

// The first limit + 1 tasks of one state, in order.
std::vector<TaskHit> first_tasks(const Xapian::Database& db, const std::vector<IndexSource>& sources,
                                 TaskMatcher& matcher, const TaskRequest& r, bool done) {
    const schema::TaskSlots& slots = done ? schema::kDoneTaskSlots : schema::kOpenTaskSlots;
    const Visit visit = visit_order(r.sort, slots);
    Xapian::Enquire enquire(db);
    enquire.set_query(matcher.notes(done, slots));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(visit.slot, visit.reverse);

    std::vector<TaskHit> hits;
    auto order = [&](const TaskHit& a, const TaskHit& b) { return before(a, b, r.sort); };
    Xapian::doccount offset = 0, page = static_cast<Xapian::doccount>(std::max<size_t>(64, r.limit + 1));
    for (;;) {
        const Xapian::MSet notes = enquire.get_mset(offset, page);
        std::string bound;
        for (auto it = notes.begin(); it != notes.end(); ++it) {
            const Xapian::Document doc = it.get_document();
            const std::string path = doc.get_value(schema::kSlotPath), date = doc.get_value(schema::kSlotDate);
            for (const auto& t : decode_tasks(doc.get_value(schema::kSlotTasks))) {
                TaskHit hit;
                if (!matcher.keep(t, done, hit)) continue;
                hit.docid = *it;
                hit.path = path;
                hit.date = date;
                hit.index = sources.empty() ? std::string() : sources[source_of(*it, sources.size())].name;
                hits.push_back(std::move(hit));
            }
            bound = doc.get_value(visit.slot);
        }
        // Keep the first limit + 1 (one more says there are more).
        if (hits.size() > r.limit + 1) {
            std::partial_sort(hits.begin(), hits.begin() + static_cast<long>(r.limit + 1), hits.end(), order);
            hits.resize(r.limit + 1);
        }
        if (notes.size() < page) break;
        if (hits.size() > r.limit) {
            std::sort(hits.begin(), hits.end(), order);
            if (later_notes_cannot_beat(hits[r.limit], bound, r.sort)) break;
        }
        offset += page;
        page *= 2;
    }
    std::sort(hits.begin(), hits.end(), order);
    return hits;
}

}  // namespace

TaskList list_tasks(Searcher& searcher, const TaskRequest& r) {
    TaskMatcher matcher(searcher, r);
    std::vector<TaskHit> hits;
    for (const bool done : {false, true}) {
        if (r.state == (done ? TaskState::Open : TaskState::Done)) continue;
        auto some = first_tasks(searcher.db(), searcher.sources(), matcher, r, done);
        hits.insert(hits.end(), std::make_move_iterator(some.begin()), std::make_move_iterator(some.end()));
    }
    std::sort(hits.begin(), hits.end(), [&](const TaskHit& a, const TaskHit& b) { return before(a, b, r.sort); });
    TaskList out;
    out.more = hits.size() > r.limit;
    if (out.more) hits.resize(r.limit);
    // Only the listed tasks' notes are opened, each once, for their titles.
    std::map<Xapian::docid, StoredNote> notes;
    for (auto& hit : hits) {
        auto it = notes.find(hit.docid);
        if (it == notes.end())
            it = notes.emplace(hit.docid, decode_document_data(searcher.db().get_document(hit.docid).get_data(), hit.path)).first;
        hit.title = it->second.title;
        hit.date = it->second.date;
    }
    out.tasks = std::move(hits);
    return out;
}

}  // namespace recall
