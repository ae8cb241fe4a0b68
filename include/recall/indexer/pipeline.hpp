// The worker pipeline of every run (full, incremental, dry): worker threads take the files
// to read, and each turns its file into a result (read, hash, parse, build the document);
// what happens to the result is the caller's.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "recall/core/analysis_profile.hpp"
#include "recall/core/fields.hpp"
#include "recall/core/vault_root.hpp"
#include "recall/indexer/change_detection.hpp"

namespace recall {

// What the incremental indexer compares to tell whether a file changed.
struct FileFacts {
    std::int64_t mtime_ns = 0;
    std::uintmax_t size = 0;
    std::string hash;  // schema::content_hash of the bytes
};

// One file's outcome.
struct Result {
    const WorkItem* item = nullptr;
    enum class Outcome {
        Indexed,
        Touched,     // same content, new mtime
        Skipped,     // binary or too large: recorded, so that it is not read again until it changes
        Unreadable,  // cannot be read now: left as the index has it, tried again next run
        Gone,        // deleted since the scan: left for the next run to delete
    } outcome = Outcome::Indexed;
    Xapian::Document doc;
    std::vector<std::string> spelling;  // "did you mean" words of the note
    std::vector<Warning> warnings;
    FileFacts facts;
};

struct PipelineInput {
    const VaultRoot& root;
    const std::vector<WorkItem>& work;
    const AnalysisProfile& profile;
    const schema::FieldTable& fields;
    std::uintmax_t max_file_bytes;
};

// Runs every work item on `threads` worker threads, each with its own document builder,
// and hands each result to consume(worker, result) on the thread that made it (a worker of
// a full rebuild writes its own shard). A throwing consume stops the run; the first such
// exception is rethrown once the workers are done.
void run_pipeline(const PipelineInput& input, unsigned threads,
                  const std::function<void(unsigned worker, Result&& result)>& consume);

// The record of a skipped file: its facts, so that an unchanged file is not read and
// warned about again, and the reason, so that a later version can tell skips apart.
Xapian::Document skipped_record(const std::string& path, const FileFacts& facts, const std::string& reason);

}  // namespace recall
