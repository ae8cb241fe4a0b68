#include "recall/indexer/document_builder.hpp"

#include "recall/core/document_codec.hpp"
#include "recall/core/note_language.hpp"
#include "recall/core/schema.hpp"

namespace recall {
namespace {

// Positions left free between passages, so phrases and NEAR never match across two of them.
constexpr Xapian::termpos kPassageGap = 100;

}  // namespace

DocumentBuilder::DocumentBuilder(const AnalysisProfile& profile, const schema::FieldTable& fields)
    : analyzer_(profile), fields_(fields) {}

void DocumentBuilder::add_posting(Xapian::Document& doc, std::string_view stem, Xapian::termpos position,
                                      unsigned wdf) {
    term_.assign(schema::kTextPrefix).append(stem);
    doc.add_posting(term_, position, wdf);
}

void DocumentBuilder::count_field_term(std::string_view prefix, std::string_view stem) {
    term_.assign(schema::kTextPrefix).append(prefix).append(stem);
    ++field_terms_[term_];
}

void DocumentBuilder::index_text(std::string_view text, const schema::TextFieldRow& field, Xapian::Document& doc,
                                     std::vector<std::string>* spelling_words) {
    const bool spelling = spelling_words && field.spelling;
    const std::uint32_t used = analyzer_.analyze(text, [&](const Term& t) {
        // Unprefixed with positions, for phrases; the field weight is the wdf step.
        const Xapian::termpos position = next_position_ + t.position;
        add_posting(doc, t.exact, position, field.weight);
        if (!t.folded.empty()) add_posting(doc, t.folded, position, field.weight);
        // The field's own copy, for "title:..." queries; positions there would double the index.
        if (!field.prefix.empty()) {
            count_field_term(field.prefix, t.exact);
            if (!t.folded.empty()) count_field_term(field.prefix, t.folded);
        }
        // In the note's own language too, when that is not the default and stems the word
        // otherwise; once per occurrence, so that the note does not grow much longer for BM25.
        if (t.kind == TermKind::Word && stem_language_) {
            const auto& [stem, folded] = stemmer_.terms(language_, t.word);
            for (const std::string* s : {&stem, &folded})
                if (const auto bare = LanguageStemmer::bare_stem(*s); !bare.empty() && bare != t.exact && bare != t.folded)
                    ++field_terms_[term_.assign(schema::kTextPrefix).append(*s)];
        }
        // Each word once per note: the dictionary counts notes.
        if (spelling && t.kind == TermKind::Word && !spelling_seen_.contains(t.word)) {
            spelling_seen_.emplace(t.word);  // looked up first: emplace would copy the word to find it there
            spelling_words->emplace_back(t.word);
        }
    });
    next_position_ += used + kPassageGap;
}

Xapian::Document DocumentBuilder::build(const Note& note, std::vector<std::string>* spelling_words) {
    Xapian::Document doc;
    next_position_ = 1;
    field_terms_.clear();
    spelling_seen_.clear();
    language_ = note_language(note, analyzer_.profile());
    stem_language_ = language_ != "none" && language_ != analyzer_.profile().language;
    for (const auto& field : schema::kTextFieldRows)
        schema::for_each_text(field, note,
                              [&](std::string_view text, const Passage*) { index_text(text, field, doc, spelling_words); });
    for (const auto& [term, wdf] : field_terms_) doc.add_term(term, wdf);

    doc.add_boolean_term(schema::id_term(note.path));
    doc.add_boolean_term(std::string(schema::kLanguagePrefix).append(language_));
    for (const auto& filter : fields_.filters()) {
        const auto values = schema::note_values(filter, note, analyzer_);
        for (const auto& value : values)
            if (!filter.prefix.empty()) doc.add_boolean_term(schema::filter_term(filter, value));
        // A date in its slot, for ranges; a declared keyword field's values, for facets.
        if (filter.slot && !values.empty())
            doc.add_value(*filter.slot, filter.rule == schema::ValueRule::Date ? values.front() : join_values(values));
    }
    if (!note.people.empty()) doc.add_value(schema::kSlotPeople, people_slot(note));
    if (const auto tasks = encode_tasks(note); !tasks.empty()) doc.add_value(schema::kSlotTasks, tasks);
    for (const bool done : {false, true}) {
        const schema::TaskSlots slots = done ? schema::kDoneTaskSlots : schema::kOpenTaskSlots;
        if (const auto due = task_due_slot(note, done); !due.empty()) doc.add_value(slots.first_due, due);
        if (const auto last = task_last_due_slot(note, done); !last.empty()) doc.add_value(slots.last_due, last);
        if (const auto priority = task_priority_slot(note, done); !priority.empty()) doc.add_value(slots.priority, priority);
    }
    if (const auto passages = encode_passages(note); !passages.empty()) doc.add_value(schema::kSlotPassages, passages);
    doc.set_data(encode_document_data(note, fields_));
    return doc;
}

}  // namespace recall
