#include <doctest/doctest.h>

#include "recall/core/markdown_body.hpp"
#include "recall/core/task_line.hpp"

using namespace recall;

TEST_CASE("sections, lines and tasks of a meeting note body") {
    const std::string body =
        "\n# Align roles\n\n**Date**: 2025-10-30\n**With**: Andy Perlsteiner, Jason Vallery\n\n"
        "## Summary\n\nJason and Andy aligned.\n## Action Items\n"
        "- [ ] Provide update @Andy 📅 2025-10-30 🔺 #task\n- [x] Meet Josh @Myself 📅 2025-10-31 ⏫ #task\n\n"
        "## Decisions\n- Use Phil as contact.\n\n## Key Information\n- Four pillars.\n- Docs are late.\n\n"
        "---\n\n*Source: [[Inbox/x.md|x]]*\n\n## Related\n\n- [[Andy Perlsteiner]]\n- [[OVA]]\n";
    auto md = parse_markdown_body(body, 10);
    CHECK(md.h1 == "Align roles");
    CHECK(md.header_date == "2025-10-30");
    CHECK(md.header_with == "Andy Perlsteiner, Jason Vallery");
    REQUIRE(md.tasks.size() == 2);
    CHECK(md.tasks[0].line == 20);
    CHECK_FALSE(md.tasks[0].done);
    CHECK(md.tasks[1].done);
    std::vector<std::string> summary, key, decisions, related;
    for (const auto& p : md.passages) {
        if (p.section == SectionKind::Summary) summary.push_back(p.text);
        if (p.section == SectionKind::KeyInformation) key.push_back(p.text);
        if (p.section == SectionKind::Decisions) decisions.push_back(p.text);
        if (p.section == SectionKind::Related) related.push_back(p.text);
        if (p.text == "Jason and Andy aligned.") CHECK(p.line == 18);
        if (p.text.starts_with("Source:")) CHECK(p.section == SectionKind::Body);  // "---" ends Key Information
    }
    CHECK(summary == std::vector<std::string>{"Jason and Andy aligned."});
    CHECK(key == std::vector<std::string>{"Four pillars.", "Docs are late."});
    CHECK(decisions == std::vector<std::string>{"Use Phil as contact."});
    CHECK(related == std::vector<std::string>{"Andy Perlsteiner", "OVA"});
    int related_links = 0;
    for (const auto& l : md.links) related_links += l.section == SectionKind::Related;
    CHECK(related_links == 2);
    CHECK(md.inline_tags == std::vector<std::string>{"task"});
}

TEST_CASE("heading names vary") {
    CHECK(section_from_heading("Summary") == SectionKind::Summary);
    CHECK(section_from_heading("📝 Key Information:") == SectionKind::KeyInformation);
    CHECK(section_from_heading("1. Next Steps") == SectionKind::ActionItems);
    CHECK(section_from_heading("Budget") == SectionKind::Body);
}

TEST_CASE("text under unknown headings, in tables, code and nested lists is body") {
    auto md = parse_markdown_body("## Budget\n\n| a | b |\n|---|---|\n| cost | 9 |\n\n```\ncode line\n```\n\n- outer\n  - inner\n", 1);
    std::string all;
    for (const auto& p : md.passages) all += p.text + "|";
    CHECK(all.find("Budget|") != std::string::npos);
    CHECK(all.find("cost") != std::string::npos);
    CHECK(all.find("code line") != std::string::npos);
    CHECK(all.find("outer|") != std::string::npos);
    CHECK(all.find("inner|") != std::string::npos);
}

TEST_CASE("task metadata") {
    Task t = parse_task_text("Provide sales update on Blob-source support @Andy 📅 2025-10-30 🔺 #task");
    CHECK(t.text == "Provide sales update on Blob-source support");
    CHECK(t.owner == "Andy");
    CHECK(t.due == Date{2025, 10, 30});
    CHECK(t.priority == TaskPriority::Highest);
    Task all = parse_task_text("Ship it ⏫ ⏳ 2025-01-02 🛫 2025-01-01 ✅ 2025-01-05 📅 2025-01-03");
    CHECK(all.text == "Ship it");
    CHECK(all.priority == TaskPriority::High);
    CHECK(all.scheduled == Date{2025, 1, 2});
    CHECK(all.start == Date{2025, 1, 1});
    CHECK(all.done_on == Date{2025, 1, 5});
    CHECK(all.due == Date{2025, 1, 3});
    CHECK(parse_task_text("Low one 🔽").priority == TaskPriority::Low);
    CHECK(parse_task_text("Medium 🔼\xEF\xB8\x8F").priority == TaskPriority::Medium);
    CHECK(parse_task_text("mail a@b.com about #2").text == "mail a@b.com about #2");
}
