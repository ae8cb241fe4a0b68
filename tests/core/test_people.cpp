#include <doctest/doctest.h>

#include "recall/core/people.hpp"

using namespace recall;

TEST_CASE("slugs are canonical across spellings") {
    CHECK(slugify("Andy Perlsteiner") == "andy-perlsteiner");
    CHECK(slugify("  andy   PERLSTEINER ") == "andy-perlsteiner");
    CHECK(slugify("andy-perlsteiner") == "andy-perlsteiner");
    CHECK(slugify("José Müller") == "jose-muller");
    CHECK(slugify("Jörg Müller") == "jorg-muller");
    CHECK(slugify("Ryan O'Neil") == "ryan-oneil");
    CHECK(slugify("Ms. Ross") == "ms-ross");
    CHECK(slugify("王伟") == "wang-wei");
    CHECK(slugify("!!!") == "");
}

TEST_CASE("display names rebuilt from tag slugs") {
    CHECK(display_name_from_slug("andy-perlsteiner") == "Andy Perlsteiner");
    CHECK(display_name_from_slug("maya") == "Maya");
}

TEST_CASE("wikilinks that name people are told from other links") {
    for (const char* name : {"Andy Perlsteiner", "Ms. Ross", "Ryan McGinty", "Anne-Marie Dubois", "Ray O'Neil",
                             "Jörg Müller", "Ludwig van Beethoven", "John F. Kennedy"})
        CHECK_MESSAGE(looks_like_person_name(name), name);
    for (const char* thing : {"OVA", "Cloud control plane", "5.5 Features", "OpenAI VAST POC (CoreWeave cluster)",
                              "Microsoft", "Sync Engine", "Fernhill Analytics", "Acme Freight", "people/index", ""})
        CHECK_MESSAGE(!looks_like_person_name(thing), thing);
}

TEST_CASE("one person named several ways is one person") {
    PeopleCollector people;
    people.add_slug("andy-perlsteiner");  // from a tag first: display name rebuilt
    people.add_name("Andy Perlsteiner");  // then written out: the written name wins
    people.add_name("Jason Vallery");
    CHECK(people.add_short_name("@Andy") == "Andy Perlsteiner");
    CHECK(people.add_short_name("Myself") == "Myself");  // the author is no person of the note
    CHECK(people.add_short_name("Josh") == "Josh");      // unknown first name stands alone
    auto all = people.take();
    REQUIRE(all.size() == 3);
    CHECK(all[0].name == "Andy Perlsteiner");
    CHECK(all[0].slug == "andy-perlsteiner");
    CHECK(all[2].slug == "josh");
}

TEST_CASE("an ambiguous first name does not merge") {
    PeopleCollector people;
    people.add_name("Andy Perlsteiner");
    people.add_name("Andy Smith");
    CHECK(people.add_short_name("Andy") == "Andy");
    CHECK(people.take().size() == 3);
}
