// Crashes, full disks, concurrent searches and hostile files, with the real binaries.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "recall/core/schema.hpp"
#include "support/test_support.hpp"

using namespace recall::test;
namespace fs = std::filesystem;

namespace {


void make_vault(const fs::path& vault, int notes, const std::string& extra = "") {
    for (int i = 0; i < notes; ++i)
        write_file(vault / ("f" + std::to_string(i % 20)) / ("note-" + std::to_string(i) + ".md"),
                   meeting_note("Note " + std::to_string(i), "2025-01-01", "Ann Lee",
                                "Storage planning number " + std::to_string(i) + " with budgets and hiring." + extra));
}

// Starts the indexer, kills it with SIGKILL after the delay; false if it had finished.
bool kill_after(const std::vector<std::string>& argv, std::chrono::milliseconds delay) {
    const int pid = spawn(argv);
    std::this_thread::sleep_for(delay);
    const bool running = ::kill(pid, SIGKILL) == 0;
    const int code = wait_for(pid);
    return running && code == 128 + SIGKILL;
}

}  // namespace

TEST_CASE("SIGKILL at many points of a full rebuild: the old index answers, the next run is correct") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    make_vault(vault, 3000);
    REQUIRE(index_vault(vault, idx, {"-q"}).exit_code == 0);
    int kills = 0;
    for (int delay : {1, 5, 15, 40, 80, 150, 250, 400, 600, 900}) {
        if (kill_after({kIndexer, "--vault", vault.string(), "--index", idx.string(), "--full", "-q"},
                       std::chrono::milliseconds(delay)))
            ++kills;
        CHECK_MESSAGE(count_matches(idx, "storage") == 3000, "after a kill at " << delay << " ms");
    }
    MESSAGE("full rebuild: " << kills << " kills survived");
    CHECK(kills >= 5);
    auto next = index_vault(vault, idx, {"--full"});
    CHECK(next.exit_code == 0);
    CHECK(count_matches(idx, "storage") == 3000);
    for (const auto& e : fs::directory_iterator(idx)) CHECK(e.path().extension() != ".building");
}

TEST_CASE("SIGKILL at many points of an incremental run: every state searchable, the next run is correct") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    make_vault(vault, 3000);
    REQUIRE(index_vault(vault, idx, {"-q"}).exit_code == 0);
    // Change 1,000 notes, add 200, delete 100.
    for (int i = 0; i < 1000; ++i) {
        const fs::path p = vault / ("f" + std::to_string(i % 20)) / ("note-" + std::to_string(i) + ".md");
        write_file(p, meeting_note("Note " + std::to_string(i), "2025-01-01", "Ann Lee", "Walrus migration plans."));
        fs::last_write_time(p, fs::last_write_time(p) + std::chrono::seconds(10));
    }
    for (int i = 3000; i < 3200; ++i)
        write_file(vault / "new" / ("note-" + std::to_string(i) + ".md"),
                   meeting_note("New " + std::to_string(i), "2025-02-01", "Bo Chen", "Walrus arrivals."));
    for (int i = 2900; i < 3000; ++i) fs::remove(vault / ("f" + std::to_string(i % 20)) / ("note-" + std::to_string(i) + ".md"));

    int kills = 0;
    for (int delay : {1, 5, 15, 40, 80, 150, 300, 500}) {
        if (kill_after({kIndexer, "--vault", vault.string(), "--index", idx.string(), "-q"}, std::chrono::milliseconds(delay)))
            ++kills;
        Xapian::Database db(idx.string());  // opens: never a broken index
        CHECK(db.get_doccount() >= 2900);
        CHECK(db.get_doccount() <= 3200);
        CHECK(count_matches(idx, "budgets") > 0);
    }
    MESSAGE("incremental run: " << kills << " kills survived");
    CHECK(kills >= 3);
    auto next = index_vault(vault, idx);
    CHECK(next.exit_code == 0);
    CHECK(count_matches(idx, "walrus") == 1200);         // 1,000 changed and 200 new
    CHECK(count_matches(idx, "storage") == 1900);        // 3,000 - 1,000 changed - 100 deleted
    CHECK(Xapian::Database(idx.string()).get_doccount() == 3100);
}

TEST_CASE("a full disk fails the run with a clear message and keeps the previous index") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    make_vault(vault, 2000);
    REQUIRE(index_vault(vault, idx, {"-q"}).exit_code == 0);
    write_file(vault / "late.md", meeting_note("Late", "2025-02-02", "Bo Chen", "Walrus sighting."));
    // A 64 KB file-size limit: the new generation cannot be written.
    const std::string command = "ulimit -f 64; exec '" + kIndexer + "' --vault '" + vault.string() + "' --index '" +
                                idx.string() + "' --full --quiet";
    auto full = run({"/bin/bash", "-c", command});
    CHECK(full.exit_code == 1);
    CHECK(full.err.find("File too large") != std::string::npos);
    CHECK(full.err.find("the previous index is unchanged") != std::string::npos);
    CHECK(std::count(full.err.begin(), full.err.end(), '\n') == 1);  // one line
    CHECK(count_matches(idx, "storage") == 2000);
    CHECK(count_matches(idx, "walrus") == 0);
    for (const auto& e : fs::directory_iterator(idx)) CHECK(e.path().extension() != ".building");
    auto next = index_vault(vault, idx, {"-q"});
    CHECK(next.exit_code == 0);
    CHECK(count_matches(idx, "walrus") == 1);
}

TEST_CASE("searches during full and incremental runs all succeed") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    make_vault(vault, 2500);
    REQUIRE(index_vault(vault, idx, {"-q"}).exit_code == 0);
    int searches = 0, failures = 0;
    auto search_while = [&](int pid) {
        for (int i = 0; i < 300 && (i < 5 || ::kill(pid, 0) == 0); ++i, ++searches) {
            auto r = run({kRecall, "--index", idx.string(), "storage", "budgets", "--count"});
            if (r.exit_code != 0 || r.out != "2500\n") ++failures;
        }
        CHECK(wait_for(pid) == 0);
    };
    search_while(spawn({kIndexer, "--vault", vault.string(), "--index", idx.string(), "--full", "-q"}));
    for (int i = 0; i < 2500; i += 3) {
        const fs::path p = vault / ("f" + std::to_string(i % 20)) / ("note-" + std::to_string(i) + ".md");
        write_file(p, meeting_note("Note " + std::to_string(i), "2025-01-01", "Ann Lee", "Storage budgets, revised."));
        fs::last_write_time(p, fs::last_write_time(p) + std::chrono::seconds(10));
    }
    search_while(spawn({kIndexer, "--vault", vault.string(), "--index", idx.string(), "-q"}));
    MESSAGE("searches during rebuilds: " << searches << " run, " << failures << " failed");
    CHECK(searches >= 10);
    CHECK(failures == 0);
}

TEST_CASE("hostile and broken files: each is skipped or indexed with a warning, and the run goes on") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    write_file(vault / "ok.md", meeting_note("Fine", "2025-01-01", "Ann Lee", "Ordinary storage note."));
    // A folder link back to the vault (a loop) and a file link out of it.
    fs::create_directory_symlink(vault, vault / "loop");
    write_file(tmp / "outside.md", "# Secret\n\nNot in the vault.\n");
    fs::create_symlink(tmp / "outside.md", vault / "outside-link.md");
    fs::create_symlink(vault / "ok.md", vault / "inside-link.md");
    fs::create_symlink(tmp / "missing.md", vault / "broken-link.md");
    // A named pipe with a note's name would block a reader forever.
    REQUIRE(::mkfifo((vault / "pipe.md").c_str(), 0600) == 0);
    // Escape sequences in a file name.
    write_file(vault / "evil\x1b[31mname.md", "# Evil name\n\nStorage.\n");
    // Deep nesting, a 10 MB line, a 100,000-line note, NUL bytes, binary, empty.
    std::string nested;
    for (int i = 0; i < 3000; ++i) nested += std::string(static_cast<size_t>(i % 200) * 2, ' ') + "- level " + std::to_string(i) + "\n";
    write_file(vault / "nested.md", "# Nested\n\n" + nested + "\nstorage\n");
    std::string long_line = "# Long line\n\n";
    while (long_line.size() < 10'000'000) long_line += "storage capacity planning words ";
    write_file(vault / "long-line.md", long_line + "\n");
    std::string many_lines = "# Many lines\n\n";
    for (int i = 0; i < 100'000; ++i) many_lines += "line " + std::to_string(i) + " storage\n";
    write_file(vault / "many-lines.md", many_lines);
    write_file(vault / "nul.md", std::string("# NUL\n\nstor\0age here\n", 21));
    write_file(vault / "binary.md", std::string("\x7F" "ELF\x02\x01\x01\0\0\0\0\0", 12) + std::string(4000, '\0'));
    write_file(vault / "empty.md", "");
    write_file(vault / "huge.md", std::string(17u << 20, 'x'));

    auto r = index_vault(vault, idx);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("outside-link.md: skipped: link points out of the vault") != std::string::npos);
    CHECK(r.err.find("broken-link.md: skipped: broken link") != std::string::npos);
    CHECK(r.err.find("binary.md: skipped: binary content") != std::string::npos);
    CHECK(r.err.find("huge.md: skipped: 17825792 bytes is over the limit") != std::string::npos);
    CHECK(r.err.find("nul.md:3: 1 NUL byte(s) removed") != std::string::npos);
    CHECK(r.err.find('\x1b') == std::string::npos);
    Xapian::Database db(idx.string());
    for (const char* path : {"ok.md", "inside-link.md", "nested.md", "long-line.md", "many-lines.md", "nul.md", "empty.md",
                             "evil\x1b[31mname.md"})
        CHECK_MESSAGE(db.term_exists(recall::schema::id_term(path)), path);
    CHECK_FALSE(db.term_exists(recall::schema::id_term("outside-link.md")));
    CHECK_FALSE(db.term_exists(recall::schema::id_term("pipe.md")));
    CHECK_FALSE(db.term_exists(recall::schema::id_term("loop/ok.md")));

    auto listing = run({kRecall, "--index", idx.string(), "storage", "-n", "20", "--color=always"});
    CHECK(listing.exit_code == 0);
    CHECK(listing.out.find("evil^[[31mname.md") != std::string::npos);
    auto files = run({kRecall, "--index", idx.string(), "evil", "-l"});
    CHECK(files.out.find('\x1b') == std::string::npos);
}

TEST_CASE("every file of the index is private to its owner") {
    TempDir tmp;
    make_vault(tmp / "vault", 20);
    ::umask(022);  // a permissive umask, as many users have
    REQUIRE(index_vault(tmp / "vault", tmp / "index", {"-q"}).exit_code == 0);
    for (const auto& e : fs::recursive_directory_iterator(tmp / "index")) {
        struct stat st {};
        REQUIRE(::stat(e.path().c_str(), &st) == 0);
        CHECK_MESSAGE((st.st_mode & 077) == 0, e.path().string());
    }
}
