// The Xapian document of a note, made by looping over the schema's field table with the
// index's Analyzer: text terms with positions, field copies, filter terms, value slots and
// the document data.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "recall/core/analyzer.hpp"
#include "recall/core/fields.hpp"
#include "recall/core/note.hpp"
#include "recall/core/note_language.hpp"

namespace recall {

// One per thread: holds an Analyzer.
class DocumentBuilder {
public:
    DocumentBuilder(const AnalysisProfile& profile, const schema::FieldTable& fields);

    // spelling_words, when given, receives the distinct words (as written, case-folded) of the
    // fields that feed "did you mean", for the writer to add to the dictionary.
    Xapian::Document build(const Note& note, std::vector<std::string>* spelling_words);

    Analyzer& analyzer() { return analyzer_; }

private:
    void index_text(std::string_view text, const schema::TextFieldRow& field, Xapian::Document& doc,
                    std::vector<std::string>* spelling_words);
    void add_posting(Xapian::Document& doc, std::string_view stem, Xapian::termpos position, unsigned wdf);
    void count_field_term(std::string_view prefix, std::string_view stem);

    Analyzer analyzer_;
    const schema::FieldTable& fields_;
    Xapian::termpos next_position_ = 1;
    std::string term_;  // reused for every term: no allocation per word
    // Per note: the fields' own copies (no positions) are counted here and added to the
    // document once each, which spares Xapian a term lookup per word; and the spelling
    // words already given.
    std::unordered_map<std::string, Xapian::termcount> field_terms_;
    std::unordered_set<std::string, StringHash, std::equal_to<>> spelling_seen_;
    // The note's language, and whether its words get stems of that language too.
    LanguageStemmer stemmer_;
    std::string language_;
    bool stem_language_ = false;
};

}  // namespace recall
