// Index a note, then find it the ways a user types it: every script, every field, every
// filter (declared ones too), with and without accents, in other case and word forms, words
// inside runs written without spaces; and the snippet must point at the line that matched.
// The real recall-index builds the index and the real recall searches it.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "roundtrip_vault.hpp"

using namespace recall;
using namespace recall::test;

namespace {

const std::string kBlob = "Meetings/2025/2025-10-14 Maya - Blob scope.md";
const std::string kFollowUp = "Meetings/2025/2025-10-28 Maya - follow-up.md";
const std::string kSam = "Meetings/2024/2024-05-02 Sam - cafe.md";
const std::string kGerman = "Wissen/Tastenkürzel.md";
const std::string kRussian = "Русский/Бюджет.md";
const std::string kGreek = "Ελληνικά/Αθήνα.md";
const std::string kArabic = "عربي/اجتماع.md";
const std::string kHebrew = "עברית/פגישה.md";
const std::string kChinese = "中文/数据库.md";
const std::string kJapanese = "日本語/検索.md";
const std::string kKorean = "한국어/검색.md";
const std::string kThai = "ไทย/ภาษา.md";

RoundTripIndex& index() {
    static RoundTripIndex idx(roundtrip_notes());
    return idx;
}

RoundTripIndex& declared() {
    static RoundTripIndex idx(declared_field_notes(), kDeclaredFieldsConfig);
    return idx;
}

struct Expect {
    std::string query, path, line_marker;
};

// The note is the first hit, and its snippet is the line holding the marker, with a mark.
void check_found(const Expect& e) {
    INFO("query: " << e.query);
    const auto hits = index().search(e.query);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().path == e.path);
    CHECK(hits.front().line == line_of(e.path, e.line_marker));
}

// The listing marks the matched words in the snippet (bold bright red on a terminal).
void check_highlighted(const Expect& e) {
    INFO("query: " << e.query);
    const auto r = index().run_recall({"--color=always", "-n", "1", "--", e.query});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("\x1b[91m") != std::string::npos);
}

std::set<std::string> set_of(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

std::set<std::string> found(const std::string& query, const Options& options = {}) {
    return set_of(index().paths(query, options));
}

}  // namespace

TEST_CASE("Latin script with accents: with and without them, in any case") {
    for (const Expect& e : std::vector<Expect>{
             {"Tastenkürzel", kGerman, "Herr Müller"},
             {"tastenkurzel", kGerman, "Herr Müller"},
             {"TASTENKÜRZEL", kGerman, "Herr Müller"},
             {"muller", kGerman, "Herr Müller"},
             {"Müller erklärt", kGerman, "Herr Müller"},
             {"erklart", kGerman, "Herr Müller"},
             {"exoneration", kGerman, "exonération"},
             {"exonération", kGerman, "exonération"},
             {"EXONÉRATION fiscale", kGerman, "exonération"},
             {"zurich", kGerman, "Herr Müller"},  // the title: the snippet is the first paragraph
         }) {
        check_found(e);
        check_highlighted({e.query.starts_with("zurich") ? "muller" : e.query, e.path, e.line_marker});
    }
}

TEST_CASE("accent folding: the folded query finds both forms, the exact one ranks first") {
    const std::set<std::string> all{kGerman, kSam, "Cafés/accented.md", "Cafés/plain.md"};
    CHECK(found("cafe") == all);
    CHECK(found("café") == all);
    CHECK(found("CAFÉ") == all);
    // Two notes alike but for the accent: the one written as the query is first.
    CHECK(index().paths("café +on").front() == "Cafés/accented.md");  // "on" alone is a stopword
    CHECK(found("\"met at the cafe\"") == std::set<std::string>{"Cafés/accented.md", "Cafés/plain.md"});
}

TEST_CASE("Cyrillic, Greek, Arabic and Hebrew: case, optional marks") {
    for (const Expect& e : std::vector<Expect>{
             {"бюджет", kRussian, "Мы обсудили"},
             {"БЮДЖЕТ", kRussian, "Мы обсудили"},
             {"елка", kRussian, "Ёлка"},
             {"ЁЛКА", kRussian, "Ёлка"},
             {"Αθήνα", kGreek, "Αθήνα."},
             {"αθηνα", kGreek, "Αθήνα."},
             {"ΑΘΗΝΑ", kGreek, "Αθήνα."},
             {"محمد", kArabic, "ناقش"},
             {"مُحَمَّد", kArabic, "ناقش"},
             {"الميزانية", kArabic, "ناقش"},
             {"שלום", kHebrew, "דיברנו"},
             {"התקציב", kHebrew, "דיברנו"},
         }) {
        check_found(e);
        check_highlighted(e);
    }
}

TEST_CASE("Chinese, Japanese and Korean: words inside runs written without spaces") {
    for (const Expect& e : std::vector<Expect>{
             {"数据库", kChinese, "我们讨论了"},
             {"数据", kChinese, "我们讨论了"},
             {"检索", kChinese, "我们讨论了"},
             {"库", kChinese, "我们讨论了"},
             {"\"检索数据库\"", kChinese, "我们讨论了"},
             {"検索エンジン", kJapanese, "全文検索"},
             {"データベース", kJapanese, "全文検索"},
             {"エンジン", kJapanese, "全文検索"},
             {"ﾃﾞｰﾀﾍﾞｰｽ", kJapanese, "全文検索"},  // halfwidth katakana
             {"검색", kKorean, "오늘 검색을"},
             {"검색을", kKorean, "오늘 검색을"},
             {"시작", kKorean, "오늘 검색을"},
         }) {
        check_found(e);
        check_highlighted(e);
    }
    // Characters that are in the note, but not next to each other, are no match.
    CHECK(found("数库").empty());
}

TEST_CASE("Thai: words inside a run, split by ICU's dictionary") {
    for (const Expect& e : std::vector<Expect>{
             {"ภาษา", kThai, "ภาษาไทย"},
             {"ไทย", kThai, "ภาษาไทย"},
             {"ภาษาไทย", kThai, "ภาษาไทย"},
             {"ง่าย", kThai, "ภาษาไทย"},
         }) {
        check_found(e);
        check_highlighted(e);
    }
}

TEST_CASE("English: other word forms and case") {
    for (const Expect& e : std::vector<Expect>{
             {"Migrations", kBlob, "migration brief"},
             {"ZEPPELINS", kBlob, "zeppelin analogy"},
             {"promising", kBlob, "We promised"},
         })
        check_found(e);
}

TEST_CASE("every text field: found by its name, and the snippet is that field's line") {
    for (const Expect& e : std::vector<Expect>{
             {"title:scope", kBlob, "Maya scoped"},  // the title has no body line: the summary shows
             {"summary:storage", kBlob, "Maya scoped"},
             {"key:device", kBlob, "device-name"},
             {"decision:pricing", kBlob, "Pricing stays"},
             {"action:migration", kBlob, "migration brief"},
             {"action:throttling", kBlob, "throttling numbers"},
             {"name:muller", kBlob, "Maya scoped"},
             {"name:Jörg", kBlob, "Maya scoped"},
             {"zeppelin", kBlob, "zeppelin analogy"},  // body
             {"ecoles", kBlob, "Maya scoped"},         // tags, as words
         })
        check_found(e);
    CHECK(found("title:zeppelin").empty());
    CHECK(found("summary:zeppelin").empty());
    CHECK(found("decision:zeppelin").empty());
    CHECK(found("key:throttling").empty());
    CHECK(found("storage") == std::set<std::string>{kBlob});
}

TEST_CASE("phrases and hyphenated words point at the line that holds them") {
    for (const Expect& e : std::vector<Expect>{
             {"\"blob support\"", kBlob, "We promised blob support"},
             {"\"Blob Support\" fernhill", kBlob, "We promised blob support"},
             {"device-name", kBlob, "device-name header"},
             {"device NEAR header", kBlob, "device-name header"},
         })
        check_found(e);
    const auto hits = index().search("\"blob support\"");
    REQUIRE(hits.size() == 1);
    // The whole phrase is marked, as one.
    CHECK(index().run_recall({"--color=always", "--", "\"blob support\""}).out.find("91mblob support\x1b[0m") !=
          std::string::npos);
    CHECK(found("\"support blob\"").empty());
}

TEST_CASE("every filter, in the query and as an option, with every spelling of its value") {
    const std::set<std::string> maya{kBlob, kFollowUp}, blob{kBlob};
    struct FilterCase {
        std::string query;         // the filter in the query language
        std::string option, value; // the same as an option, where there is one
        std::set<std::string> expected;
    };
    const std::vector<FilterCase> cases{
        {"person:maya", "person", "maya", maya},
        {"person:\"Maya Okonkwo\"", "person", "Maya Okonkwo", maya},
        {"person:maya-okonkwo", "person", "MAYA", maya},
        {"person:jorg", "person", "Jörg", blob},
        {"person:Jörg", "person", "Jörg Müller", blob},
        {"tag:project", "tag", "project", maya},
        {"tag:project/blob-connector", "tag", "#Project/Blob-Connector", maya},
        {"tag:écoles", "tag", "ÉCOLES", blob},
        {"tag:ecoles", "tag", "Ecoles", blob},
        {"type:Étude", "type", "étude", maya},
        {"type:ETUDE", "type", "etude", maya},
        {"folder:meetings", "folder", "Meetings", {kBlob, kFollowUp, kSam}},
        {"folder:Meetings/2025", "folder", "/meetings/2025/", maya},
        {"folder:русский", "folder", "РУССКИЙ", {kRussian}},
        {"year:2025", "", "", {kBlob, kFollowUp, kGerman}},
        {"month:2025-10", "", "", maya},
        {"day:2025-10-14", "", "", blob},
        {"task:open", "", "", maya},
        {"task:DONE", "", "", blob},
        {"date:2025-10", "", "", maya},
        {"date:2025-10-01..2025-10-20", "", "", blob},
        {"date:..2025-03-01", "", "", {kSam, kGerman}},
        {"date:2025-10-20..", "", "", {kFollowUp}},
    };
    for (const auto& c : cases) {
        INFO(c.query);
        CHECK(found(c.query) == c.expected);
        if (!c.option.empty()) CHECK(found("", Options{{{c.option, c.value}}, {}, {}}) == c.expected);
    }
    CHECK(found("", Options{{}, "2025-10-20", {}}) == std::set<std::string>{kFollowUp});
    CHECK(found("", Options{{}, "2025-10", "2025-10-20"}) == blob);
    // Repeats OR together, different filters AND.
    CHECK(found("person:jorg person:sam") == std::set<std::string>{kBlob, kSam});
    CHECK(found("person:maya task:done") == blob);
    CHECK(found("", Options{{{"person", "jorg"}, {"person", "sam"}}, {}, {}}) == std::set<std::string>{kBlob, kSam});
}

TEST_CASE("a lone -word alongside each filter excludes, in the query and with options") {
    const auto with_word = found("pricing");
    REQUIRE(with_word.count(kBlob));
    for (const auto& [query, option, value] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"person:maya", "person", "maya"},
             {"tag:project", "tag", "project"},
             {"type:etude", "type", "etude"},
             {"folder:meetings", "folder", "meetings"},
             {"year:2025", "year", "2025"},
             {"month:2025-10", "month", "2025-10"},
             {"day:2025-10-14", "day", "2025-10-14"},
             {"task:open", "task", "open"},
             {"date:2025", "date", "2025"},
         }) {
        INFO(query);
        const auto all = found(query);
        std::set<std::string> expected;
        std::set_difference(all.begin(), all.end(), with_word.begin(), with_word.end(),
                            std::inserter(expected, expected.end()));
        CHECK(expected.size() < all.size());  // the filter's notes include one with the word
        CHECK(found(query + " -pricing") == expected);
        CHECK(found("-pricing " + query) == expected);
        CHECK(found("-pricing", Options{{{option, value}}, {}, {}}) == expected);
        CHECK(found("NOT pricing", Options{{{option, value}}, {}, {}}) == expected);
    }
    // Alone, an exclusion keeps every other note.
    CHECK(found("-pricing").size() == roundtrip_notes().size() - with_word.size());
    CHECK(found("-pricing -zeppelin").count(kBlob) == 0);
    CHECK(found("-person:maya").count(kBlob) == 0);
    CHECK(found("-person:maya").count(kSam) == 1);
}

TEST_CASE("filter values the user must fix are errors, and did-you-mean leaves them alone") {
    CHECK_THROWS_WITH_AS(index().search("task:maybe"), doctest::Contains("task: takes open or done"), std::runtime_error);
    CHECK_THROWS_WITH_AS(index().search("year:25"), doctest::Contains("four digits"), std::runtime_error);
    CHECK_THROWS_WITH_AS(index().search("person:nobody"), doctest::Contains("no person 'nobody'"), std::runtime_error);
    CHECK_THROWS_WITH_AS(index().search("date:2025-13"), doctest::Contains("not a date"), std::runtime_error);
    CHECK_THROWS_WITH_AS(index().search("", Options{{{"colour", "red"}}, {}, {}}),
                         doctest::Contains("no field 'colour' in this index (the config declares none"), std::runtime_error);
    CHECK(index().run_recall({"--", "stroage type:Éétude"}).err.find("did you mean: storage type:Éétude") != std::string::npos);
    CHECK(index().run_recall({"--", "listng client"}).err.find("did you mean: listing client") != std::string::npos);
    CHECK(index().run_recall({"--", "storage"}).err.find("did you mean") == std::string::npos);
}

TEST_CASE("fields declared in the config: filters, dates, options, facets and JSON, from the index") {
    const std::string northwind = "Deals/northwind.md", contoso = "Deals/contoso.md";
    for (const auto& [query, expected] : std::vector<std::pair<std::string, std::set<std::string>>>{
             {"status:open", {northwind}},
             {"status:OPEN", {northwind}},
             {"status:won", {contoso}},
             {"status:open OR status:won", {northwind, contoso}},
             {"customer:\"Société Générale\"", {northwind}},
             {"customer:\"societe generale\"", {northwind}},
             {"customer:contoso renewal", {}},
             {"due:2025-10", {northwind}},
             {"due:2025-11-01..", {contoso}},
             {"due:..2025-12 -pricing", {contoso}},
             {"status:open -pricing", {}},
             {"-status:open pilot", {contoso}},
         }) {
        INFO(query);
        CHECK(set_of(declared().paths(query)) == expected);
    }
    CHECK(set_of(declared().paths("", Options{{{"status", "Open"}}, {}, {}})) == std::set<std::string>{northwind});
    CHECK_THROWS_WITH_AS(declared().search("", Options{{{"status", ""}}, {}, {}}),
                         doctest::Contains("status: needs a value"), std::runtime_error);
    CHECK_THROWS_WITH_AS(declared().search("", Options{{{"colour", "red"}}, {}, {}}),
                         doctest::Contains("declared: status, customer, due"), std::runtime_error);
    CHECK(set_of(declared().paths("", Options{{{"customer", "NORTHWIND"}, {"customer", "contoso"}}, {}, {}})) ==
          std::set<std::string>{northwind, contoso});
    CHECK(set_of(declared().paths("", Options{{{"due", "..2025-10-31"}}, {}, {}})) == std::set<std::string>{northwind});
    CHECK(set_of(declared().paths("-pricing", Options{{{"status", "open"}}, {}, {}})).empty());

    const auto hits = declared().search("renewal");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].json["fields"]["status"] == nlohmann::json::array({"Open"}));
    CHECK(hits[0].json["fields"]["customer"] == nlohmann::json::array({"Northwind", "Société Générale"}));
    CHECK(hits[0].json["fields"]["due"] == nlohmann::json::array({"2025-10-30"}));
    CHECK(declared().search("pilot")[0].json["fields"]["due"] == nlohmann::json::array({"2025-11-20"}));

    const auto facets = nlohmann::json::parse(declared().run_recall({"--facets", "--json", "--", "renewal OR pilot"}).out);
    CHECK(facets["fields"]["status"].size() == 2);
    CHECK(facets["fields"]["customer"][0]["notes"] == 1);
    const auto text = declared().run_recall({"--facets", "--", "renewal OR pilot"}).out;
    CHECK(text.find("status") != std::string::npos);
    CHECK(text.find("societe generale") != std::string::npos);

    // The searcher knows the fields from the index: a config without them changes nothing.
    TempDir empty;
    const auto bare = run({kRecall, "--index", declared().index_path().string(), "--count", "status:open"},
                          {{"XDG_CONFIG_HOME", empty.path().string()}});
    CHECK(bare.out == "1\n");
}
