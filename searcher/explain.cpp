#include "recall/searcher/explain.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "recall/core/fields.hpp"
#include "recall/searcher/search.hpp"

namespace recall {
namespace {

class OnlyThese : public Xapian::MatchDecider {
public:
    explicit OnlyThese(const std::vector<Xapian::docid>& ids) : ids_(ids.begin(), ids.end()) {}
    bool operator()(const Xapian::Document& doc) const override { return ids_.count(doc.get_docid()) > 0; }

private:
    std::unordered_set<Xapian::docid> ids_;
};

Xapian::termcount wdf_of(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term;
}

}  // namespace

std::vector<std::vector<ScoreLine>> explain_scores(const Xapian::Database& db, const std::vector<ScorePart>& parts,
                                                   const std::vector<Xapian::docid>& notes) {
    std::vector<std::vector<ScoreLine>> out(notes.size());
    if (notes.empty()) return out;
    const OnlyThese only(notes);
    // Each part alone, weighted as the search weighs it: BM25 of a term depends only on the
    // term and the note (k2 = 0, k3 = 0), so the part's weight here is its share there.
    for (const auto& part : parts) {
        Xapian::Enquire enquire(db);
        enquire.set_query(part.query);
        enquire.set_weighting_scheme(ranking_weight());
        const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(notes.size()), 0, nullptr, &only);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            const auto at = std::find(notes.begin(), notes.end(), *it) - notes.begin();
            ScoreLine line{part.kind, part.label, part.field, it.get_weight() * part.factor, 0, {}};
            if (part.kind == ScorePart::Kind::Word) {
                const Xapian::Document doc = it.get_document();
                for (const auto& key : part.keys) line.wdf += wdf_of(doc, "Z" + key);
                for (const auto& row : schema::kTextFieldRows) {
                    if (row.prefix.empty() || row.name.empty()) continue;
                    const bool holds = std::any_of(part.keys.begin(), part.keys.end(), [&](const std::string& key) {
                        return has_term(doc, std::string("Z").append(row.prefix).append(key));
                    });
                    if (holds) line.fields.emplace_back(row.name);
                }
            }
            if (line.score != 0 || part.kind == ScorePart::Kind::Word) out[static_cast<size_t>(at)].push_back(std::move(line));
        }
    }
    return out;
}

std::string format_explanation(const std::vector<ScoreLine>& lines) {
    std::string out;
    for (const auto& line : lines) {
        out += fmt::format("     {:+8.3f}  ", line.score);
        switch (line.kind) {
            case ScorePart::Kind::Word:
                out += fmt::format("{}{}", line.field.empty() ? "" : line.field + ":", line.label);
                if (line.wdf) out += fmt::format("  (weighted count {}", line.wdf);
                if (!line.fields.empty()) out += fmt::format("{}in {}", line.wdf ? "; " : "  (", fmt::join(line.fields, ", "));
                if (line.wdf || !line.fields.empty()) out += ")";
                break;
            case ScorePart::Kind::FieldBoost: out += fmt::format("{} in the {}", line.label, line.field); break;
            case ScorePart::Kind::EveryWord: out += "every word (bonus)"; break;
            case ScorePart::Kind::EveryWordInHead: out += "every word in title, aliases or summary (bonus)"; break;
            case ScorePart::Kind::Adjacent: out += fmt::format("\"{}\" side by side", line.label); break;
        }
        out += '\n';
    }
    return out;
}

}  // namespace recall
