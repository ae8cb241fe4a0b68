#include "recall/query_builder.hpp"

#include <algorithm>
#include <cctype>

#include "recall/date_expression.hpp"
#include "recall/frontmatter.hpp"
#include "recall/schema.hpp"
#include "recall/stemmer.hpp"
#include "recall/text_cleaner.hpp"

namespace recall {
namespace {

using schema::Filter;

// Wildcards expand to at most this many terms (the most frequent ones), so "a*" on a large
// vault stays fast.
constexpr Xapian::termcount kMaxWildcardTerms = 200;

// Longer queries are not searches a person types; refusing them keeps a pasted document
// or a script's mistake from holding the machine.
constexpr size_t kMaxQueryBytes = 16 * 1024;
constexpr size_t kMaxQueryWords = 256;

constexpr std::string_view kOperators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

// The index holds stems only, which Xapian's wildcards do not look at; normalize_query
// rewrites "migr*" as "zstem:migr*" and "title:migr*" as "zstemtitle:migr*", pseudo-fields
// whose prefixes are the Z-prefixed stems.
constexpr std::string_view kWildcardField = "zstem";

bool is_operator(std::string_view word) {
    if (auto slash = word.find('/'); slash != std::string_view::npos) {  // NEAR/3, ADJ/2
        const auto n = word.substr(slash + 1);
        if (n.empty() || !std::all_of(n.begin(), n.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            return false;
        word = word.substr(0, slash);
        return word == "NEAR" || word == "ADJ";
    }
    return std::find(std::begin(kOperators), std::end(kOperators), word) != std::end(kOperators);
}

std::string field_names() {
    std::string names;
    for (const auto& f : schema::kTextFields)
        if (!f.query_name.empty()) names += (names.empty() ? "" : ", ") + std::string(f.query_name);
    for (const auto& f : schema::kFilters) names += ", " + std::string(f.query_name);
    return names + ", date";
}

bool is_known_field(std::string_view name) {
    if (name == "date") return true;
    for (const auto& f : schema::kTextFields)
        if (!f.query_name.empty() && f.query_name == name) return true;
    for (const auto& f : schema::kFilters)
        if (f.query_name == name) return true;
    return false;
}

[[noreturn]] void query_error(const std::string& what, size_t column, const std::string& text) {
    throw QueryError(what + " at column " + std::to_string(column + 1) + " of: " + text);
}

// Xapian's query parser leaks memory when a field processor throws, so processors report a
// bad value here and match nothing; QueryBuilder::parse then throws the QueryError.
class ReportingProcessor : public Xapian::FieldProcessor {
public:
    explicit ReportingProcessor(std::string* error) : error_(error) {}
    Xapian::Query operator()(const std::string& value) override {
        try {
            return make(value);
        } catch (const QueryError& e) {
            if (error_ && error_->empty()) *error_ = e.what();
            return Xapian::Query::MatchNothing;
        }
    }
    virtual Xapian::Query make(const std::string& value) = 0;

private:
    std::string* error_;
};

// A boolean filter whose values are normalised before they become terms.
class FilterProcessor : public ReportingProcessor {
public:
    FilterProcessor(Filter filter, std::string (*normalize)(std::string_view), std::string* error = nullptr)
        : ReportingProcessor(error), filter_(filter), normalize_(normalize) {}
    Xapian::Query make(const std::string& value) override {
        const std::string v = normalize_(value);
        if (v.empty())
            throw QueryError(std::string(schema::spec(filter_).query_name) + ": needs a value, as in " +
                             std::string(schema::spec(filter_).query_name) + ":something");
        return Xapian::Query(schema::filter_term(filter_, v));
    }

private:
    Filter filter_;
    std::string (*normalize_)(std::string_view);
};

std::string lower(std::string_view v) { return to_lower_utf8(v); }
std::string folder_value(std::string_view v) {
    std::string s = to_lower_utf8(v);
    while (!s.empty() && s.back() == '/') s.pop_back();
    while (!s.empty() && s.front() == '/') s.erase(0, 1);
    return s;
}
std::string tag_value(std::string_view v) { return normalize_tag(v); }
std::string task_value(std::string_view v) {
    const std::string s = to_lower_utf8(v);
    if (s != "open" && s != "done") throw QueryError("task: takes open or done, not '" + std::string(v) + "'");
    return s;
}
std::string year_value(std::string_view v) {
    if (v.size() != 4 || !std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        throw QueryError("year: takes four digits, as in year:2025");
    return std::string(v);
}

// "2025-10" -> "202510", "2025/10/30" -> "20251030".
std::string digits_only(std::string_view v) {
    std::string s;
    for (char c : v)
        if (std::isdigit(static_cast<unsigned char>(c))) s.push_back(c);
    return s;
}

class PersonProcessor : public ReportingProcessor {
public:
    PersonProcessor(const PersonResolver& people, std::string* error) : ReportingProcessor(error), people_(people) {}
    Xapian::Query make(const std::string& value) override {
        return Xapian::Query(schema::filter_term(Filter::Person, people_.resolve(value).slug));
    }

private:
    const PersonResolver& people_;
};

class DateProcessor : public ReportingProcessor {
public:
    DateProcessor(const Date& today, std::string* error) : ReportingProcessor(error), today_(today) {}
    Xapian::Query make(const std::string& value) override { return date_query(value, today_); }

private:
    Date today_;
};

// "date:A..B" reaches the range processor, "date:A" the field processor above.
class DateRangeProcessor : public Xapian::RangeProcessor {
public:
    DateRangeProcessor(const Date& today, std::string* error)
        : Xapian::RangeProcessor(schema::kSlotDate, "date:"), today_(today), error_(error) {}
    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        try {
            return date_query(begin + ".." + end, today_);
        } catch (const QueryError& e) {
            if (error_->empty()) *error_ = e.what();
            return Xapian::Query::MatchNothing;
        }
    }

private:
    Date today_;
    std::string* error_;
};

Xapian::Query or_of(std::vector<Xapian::Query> queries) {
    if (queries.size() == 1) return queries[0];
    return Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
}

}  // namespace

std::string normalize_query(const std::string& text) {
    if (text.size() > kMaxQueryBytes)
        throw QueryError("the query is " + std::to_string(text.size()) + " bytes long; the limit is " +
                         std::to_string(kMaxQueryBytes));
    std::string out;
    out.reserve(text.size());
    bool in_quote = false;
    size_t quote_column = 0;
    int depth = 0;
    std::vector<std::pair<std::string, size_t>> words;  // outside quotes, with columns
    size_t i = 0;
    while (i < text.size()) {
        const char ch = text[i];
        if (ch == '"') {
            if (!in_quote) words.emplace_back("\"", i);  // a phrase counts as a word
            in_quote = !in_quote;
            quote_column = i;
            out.push_back(ch);
            ++i;
            continue;
        }
        if (!in_quote && (ch == '(' || ch == ')')) {
            depth += ch == '(' ? 1 : -1;
            if (depth < 0) query_error("')' without a matching '('", i, text);
            out.push_back(ch);
            ++i;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(ch))) {
            out.push_back(' ');
            ++i;
            continue;
        }
        size_t j = i;
        while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j])) && text[j] != '"' &&
               (in_quote || (text[j] != '(' && text[j] != ')')))
            ++j;
        const std::string word = text.substr(i, j - i);
        if (!in_quote && is_operator(word)) {
            out += word;
            words.emplace_back(word, i);
        } else {
            if (!in_quote) {
                words.emplace_back(word, i);
                const size_t colon = word.find(':');
                if (colon != std::string::npos && colon > 0 && colon + 1 <= word.size()) {
                    const std::string field = to_lower_utf8(word.substr(0, colon));
                    const bool alpha = std::all_of(field.begin(), field.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
                    if (alpha && !is_known_field(field) && colon + 1 < word.size() && word[colon + 1] != '/')
                        query_error("unknown field '" + field + ":' (fields: " + field_names() + ")", i, text);
                }
            }
            std::string lowered = to_lower_utf8(word);
            if (!in_quote && lowered.size() > 1 && lowered.back() == '*') {
                size_t sign = (lowered[0] == '+' || lowered[0] == '-') ? 1 : 0;
                const size_t colon = lowered.find(':');
                const std::string field = colon == std::string::npos ? "" : lowered.substr(sign, colon - sign);
                const bool text_field = std::any_of(schema::kTextFields.begin(), schema::kTextFields.end(),
                                                    [&](const auto& f) { return !f.query_name.empty() && f.query_name == field; });
                if (colon == std::string::npos)
                    lowered.insert(sign, std::string(kWildcardField) + ":");
                else if (text_field)
                    lowered.insert(sign, std::string(kWildcardField));
            }
            out += lowered;
        }
        i = j;
    }
    if (in_quote) query_error("unclosed '\"'", quote_column, text);
    if (depth > 0) query_error("'(' without a matching ')'", text.rfind('('), text);
    if (words.size() > kMaxQueryWords)
        throw QueryError("the query has " + std::to_string(words.size()) + " words; the limit is " +
                         std::to_string(kMaxQueryWords));
    if (!words.empty()) {
        const auto& [last, last_col] = words.back();
        if (is_operator(last)) query_error("'" + last + "' needs something after it", last_col, text);
        const auto& [first, first_col] = words.front();
        if (is_operator(first) && first != "NOT") query_error("'" + first + "' needs something before it", first_col, text);
    }
    return out;
}

Xapian::Query date_query(const std::string& expression, const Date& today) {
    const DateRange r = parse_date_range(expression, today);
    const auto slot = schema::kSlotDate;
    if (r.from && r.to) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, r.from->yyyymmdd(), r.to->yyyymmdd());
    if (r.from) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, r.from->yyyymmdd());
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, r.to->yyyymmdd());
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, const std::string& language, const Date& today)
    : db_(db), today_(today), people_(db) {
    stemmer_ = make_stemmer(language);
    parser_.set_database(db_);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);  // as the indexer: stems only
    parser_.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    for (const auto& f : schema::kTextFields) {
        if (f.query_name.empty()) continue;
        parser_.add_prefix(std::string(f.query_name), std::string(f.prefix));
        parser_.add_prefix(std::string(kWildcardField) + std::string(f.query_name), std::string("Z").append(f.prefix));
    }
    parser_.add_prefix(std::string(kWildcardField), "Z");
    auto add_filter = [&](Filter filter, Xapian::FieldProcessor* processor) {
        parser_.add_boolean_prefix(std::string(schema::spec(filter).query_name), processor->release());
    };
    add_filter(Filter::Person, new PersonProcessor(people_, &parse_error_));
    add_filter(Filter::Tag, new FilterProcessor(Filter::Tag, tag_value, &parse_error_));
    add_filter(Filter::Type, new FilterProcessor(Filter::Type, lower, &parse_error_));
    add_filter(Filter::Folder, new FilterProcessor(Filter::Folder, folder_value, &parse_error_));
    add_filter(Filter::Year, new FilterProcessor(Filter::Year, year_value, &parse_error_));
    add_filter(Filter::Month, new FilterProcessor(Filter::Month, digits_only, &parse_error_));
    add_filter(Filter::Day, new FilterProcessor(Filter::Day, digits_only, &parse_error_));
    add_filter(Filter::Task, new FilterProcessor(Filter::Task, task_value, &parse_error_));
    parser_.add_rangeprocessor((new DateRangeProcessor(today_, &parse_error_))->release());
    parser_.add_boolean_prefix("date", (new DateProcessor(today_, &parse_error_))->release());
}

QueryBuilder::~QueryBuilder() = default;

Xapian::Query QueryBuilder::parse(const std::string& text, bool any_word) {
    const std::string normalized = normalize_query(text);
    parser_.set_default_op(any_word ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_CJK_NGRAM;
    parse_error_.clear();
    try {
        Xapian::Query query = parser_.parse_query(normalized, flags);
        if (!parse_error_.empty()) throw QueryError(parse_error_);
        return with_field_boosts(query);
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError("cannot read the query '" + text + "': " + e.get_msg());
    } catch (const Xapian::WildcardError& e) {
        throw QueryError("a wildcard in '" + text + "' matches too many words: " + e.get_msg());
    }
}

// A plain word also counts as a term of its own in the fields marked boost_plain_queries,
// so a word in the title adds its own BM25 weight instead of one more occurrence that
// saturates (the poor man's BM25F). The boosts are an AND_MAYBE branch: they never decide
// what matches, and Xapian only looks them up for documents that already match.
Xapian::Query QueryBuilder::with_field_boosts(const Xapian::Query& query) const {
    std::vector<Xapian::Query> boosts;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        const std::string& term = *it;
        // Unprefixed stems only: "Zmigrat", not "ZSmigrat" or "XPandy".
        if (term.size() < 2 || term[0] != 'Z' || std::isupper(static_cast<unsigned char>(term[1]))) continue;
        for (const auto& f : schema::kTextFields)
            if (f.boost_plain_queries) boosts.emplace_back(std::string("Z").append(f.prefix).append(term, 1));
    }
    if (boosts.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
}

std::string QueryBuilder::spelling_suggestion(const std::string& text) const {
    // Xapian's FLAG_SPELLING_CORRECTION corrects words that exist only in another form
    // ("migrations" when notes say "migration"), which stemming already matches; so only
    // words with no match in any form are corrected here.
    std::string out;
    bool changed = false, in_quote = false;
    size_t i = 0;
    while (i < text.size()) {
        const unsigned char ch = static_cast<unsigned char>(text[i]);
        if (!std::isalpha(ch)) {
            if (ch == '"') in_quote = !in_quote;
            out.push_back(text[i++]);
            continue;
        }
        size_t j = i;
        while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '\'' ||
                                   static_cast<unsigned char>(text[j]) >= 0x80))
            ++j;
        const std::string word = text.substr(i, j - i);
        const bool is_field = j < text.size() && text[j] == ':';
        const bool is_wildcard = j < text.size() && text[j] == '*';
        const std::string lower = to_lower_utf8(word);
        if (!is_field && !is_wildcard && !is_operator(word) && lower.size() > 2 && !db_.term_exists(std::string("Z").append(stemmer_(lower)))) {
            const std::string suggestion = db_.get_spelling_suggestion(lower, 2);
            if (!suggestion.empty()) {
                out += suggestion;
                changed = true;
                i = j;
                continue;
            }
        }
        out += word;
        i = j;
    }
    return changed ? out : std::string();
}

Xapian::Query QueryBuilder::filters(const Filters& f) {
    std::vector<Xapian::Query> all;
    auto add_group = [&](const std::vector<std::string>& values, auto make) {
        if (values.empty()) return;
        std::vector<Xapian::Query> group;
        for (const auto& v : values) group.push_back(make(v));
        all.push_back(or_of(group));
    };
    add_group(f.persons, [&](const std::string& v) {
        return Xapian::Query(schema::filter_term(Filter::Person, people_.resolve(v).slug));
    });
    add_group(f.tags, [&](const std::string& v) { return FilterProcessor(Filter::Tag, tag_value).make(v); });
    add_group(f.types, [&](const std::string& v) { return FilterProcessor(Filter::Type, lower).make(v); });
    add_group(f.folders, [&](const std::string& v) { return FilterProcessor(Filter::Folder, folder_value).make(v); });
    if (f.since || f.until) {
        DateRange range;
        if (f.since) range.from = parse_date_range(*f.since, today_).from;
        if (f.until) {
            const DateRange until = parse_date_range(*f.until, today_);
            range.to = until.to ? until.to : until.from;
        }
        if (range.from && range.to && *range.to < *range.from) throw QueryError("--until is before --since");
        const auto slot = schema::kSlotDate;
        if (range.from && range.to)
            all.emplace_back(Xapian::Query::OP_VALUE_RANGE, slot, range.from->yyyymmdd(), range.to->yyyymmdd());
        else if (range.from)
            all.emplace_back(Xapian::Query::OP_VALUE_GE, slot, range.from->yyyymmdd());
        else
            all.emplace_back(Xapian::Query::OP_VALUE_LE, slot, range.to->yyyymmdd());
    }
    if (all.empty()) return Xapian::Query::MatchAll;
    return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

}  // namespace recall
