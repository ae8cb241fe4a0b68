// The Xapian queries the compiler makes: the terms of the analysis, the semantics of signs,
// filters and any-word matching, and the boost branch.
#include <doctest/doctest.h>

#include "recall/searcher/date_expression.hpp"
#include "recall/searcher/query_compiler.hpp"

using namespace recall;

namespace {

std::string compiled(const std::string& q, bool any_word = false) {
    static Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    static const schema::FieldTable fields;
    Analyzer analyzer{AnalysisProfile{}};
    QueryCompiler compiler(db, fields, analyzer, Date{2026, 1, 1});
    return compiler.compile(q, any_word).query.get_description();
}

bool has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("words become the analyzer's terms: stems, the folded form beside an accented one") {
    CHECK(has(compiled("Migrations"), "Zmigrat"));
    CHECK(has(compiled("café"), "(Zcafé OR Zcafe)"));
    CHECK_FALSE(has(compiled("cafe"), "Zcafé"));
    CHECK(has(compiled("\"数据库\""), "(Z数据 PHRASE 2 Z据库)"));  // unquoted, it is the words 数据 库
    CHECK(has(compiled("device-name"), "(Zdevic PHRASE 2 Zname)"));
    CHECK(has(compiled("title:blob"), "ZSblob"));
    CHECK(has(compiled("title:\"blob support\""), "(Zblob PHRASE 2 Zsupport) AND ZSblob AND ZSsupport"));
}

TEST_CASE("signs, NOT and filters mean what they say, also alone") {
    CHECK(has(compiled("-pricing"), "<alldocuments> AND_NOT Zprice"));
    CHECK(has(compiled("NOT pricing"), "<alldocuments> AND_NOT Zprice"));
    CHECK(has(compiled("-\"blob support\""), "<alldocuments> AND_NOT (Zblob PHRASE 2 Zsupport)"));
    CHECK(has(compiled("task:open -pricing"), "(0 * XTASKopen AND_NOT Zprice)"));
    CHECK(has(compiled("blob task:open task:done year:2025"), "FILTER ((XTASKopen OR XTASKdone) AND Y2025)"));
    CHECK(has(compiled("blob OR task:open"), "0 * XTASKopen"));
    CHECK(has(compiled("+blob support", true), "(Zblob OR (Zsupport AND 0 * Zblob))"));  // Zblob AND_MAYBE Zsupport
    CHECK(has(compiled("blob support", true), "(Zblob OR Zsupport)"));
    CHECK(has(compiled("blob support"), "(Zblob AND Zsupport)"));
}

TEST_CASE("NEAR and ADJ windows as Xapian's parser makes them") {
    CHECK(has(compiled("a NEAR b"), "NEAR 11"));
    CHECK(has(compiled("a NEAR/3 b"), "NEAR 4"));
    CHECK(has(compiled("a ADJ b"), "PHRASE 11"));
}

TEST_CASE("plain words also score title and summary copies, which decide nothing") {
    const std::string q = compiled("blob -pricing");
    CHECK(has(q, "((ZSblob OR ZXALIASblob OR ZXSUMblob) AND 0 * "));  // AND_MAYBE, see and_maybe()
    CHECK_FALSE(has(q, "ZSprice"));
    CHECK_FALSE(has(compiled("title:blob"), "AND 0 *"));
}

TEST_CASE("bad filter values inside a query are errors, not crashes (fuzz finding)") {
    Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    const schema::FieldTable fields;
    Analyzer analyzer{AnalysisProfile{}};
    QueryCompiler compiler(db, fields, analyzer, Date{2026, 1, 1});
    CHECK_THROWS_WITH_AS(compiler.compile("date:30d.. task:@oven k tiey:\"data laWke\"", false),
                         doctest::Contains("task: takes open or done"), QueryError);
    CHECK_THROWS_WITH_AS(compiler.compile("date:2025-13", false), doctest::Contains("not a date"), QueryError);
    CHECK_THROWS_WITH_AS(compiler.compile("date:2025..2024", false), doctest::Contains("ends before it starts"), QueryError);
    CHECK_THROWS_WITH_AS(compiler.compile("person:nobody", false), doctest::Contains("no person 'nobody'"), QueryError);
    CHECK_NOTHROW(compiler.compile("blob task:open", false));
}

TEST_CASE("wildcards expand to a bounded number of terms") {
    Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    for (int i = 0; i < 2000; ++i) {
        Xapian::Document doc;
        doc.add_term("Zaa" + std::to_string(i));
        db.add_document(doc);
    }
    const schema::FieldTable fields;
    Analyzer analyzer{AnalysisProfile{}};
    QueryCompiler compiler(db, fields, analyzer, Date{2026, 1, 1});
    Xapian::Enquire enquire(db);
    enquire.set_query(compiler.compile("a*", false).query);
    CHECK(enquire.get_mset(0, 10).get_matches_estimated() > 0);
}

TEST_CASE("stopwords of the index's language are left out unless quoted, required or alone") {
    const std::string q = compiled("how do we price blob support");
    CHECK_FALSE(has(q, "Zhow"));
    CHECK_FALSE(has(q, "Zwe "));
    CHECK(has(q, "Zblob"));
    CHECK(has(compiled("the who"), "Zthe"));
    CHECK(has(compiled("\"the\" blob"), "Zthe"));
    CHECK(has(compiled("+the blob"), "Zthe"));
    CHECK(has(compiled("\"the blob\""), "(Zthe PHRASE 2 Zblob)"));
}

TEST_CASE("from three plain words on, all but one match, and every word and neighbours add a bonus") {
    const std::string two = compiled("blob support");
    CHECK(has(two, "(Zblob AND Zsupport)"));
    CHECK(has(two, "1 * (Zblob PHRASE 2 Zsupport)"));
    const std::string three = compiled("blob support pricing");
    CHECK(has(three, "0 * ((Zsupport AND Zprice) OR (Zblob AND Zprice) OR (Zblob AND Zsupport))"));
    CHECK(has(three, "2 * (Zblob AND Zsupport AND Zprice)"));
    // A stopword between two words keeps them neighbours, in a window of three.
    CHECK(has(compiled("send notes to kindle"), "(Znote PHRASE 3 Zkindl)"));
    // +must words are required in every case.
    CHECK(has(compiled("+blob support pricing xylophone"), "(Zblob AND Zsupport AND Zprice)"));
}
