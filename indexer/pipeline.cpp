#include "recall/indexer/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <exception>
#include <mutex>
#include <numeric>
#include <thread>

#include "recall/core/note_parser.hpp"
#include "recall/core/schema.hpp"
#include "recall/indexer/document_builder.hpp"

namespace recall {
namespace {

void add_file_facts(Xapian::Document& doc, const std::string& path, const FileFacts& facts) {
    doc.add_value(schema::kSlotMtime, std::to_string(facts.mtime_ns));
    doc.add_value(schema::kSlotSize, std::to_string(facts.size));
    doc.add_value(schema::kSlotHash, facts.hash);
    doc.add_value(schema::kSlotPath, path);
}

// Reads, hashes, parses and builds one document. Never throws: a note that cannot be
// indexed becomes a warning, and the run goes on.
Result process(const PipelineInput& in, const WorkItem& item, DocumentBuilder& builder,
               const std::vector<std::string>& declared_keys) {
    Result r;
    r.item = &item;
    const std::string& path = item.file->relative;
    try {
        NoteBytes read = read_note_bytes(in.root, path, in.max_file_bytes);
        r.facts = {read.mtime_ns, read.size, {}};
        if (!read.bytes && read.transient) {
            r.outcome = read.error_number == ENOENT ? Result::Outcome::Gone : Result::Outcome::Unreadable;
            if (r.outcome == Result::Outcome::Unreadable)
                r.warnings.push_back({path, 0, read.error + "; kept as the index has it, tried again next run"});
            return r;
        }
        if (!read.bytes) {
            r.outcome = Result::Outcome::Skipped;
            r.warnings.push_back({path, 0, read.error});
            r.doc = skipped_record(path, r.facts, read.error);
            return r;
        }
        r.facts.hash = schema::content_hash(*read.bytes);
        if (item.change == Change::MaybeTouched && item.indexed && item.indexed->hash == r.facts.hash) {
            r.outcome = Result::Outcome::Touched;
            return r;
        }
        Note note = parse_note(*read.bytes, path, ParseScope::Full, declared_keys);
        r.warnings = std::move(note.warnings);
        r.doc = builder.build(note, &r.spelling);
        add_file_facts(r.doc, path, r.facts);
    } catch (const std::exception& e) {
        const FileFacts facts = r.facts;
        r = Result{};
        r.item = &item;
        r.outcome = Result::Outcome::Skipped;
        r.facts = facts;
        const std::string reason = std::string("skipped: cannot index (") + e.what() + ")";
        r.warnings.push_back({path, 0, reason});
        r.doc = skipped_record(path, r.facts, reason);
    }
    return r;
}

}  // namespace

Xapian::Document skipped_record(const std::string& path, const FileFacts& facts, const std::string& reason) {
    Xapian::Document doc;
    doc.add_boolean_term(schema::id_term(path));
    doc.add_boolean_term(std::string(schema::kSkippedTerm));
    add_file_facts(doc, path, facts);
    doc.set_data(reason);
    return doc;
}

void run_pipeline(const PipelineInput& input, unsigned threads,
                  const std::function<void(unsigned worker, Result&& result)>& consume) {
    std::vector<std::string> declared_keys;
    for (const auto& f : input.fields.declared()) declared_keys.push_back(f.name);
    // Several workers take the biggest notes first: a 5 MB transcript taken last would leave
    // the other cores idle while one worker indexes it.
    std::vector<size_t> order(input.work.size());
    std::iota(order.begin(), order.end(), size_t{0});
    if (threads > 1)
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t a, size_t b) { return input.work[a].file->size > input.work[b].file->size; });
    std::atomic<size_t> next{0};
    std::mutex error_mutex;
    std::exception_ptr error;
    {
        std::vector<std::jthread> workers;
        for (unsigned t = 0; t < threads; ++t)
            workers.emplace_back([&, t] {
                try {
                    DocumentBuilder builder(input.profile, input.fields);
                    for (size_t i; (i = next.fetch_add(1)) < order.size();)
                        consume(t, process(input, input.work[order[i]], builder, declared_keys));
                } catch (...) {
                    std::lock_guard lock(error_mutex);
                    if (!error) error = std::current_exception();
                    next = order.size();
                }
            });
    }
    if (error) std::rethrow_exception(error);
}

}  // namespace recall
