// The analysis profile, the tokenizer and the analyzer: how text in any script becomes terms.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "recall/core/analyzer.hpp"

using namespace recall;

namespace {

struct Seen {
    std::string exact, folded, word, text;
    std::uint32_t position;
    TermKind kind;
};

std::vector<Seen> analyze(const std::string& text, const AnalysisProfile& profile = {}) {
    Analyzer analyzer(profile);
    std::vector<Seen> out;
    analyzer.analyze(text, [&](const Term& t) {
        out.push_back({std::string(t.exact), std::string(t.folded), std::string(t.word),
                       text.substr(t.begin, t.end - t.begin), t.position, t.kind});
    });
    return out;
}

std::vector<std::string> exacts(const std::string& text, const AnalysisProfile& profile = {}) {
    std::vector<std::string> out;
    for (const auto& t : analyze(text, profile)) out.push_back(t.exact);
    return out;
}

std::vector<std::string> keys(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& t : analyze(text)) out.push_back(t.folded.empty() ? t.exact : t.folded);
    return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("words are case-folded and stemmed, with their offsets and positions") {
    const auto terms = analyze("Migrations were MIGRATING, fast.");
    REQUIRE(terms.size() == 4);
    CHECK(terms[0].exact == "migrat");
    CHECK(terms[0].word == "migrations");
    CHECK(terms[0].text == "Migrations");
    CHECK(terms[2].exact == "migrat");
    CHECK(terms[2].text == "MIGRATING");
    CHECK(terms[3].text == "fast");
    for (std::uint32_t i = 0; i < terms.size(); ++i) CHECK(terms[i].position == i);
    CHECK(exacts("blob", AnalysisProfile{"none", true}) == Strings{"blob"});
    CHECK(exacts("connectors", AnalysisProfile{"none", true}) == Strings{"connectors"});
}

TEST_CASE("punctuation inside words: apostrophes, versions, numbers, C++") {
    CHECK(exacts("Andy's") == exacts("andy’s"));
    CHECK(analyze("Andy’s").at(0).text == "Andy’s");
    CHECK(exacts("v1.13.8 and 1.13.8") == Strings{"v1.13.8", "and", "1.13.8"});
    CHECK(exacts("3,000 notes") == Strings{"3,000", "note"});
    CHECK(exacts("C++ and C# and AT&T") == Strings{"c++", "and", "c#", "and", "at&t"});
    CHECK(exacts("device-name snake_case a/b") == Strings{"devic", "name", "snake", "case", "a", "b"});
    CHECK(exacts("end. Next") == Strings{"end", "next"});
    CHECK(exacts("'quoted'") == Strings{"quot"});
    CHECK(exacts("#tag") == Strings{"tag"});
}

TEST_CASE("case folding is Unicode's, not ASCII's") {
    CHECK(exacts("ÉTUDE") == exacts("étude"));
    CHECK(exacts("ΣΊΣΥΦΟΣ") == exacts("σίσυφος"));  // final sigma too
    CHECK(exacts("ＡＢＣ ﬁle") == Strings{"abc", "file"});  // fullwidth forms, ligatures
    CHECK(exacts("Straße") == exacts("strasse"));
    CHECK(exacts("ПРИВЕТ") == Strings{"привет"});
}

TEST_CASE("accent folding: the folded stem beside the exact one, where accents are optional") {
    const auto cafe = analyze("Café");
    REQUIRE(cafe.size() == 1);
    CHECK(cafe[0].exact == "café");
    CHECK(cafe[0].folded == "cafe");
    CHECK(analyze("cafe")[0].folded.empty());  // nothing to fold: one term
    CHECK(keys("Tastenkürzel Zürich Müller exonération") == keys("tastenkurzel zurich muller exoneration"));
    CHECK(keys("Łódź Øresund æble") == keys("lodz oresund aeble"));
    CHECK(keys("Αθήνα") == keys("αθηνα"));
    CHECK(keys("Ёлка") == keys("елка"));
    CHECK(keys("مُحَمَّد") == keys("محمد"));
    CHECK(keys("שָׁלוֹם") == keys("שלום"));
    // Marks that are part of letters stay: kana voicing, Devanagari vowel signs.
    CHECK(analyze("が")[0].folded.empty());
    CHECK(analyze("हिन्दी")[0].folded.empty());
    CHECK(analyze("हिन्दी")[0].exact == "हिन्दी");
    // Without folding in the profile there is no folded form.
    CHECK(analyze("Café", AnalysisProfile{"english", false})[0].folded.empty());
}

TEST_CASE("Chinese, Japanese and Korean runs: unigrams and bigrams, one position per character") {
    const auto terms = analyze("数据库");
    const std::vector<std::pair<std::string, std::uint32_t>> expected{
        {"数", 0}, {"数据", 0}, {"据", 1}, {"据库", 1}, {"库", 2}};
    REQUIRE(terms.size() == expected.size());
    for (size_t i = 0; i < terms.size(); ++i) {
        CHECK(terms[i].exact == expected[i].first);
        CHECK(terms[i].position == expected[i].second);
    }
    CHECK(terms[1].kind == TermKind::Bigram);
    CHECK(terms[1].text == "数据");
    // Katakana with the prolonged sound mark stays one run; Latin before it is a word.
    const auto ja = exacts("Xapianのデータベース");
    CHECK(ja.front() == "xapian");
    CHECK(std::find(ja.begin(), ja.end(), "ース") != ja.end());
    CHECK(std::find(ja.begin(), ja.end(), "のデ") != ja.end());
    // Halfwidth katakana is folded to the fullwidth form.
    CHECK(exacts("ｶﾀ") == exacts("カタ"));
    CHECK(exacts("ﾃﾞｰﾀ") == exacts("データ"));  // the halfwidth voicing mark joins its kana
    // Korean particles stay attached; the bigram still holds the word.
    const auto ko = exacts("검색을 시작");
    CHECK(std::find(ko.begin(), ko.end(), "검색") != ko.end());
    // Digits next to ideographs are a word of their own.
    CHECK(exacts("2025年").front() == "2025");
}

TEST_CASE("Thai runs are split into words by ICU's dictionary") {
    const auto terms = analyze("ภาษาไทยง่ายนิดเดียว");
    Strings words;
    for (const auto& t : terms) {
        CHECK(t.kind == TermKind::Segment);
        words.push_back(t.exact);
    }
    CHECK(words.size() >= 3);
    CHECK(words[0] == "ภาษา");
    CHECK(words[1] == "ไทย");
    CHECK(terms[1].position == 1);
}

TEST_CASE("words too long to be words are skipped, without a position") {
    const auto terms = analyze("before " + std::string(100, 'x') + " after");
    REQUIRE(terms.size() == 2);
    CHECK(terms[1].exact == "after");
    CHECK(terms[1].position == 1);
}

TEST_CASE("invalid UTF-8 and control bytes separate words and never stop analysis") {
    CHECK(exacts("one\xff" "two\x01three\xc3") == Strings{"one", "two", "three"});
    CHECK(exacts("").empty());
}

TEST_CASE("filter values are normalised the same way on both sides") {
    Analyzer folding{AnalysisProfile{}};
    CHECK(folding.normalize_value("  Étude ") == "etude");
    CHECK(folding.normalize_value("ÉTUDE") == "etude");
    CHECK(folding.normalize_value("Customer/Acme") == "customer/acme");
    Analyzer exact{AnalysisProfile{"english", false}};
    CHECK(exact.normalize_value("Étude") == "étude");
}

TEST_CASE("the profile round-trips through the index metadata, and bad ones are errors") {
    const AnalysisProfile german{"german", false};
    CHECK(AnalysisProfile::from_json(german.to_json()) == german);
    CHECK(AnalysisProfile::from_json(AnalysisProfile{}.to_json()) == AnalysisProfile{});
    CHECK_THROWS_WITH_AS(Analyzer(AnalysisProfile{"klingon", true}), doctest::Contains("unknown language 'klingon'"),
                         AnalysisError);
    CHECK_THROWS_WITH_AS(validate(AnalysisProfile{"klingon", true}), doctest::Contains("english"), AnalysisError);
    CHECK_THROWS_AS(AnalysisProfile::from_json("not json"), AnalysisError);
    CHECK_THROWS_WITH_AS(AnalysisProfile::from_json(R"({"language":"english","accents":"fold","stemming":"trigrams",)"
                                                    R"("cjk":"bigrams","case":"nfkc_casefold"})"),
                         doctest::Contains("rebuild"), AnalysisError);
}
