#include "recall/stemmer.hpp"

#include <unordered_map>

namespace recall {
namespace {

class CachingStemmer : public Xapian::StemImplementation {
public:
    explicit CachingStemmer(const std::string& language) : stem_(language) {}

    std::string operator()(const std::string& word) override {
        auto it = cache_.find(word);
        if (it != cache_.end()) return it->second;
        if (cache_.size() >= kMaxEntries) cache_.clear();  // bounded memory on odd vaults
        return cache_.emplace(word, stem_(word)).first->second;
    }

    std::string get_description() const override { return "recall::CachingStemmer(" + stem_.get_description() + ")"; }

private:
    static constexpr size_t kMaxEntries = 200'000;
    Xapian::Stem stem_;
    std::unordered_map<std::string, std::string> cache_;
};

// "language: none": words are indexed and searched as written (lower-cased). An empty
// Xapian::Stem would not do: with STEM_ALL_Z it makes the term generator index nothing.
class NoStemmer : public Xapian::StemImplementation {
public:
    std::string operator()(const std::string& word) override { return word; }
    std::string get_description() const override { return "recall::NoStemmer"; }
};

}  // namespace

Xapian::Stem make_stemmer(const std::string& language) {
    if (language.empty() || language == "none") return Xapian::Stem(new NoStemmer);
    return Xapian::Stem(new CachingStemmer(language));
}

}  // namespace recall
