// corpus/Multilingual: help pages in eight languages with Obsidian markup, searched as a
// stranger would search them. Each case names the cause it guards (issue 13).
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "support/test_support.hpp"

using namespace recall::test;

namespace {

std::vector<std::string> titles(std::vector<std::string> args) {
    std::vector<std::string> out;
    for (const auto& h : corpus_index().json_hits(std::move(args))) out.push_back(h["title"]);
    return out;
}

std::string first(std::vector<std::string> args) {
    const auto t = titles(std::move(args));
    return t.empty() ? std::string() : t.front();
}

size_t count(std::vector<std::string> args) { return corpus_index().count(std::move(args)); }

}  // namespace

TEST_CASE("a known page is the first hit in every language") {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"insider builds", "Early access versions"},             // en, by alias
        {"Einstellungen synchronisieren", "Einstellungen synchronisieren"},  // de
        {"запрет индексации", "Запрет индексации"},                // ru
        {"sauvegardes automatiques", "Sauvegardes automatiques"},  // fr
        {"同步", "同步设置"},                                      // zh
        {"完全一致", "検索のヒント"},                              // ja
        {"명령 팔레트", "단축키"},                                 // ko
        {"سجل الملاحظة", "النسخ الاحتياطي"},                       // ar
    };
    for (const auto& [query, title] : cases) CHECK_MESSAGE(first({query}) == title, query);
}

TEST_CASE("Chinese and Japanese questions typed without spaces find their page") {
    // Read as one phrase, neither is anywhere; read as words, all but one are on the page.
    CHECK(first({"如何同步笔记库设置"}) == "同步设置");
    CHECK(first({"完全一致で検索する方法"}) == "検索のヒント");
}

TEST_CASE("Chinese and Japanese question words are left out whatever the index's language") {
    // The index's language is English; these pages do not hold the question words.
    // 怎么 ("how"): two words must both match, and no page has 怎么.
    CHECK(titles({"怎么同步"}) == titles({"同步"}));
    CHECK(titles({"如何", "完全一致"}) == titles({"完全一致"}));
    const auto zh = corpus_index().search({"-l", "怎么同步"});
    CHECK(zh.exit_code == 0);
    CHECK(zh.err.find("left out common words: 怎么") != std::string::npos);
    CHECK(corpus_index().search({"-l", "なぜ完全一致"}).err.find("left out common words: なぜ") != std::string::npos);
    // A quoted one counts, as an English stopword does.
    CHECK(corpus_index().search({"-l", "\"怎么\"", "同步"}).err.find("left out") == std::string::npos);
}

TEST_CASE("each note is stemmed in its own language, whatever the default") {
    // Russian by its frontmatter lang: forms the English stemmer leaves apart.
    CHECK(first({"поисковиками"}) == "Запрет индексации");
    CHECK(first({"индексацию"}) == "Запрет индексации");
    // German, detected from the text: Geräten finds Geräte.
    CHECK(first({"Geräten"}) == "Einstellungen synchronisieren");
    // Arabic, detected: the article and the feminine ending come off.
    CHECK(first({"الاحتياطية"}) == "النسخ الاحتياطي");
    // The German stem of an English query word adds nothing to English notes.
    CHECK(count({"geräten", "--folder", "Multilingual/en"}) == 0);
}

TEST_CASE("aliases, description, headings and the file name are searched") {
    // The English page whose alias it is beats the translation that mentions it.
    CHECK(first({"insider builds"}) == "Early access versions");
    CHECK(first({"alias:wikilinks"}) == "Internal links");
    CHECK(first({"kaleidoscope"}) == "Desktop release notes");  // only in the description
    CHECK(first({"2.4.1"}) == "Desktop release notes");         // only the file name, 2.4.1.md
    CHECK(first({"heading:block"}) == "Internal links");
}

TEST_CASE("comments are not indexed, link targets are") {
    CHECK(count({"uncomment"}) == 0);
    CHECK(count({"Screenshot ergänzen"}) == 0);
    CHECK(count({"checklist", "--folder", "Multilingual"}) == 0);  // a link inside a comment
    // [[Desktop release notes|what changed...]]: the page shows the text, the target is found.
    const auto hits = titles({"desktop notes"});
    CHECK(std::find(hits.begin(), hits.end(), "Early access versions") != hits.end());
    CHECK(first({"Einführung Lumen Sync"}) == "Einstellungen synchronisieren");
}

TEST_CASE("snippets and titles never show Obsidian markup") {
    const std::vector<std::string> queries{"preview versions", "gerätespezifisch", "резервную копию", "astuce historique",
                                           "提示 主题", "例", "단축키", "تنبيه", "quarantine", "block identifier",
                                           "backup vault", "schriftgröße", "copies fichiers"};
    size_t snippets = 0;
    for (const auto& q : queries)
        for (const auto& hit : corpus_index().json_hits({q, "--folder", "Multilingual"})) {
            const std::string snippet = hit["snippet"].is_string() ? hit["snippet"].get<std::string>() : "";
            const std::string title = hit["title"];
            snippets += !snippet.empty();
            for (const char* markup : {"[!", "%%", "![[", "[[", "|300", "^backup", "^geraet", "^astuce", "^tip", "^example",
                                       "^hotkeys", "^warning", "^fix-quarantine", "<div", "<kbd", "<img", "badge"}) {
                CHECK_MESSAGE(snippet.find(markup) == std::string::npos, q << ": " << snippet);
                CHECK_MESSAGE(title.find(markup) == std::string::npos, q << ": " << title);
            }
        }
    CHECK(snippets >= queries.size());
    // The callout's title and the HTML block's words are text.
    CHECK(first({"Gerätespezifisch"}) == "Einstellungen synchronisieren");
    CHECK(first({"emplacement fichiers"}) == "Sauvegardes automatiques");
    CHECK(count({"badge"}) == 0);  // alt text of an image is not shown, so not searched
}

TEST_CASE("people come from signals that mean people, never from an ordinary link") {
    const auto none = corpus_index().search({"--person", "Ausgehende Links", "--count"});
    CHECK(none.exit_code == 2);  // no such person
    // A person note by its folder, and the note that links to it there.
    CHECK(count({"--person", "Mara Lindqvist"}) == 2);
    CHECK(count({"--person", "Mara Lindqvist", "volunteers"}) == 1);
    CHECK(count({"--person", "Jonas Berg"}) == 1);  // a line that credits people
}

TEST_CASE("folder rules in the config set the language of a folder") {
    TempDir tmp;
    write_file(tmp / "vault/ru/a.md", "# Заметка\n\nКороткая заметка об индексации.\n");
    write_file(tmp / "vault/en/b.md", "# Note\n\nA short note about indexing.\n");
    auto find = [&](const std::string& config) {
        write_file(tmp / "config/recall/config.yaml", config);
        const auto r = run({kIndexer, "--vault", (tmp / "vault").string(), "--index", (tmp / "idx").string(), "--quiet"},
                           {{"XDG_CONFIG_HOME", (tmp / "config").string()}});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return count_matches(tmp / "idx", "индексация");
    };
    CHECK(find("language: english\n") == 1);       // detected as Russian
    CHECK(find("languages: {ru/: none}\n") == 0);   // the rule wins: words as written
    CHECK(find("languages: {ru/: russian}\n") == 1);
    write_file(tmp / "config/recall/config.yaml", "languages: {ru/: russsian}\n");
    const auto typo = run({kIndexer, "--vault", (tmp / "vault").string(), "--index", (tmp / "idx").string()},
                          {{"XDG_CONFIG_HOME", (tmp / "config").string()}});
    CHECK(typo.exit_code == 2);
    CHECK(typo.err.find("russsian") != std::string::npos);
}
