// Turns a parsed note into the Xapian document the schema describes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

#include "recall/note.hpp"

namespace recall {

// What the incremental indexer compares to tell whether a file changed.
struct FileFacts {
    std::int64_t mtime_ns = 0;
    std::uintmax_t size = 0;
    std::string hash;  // schema::content_hash of the bytes
};

// One per thread: holds a TermGenerator, which is not safe to share.
class DocumentBuilder {
public:
    // language: a Xapian stemmer name ("english", "german", ...) or "none".
    explicit DocumentBuilder(const std::string& language);

    // words: the spelling-dictionary words of the fields that feed it, for the writer to
    // add (the TermGenerator cannot write spelling data from a worker thread).
    Xapian::Document build(const Note& note, const FileFacts& facts, std::vector<std::string>* words);

private:
    void index_field(std::string_view text, unsigned field_index);

    Xapian::TermGenerator termgen_, spelling_termgen_;
    bool spelling_words_ = false;
};

// The JSON stored as document data: path, title, date, type, people, tags.
std::string document_data(const Note& note);

}  // namespace recall
