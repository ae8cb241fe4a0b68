#include "recall/schema.hpp"

#include <cstdint>
#include <cstdio>

#include "recall/text_cleaner.hpp"

namespace recall::schema {

const TextFieldSpec& spec(TextField field) { return kTextFields[static_cast<size_t>(field)]; }
const FilterSpec& spec(Filter filter) { return kFilters[static_cast<size_t>(filter)]; }

// The tables are indexed by their enums; keep them in step.
static_assert([] {
    for (size_t i = 0; i < kTextFields.size(); ++i)
        if (static_cast<size_t>(kTextFields[i].field) != i) return false;
    for (size_t i = 0; i < kFilters.size(); ++i)
        if (static_cast<size_t>(kFilters[i].filter) != i) return false;
    return true;
}());

std::string content_hash(std::string_view bytes) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char ch : bytes) {
        h ^= ch;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::string bounded_term(std::string_view prefix, std::string_view value) {
    constexpr size_t kMaxTerm = 240;
    std::string term(prefix);
    if (prefix.size() + value.size() <= kMaxTerm) return term.append(value);
    const std::string hash = content_hash(value);
    size_t head = kMaxTerm - prefix.size() - hash.size() - 1;
    while (head > 0 && (static_cast<unsigned char>(value[head]) & 0xC0) == 0x80) --head;  // whole UTF-8 characters
    return term.append(value.substr(0, head)).append("#").append(hash);
}

std::string id_term(std::string_view vault_path) { return bounded_term(kIdPrefix, vault_path); }

std::string filter_term(Filter filter, std::string_view value) { return bounded_term(spec(filter).prefix, value); }

std::vector<std::string> tag_levels(std::string_view tag) {
    std::vector<std::string> levels;
    while (!tag.empty()) {
        levels.emplace_back(tag);
        const auto slash = tag.rfind('/');
        if (slash == std::string_view::npos) break;
        tag = tag.substr(0, slash);
    }
    return levels;
}

std::vector<std::string> folder_levels(std::string_view vault_path) {
    std::vector<std::string> levels;
    const std::string lower = to_lower_utf8(vault_path);
    for (size_t slash = lower.find('/'); slash != std::string::npos; slash = lower.find('/', slash + 1))
        levels.push_back(lower.substr(0, slash));
    return levels;
}

}  // namespace recall::schema
