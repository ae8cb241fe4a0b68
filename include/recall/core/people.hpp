// People's names: canonical slugs, display names, and telling names from other links.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "recall/core/note.hpp"

namespace recall {

// "Andy Perlsteiner" -> "andy-perlsteiner"; "José Müller" -> "jose-muller"; "王伟" -> "wang-wei".
// Letters are folded to ASCII where a transliteration exists, lower-cased, and every run of
// other characters becomes one '-'.
std::string slugify(std::string_view name);

// "andy-perlsteiner" -> "Andy Perlsteiner", for people known only from a tag.
std::string display_name_from_slug(std::string_view slug);

// Whether a wikilink target reads as a person's name ("Phil Wagstrom", "Ms. Ross", "Ray
// O'Neil") rather than a product, company or topic ("OVA", "Cloud control plane").
bool looks_like_person_name(std::string_view text);

// Words that mean the note's author, not another person ("@Myself", "@me").
bool is_self_reference(std::string_view name);

// Collects the people of one note, merging the same person named different ways, in time
// linear in the names given. Keeps at most `limit` people; full() says when more were given.
class PeopleCollector {
public:
    explicit PeopleCollector(size_t limit = static_cast<size_t>(-1)) : limit_(limit) {}

    // A full name (from frontmatter, links). Returns the slug, empty when unusable or full.
    std::string add_name(std::string_view name);
    // A slug from a "person/<slug>" tag.
    void add_slug(std::string_view slug);
    // A short name such as a task owner ("Andy"): joins the one known person with that first
    // name when there is exactly one, else stands alone. Returns the display name chosen.
    std::string add_short_name(std::string_view name);

    bool knows_slug(std::string_view slug) const;
    bool full() const { return dropped_; }
    std::vector<Person> take() { return std::move(people_); }

private:
    // Appends a person unless the limit is reached.
    bool add_person(std::string name, std::string slug);

    size_t limit_;
    bool dropped_ = false;
    std::vector<Person> people_;
    std::unordered_map<std::string, size_t> by_slug_;  // slug -> index in people_
    // First word of a slug -> how many people have it, and the last of them.
    std::unordered_map<std::string, std::pair<size_t, size_t>> by_first_word_;
};

}  // namespace recall
