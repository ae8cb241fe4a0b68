// Finds the people of the index from what a user types: "andy", "Andy Perlsteiner",
// "andy-perlsteiner", "@Andy".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace recall {

struct PersonMatch {
    std::string slug, name;
};

class PersonResolver {
public:
    explicit PersonResolver(const Xapian::Database& db) : db_(db) {}

    // The one person meant: exact slug, else a unique first name, last name or slug prefix.
    // Throws QueryError listing the candidates when ambiguous, or suggesting the closest
    // names when nobody matches.
    PersonMatch resolve(std::string_view typed) const;

    // The display name stored for a slug ("andy-perlsteiner" -> "Andy Perlsteiner").
    std::string display_name(const std::string& slug) const;

private:
    std::vector<std::string> all_slugs() const;
    const Xapian::Database& db_;
};

}  // namespace recall
