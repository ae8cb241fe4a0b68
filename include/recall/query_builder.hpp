// Turns what the user typed into a Xapian query, configured from the schema table.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "recall/date.hpp"
#include "recall/person_resolver.hpp"

namespace recall {

// The filters given as options (--person, --tag, ...). Repeats OR, kinds AND.
struct Filters {
    std::vector<std::string> persons, tags, types, folders;
    std::optional<std::string> since, until;  // date expressions
};

class QueryBuilder {
public:
    QueryBuilder(const Xapian::Database& db, const std::string& language, const Date& today);
    ~QueryBuilder();
    QueryBuilder(const QueryBuilder&) = delete;
    QueryBuilder& operator=(const QueryBuilder&) = delete;

    // Parses the query language: words (all must match unless any_word), "phrases", AND OR
    // NOT, +must -mustnot, NEAR, migr*, field:word, field:value filters, date:A..B.
    // Throws QueryError pointing at the problem.
    Xapian::Query parse(const std::string& text, bool any_word);

    // The query with each word that matches nothing (in no word form) replaced by the
    // closest word of the spelling dictionary; empty when there is nothing to correct.
    std::string spelling_suggestion(const std::string& text) const;

    // The option filters as one boolean query; MatchAll when there are none.
    Xapian::Query filters(const Filters& filters);

    const Xapian::Stem& stemmer() const { return stemmer_; }
    const PersonResolver& people() const { return people_; }

private:
    Xapian::Query with_field_boosts(const Xapian::Query& query) const;

    const Xapian::Database& db_;
    Date today_;
    Xapian::Stem stemmer_;
    PersonResolver people_;
    Xapian::QueryParser parser_;
    std::string parse_error_;  // set by field processors during parse()
};

// Lower-cases the words of a query, leaving operators (AND, OR, NOT, XOR, NEAR, ADJ) alone,
// so that every word is stemmed; and checks quotes, brackets, dangling operators and field
// names. Throws QueryError naming the column of the problem.
std::string normalize_query(const std::string& text);

// A value-range query on the date slot for a date expression ("2025-10", "30d..").
Xapian::Query date_query(const std::string& expression, const Date& today);

}  // namespace recall
