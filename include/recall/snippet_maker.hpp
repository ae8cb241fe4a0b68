// The passage of a note that best shows why it matched, cut to a window around the matched
// words, with those words marked: found with the same Analyzer the index was built with,
// so a phrase points at the line that holds the phrase, decision:pricing at the Decisions
// line, and 数据 inside 数据库 is marked where it is.
#pragma once

#include "recall/analyzer.hpp"
#include "recall/match_plan.hpp"
#include "recall/note.hpp"
#include "recall/snippets.hpp"

namespace recall {

class SnippetMaker {
public:
    explicit SnippetMaker(Analyzer& analyzer) : analyzer_(analyzer) {}

    // note: the note as it is now, its passages and lines (ParseScope::Text is enough). The
    // passage matching the most of the plan's groups wins (a summary or key fact breaks
    // ties, then the earliest); without a match, the summary or the first paragraph.
    Snippet make(const Note& note, const MatchPlan& plan);

private:
    Analyzer& analyzer_;
};

}  // namespace recall
