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

}  // namespace

Xapian::Stem make_stemmer(const std::string& language) {
    if (language.empty() || language == "none") return Xapian::Stem();
    return Xapian::Stem(new CachingStemmer(language));
}

}  // namespace recall
