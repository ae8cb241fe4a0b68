#include "roundtrip_vault.hpp"

#include <sstream>
#include <stdexcept>

#include "recall/core/fields.hpp"

namespace recall::test {
namespace fs = std::filesystem;

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

const std::map<std::string, std::string>& declared_field_notes() {
    static const std::map<std::string, std::string> notes{
        {"Deals/northwind.md",
         "---\ntitle: \"Northwind renewal\"\nstatus: Open\ncustomer: [\"Northwind\", \"Société Générale\"]\n"
         "due: 2025-10-30\n---\n\nThe renewal waits for pricing approval.\n"},
        {"Deals/contoso.md",
         "---\ntitle: \"Contoso pilot\"\nstatus: \"won\"\ncustomer: Contoso\ndue: \"Nov 20, 2025\"\n---\n\n"
         "The pilot is signed.\n"},
    };
    return notes;
}

const std::string kDeclaredFieldsConfig = "fields:\n  status: keyword\n  customer: keyword\n  due: date\n";

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
    fs::path vault = dir / "vault", index = dir / "index";
    std::map<std::string, std::string> env{{"XDG_CONFIG_HOME", (dir / "config").string()}, {"NO_COLOR", "1"}};
};

RoundTripIndex::RoundTripIndex(const std::map<std::string, std::string>& notes, const std::string& config)
    : state_(std::make_unique<State>()) {
    for (const auto& [path, text] : notes) write_file(state_->vault / path, text);
    if (!config.empty()) write_file(state_->dir / "config/recall/config.yaml", config);
    const auto r = run({kIndexer, "--vault", state_->vault.string(), "--index", state_->index.string(), "--quiet"},
                       state_->env);
    if (r.exit_code != 0) throw std::runtime_error("recall-index: " + r.err);
}

RoundTripIndex::~RoundTripIndex() = default;

const fs::path& RoundTripIndex::index_path() const { return state_->index; }

CommandResult RoundTripIndex::run_recall(std::vector<std::string> args) {
    args.insert(args.begin(), {kRecall, "--index", state_->index.string()});
    return run(args, state_->env);
}

std::vector<Hit> RoundTripIndex::search(const std::string& query, const Options& options) {
    std::vector<std::string> args{"--json", "-n", "100"};
    const schema::FieldTable builtin;
    for (const auto& [name, value] : options.filters) {
        const auto* row = builtin.find_filter(name);
        if (row && !row->option.empty()) args.insert(args.end(), {"--" + row->option, value});
        else args.insert(args.end(), {"--field", name + "=" + value});
    }
    if (!options.since.empty()) args.insert(args.end(), {"--since", options.since});
    if (!options.until.empty()) args.insert(args.end(), {"--until", options.until});
    if (!query.empty()) args.insert(args.end(), {"--", query});
    const CommandResult r = run_recall(args);
    if (r.exit_code == 2) throw std::runtime_error(r.err);
    std::vector<Hit> hits;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
        auto json = nlohmann::json::parse(line);
        hits.push_back({json["path"], json["line"], json["snippet"], json});
    }
    return hits;
}

std::vector<std::string> RoundTripIndex::paths(const std::string& query, const Options& options) {
    std::vector<std::string> out;
    for (const auto& hit : search(query, options)) out.push_back(hit.path);
    return out;
}

}  // namespace recall::test
