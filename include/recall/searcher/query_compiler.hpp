// The query side's second step: the query tree (query_syntax.hpp) becomes a Xapian query,
// every word through the index's Analyzer and every filter through its schema row, the same
// ones the indexer used. Filters given as options go through the same rows.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "recall/core/analyzer.hpp"
#include "recall/core/note_language.hpp"
#include "recall/core/date.hpp"
#include "recall/core/fields.hpp"
#include "recall/searcher/match_plan.hpp"
#include "recall/searcher/person_resolver.hpp"
#include "recall/searcher/query_syntax.hpp"

namespace recall {

struct CompiledQuery {
    Xapian::Query query;  // empty when the text has nothing to look for
    MatchPlan plan;       // the words and phrases a snippet should show
};

// Filters given as options: --person maya is {"person", "maya"}. Repeats of one filter OR
// together, different filters AND; since and until bound the note's date.
struct FilterOptions {
    std::vector<std::pair<std::string, std::string>> values;
    std::optional<std::string> since, until;  // date expressions
};

class QueryCompiler {
public:
    QueryCompiler(const Xapian::Database& db, const schema::FieldTable& fields, Analyzer& analyzer, const Date& today);

    // Throws QueryError for a query the user must fix.
    CompiledQuery compile(std::string_view text, bool any_word);

    // The option filters as one boolean query; MatchAll when there are none. Throws QueryError.
    Xapian::Query filters(const FilterOptions& options);

    // The query with each word that matches in no form replaced by the closest word of the
    // spelling dictionary; empty when there is nothing to correct. Filter values stay.
    std::string spelling_suggestion(std::string_view text);

    const PersonResolver& people() const { return people_; }

private:
    struct QueryTerm {
        std::string exact, folded, word;
        std::uint32_t begin, end, position;
        TermKind kind;
        const std::string& key() const { return folded.empty() ? exact : folded; }
    };

    std::vector<QueryTerm> analyze(std::string_view text);
    Xapian::Query node(const QueryNode& n, bool positive);
    Xapian::Query sequence(const QueryNode& n, bool positive);
    Xapian::Query words(const QueryNode& n, bool positive);
    Xapian::Query wildcard(const QueryNode& n, bool positive);
    Xapian::Query positional(const QueryNode& n, bool positive);
    Xapian::Query filter(const schema::FilterRow& row, std::string_view value);
    Xapian::Query date_range(Xapian::valueno slot, const std::optional<Date>& from, const std::optional<Date>& to);
    Xapian::Query with_field_boosts(const Xapian::Query& query) const;
    Xapian::Query in_note_languages(const QueryTerm& t, const Xapian::Query& everywhere);

    const Xapian::Database& db_;
    const schema::FieldTable& fields_;
    QueryFieldNames field_names_;  // the names a query may put before ':'
    Analyzer& analyzer_;
    Date today_;
    PersonResolver people_;
    bool any_word_ = false;
    MatchPlan plan_;                       // of the query being compiled
    std::vector<std::string> boost_keys_;  // its positive unprefixed terms, for the boost branch
    // The languages of the index's notes other than the default, whose stems a word also looks up.
    std::vector<std::string> other_languages_;
    LanguageStemmer language_stemmer_;
};

}  // namespace recall
