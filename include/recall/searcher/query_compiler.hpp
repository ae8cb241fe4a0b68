// The query side's second step: the query tree (query_syntax.hpp) becomes a Xapian query,
// every word through the index's Analyzer and every filter through its schema row, the same
// ones the indexer used. Filters given as options go through the same rows.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "recall/core/analyzer.hpp"
#include "recall/core/note_language.hpp"
#include "recall/core/date.hpp"
#include "recall/core/fields.hpp"
#include "recall/core/stopwords.hpp"
#include "recall/searcher/match_plan.hpp"
#include "recall/searcher/person_resolver.hpp"
#include "recall/searcher/query_syntax.hpp"

namespace recall {

// A plain word of a query and the terms (with their Z prefix) that find it anywhere.
struct QueryWord {
    std::string text;
    std::vector<std::string> terms;
};

// One part of a hit's score, for --explain: the hit's score holds factor times the BM25
// weight of query when the hit matches query, and the parts add up to the score.
struct ScorePart {
    enum class Kind : std::uint8_t { Word, FieldBoost, EveryWord, EveryWordInHead, Adjacent };
    Kind kind;
    Xapian::Query query;
    double factor;
    std::string label;        // the word, phrase or pair as typed
    std::string field;        // FieldBoost: the field's name
    std::vector<std::string> keys;  // Word: its term keys (no prefix), to find which fields hold it
};

struct CompiledQuery {
    Xapian::Query query;  // empty when the text has nothing to look for
    MatchPlan plan;       // the words and phrases a snippet should show
    std::string read_as_words_because;  // a syntax error, when the query was read as plain words
    std::vector<std::string> ignored;  // stopwords left out of matching
    // When a note may lack one of the plain words (see docs/ranking.md): those words; a hit
    // that lacks one is named on stderr. Empty when every word must match.
    std::vector<QueryWord> optional_words;
    std::vector<ScorePart> parts;  // the query's score, part by part (--explain)
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

    // Throws QueryError for a query the user must fix: a bad filter value or date, an
    // over-long query. Syntax errors only make it read the query as plain words.
    // any_word: a note with any plain word matches. names_too: from three plain words on, a
    // note whose title or aliases hold one of them matches too (search.cpp asks for it when
    // few notes have all the words but one).
    CompiledQuery compile(std::string_view text, bool any_word, bool names_too = false);

    // The option filters as one boolean query; MatchAll when there are none. Throws QueryError.
    Xapian::Query filters(const FilterOptions& options);

    // The query with each word that matches in no form replaced by the closest word of the
    // spelling dictionary; empty when there is nothing to correct. Filter values stay.
    std::string spelling_suggestion(std::string_view text);

    const PersonResolver& people() const { return people_; }

    // The vault's owner (the config's me:), whom owner:me and @Myself tasks mean.
    void set_me(std::string name) { me_ = std::move(name); }

    // The owner values (schema::note_values of the owner row) a typed owner means: the
    // person's slug, and kSelfOwner when it is the vault's owner. Throws QueryError.
    std::vector<std::string> owner_values(std::string_view typed);

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
    struct PlainWord;
    bool is_stopword(const QueryNode& n);
    bool only_stopwords(const QueryNode& sequence);
    Xapian::Query match_words(std::vector<Xapian::Query> must, const std::vector<PlainWord>& plain, bool positive);
    Xapian::Query adjacent_pairs(const std::vector<PlainWord>& plain);
    Xapian::Query every_word_in_head(const std::vector<PlainWord>& plain);
    Xapian::Query head_copies(const PlainWord& w, bool names_only);
    Xapian::Query words(const QueryNode& n, bool positive);
    static Xapian::Query one_term(std::string_view prefix, const QueryTerm& t);
    Xapian::Query phrase_in(const std::vector<QueryTerm>& terms, std::string_view prefix);
    Xapian::Query wildcard(const QueryNode& n, bool positive);
    Xapian::Query positional(const QueryNode& n, bool positive);
    Xapian::Query filter(const schema::FilterRow& row, std::string_view value);
    Xapian::Query owner(const schema::FilterRow& row, std::string_view value);
    Xapian::Query links(const schema::FilterRow& row, const std::string& name);
    Xapian::Query date_range(Xapian::valueno slot, const std::optional<Date>& from, const std::optional<Date>& to);
    Xapian::Query with_field_boosts(const Xapian::Query& query);
    Xapian::Query in_note_languages(const QueryTerm& t, const Xapian::Query& everywhere);

    const Xapian::Database& db_;
    const schema::FieldTable& fields_;
    QueryFieldNames field_names_;  // the names a query may put before ':'
    Analyzer& analyzer_;
    Date today_;
    PersonResolver people_;
    std::string me_;
    bool any_word_ = false, names_too_ = false;
    Stopwords stopwords_;
    // Of the query being compiled:
    MatchPlan plan_;
    // Its positive unprefixed terms with the word they come from, for the boost branch.
    std::vector<std::pair<std::string, std::string>> boost_keys_;
    std::vector<std::string> ignored_;
    std::vector<QueryWord> optional_words_;
    std::vector<ScorePart> parts_;
    // The languages of the index's notes other than the default, whose stems a word also looks up.
    std::vector<std::string> other_languages_;
    LanguageStemmer language_stemmer_;
};

}  // namespace recall
