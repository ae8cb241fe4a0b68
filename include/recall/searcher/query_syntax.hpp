// The query language, read into a tree: the first of the query side's two steps (the
// QueryCompiler turns the tree into a Xapian query). It knows the syntax and the field
// names, not the terms: the words stay as typed, for the Analyzer to read.
//
//   blob support           words: every one must match (any, when asked for)
//   "blob support"         a phrase
//   a AND b, a OR b, a XOR b, a NOT b, NOT a, (brackets)
//   +must -mustnot         signs on words, phrases, fields and brackets
//   a NEAR b, a NEAR/3 b   within 10 (or 3) words; ADJ, ADJ/n: the same, in order
//   migr*                  words starting so
//   title:blob title:"a b" title:(a OR b) person:andy date:2025-10..
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace recall {

enum class QueryNodeKind : std::uint8_t {
    Word,      // text: a word as typed ("device-name", "数据库" are one word each)
    Phrase,    // text: the words between quotes
    Wildcard,  // text: the prefix before '*'
    Filter,    // field: a filter's name; text: its value as typed
    Sequence,  // words side by side: all must match (or any), by their signs
    And,
    Or,
    Xor,
    AndNot,    // the first child without the others
    Near,      // children: words and phrases; distance: the window
    Adj,       // NEAR in order
    MatchAll,  // the left side of a leading NOT
};

enum class QuerySign : std::uint8_t { None, Must, MustNot };

struct QueryNode {
    QueryNodeKind kind = QueryNodeKind::Sequence;
    QuerySign sign = QuerySign::None;
    std::string field;        // Word, Phrase, Wildcard: a text field's name, empty for all text; Filter: its name
    std::string text;
    size_t text_offset = 0;   // byte offset of text in the query, for "did you mean" to replace it
    size_t column = 0;        // byte offset of the node's first character, for messages
    unsigned distance = 0;    // Near and Adj
    std::vector<QueryNode> children;
};

// The names a query may put before ':', so that "titel:x" is an error and "10:30" a word.
struct QueryFieldNames {
    std::vector<std::string> text;     // title, summary, ...
    std::vector<std::string> filters;  // person, tag, ..., date
};

struct ParsedQuery {
    QueryNode tree;
    // Empty, or why the query was read as plain words (quotes, brackets and operators not
    // syntax, unknown "name:" part of the word): an unbalanced bracket or quote, an operator
    // with nothing on one side, an unknown field, each with its column.
    std::string read_as_words_because;
};

// Throws QueryError only for an over-long query; syntax errors make it read the query as
// plain words and say why.
ParsedQuery parse_query_syntax(std::string_view query, const QueryFieldNames& fields);

}  // namespace recall
