#include "recall/core/analysis_profile.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

namespace recall {
namespace {

// The fixed parts of the profile, as stored.
constexpr std::string_view kStemming = "stems";
constexpr std::string_view kCjk = "bigrams";
constexpr std::string_view kCase = "nfkc_casefold";

}  // namespace

void validate(const AnalysisProfile& profile) {
    if (profile.language == "none") return;
    try {
        Xapian::Stem stem(profile.language);
    } catch (const Xapian::InvalidArgumentError&) {
        throw AnalysisError("unknown language '" + profile.language + "' (known: none, " +
                            Xapian::Stem::get_available_languages() + ")");
    }
}

std::string AnalysisProfile::to_json() const {
    const nlohmann::json j{{"language", language},
                           {"accents", fold_accents ? "fold" : "keep"},
                           {"stemming", kStemming},
                           {"cjk", kCjk},
                           {"case", kCase}};
    return j.dump();
}

AnalysisProfile AnalysisProfile::from_json(std::string_view json) {
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object()) throw AnalysisError("the index's analysis profile is not readable JSON");
    auto text = [&](const char* key) {
        auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (text("stemming") != kStemming || text("cjk") != kCjk || text("case") != kCase ||
        (text("accents") != "fold" && text("accents") != "keep"))
        throw AnalysisError("the index was built with an analysis this recall does not know (" + std::string(json) +
                            "); rebuild it with recall-index --full");
    AnalysisProfile profile;
    profile.language = text("language");
    profile.fold_accents = text("accents") == "fold";
    validate(profile);
    return profile;
}

}  // namespace recall
