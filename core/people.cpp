#include "recall/core/people.hpp"

#include "recall/core/accents.hpp"
#include "recall/core/text_util.hpp"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <unordered_map>

namespace recall {
namespace {

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
}

// ICU transliterators are costly to build and not safe to share between threads.
icu::Transliterator* to_ascii_transliterator() {
    thread_local std::unique_ptr<icu::Transliterator> t = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
            "Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
        if (U_FAILURE(status)) made.reset();
        return made;
    }();
    return t.get();
}

bool has_non_ascii_letter(const icu::UnicodeString& u) {
    for (int32_t i = 0; i < u.length();) {
        const UChar32 cp = u.char32At(i);
        i += U16_LENGTH(cp);
        if (cp >= 0x80 && u_isalpha(cp)) return true;
    }
    return false;
}

// Latin names fold by the accent rule search uses (é -> e, ø -> o); that covers most names
// and spares building ICU's Any-Latin transliterator registry, which costs tens of
// milliseconds: too much for a search. Other scripts are transliterated.
std::string fold_to_ascii(std::string_view text) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (std::string folded = fold_accents(text); !has_non_ascii_letter(icu::UnicodeString::fromUTF8(folded))) {
        for (size_t at; (at = folded.find("\u2019")) != std::string::npos;) folded.replace(at, 3, "'");  // O’Neil
        return folded;
    }
    if (auto* t = to_ascii_transliterator()) t->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return out;
}

std::vector<std::string_view> split_words(std::string_view s) {
    std::vector<std::string_view> words;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        size_t j = i;
        while (j < s.size() && s[j] != ' ') ++j;
        if (j > i) words.push_back(s.substr(i, j - i));
        i = j;
    }
    return words;
}

// One word of a personal name: a capital then lower-case letters, with inner hyphens or
// apostrophes ("Anne-Marie", "O'Neil", "McGinty"). Non-ASCII letters count by their case.
bool is_name_word(std::string_view word) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    if (u.length() < 2) return false;
    bool at_start = true, saw_lower = false;
    for (int32_t i = 0; i < u.length();) {
        UChar32 cp = u.char32At(i);
        i += U16_LENGTH(cp);
        if (cp == '-' || cp == '\'' || cp == 0x2019) {
            if (at_start) return false;
            at_start = true;
            continue;
        }
        if (!u_isalpha(cp)) return false;
        if (at_start) {
            if (!u_isupper(cp) && !u_istitle(cp) && u_islower(cp)) return false;
            at_start = false;
        } else if (u_islower(cp)) {
            saw_lower = true;
        }
    }
    return saw_lower || !u_hasBinaryProperty(u.char32At(0), UCHAR_CASED);
}

}  // namespace

std::string slugify(std::string_view name) {
    std::string ascii;
    if (is_ascii(name)) {
        ascii = name;
    } else {
        // Transliteration is slow and the same few hundred names recur across a vault.
        thread_local std::unordered_map<std::string, std::string> folded;
        auto it = folded.find(std::string(name));
        if (it == folded.end()) {
            if (folded.size() > 50'000) folded.clear();
            it = folded.emplace(std::string(name), fold_to_ascii(name)).first;
        }
        ascii = it->second;
    }
    std::string slug;
    slug.reserve(ascii.size());
    bool pending_dash = false;
    for (char ch : ascii) {
        auto uc = static_cast<unsigned char>(ch);
        if (std::isalnum(uc)) {
            if (pending_dash && !slug.empty()) slug.push_back('-');
            pending_dash = false;
            slug.push_back(static_cast<char>(std::tolower(uc)));
        } else if (ch == '\'' ) {
            // "O'Neil" -> "oneil": an apostrophe joins, it does not separate.
        } else {
            pending_dash = true;
        }
    }
    return slug;
}

std::string display_name_from_slug(std::string_view slug) {
    std::string name;
    bool start = true;
    for (char ch : slug) {
        if (ch == '-' || ch == '_' || ch == '.') {
            if (!name.empty() && name.back() != ' ') name.push_back(' ');
            start = true;
            continue;
        }
        name.push_back(start ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch);
        start = false;
    }
    while (!name.empty() && name.back() == ' ') name.pop_back();
    return name;
}

bool looks_like_person_name(std::string_view text) {
    if (text.size() > 60 || text.find_first_of("0123456789()[]/|#&@:,;!?") != std::string_view::npos) return false;
    auto words = split_words(text);
    static constexpr std::array<std::string_view, 8> honorifics{"mr.", "ms.", "mrs.", "dr.", "mr", "ms", "mrs", "dr"};
    static constexpr std::array<std::string_view, 14> particles{"van", "von", "de", "der", "den", "da",  "di",
                                                                "le",  "la",  "del", "du",  "bin", "al", "ter"};
    // Capitalised words that name things, not people, in a work vault.
    static constexpr std::array<std::string_view, 66> not_names{
        "engine", "cloud", "team", "project", "platform", "service", "services", "support", "features", "feature",
        "meeting", "notes", "plan", "roadmap", "review", "lab", "labs", "group", "inc.", "inc", "corp", "ltd",
        "company", "product", "products", "program", "system", "systems", "data", "api", "sync", "blob", "storage",
        "network", "networks", "release", "sales", "marketing", "customer", "partner", "partners", "store",
        "analytics", "freight", "technologies", "technology", "solutions", "capital", "ventures", "bank",
        "university", "consulting", "software", "health", "media", "foundation", "institute", "holdings", "llc",
        "gmbh", "ag", "industries", "logistics", "insurance"};
    if (words.empty() || words.size() > 4) return false;
    size_t first = 0;
    bool honorific = false;
    if (std::find(honorifics.begin(), honorifics.end(), lower_ascii(words[0])) != honorifics.end()) {
        first = 1;
        honorific = true;
    }
    size_t name_words = 0;
    for (size_t i = first; i < words.size(); ++i) {
        const std::string lower = lower_ascii(words[i]);
        if (i > first && i + 1 < words.size() && std::find(particles.begin(), particles.end(), lower) != particles.end())
            continue;
        if (std::find(not_names.begin(), not_names.end(), lower) != not_names.end()) return false;
        if (words[i].size() == 2 && words[i][1] == '.' && std::isupper(static_cast<unsigned char>(words[i][0])))
            continue;  // a middle initial: "John F. Kennedy"
        if (!is_name_word(words[i])) return false;
        ++name_words;
    }
    return name_words >= 2 || (honorific && name_words == 1);
}

bool is_self_reference(std::string_view name) {
    const std::string lower = lower_ascii(name);
    return lower == "me" || lower == "myself" || lower == "i" || lower == "self";
}

bool PeopleCollector::add_person(std::string name, std::string slug) {
    if (people_.size() >= limit_) {
        dropped_ = true;
        return false;
    }
    by_slug_.emplace(slug, people_.size());
    auto& first = by_first_word_[slug.substr(0, slug.find('-'))];
    first = {first.first + 1, people_.size()};
    people_.push_back({std::move(name), std::move(slug)});
    return true;
}

std::string PeopleCollector::add_name(std::string_view raw) {
    std::string_view name = raw;
    while (!name.empty() && (name.front() == ' ' || name.front() == '@')) name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.empty() || is_self_reference(name)) return {};
    std::string slug = slugify(name);
    if (slug.empty()) return {};
    if (auto it = by_slug_.find(slug); it != by_slug_.end()) {
        Person& known = people_[it->second];
        if (known.name == display_name_from_slug(known.slug) && name != known.name)
            known.name = std::string(name);  // a name as written beats one rebuilt from a tag
        return slug;
    }
    return add_person(std::string(name), slug) ? slug : std::string();
}

void PeopleCollector::add_slug(std::string_view raw) {
    std::string slug = slugify(raw);
    if (slug.empty() || knows_slug(slug)) return;
    std::string name = display_name_from_slug(slug);
    add_person(std::move(name), std::move(slug));
}

std::string PeopleCollector::add_short_name(std::string_view raw) {
    std::string_view name = raw;
    while (!name.empty() && name.front() == '@') name.remove_prefix(1);
    if (name.empty() || is_self_reference(name)) return std::string(name);
    const std::string slug = slugify(name);
    if (slug.empty()) return std::string(name);
    if (slug.find('-') == std::string::npos) {
        // People whose slug is this word, or starts with it and a dash.
        auto it = by_first_word_.find(slug);
        if (it != by_first_word_.end() && it->second.first == 1) return people_[it->second.second].name;
    }
    add_name(name);
    return std::string(name);
}

bool PeopleCollector::knows_slug(std::string_view slug) const { return by_slug_.count(std::string(slug)) > 0; }

}  // namespace recall
