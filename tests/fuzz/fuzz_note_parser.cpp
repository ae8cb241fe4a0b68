// libFuzzer target: any bytes must parse into a note without crashing or hanging.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "recall/core/note_parser.hpp"
#include "recall/core/text_cleaner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (recall::looks_binary(bytes)) return 0;
    recall::Note note = recall::parse_note(bytes, "fuzz/2025-01-01 input.md");
    // Touch everything so that nothing the parser produced goes unchecked by the sanitizers.
    size_t total = note.title.size() + note.type.size();
    for (const auto& p : note.passages) total += p.text.size();
    for (const auto& p : note.people) total += p.slug.size();
    return total == static_cast<size_t>(-1);
}
