#include "recall/searcher/person_resolver.hpp"

#include <algorithm>
#include <functional>

#include "recall/core/document_codec.hpp"
#include "recall/core/fields.hpp"
#include "recall/core/people.hpp"
#include "recall/core/text_util.hpp"
#include "recall/searcher/query_error.hpp"

namespace recall {
namespace {

const std::string& person_prefix() {
    static const std::string prefix = schema::FieldTable().find_filter("person")->prefix;
    return prefix;
}

std::vector<std::string> slug_words(const std::string& slug) {
    std::vector<std::string> words;
    size_t start = 0;
    while (start <= slug.size()) {
        size_t dash = slug.find('-', start);
        if (dash == std::string::npos) dash = slug.size();
        if (dash > start) words.push_back(slug.substr(start, dash - start));
        start = dash + 1;
    }
    return words;
}

}  // namespace

std::vector<std::string> PersonResolver::all_slugs() const {
    std::vector<std::string> slugs;
    for (auto it = db_.allterms_begin(person_prefix()); it != db_.allterms_end(person_prefix()); ++it)
        slugs.push_back((*it).substr(person_prefix().size()));
    return slugs;
}

std::string PersonResolver::display_name(const std::string& slug) const {
    const std::string term = person_prefix() + slug;
    auto posting = db_.postlist_begin(term);
    if (posting != db_.postlist_end(term)) {
        for (const auto& p : decode_document_data(db_.get_document(*posting).get_data(), "").people)
            if (p.slug == slug) return p.name.empty() ? slug : p.name;
    }
    return display_name_from_slug(slug);
}

PersonMatch PersonResolver::resolve(std::string_view typed) const {
    std::string_view name = typed;
    while (!name.empty() && (name.front() == '@' || name.front() == ' ')) name.remove_prefix(1);
    const std::string slug = slugify(name);
    if (slug.empty()) throw QueryError("'" + std::string(typed) + "' is not a person's name");
    if (db_.term_exists(person_prefix() + slug)) return {slug, display_name(slug)};

    const auto slugs = all_slugs();
    const auto typed_words = slug_words(slug);
    // Ordered from the most to the least telling: first name, any name word, slug prefix.
    const std::vector<std::function<bool(const std::string&)>> tests{
        [&](const std::string& s) { return typed_words.size() == 1 && slug_words(s).front() == slug; },
        [&](const std::string& s) {
            const auto words = slug_words(s);
            return std::all_of(typed_words.begin(), typed_words.end(),
                               [&](const std::string& w) { return std::find(words.begin(), words.end(), w) != words.end(); });
        },
        [&](const std::string& s) { return s.starts_with(slug); },
    };
    for (const auto& test : tests) {
        std::vector<std::string> found;
        std::copy_if(slugs.begin(), slugs.end(), std::back_inserter(found), test);
        if (found.size() == 1) return {found[0], display_name(found[0])};
        if (found.size() > 1) {
            std::string list;
            for (size_t i = 0; i < found.size() && i < 10; ++i)
                list += (i ? ", " : "") + display_name(found[i]) + " (" + found[i] + ")";
            if (found.size() > 10) list += ", ...";
            throw QueryError("'" + std::string(typed) + "' could be " + std::to_string(found.size()) +
                             " people: " + list + "; give the full name or the slug");
        }
    }
    // Nobody: suggest the closest slugs (or name words) by edit distance.
    std::vector<std::pair<size_t, std::string>> near;
    for (const auto& s : slugs) {
        size_t best = edit_distance(slug, s);
        for (const auto& w : slug_words(s)) best = std::min(best, edit_distance(slug, w));
        if (best <= std::max<size_t>(2, slug.size() / 3)) near.emplace_back(best, s);
    }
    std::sort(near.begin(), near.end());
    std::string message = "no person '" + std::string(typed) + "' in the index";
    if (!near.empty()) {
        message += "; did you mean ";
        for (size_t i = 0; i < near.size() && i < 3; ++i)
            message += (i ? ", " : "") + display_name(near[i].second) + " (" + near[i].second + ")";
        message += "?";
    }
    throw QueryError(message);
}

}  // namespace recall
