#include "recall/document_builder.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

#include "recall/schema.hpp"
#include "recall/stemmer.hpp"

namespace recall {
namespace {

using schema::Filter;
using schema::TextField;

// Words between the passages of one field keep phrases from matching across them.
constexpr Xapian::termpos kPassageGap = 100;

std::string join(const std::vector<std::string>& items, char sep) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out.push_back(sep);
        out += item;
    }
    return out;
}

// The text of each free-text field of the note.
std::array<std::string, schema::kTextFields.size()> field_texts(const Note& note) {
    std::array<std::string, schema::kTextFields.size()> texts;
    auto append = [&](TextField f, std::string_view text) {
        auto& t = texts[static_cast<size_t>(f)];
        if (text.empty()) return;
        if (!t.empty()) t.push_back('\n');
        t.append(text);
    };
    append(TextField::Title, note.title);
    std::unordered_set<int> task_lines;
    for (const auto& task : note.tasks) {
        append(TextField::ActionItems, task.text);
        task_lines.insert(task.line);
    }
    for (const auto& p : note.passages) {
        switch (p.section) {
            case SectionKind::Summary: append(TextField::Summary, p.text); break;
            case SectionKind::KeyInformation: append(TextField::KeyInformation, p.text); break;
            case SectionKind::Decisions: append(TextField::Decisions, p.text); break;
            case SectionKind::ActionItems:
                if (!task_lines.count(p.line)) append(TextField::ActionItems, p.text);
                break;
            case SectionKind::Title:
                if (p.text != note.title) append(TextField::Body, p.text);
                break;
            case SectionKind::Related:
            case SectionKind::Body: append(TextField::Body, p.text); break;
        }
    }
    for (const auto& tag : note.tags) {
        std::string words = tag;
        std::replace_if(words.begin(), words.end(), [](char c) { return c == '/' || c == '-' || c == '_'; }, ' ');
        append(TextField::Tags, words);
    }
    for (const auto& person : note.people) append(TextField::People, person.name);
    return texts;
}

}  // namespace

DocumentBuilder::DocumentBuilder(const std::string& language) {
    // Stems only (Z-prefixed, with positions): half the terms of STEM_SOME, so indexing is
    // twice as fast and the index a third smaller; phrases match on stems.
    termgen_.set_stemmer(make_stemmer(language));
    termgen_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    termgen_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    // Words as written, for the spelling dictionary.
    spelling_termgen_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
}

void DocumentBuilder::index_field(std::string_view text, unsigned field_index) {
    const auto& spec = schema::kTextFields[field_index];
    const std::string s(text);
    // Unprefixed, with positions for phrase queries; the field weight is the wdf step.
    termgen_.index_text(s, spec.weight);
    termgen_.increase_termpos(kPassageGap);
    // Prefixed for field queries ("title:blob"); positions there would double the index size.
    if (!spec.prefix.empty()) termgen_.index_text_without_positions(s, 1, std::string(spec.prefix));
    if (spelling_words_ && spec.spelling) spelling_termgen_.index_text_without_positions(s);
}

Xapian::Document DocumentBuilder::build(const Note& note, const FileFacts& facts, std::vector<std::string>* words) {
    Xapian::Document doc;
    termgen_.set_document(doc);
    Xapian::Document spelling_doc;
    spelling_termgen_.set_document(spelling_doc);
    spelling_words_ = words != nullptr;
    const auto texts = field_texts(note);
    for (unsigned i = 0; i < texts.size(); ++i)
        if (!texts[i].empty()) index_field(texts[i], i);
    if (words)
        for (auto it = spelling_doc.termlist_begin(); it != spelling_doc.termlist_end(); ++it) words->push_back(*it);

    doc.add_boolean_term(schema::id_term(note.path));
    for (const auto& person : note.people) doc.add_boolean_term(schema::filter_term(Filter::Person, person.slug));
    for (const auto& tag : note.tags)
        for (const auto& level : schema::tag_levels(tag)) doc.add_boolean_term(schema::filter_term(Filter::Tag, level));
    if (!note.type.empty()) doc.add_boolean_term(schema::filter_term(Filter::Type, note.type));
    for (const auto& folder : schema::folder_levels(note.path))
        doc.add_boolean_term(schema::filter_term(Filter::Folder, folder));
    if (note.date) {
        const std::string ymd = note.date->yyyymmdd();
        doc.add_boolean_term(schema::filter_term(Filter::Year, ymd.substr(0, 4)));
        doc.add_boolean_term(schema::filter_term(Filter::Month, ymd.substr(0, 6)));
        doc.add_boolean_term(schema::filter_term(Filter::Day, ymd));
        doc.add_value(schema::kSlotDate, ymd);
    }
    const bool open = note.has_open_tasks();
    const bool done = std::any_of(note.tasks.begin(), note.tasks.end(), [](const Task& t) { return t.done; });
    if (open) doc.add_boolean_term(schema::filter_term(Filter::Task, "open"));
    if (done) doc.add_boolean_term(schema::filter_term(Filter::Task, "done"));

    std::vector<std::string> slugs;
    for (const auto& p : note.people) slugs.push_back(p.slug);
    if (!slugs.empty()) doc.add_value(schema::kSlotPeople, join(slugs, '\n'));
    doc.add_value(schema::kSlotMtime, std::to_string(facts.mtime_ns));
    doc.add_value(schema::kSlotSize, std::to_string(facts.size));
    doc.add_value(schema::kSlotHash, facts.hash);
    doc.add_value(schema::kSlotPath, note.path);
    doc.set_data(document_data(note));
    return doc;
}

std::string document_data(const Note& note) {
    nlohmann::json people = nlohmann::json::array();
    for (const auto& p : note.people) people.push_back({{"name", p.name}, {"slug", p.slug}});
    nlohmann::json data{{"path", note.path},
                        {"title", note.title},
                        {"date", note.date ? note.date->iso() : ""},
                        {"type", note.type},
                        {"people", people},
                        {"tags", note.tags}};
    return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace recall
