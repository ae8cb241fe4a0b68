// recall-index killed at every phase boundary of its runs (RECALL_CRASH_AT, see
// recall/crash_point.hpp): after each kill the index is exactly the old vault's or exactly
// the new vault's, the next run completes, and only the live and the previous generation
// are left, the previous being the one readers used before the last switch.
#include <doctest/doctest.h>
#include <xapian.h>

#include <fstream>
#include <set>

#include "recall/core/schema.hpp"
#include "support/test_support.hpp"

using namespace recall;
using namespace recall::test;
namespace fs = std::filesystem;

namespace {

// Xapian writes out (and recall-index passes a "batch" or "shard-commit" point) every 40
// changes, so that a small vault meets every kind of boundary several times.
const std::map<std::string, std::string> kSmallBatches{{"XAPIAN_FLUSH_THRESHOLD", "40"}};

constexpr int kNotes = 240, kChanged = 90, kAdded = 40, kDeleted = 10, kRenamed = 8;

fs::path note_path(const fs::path& vault, int i) { return vault / ("f" + std::to_string(i % 6)) / ("n-" + std::to_string(i) + ".md"); }

void make_old_vault(const fs::path& vault) {
    for (int i = 0; i < kNotes; ++i)
        write_file(note_path(vault, i), meeting_note("Note " + std::to_string(i), "2025-01-01", "Ann Lee", "Storage plans."));
}

// Changes the vault in every way at once: edits, new notes, deletions, renames.
void make_new_vault(const fs::path& vault) {
    for (int i = 0; i < kChanged; ++i) {
        write_file(note_path(vault, i), meeting_note("Note " + std::to_string(i), "2025-01-01", "Ann Lee", "Walrus plans."));
        fs::last_write_time(note_path(vault, i), fs::last_write_time(note_path(vault, i)) + std::chrono::seconds(5));
    }
    for (int i = 0; i < kAdded; ++i)
        write_file(vault / "new" / ("a-" + std::to_string(i) + ".md"),
                   meeting_note("Added " + std::to_string(i), "2025-02-01", "Bo Chen", "Walrus arrivals."));
    for (int i = kNotes - kDeleted; i < kNotes; ++i) fs::remove(note_path(vault, i));
    fs::create_directories(vault / "renamed");
    for (int i = 100; i < 100 + kRenamed; ++i) fs::rename(note_path(vault, i), vault / "renamed" / ("n-" + std::to_string(i) + ".md"));
}

// What an index must hold for a vault state: its paths, and how many notes say each word.
struct Expected {
    std::set<std::string> paths;
    size_t walrus = 0, storage = 0;
};

Expected expected_for(const fs::path& vault) {
    Expected e;
    for (const auto& entry : fs::recursive_directory_iterator(vault)) {
        if (!entry.is_regular_file()) continue;
        e.paths.insert(entry.path().lexically_relative(vault).generic_string());
        const std::string text = read_file(entry.path());
        e.walrus += text.find("Walrus") != std::string::npos;
        e.storage += text.find("Storage") != std::string::npos;
    }
    return e;
}

struct Counters {
    int crash_points = 0, runs = 0, searches = 0;
};

size_t count(const fs::path& idx, const std::string& word, Counters& c) {
    ++c.searches;
    return count_matches(idx, word);
}

// Exactly one of the states, never a mix; "" when it matches neither.
std::string which_state(const fs::path& idx, const Expected& old_state, const Expected& new_state, Counters& c) {
    std::set<std::string> paths;
    Xapian::Database db(idx.string());
    for (auto it = db.valuestream_begin(schema::kSlotPath); it != db.valuestream_end(schema::kSlotPath); ++it)
        paths.insert(*it);
    if (db.get_doccount() != paths.size()) return "";  // one path twice
    const size_t walrus = count(idx, "walrus", c), storage = count(idx, "storage", c);
    auto is = [&](const Expected& e) { return paths == e.paths && walrus == e.walrus && storage == e.storage; };
    return is(old_state) ? "old" : is(new_state) ? "new" : "";
}

struct Stub {
    std::string live, previous;
};

Stub read_stub(const fs::path& idx) {
    Stub s;
    std::ifstream in(idx / "XAPIANDB");
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("auto ")) s.live = line.substr(5);
        if (line.starts_with("# previous ")) s.previous = line.substr(11);
    }
    return s;
}

// Only the live and the previous generation are left; when the live one changed since
// `before`, the previous one is what was live then.
void check_generations(const fs::path& idx, const Stub& before) {
    const Stub now = read_stub(idx);
    for (const auto& entry : fs::directory_iterator(idx)) {
        const std::string name = entry.path().filename().string();
        CHECK_MESSAGE((name == "XAPIANDB" || name == "lock" || name == now.live || name == now.previous), name);
    }
    if (!before.live.empty() && now.live != before.live) {
        CHECK(now.previous == before.live);
        CHECK(fs::is_directory(idx / now.previous));
    }
}

struct Scenario {
    std::string name;
    std::vector<std::string> phases;
    std::vector<std::string> flags;      // of the run that is killed
    bool first_run = false;              // no index before it
    bool with_previous = false;          // a previous generation (and so something to clean up)
};

void run_scenario(const Scenario& s, Counters& c) {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index", pristine = tmp / "pristine";
    make_old_vault(vault);
    const Expected old_state = expected_for(vault);
    std::vector<std::string> base{kIndexer, "--vault", vault.string(), "--index", pristine.string(), "-q", "--threads", "2"};
    if (!s.first_run) {
        REQUIRE(run(base, kSmallBatches).exit_code == 0);
        ++c.runs;
        if (s.with_previous) {
            auto full = base;
            full.push_back("--full");
            REQUIRE(run(full, kSmallBatches).exit_code == 0);
            // What crashes leave behind: a generation renamed but never switched to, a shard,
            // an unfinished rebuild, a stub never renamed into place.
            auto crash = kSmallBatches;
            crash["RECALL_CRASH_AT"] = "rename:1";
            REQUIRE(run(full, crash).exit_code == 128 + 9);
            fs::create_directories(pristine / "db-000007-shard1.building");
            fs::create_directories(pristine / "db-000008.building");
            write_file(pristine / "XAPIANDB.tmp", "auto db-000008\n");
            c.runs += 2;
        }
    }
    make_new_vault(vault);
    const Expected new_state = expected_for(vault);

    for (const auto& phase : s.phases) {
        for (int n = 1;; ++n) {
            std::error_code ec;
            fs::remove_all(idx, ec);
            if (fs::exists(pristine)) fs::copy(pristine, idx, fs::copy_options::recursive);
            const Stub before = read_stub(idx);
            std::vector<std::string> argv{kIndexer, "--vault", vault.string(), "--index", idx.string(), "-q", "--threads", "2"};
            argv.insert(argv.end(), s.flags.begin(), s.flags.end());
            auto env = kSmallBatches;
            env["RECALL_CRASH_AT"] = phase + ":" + std::to_string(n);
            const auto killed = run(argv, env);
            ++c.runs;
            if (killed.exit_code == 0) {  // the run passed this phase n-1 times: every point is done
                CHECK_MESSAGE(n > 1, s.name << ": the run never reached " << phase);
                break;
            }
            const std::string point = s.name + " killed at " + phase + ":" + std::to_string(n);
            REQUIRE_MESSAGE(killed.exit_code == 128 + 9, point << ": " << killed.err);
            ++c.crash_points;
            const Stub at_crash = read_stub(idx);

            if (at_crash.live.empty()) {
                CHECK_MESSAGE(s.first_run, point << ": the index is gone");
            } else {
                const std::string state = which_state(idx, old_state, new_state, c);
                CHECK_MESSAGE(state != "", point << ": the index is neither the old nor the new vault");
                if (!s.first_run && at_crash.live != before.live) CHECK_MESSAGE(at_crash.previous == before.live, point);
            }

            const auto next = run({kIndexer, "--vault", vault.string(), "--index", idx.string(), "-q"}, kSmallBatches);
            ++c.runs;
            CHECK_MESSAGE(next.exit_code == 0, point << ": the next run failed: " << next.err);
            CHECK_MESSAGE(which_state(idx, old_state, new_state, c) == "new", point << ": the next run left a wrong index");
            check_generations(idx, at_crash);
        }
    }
}

}  // namespace

TEST_CASE("SIGKILL at every phase boundary: old or new, never a mix, and the next run completes and cleans up") {
    Counters c;
    run_scenario({"incremental run", {"scan", "batch", "commit"}, {}, false, false}, c);
    run_scenario({"incremental run with an old generation to remove", {"cleanup", "scan", "commit"}, {}, false, true}, c);
    run_scenario({"full rebuild",
                  {"scan", "shard-commit", "compact", "commit", "rename", "stub", "cleanup"},
                  {"--full"},
                  false,
                  true},
                 c);
    run_scenario({"first run", {"scan", "shard-commit", "compact", "commit", "rename", "stub"}, {}, true, false}, c);
    MESSAGE("crash points: " << c.crash_points << ", runs: " << c.runs << ", searches: " << c.searches);
    CHECK(c.crash_points >= 30);
}

TEST_CASE("a change of more than half of the index is made as a new generation, not one huge transaction") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    make_old_vault(vault);
    // Four batches of 10 changes: 40 changes are made in place, more (and over half) are not.
    const std::map<std::string, std::string> env{{"XAPIAN_FLUSH_THRESHOLD", "10"}};
    std::vector<std::string> argv{kIndexer, "--vault", vault.string(), "--index", idx.string()};
    REQUIRE(run(argv, env).exit_code == 0);
    const std::string first = read_stub(idx).live;
    for (int i = 0; i < 30; ++i) {
        write_file(note_path(vault, i), meeting_note("Note " + std::to_string(i), "2025-01-01", "Ann Lee", "Walrus."));
        fs::last_write_time(note_path(vault, i), fs::last_write_time(note_path(vault, i)) + std::chrono::seconds(5));
    }
    auto small = run(argv, env);
    CHECK(small.out.find("30 changed") != std::string::npos);
    CHECK(small.out.find("full rebuild") == std::string::npos);
    CHECK(read_stub(idx).live == first);
    for (int i = 0; i < 130; ++i) {
        write_file(note_path(vault, i), meeting_note("Note " + std::to_string(i), "2025-01-01", "Ann Lee", "Walrus, again."));
        fs::last_write_time(note_path(vault, i), fs::last_write_time(note_path(vault, i)) + std::chrono::seconds(9));
    }
    auto large = run(argv, env);
    CHECK(large.exit_code == 0);
    CHECK(large.out.find("(full rebuild: 130 changes, more than half of the index)") != std::string::npos);
    CHECK(read_stub(idx).live != first);
    CHECK(read_stub(idx).previous == first);
    Counters c;
    CHECK(count(idx, "again", c) == 130);
}
