#include "recall/searcher/query_syntax.hpp"

#include <algorithm>
#include <cctype>

#include "recall/core/tokenizer.hpp"
#include "recall/searcher/date_expression.hpp"

namespace recall {
namespace {

// Longer queries are not searches a person types; refusing them keeps a pasted document or
// a script's mistake from holding the machine.
constexpr size_t kMaxQueryBytes = 16 * 1024;
constexpr size_t kMaxQueryWords = 256;
constexpr unsigned kDefaultNearDistance = 10;

enum class LexType { Word, Phrase, Open, Close, Op };
enum class Op { And, Or, Xor, Not, Near, Adj };

struct Lexeme {
    LexType type;
    size_t column;
    QuerySign sign = QuerySign::None;
    std::string field{};  // a known field before ':'
    std::string text{};
    size_t text_offset = 0;
    bool wildcard = false;
    Op op = Op::And;
    unsigned distance = 0;
};

// A syntax error: thrown by the strict reading, caught by parse_query_syntax, which then reads
// the query as plain words.
class SyntaxError : public QueryError {
public:
    using QueryError::QueryError;
};

[[noreturn]] void fail(const std::string& what, size_t column, std::string_view query) {
    // A pasted paragraph is not echoed whole.
    constexpr size_t kEchoBytes = 80;
    std::string shown(query.substr(0, kEchoBytes));
    if (query.size() > kEchoBytes) {
        while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();
        if (!shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0) shown.pop_back();
        shown += "...";
    }
    throw SyntaxError(what + " at column " + std::to_string(column + 1) + " of: " + shown);
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// AND, OR, NOT, XOR, NEAR, NEAR/3, ADJ, ADJ/2: upper case only, so "and" stays a word.
bool read_operator(std::string_view word, Lexeme& lex) {
    std::string_view name = word;
    unsigned distance = kDefaultNearDistance;
    if (const auto slash = word.find('/'); slash != std::string_view::npos) {
        const auto n = word.substr(slash + 1);
        if (n.empty() || n.size() > 4 || !std::all_of(n.begin(), n.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            return false;
        name = word.substr(0, slash);
        if (name != "NEAR" && name != "ADJ") return false;
        distance = static_cast<unsigned>(std::stoul(std::string(n)));
    }
    static constexpr std::pair<std::string_view, Op> kOps[] = {{"AND", Op::And}, {"OR", Op::Or},     {"XOR", Op::Xor},
                                                               {"NOT", Op::Not}, {"NEAR", Op::Near}, {"ADJ", Op::Adj}};
    for (auto [text, op] : kOps)
        if (name == text) {
            lex.type = LexType::Op;
            lex.op = op;
            lex.distance = distance;
            lex.text = std::string(word);
            return true;
        }
    return false;
}

class Lexer {
public:
    // plain: quotes, brackets and operators are not syntax, an unknown "name:" is part of a
    // word; only signs and known fields keep their meaning.
    Lexer(std::string_view query, const QueryFieldNames& fields, bool plain)
        : q_(query), fields_(fields), plain_(plain) {}

    std::vector<Lexeme> run() {
        std::vector<size_t> open;  // columns of the brackets not closed yet
        size_t i = 0;
        while (i < q_.size()) {
            const char c = q_[i];
            if (is_space(c) || (plain_ && (c == '(' || c == ')' || c == '"'))) {
                ++i;
            } else if (c == '(') {
                open.push_back(i);
                push(LexType::Open, i);
                ++i;
            } else if (c == ')') {
                if (open.empty()) fail("')' without a matching '('", i, q_);
                open.pop_back();
                push(LexType::Close, i);
                ++i;
            } else if (c == '"') {
                const size_t close = q_.find('"', i + 1);
                if (close == std::string_view::npos) fail("unclosed '\"'", i, q_);
                Lexeme& lex = push(LexType::Phrase, i);
                lex.text = std::string(q_.substr(i + 1, close - i - 1));
                lex.text_offset = i + 1;
                i = close + 1;
            } else {
                i = word(i);
            }
        }
        if (!open.empty()) fail("'(' without a matching ')'", open.back(), q_);
        const size_t words = static_cast<size_t>(std::count_if(out_.begin(), out_.end(), [](const Lexeme& l) {
            return l.type != LexType::Open && l.type != LexType::Close;
        }));
        if (words > kMaxQueryWords)
            throw QueryError("the query has " + std::to_string(words) + " words; the limit is " +
                             std::to_string(kMaxQueryWords));
        return std::move(out_);
    }

private:
    // Adds a lexeme, with the sign and field written just before it ("-(", "title:(").
    Lexeme& push(LexType type, size_t column) {
        Lexeme lex{type, pending_ ? pending_column_ : column};
        if (pending_ && (type == LexType::Open || type == LexType::Phrase)) {
            lex.sign = pending_sign_;
            lex.field = pending_field_;
        }
        pending_ = false;
        out_.push_back(std::move(lex));
        return out_.back();
    }

    bool known_field(const std::string& name) const {
        auto has = [&](const std::vector<std::string>& names) { return std::find(names.begin(), names.end(), name) != names.end(); };
        return has(fields_.text) || has(fields_.filters);
    }

    bool before_group_or_phrase(size_t j) const { return j < q_.size() && (q_[j] == '(' || q_[j] == '"'); }

    size_t word(size_t start) {
        size_t j = start;
        while (j < q_.size() && !is_space(q_[j]) && q_[j] != '"' && q_[j] != '(' && q_[j] != ')') ++j;
        if (plain_ && j - start == 1 && (q_[start] == '+' || q_[start] == '-')) return j;  // a sign on nothing
        std::string_view w = q_.substr(start, j - start);
        Lexeme lex{LexType::Word, start};
        if (!plain_ && read_operator(w, lex)) {
            out_.push_back(std::move(lex));
            return j;
        }
        size_t offset = start;
        if ((w[0] == '+' || w[0] == '-')) {
            const QuerySign sign = w[0] == '+' ? QuerySign::Must : QuerySign::MustNot;
            if (w.size() == 1 && !plain_ && before_group_or_phrase(j)) {
                set_pending(start, sign, {});
                return j;
            }
            if (w.size() > 1) {
                lex.sign = sign;
                w.remove_prefix(1);
                ++offset;
            }
        }
        if (const size_t colon = w.find(':'); colon != std::string_view::npos && colon > 0) {
            std::string name(w.substr(0, colon));
            const bool letters = std::all_of(name.begin(), name.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            const std::string_view rest = w.substr(colon + 1);
            if (letters && known_field(name) && !(plain_ && rest.empty())) {
                if (rest.empty()) {
                    if (before_group_or_phrase(j)) {
                        set_pending(start, lex.sign, name);
                        return j;
                    }
                    fail(name + ": needs a value, as in " + name + ":something", start, q_);
                }
                lex.field = name;
                w = rest;
                offset += colon + 1;
            } else if (letters && !rest.empty() && rest[0] != '/' && plain_) {
                // No field: "titel:blob" is the words titel and blob, not the phrase.
                Lexeme before{LexType::Word, start};
                before.sign = lex.sign;
                before.text = std::string(w.substr(0, colon));
                before.text_offset = offset;
                out_.push_back(std::move(before));
                lex.sign = QuerySign::None;
                lex.column = offset + colon + 1;
                w = rest;
                offset += colon + 1;
            } else if (letters && !rest.empty() && rest[0] != '/') {
                std::string names;
                for (const auto& n : fields_.text) names += (names.empty() ? "" : ", ") + n;
                for (const auto& n : fields_.filters) names += (names.empty() ? "" : ", ") + n;
                fail("unknown field '" + name + ":' (fields: " + names + ")", start, q_);
            }
        }
        const bool filter =
            !lex.field.empty() && std::find(fields_.filters.begin(), fields_.filters.end(), lex.field) != fields_.filters.end();
        if (!filter && w.size() > 1 && w.back() == '*') {
            lex.wildcard = true;
            while (!w.empty() && w.back() == '*') w.remove_suffix(1);
        }
        if (!filter && !lex.wildcard && lex.sign == QuerySign::None) {
            // Chinese and Japanese are typed without spaces: 如何创建标注 is the words 如何 创建 标注.
            thread_local Tokenizer tokenizer;
            const auto spans = tokenizer.typed_words(w);
            for (size_t k = 0; k + 1 < spans.size(); ++k) {
                Lexeme part = lex;
                part.column = offset + spans[k].first;
                part.text = std::string(w.substr(spans[k].first, spans[k].second - spans[k].first));
                part.text_offset = offset + spans[k].first;
                out_.push_back(std::move(part));
            }
            if (spans.size() > 1) {
                lex.column = offset + spans.back().first;
                offset += spans.back().first;
                w = w.substr(spans.back().first, spans.back().second - spans.back().first);
            }
        }
        lex.text = std::string(w);
        lex.text_offset = offset;
        out_.push_back(std::move(lex));
        return j;
    }

    void set_pending(size_t column, QuerySign sign, std::string field) {
        pending_ = true;
        pending_column_ = column;
        pending_sign_ = sign;
        pending_field_ = std::move(field);
    }

    std::string_view q_;
    const QueryFieldNames& fields_;
    const bool plain_;
    std::vector<Lexeme> out_;
    bool pending_ = false;
    size_t pending_column_ = 0;
    QuerySign pending_sign_ = QuerySign::None;
    std::string pending_field_;
};

std::string op_name(const Lexeme& lex) { return "'" + lex.text + "'"; }

class Parser {
public:
    Parser(std::string_view query, std::vector<Lexeme> lexemes, const QueryFieldNames& fields)
        : q_(query), lex_(std::move(lexemes)), fields_(fields) {}

    QueryNode run() {
        QueryNode root = parse_or({});
        // Brackets are balanced (the lexer checks), so only a stray operator can be left.
        if (pos_ < lex_.size()) fail(op_name(lex_[pos_]) + " needs something before it", lex_[pos_].column, q_);
        return root;
    }

private:
    // The field a bracket put its words under: title:(a b), person:(maya OR daniel).
    struct Scope {
        std::string field;
    };

    const Lexeme* peek() const { return pos_ < lex_.size() ? &lex_[pos_] : nullptr; }
    bool peek_op(std::initializer_list<Op> ops) const {
        const Lexeme* l = peek();
        return l && l->type == LexType::Op && std::find(ops.begin(), ops.end(), l->op) != ops.end();
    }
    static bool empty(const QueryNode& n) { return n.kind == QueryNodeKind::Sequence && n.children.empty(); }

    QueryNode binary(QueryNodeKind kind, QueryNode left, QueryNode right) {
        if (left.kind == kind && left.sign == QuerySign::None) {
            left.children.push_back(std::move(right));
            return left;
        }
        QueryNode node;
        node.kind = kind;
        node.column = left.column;
        node.children.push_back(std::move(left));
        node.children.push_back(std::move(right));
        return node;
    }

    // Parses the operand right of an operator, which must be there.
    template <class Parse>
    QueryNode operand(const Lexeme& op, Parse parse) {
        QueryNode right = parse();
        if (empty(right) && (!peek() || peek()->type == LexType::Close || peek()->type == LexType::Op)) {
            if (peek() && peek()->type == LexType::Op) fail(op_name(*peek()) + " needs something before it", peek()->column, q_);
            fail(op_name(op) + " needs something after it", op.column, q_);
        }
        return right;
    }

    // left OP right OP ..., left-associative, each side parsed by the next tighter level.
    template <class Tighter>
    QueryNode parse_chain(Op op, QueryNodeKind kind, Tighter tighter) {
        QueryNode left = tighter();
        while (peek_op({op})) {
            const Lexeme& lexeme = lex_[pos_++];
            if (empty(left)) fail(op_name(lexeme) + " needs something before it", lexeme.column, q_);
            left = binary(kind, std::move(left), operand(lexeme, tighter));
        }
        return left;
    }

    QueryNode parse_or(const Scope& scope) {
        return parse_chain(Op::Or, QueryNodeKind::Or, [&] { return parse_xor(scope); });
    }

    QueryNode parse_xor(const Scope& scope) {
        return parse_chain(Op::Xor, QueryNodeKind::Xor, [&] { return parse_and(scope); });
    }

    QueryNode parse_and(const Scope& scope) {
        QueryNode left;
        if (peek_op({Op::Not})) {  // a leading NOT: everything but
            const Lexeme& op = lex_[pos_++];
            left.kind = QueryNodeKind::MatchAll;
            left.column = op.column;
            left = binary(QueryNodeKind::AndNot, std::move(left), operand(op, [&] { return parse_sequence(scope); }));
        } else {
            left = parse_sequence(scope);
        }
        while (peek_op({Op::And, Op::Not})) {
            const Lexeme& op = lex_[pos_++];
            if (empty(left)) fail(op_name(op) + " needs something before it", op.column, q_);
            bool negate = op.op == Op::Not;
            if (!negate && peek_op({Op::Not})) {  // a AND NOT b
                ++pos_;
                negate = true;
            }
            QueryNode right = operand(op, [&] { return parse_sequence(scope); });
            left = binary(negate ? QueryNodeKind::AndNot : QueryNodeKind::And, std::move(left), std::move(right));
        }
        return left;
    }

    QueryNode parse_sequence(const Scope& scope) {
        QueryNode seq;
        seq.column = peek() ? peek()->column : q_.size();
        while (const Lexeme* l = peek()) {
            if (l->type == LexType::Close) break;
            if (l->type == LexType::Op) {
                if (l->op == Op::Near || l->op == Op::Adj) fail(op_name(*l) + " needs something before it", l->column, q_);
                break;
            }
            seq.children.push_back(parse_near(scope));
        }
        return seq;
    }

    static bool positional(const QueryNode& n) {
        return (n.kind == QueryNodeKind::Word || n.kind == QueryNodeKind::Phrase) && n.field.empty();
    }

    QueryNode parse_near(const Scope& scope) {
        QueryNode left = parse_unit(scope);
        while (peek_op({Op::Near, Op::Adj})) {
            const Lexeme& op = lex_[pos_++];
            const Lexeme* next = peek();
            if (!next || next->type == LexType::Op || next->type == LexType::Close)
                fail(op_name(op) + " needs something after it", op.column, q_);
            QueryNode right = parse_unit(scope);
            const QueryNodeKind kind = op.op == Op::Near ? QueryNodeKind::Near : QueryNodeKind::Adj;
            const bool chain = left.kind == kind && left.distance == op.distance;
            if ((!chain && !positional(left)) || !positional(right) || right.sign != QuerySign::None)
                fail(op_name(op) + " joins words and phrases, not brackets, fields or signs", op.column, q_);
            if (!chain) {
                QueryNode near;
                near.kind = kind;
                near.distance = op.distance;
                near.column = left.column;
                near.sign = left.sign;
                left.sign = QuerySign::None;
                near.children.push_back(std::move(left));
                left = std::move(near);
            }
            left.children.push_back(std::move(right));
        }
        return left;
    }

    bool is_filter(const std::string& field) const {
        return std::find(fields_.filters.begin(), fields_.filters.end(), field) != fields_.filters.end();
    }

    QueryNode parse_unit(const Scope& scope) {
        const Lexeme& l = lex_[pos_++];
        if (l.type == LexType::Open) {
            const Scope inner{l.field.empty() ? scope.field : l.field};
            QueryNode node = parse_or(inner);
            ++pos_;  // the ')': brackets are balanced
            node.sign = l.sign;
            node.column = l.column;
            return node;
        }
        QueryNode node;
        node.sign = l.sign;
        node.column = l.column;
        node.field = l.field.empty() ? scope.field : l.field;
        node.text = l.text;
        node.text_offset = l.text_offset;
        if (is_filter(node.field)) node.kind = QueryNodeKind::Filter;
        else if (l.type == LexType::Phrase) node.kind = QueryNodeKind::Phrase;
        else node.kind = l.wildcard ? QueryNodeKind::Wildcard : QueryNodeKind::Word;
        return node;
    }

    std::string_view q_;
    std::vector<Lexeme> lex_;
    const QueryFieldNames& fields_;
    size_t pos_ = 0;
};

}  // namespace

ParsedQuery parse_query_syntax(std::string_view query, const QueryFieldNames& fields) {
    if (query.size() > kMaxQueryBytes)
        throw QueryError("the query is " + std::to_string(query.size()) + " bytes long; the limit is " +
                         std::to_string(kMaxQueryBytes));
    try {
        return {Parser(query, Lexer(query, fields, false).run(), fields).run(), {}};
    } catch (const SyntaxError& e) {
        // People paste paths (C:\Users), code ((dataview) and half-quoted titles: search for
        // their words rather than refuse.
        return {Parser(query, Lexer(query, fields, true).run(), fields).run(), e.what()};
    }
}

}  // namespace recall
