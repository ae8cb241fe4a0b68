#include "recall/core/schema.hpp"

#include <cstdint>
#include <cstdio>

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
    size_t head = kMaxTerm - prefix.size() - hash.size() - 1;
    while (head > 0 && (static_cast<unsigned char>(value[head]) & 0xC0) == 0x80) --head;  // whole UTF-8 characters
    return term.append(value.substr(0, head)).append("#").append(hash);
}

std::string id_term(std::string_view vault_path) { return bounded_term(kIdPrefix, vault_path); }

}  // namespace recall::schema
