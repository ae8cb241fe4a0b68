#include "recall/searcher/similar_notes.hpp"

#include "recall/core/schema.hpp"
#include "recall/searcher/search.hpp"

namespace recall {
namespace {

// The unprefixed text terms ("Z" + a stem), not a field's copy ("ZS...", "ZXSUM..."): each
// word counts once, and filters never make notes alike.
class WordTerms : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        return term.size() > 1 && term.starts_with(schema::kTextPrefix) && !(term[1] >= 'A' && term[1] <= 'Z');
    }
};

}  // namespace

Xapian::Query similar_notes_query(const Xapian::Database& db, Xapian::docid note) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(ranking_weight());
    Xapian::RSet relevant;
    relevant.add_document(note);
    const WordTerms words;
    const Xapian::ESet eset = enquire.get_eset(kLikeTerms, relevant, &words);
    if (eset.empty()) return {};
    const Xapian::Query like(Xapian::Query::OP_OR, eset.begin(), eset.end());
    const std::string self = db.get_document(note).get_value(schema::kSlotPath);
    return Xapian::Query(Xapian::Query::OP_AND_NOT, like, Xapian::Query(schema::id_term(self)));
}

}  // namespace recall
