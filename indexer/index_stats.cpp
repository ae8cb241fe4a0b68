#include "recall/indexer/index_stats.hpp"

#include <filesystem>

#include "recall/core/fields.hpp"
#include "recall/core/schema.hpp"

namespace recall {
namespace fs = std::filesystem;
namespace {

std::optional<Date> date_from_slot(const std::string& ymd) {
    if (ymd.size() != 8) return std::nullopt;
    return parse_date(ymd);
}

}  // namespace

IndexStats read_index_stats(const IndexStore& store) {
    const Xapian::Database db = store.open_for_reading();
    IndexStats s;
    s.folder = store.folder().string();
    const IndexMetadata metadata = IndexStore::read_metadata(db);
    s.vault = metadata.vault;
    s.skipped = db.get_termfreq(std::string(schema::kSkippedTerm));
    s.notes = db.get_doccount() - s.skipped;
    s.postings = db.get_total_length();
    const std::string person_prefix = schema::FieldTable().find_filter("person")->prefix;
    for (auto it = db.allterms_begin(person_prefix); it != db.allterms_end(person_prefix); ++it) ++s.people;
    s.first_date = date_from_slot(db.get_value_lower_bound(schema::kSlotDate));
    s.last_date = date_from_slot(db.get_value_upper_bound(schema::kSlotDate));
    s.last_run_json = metadata.last_run;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(*store.live_generation(), ec))
        if (entry.is_regular_file(ec)) s.bytes += entry.file_size(ec);
    return s;
}

}  // namespace recall
