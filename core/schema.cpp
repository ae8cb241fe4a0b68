#include "recall/core/schema.hpp"

#include <cstdint>
#include <cstdio>

#include "recall/core/text_util.hpp"

namespace recall::schema {

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
    const size_t head = utf8_character_start(value, kMaxTerm - prefix.size() - hash.size() - 1);
    return term.append(value.substr(0, head)).append("#").append(hash);
}

std::string id_term(std::string_view vault_path) { return bounded_term(kIdPrefix, vault_path); }

}  // namespace recall::schema
