#include "roundtrip_vault.hpp"

#include <xapian.h>

#include <sstream>

#include "support/test_support.hpp"
#include "recall/core/document_codec.hpp"
#include "recall/indexer/document_builder.hpp"
#include "recall/core/note_parser.hpp"
#include "recall/searcher/search.hpp"
#include "recall/searcher/snippets.hpp"

namespace recall::test {

const std::map<std::string, std::string>& roundtrip_notes() {
    static const std::map<std::string, std::string> notes{
        {"Meetings/2025/2025-10-14 Maya - Blob scope.md",
         "---\n"
         "type: \"Étude\"\n"
         "title: \"Blob connector scope\"\n"
         "date: \"2025-10-14\"\n"
         "person: \"Maya Okonkwo\"\n"
         "participants: [\"Maya Okonkwo\", \"Jörg Müller\"]\n"
         "tags: [\"type/people\", \"project/blob-connector\", \"Écoles\"]\n"
         "---\n"
         "\n"
         "# Blob connector scope\n"
         "\n"
         "## Summary\n"
         "\n"
         "Maya scoped the Blob storage work; it needs support from the sync service. Pricing came up.\n"
         "\n"
         "## Action Items\n"
         "- [ ] Draft the migration brief @Maya 📅 2025-10-17 #task\n"
         "- [x] Send the throttling numbers @Jörg #task\n"
         "\n"
         "## Decisions\n"
         "- Pricing stays usage-based for the preview.\n"
         "\n"
         "## Key Information\n"
         "- The listing client needs a device-name header.\n"
         "\n"
         "## Notes\n"
         "\n"
         "Storage is fine.\n"
         "We promised blob support to Fernhill before the preview.\n"
         "The zeppelin analogy did not land.\n"},
        {"Meetings/2025/2025-10-28 Maya - follow-up.md",
         "---\n"
         "type: \"étude\"\n"
         "title: \"Follow-up with Maya\"\n"
         "date: \"2025-10-28\"\n"
         "person: \"Maya Okonkwo\"\n"
         "tags: [\"project/blob-connector\"]\n"
         "---\n"
         "\n"
         "## Summary\n"
         "\n"
         "Maya reviewed the listing client and the throttling plan.\n"
         "\n"
         "## Action Items\n"
         "- [ ] Book the review @Maya #task\n"},
        {"Meetings/2024/2024-05-02 Sam - cafe.md",
         "---\n"
         "type: \"people\"\n"
         "title: \"Sam at the cafe\"\n"
         "date: \"2024-05-02\"\n"
         "person: \"Sam Rivera\"\n"
         "---\n"
         "\n"
         "## Summary\n"
         "\n"
         "Sam met the pricing team at the cafe downstairs.\n"},
        {"Cafés/accented.md", "We met at the café on Tuesday.\n"},
        {"Cafés/plain.md", "We met at the cafe on Monday.\n"},
        {"Wissen/Tastenkürzel.md",
         "---\n"
         "title: \"Tastenkürzel in Zürich\"\n"
         "date: \"2025-03-01\"\n"
         "---\n"
         "\n"
         "Herr Müller erklärt die Tastenkürzel.\n"
         "\n"
         "Une exonération fiscale, discutée au café.\n"},
        {"Русский/Бюджет.md",
         "---\n"
         "title: \"Совещание о бюджете\"\n"
         "---\n"
         "\n"
         "Мы обсудили бюджет на следующий год.\n"
         "\n"
         "Ёлка стоит в офисе.\n"},
        {"Ελληνικά/Αθήνα.md",
         "---\n"
         "title: \"Συνάντηση\"\n"
         "---\n"
         "\n"
         "Η συνάντηση έγινε στην Αθήνα.\n"},
        {"عربي/اجتماع.md",
         "---\n"
         "title: \"اجتماع الفريق\"\n"
         "---\n"
         "\n"
         "ناقش مُحَمَّد الميزانية مع الفريق.\n"},
        {"עברית/פגישה.md",
         "---\n"
         "title: \"פגישת צוות\"\n"
         "---\n"
         "\n"
         "דיברנו על התקציב עם שָׁלוֹם.\n"},
        {"中文/数据库.md",
         "---\n"
         "title: \"设计会议\"\n"
         "---\n"
         "\n"
         "今天开会。\n"
         "\n"
         "我们讨论了全文检索数据库的设计。\n"},
        {"日本語/検索.md",
         "---\n"
         "title: \"会議メモ\"\n"
         "---\n"
         "\n"
         "今日は晴れ。\n"
         "\n"
         "全文検索エンジンのデータベースを作ります。\n"},
        {"한국어/검색.md",
         "---\n"
         "title: \"회의\"\n"
         "---\n"
         "\n"
         "안녕하세요.\n"
         "\n"
         "오늘 검색을 시작합니다.\n"},
        {"ไทย/ภาษา.md",
         "---\n"
         "title: \"การประชุม\"\n"
         "---\n"
         "\n"
         "สวัสดีครับ\n"
         "\n"
         "ภาษาไทยง่ายนิดเดียว\n"},
    };
    return notes;
}

int line_of(const std::string& path, const std::string& marker) {
    std::istringstream lines(roundtrip_notes().at(path));
    int n = 0;
    for (std::string line; std::getline(lines, line);) {
        ++n;
        if (line.find(marker) != std::string::npos) return n;
    }
    return 0;
}

struct RoundTripIndex::State {
    TempDir dir;
    Xapian::Database db;
    schema::FieldTable fields;
    Analyzer analyzer{AnalysisProfile{}};
};

RoundTripIndex::RoundTripIndex() : state_(std::make_unique<State>()) {
    const std::string path = (state_->dir / "index").string();
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
        DocumentBuilder builder{AnalysisProfile{}, state_->fields};
        for (const auto& [vault_path, text] : roundtrip_notes()) {
            std::vector<std::string> words;
            db.add_document(builder.build(parse_note(text, vault_path), &words));
            for (const auto& w : words) db.add_spelling(w);
        }
        db.commit();
    }
    state_->db = Xapian::Database(path);
}

RoundTripIndex::~RoundTripIndex() = default;

std::vector<Hit> RoundTripIndex::search(const std::string& query, const FilterOptions& filters) {
    QueryCompiler compiler(state_->db, state_->fields, state_->analyzer, Date{2026, 1, 15});
    const CompiledQuery compiled = compiler.compile(query, false);
    Xapian::Query q = compiled.query.empty() ? Xapian::Query::MatchAll : compiled.query;
    const Xapian::Query f = compiler.filters(filters);
    if (f.get_type() != Xapian::Query::LEAF_MATCH_ALL) q = Xapian::Query(Xapian::Query::OP_FILTER, q, f);
    Xapian::Enquire enquire(state_->db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(ranking_weight());
    std::vector<Hit> hits;
    SnippetMaker snippets(state_->analyzer);
    const Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const StoredNote stored = decode_document_data(it.get_document().get_data(), "");
        const Note note = parse_note(roundtrip_notes().at(stored.path), stored.path, ParseScope::Text);
        const Snippet snippet = snippets.make(note, compiled.plan);
        hits.push_back({stored.path, snippet.line, snippet.text});
    }
    return hits;
}

std::vector<std::string> RoundTripIndex::paths(const std::string& query, const FilterOptions& filters) {
    std::vector<std::string> out;
    for (const auto& hit : search(query, filters)) out.push_back(hit.path);
    return out;
}

std::string RoundTripIndex::spelling(const std::string& query) {
    return QueryCompiler(state_->db, state_->fields, state_->analyzer, Date{2026, 1, 15}).spelling_suggestion(query);
}

}  // namespace recall::test
