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
    nlohmann::json folders = nlohmann::json::array();
    for (const auto& [folder, lang] : folder_languages) folders.push_back({folder, lang});
    const nlohmann::json j{{"language", language},
                           {"accents", fold_accents ? "fold" : "keep"},
                           {"languages", folders},
                           {"detect", detect_languages},
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
    if (auto it = j.find("languages"); it != j.end() && it->is_array())
        for (const auto& rule : *it)
            if (rule.is_array() && rule.size() == 2 && rule[0].is_string() && rule[1].is_string())
                profile.folder_languages.emplace_back(rule[0].get<std::string>(), rule[1].get<std::string>());
    if (auto it = j.find("detect"); it != j.end() && it->is_boolean()) profile.detect_languages = it->get<bool>();
    validate(profile);
    return profile;
}

}  // namespace recall
