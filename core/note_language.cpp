#include "recall/core/note_language.hpp"

#include <cld2/public/compact_lang_det.h>

#include <algorithm>

#include "recall/core/accents.hpp"
#include "recall/core/schema.hpp"
#include "recall/core/text_util.hpp"

namespace recall {
namespace {

// CLD2 needs a few hundred bytes to be sure; more costs time and adds nothing. Most notes
// are told apart from their first kilobyte; only those CLD2 is not sure of pay for four.
constexpr size_t kQuickDetectionBytes = 1024;
constexpr size_t kDetectionBytes = 4096;

bool in_folder(std::string_view path, std::string_view folder) {
    while (!folder.empty() && folder.back() == '/') folder.remove_suffix(1);
    while (!folder.empty() && folder.front() == '/') folder.remove_prefix(1);
    if (folder.empty() || path.size() <= folder.size() || path[folder.size()] != '/') return false;
    return lower_ascii(path.substr(0, folder.size())) == lower_ascii(folder);
}

// The head of text, at most `bytes` long, cut at a character boundary: CLD2 wants valid UTF-8.
std::string_view head(std::string_view text, size_t bytes) {
    if (text.size() <= bytes) return text;
    return text.substr(0, utf8_character_start(text, bytes));
}

// The language CLD2 is sure of, or UNKNOWN_LANGUAGE.
CLD2::Language detect(std::string_view text) {
    bool reliable = false;
    int valid_bytes = 0;
    const CLD2::Language language = CLD2::DetectLanguageCheckUTF8(text.data(), static_cast<int>(text.size()), true,
                                                                  &reliable, &valid_bytes);
    return reliable ? language : CLD2::UNKNOWN_LANGUAGE;
}

std::string detected_language(const Note& note) {
    std::string text = note.title;
    for (const auto& p : note.passages) {
        if (text.size() >= kDetectionBytes) break;
        if (p.code) continue;  // code is in no human language
        text.append("\n").append(p.text);
    }
    const std::string_view sample = head(text, kDetectionBytes), quick = head(sample, kQuickDetectionBytes);
    CLD2::Language language = detect(quick);
    if (language == CLD2::UNKNOWN_LANGUAGE && sample.size() > quick.size()) language = detect(sample);
    if (language == CLD2::UNKNOWN_LANGUAGE) return {};
    return stemming_language_of(CLD2::LanguageCode(language));
}

}  // namespace

std::string stemming_language_of(std::string_view name_or_code) {
    std::string key = lower_ascii(name_or_code);
    key.erase(std::remove_if(key.begin(), key.end(), [](char c) { return c == ' ' || c == '\t'; }), key.end());
    if (const auto dash = key.find_first_of("-_"); dash != std::string::npos && dash <= 3) key.resize(dash);  // de-AT
    if (key.empty() || key == "none") return "none";
    try {
        // Xapian takes names and ISO codes; its description names the language: Xapian::Stem(german).
        const std::string description = Xapian::Stem(key).get_description();
        const auto open = description.find('('), close = description.rfind(')');
        if (open != std::string::npos && close > open) return description.substr(open + 1, close - open - 1);
    } catch (const Xapian::InvalidArgumentError&) {
    }
    return "none";
}

std::string note_language(const Note& note, const AnalysisProfile& profile) {
    for (const auto& property : note.properties)
        if ((property.key == "lang" || property.key == "language") && !property.values.empty() &&
            !property.values.front().empty())
            return stemming_language_of(property.values.front());
    const std::pair<std::string, std::string>* rule = nullptr;
    for (const auto& r : profile.folder_languages)
        if (in_folder(note.path, r.first) && (!rule || r.first.size() > rule->first.size())) rule = &r;
    if (rule) return stemming_language_of(rule->second);
    // language: none asks for words as written: only a note's own lang or a rule changes that.
    if (profile.detect_languages && profile.language != "none")
        if (std::string detected = detected_language(note); !detected.empty()) return detected;
    return profile.language;
}

const std::pair<std::string, std::string>& LanguageStemmer::terms(const std::string& language, std::string_view word) {
    static const std::pair<std::string, std::string> none;
    if (language == "none") return none;
    auto it = languages_.find(language);
    if (it == languages_.end()) it = languages_.emplace(language, Cache{Xapian::Stem(language), {}}).first;
    Cache& cache = it->second;
    if (auto found = cache.terms.find(word); found != cache.terms.end()) return found->second;
    static constexpr size_t kMaxCachedWords = 100'000;  // bounded memory on odd vaults
    if (cache.terms.size() > kMaxCachedWords) cache.terms.clear();
    const std::string head = std::string(schema::kLanguageStemPrefix) + language + ":";
    std::pair<std::string, std::string> terms{head + cache.stem(std::string(word)), {}};
    if (const std::string folded = fold_accents(word); folded != word)
        if (std::string t = head + cache.stem(folded); t != terms.first) terms.second = std::move(t);
    return cache.terms.emplace(std::string(word), std::move(terms)).first->second;
}

}  // namespace recall
