// The query language read into a tree: precedence, signs, fields, and errors with columns.
#include <doctest/doctest.h>

#include "recall/searcher/date_expression.hpp"
#include "recall/searcher/query_syntax.hpp"

using namespace recall;

namespace {

const QueryFieldNames kFields{{"title", "summary", "decision"}, {"person", "type", "date"}};

QueryNode parse(std::string_view q) {
    ParsedQuery parsed = parse_query_syntax(q, kFields);
    if (!parsed.read_as_words_because.empty()) throw QueryError(parsed.read_as_words_because);
    return parsed.tree;
}

// A compact picture of a tree: W(word) P(phrase) *(wildcard) F(field=value), operators
// around their children, signs and fields in front.
std::string show(const QueryNode& n) {
    std::string sign = n.sign == QuerySign::Must ? "+" : n.sign == QuerySign::MustNot ? "-" : "";
    std::string field = n.field.empty() ? "" : n.field + ":";
    auto children = [&](const char* name) {
        std::string s = sign + name + "(";
        for (size_t i = 0; i < n.children.size(); ++i) s += (i ? " " : "") + show(n.children[i]);
        return s + ")";
    };
    switch (n.kind) {
        case QueryNodeKind::Word: return sign + field + "W(" + n.text + ")";
        case QueryNodeKind::Phrase: return sign + field + "P(" + n.text + ")";
        case QueryNodeKind::Wildcard: return sign + field + "*(" + n.text + ")";
        case QueryNodeKind::Filter: return sign + "F(" + n.field + "=" + n.text + ")";
        case QueryNodeKind::Sequence: return children("SEQ");
        case QueryNodeKind::And: return children("AND");
        case QueryNodeKind::Or: return children("OR");
        case QueryNodeKind::Xor: return children("XOR");
        case QueryNodeKind::AndNot: return children("ANDNOT");
        case QueryNodeKind::Near: return children(("NEAR" + std::to_string(n.distance)).c_str());
        case QueryNodeKind::Adj: return children(("ADJ" + std::to_string(n.distance)).c_str());
        case QueryNodeKind::MatchAll: return "ALL";
    }
    return "?";
}

std::string shown(std::string_view q) { return show(parse(q)); }

}  // namespace

TEST_CASE("words, phrases, signs and wildcards") {
    CHECK(shown("blob support") == "SEQ(W(blob) W(support))");
    CHECK(shown("\"blob support\" Azure") == "SEQ(P(blob support) W(Azure))");
    CHECK(shown("+a -b c") == "SEQ(+W(a) -W(b) W(c))");
    CHECK(shown("-\"a b\" -(c OR d)") == "SEQ(-P(a b) -OR(SEQ(W(c)) SEQ(W(d))))");
    CHECK(shown("migr* a*b") == "SEQ(*(migr) W(a*b))");
    CHECK(shown("device-name 10:30 http://x.y/z") == "SEQ(W(device-name) W(10:30) W(http://x.y/z))");
    CHECK(shown("and or not") == "SEQ(W(and) W(or) W(not))");  // operators are upper case
    CHECK(parse("   ").children.empty());
}

TEST_CASE("Chinese and Japanese typed without spaces are read as their words") {
    CHECK(shown("如何创建标注") == "SEQ(W(如何) W(创建) W(标注))");  // 标注: ICU's 标 注, joined back
    CHECK(shown("タブをピン留め") == "SEQ(W(タブ) W(を) W(ピン) W(留め))");
    CHECK(shown("如何同步iCloud") == "SEQ(W(如何) W(同步) W(iCloud))");
    CHECK(shown("title:同步设置") == "SEQ(title:W(同步) title:W(设置))");
    // Quoted, signed, wildcarded or a filter value: as typed. Korean has spaces of its own.
    CHECK(shown("\"如何创建\" +创建标注 创建标* person:张伟明") ==
          "SEQ(P(如何创建) +W(创建标注) *(创建标) F(person=张伟明))");
    CHECK(shown("노트에태그") == "SEQ(W(노트에태그))");
    CHECK(shown("e-mail 插件") == "SEQ(W(e-mail) W(插件))");
}

TEST_CASE("operators bind as in Xapian: OR loosest, then XOR, then AND and NOT, then words side by side") {
    CHECK(shown("a b OR c") == "OR(SEQ(W(a) W(b)) SEQ(W(c)))");
    CHECK(shown("a OR b AND c") == "OR(SEQ(W(a)) AND(SEQ(W(b)) SEQ(W(c))))");
    CHECK(shown("a XOR b OR c") == "OR(XOR(SEQ(W(a)) SEQ(W(b))) SEQ(W(c)))");
    CHECK(shown("a NOT b c") == "ANDNOT(SEQ(W(a)) SEQ(W(b) W(c)))");
    CHECK(shown("a AND NOT b") == "ANDNOT(SEQ(W(a)) SEQ(W(b)))");
    CHECK(shown("NOT a") == "ANDNOT(ALL SEQ(W(a)))");
    CHECK(shown("(a OR b) c") == "SEQ(OR(SEQ(W(a)) SEQ(W(b))) W(c))");
    CHECK(shown("a NEAR b") == "SEQ(NEAR10(W(a) W(b)))");
    CHECK(shown("a NEAR/3 b NEAR/3 \"c d\"") == "SEQ(NEAR3(W(a) W(b) P(c d)))");
    CHECK(shown("x a ADJ/2 b") == "SEQ(W(x) ADJ2(W(a) W(b)))");
}

TEST_CASE("fields and filters") {
    CHECK(shown("Title:Blob person:Andy") == "SEQ(title:W(Blob) F(person=Andy))");
    CHECK(shown("title:\"blob support\" -person:sam") == "SEQ(title:P(blob support) -F(person=sam))");
    CHECK(shown("title:(a OR b)") == "SEQ(OR(SEQ(title:W(a)) SEQ(title:W(b))))");
    CHECK(shown("person:(maya OR daniel)") == "SEQ(OR(SEQ(F(person=maya)) SEQ(F(person=daniel))))");
    CHECK(shown("title:migr*") == "SEQ(title:*(migr))");
    CHECK(shown("type:\"1 on 1\" date:2025-10..") == "SEQ(F(type=1 on 1) F(date=2025-10..))");
    CHECK(shown("person:a* ") == "SEQ(F(person=a*))");  // a filter value is a value
    const QueryNode n = parse("blob -title:Zeppelin");
    CHECK(n.children[1].text_offset == 12);
    CHECK(n.children[1].column == 5);
}

TEST_CASE("mistakes are named with their column (parse() here turns the reason into an error)") {
    CHECK_THROWS_WITH_AS(parse("a (b"), doctest::Contains("'(' without a matching ')' at column 3"), QueryError);
    CHECK_THROWS_WITH_AS(parse("a b)"), doctest::Contains("')' without a matching '(' at column 4"), QueryError);
    CHECK_THROWS_WITH_AS(parse("a \"b"), doctest::Contains("unclosed '\"' at column 3"), QueryError);
    CHECK_THROWS_WITH_AS(parse("OR a"), doctest::Contains("'OR' needs something before it at column 1"), QueryError);
    CHECK_THROWS_WITH_AS(parse("a NOT"), doctest::Contains("'NOT' needs something after it at column 3"), QueryError);
    CHECK_THROWS_WITH_AS(parse("a OR OR b"), doctest::Contains("'OR' needs something before it at column 6"), QueryError);
    CHECK_THROWS_WITH_AS(parse("a AND"), doctest::Contains("after it"), QueryError);
    CHECK_THROWS_WITH_AS(parse("NEAR a"), doctest::Contains("before it"), QueryError);
    CHECK_THROWS_WITH_AS(parse("a NEAR (b OR c)"), doctest::Contains("'NEAR' joins words and phrases"), QueryError);
    CHECK_THROWS_WITH_AS(parse("sumary:x"), doctest::Contains("unknown field 'sumary:' (fields: title, summary"),
                         QueryError);
    CHECK_THROWS_WITH_AS(parse("x sumary:x"), doctest::Contains("at column 3 of: x sumary:x"), QueryError);
    CHECK_THROWS_WITH_AS(parse("person: maya"), doctest::Contains("person: needs a value"), QueryError);
    CHECK_NOTHROW(parse("note: trailing colon"));
}

TEST_CASE("a query with a syntax error is read as plain words, and says why") {
    auto plain = [](std::string_view q) {
        ParsedQuery parsed = parse_query_syntax(q, kFields);
        return std::pair{show(parsed.tree), parsed.read_as_words_because};
    };
    CHECK(plain("C:\\Users notes") == std::pair<std::string, std::string>{
                                           "SEQ(W(C) W(\\Users) W(notes))",
                                           "unknown field 'c:' (fields: title, summary, decision, person, type, date) at "
                                           "column 1 of: C:\\Users notes"});
    CHECK(plain("-titel:blob").first == "SEQ(-W(titel) W(blob))");
    CHECK(plain("(dataview table").first == "SEQ(W(dataview) W(table))");
    CHECK(plain("\"blob support").first == "SEQ(W(blob) W(support))");
    CHECK(plain("blob AND").first == "SEQ(W(blob) W(AND))");
    CHECK(plain("OR a").second.find("'OR' needs something before it at column 1") != std::string::npos);
    // Known fields and signs keep their meaning; brackets and operators do not.
    CHECK(plain("person:maya -title:x (b").first == "SEQ(F(person=maya) -title:W(x) W(b))");
    CHECK(plain("person: maya (").first == "SEQ(W(person:) W(maya))");
    CHECK(plain("- \"x").first == "SEQ(W(x))");
    CHECK(plain("blob support").second.empty());
    // A pasted paragraph is not echoed whole.
    const std::string pasted = "(" + std::string(500, 'w');
    CHECK(plain(pasted).second.size() < 200);
}

TEST_CASE("over-long queries stay errors") {
    std::string many;
    for (int i = 0; i < 300; ++i) many += "w" + std::to_string(i) + " ";
    CHECK_THROWS_WITH_AS(parse_query_syntax(many, kFields), doctest::Contains("300 words; the limit is 256"), QueryError);
    CHECK_THROWS_WITH_AS(parse_query_syntax(std::string(20000, 'a'), kFields), doctest::Contains("bytes long"),
                         QueryError);
}
