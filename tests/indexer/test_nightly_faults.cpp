// What a nightly run meets and nobody watches: unreadable notes, a vault that is gone or
// moves mid-run, mass deletions, a damaged index, links swapped in during a run, odd
// spellings of the vault path, a read-only index folder. Real binaries on temp vaults.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <fstream>

#include "recall/core/schema.hpp"
#include "support/test_support.hpp"

using namespace recall;
using namespace recall::test;
namespace fs = std::filesystem;

namespace {


std::map<std::string, std::string> clean_env(const fs::path& tmp) {
    return {{"XDG_CONFIG_HOME", (tmp / "no-config").string()}, {"XDG_DATA_HOME", (tmp / "data").string()}};
}

// Root reads any file whatever its mode: permission failures need another user. As root,
// this hands the folder to nobody and runs the command as nobody; as anyone else, as is.
std::vector<std::string> as_user(std::vector<std::string> argv, const fs::path& owned) {
    if (::geteuid() != 0) return argv;
    REQUIRE(run({"/bin/chown", "-R", "65534:65534", owned.string()}).exit_code == 0);
    argv.insert(argv.begin(), {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"});
    return argv;
}

size_t doc_count(const fs::path& idx) { return Xapian::Database(idx.string()).get_doccount(); }

size_t lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

void make_notes(const fs::path& folder, int from, int to, const std::string& word = "Storage") {
    for (int i = from; i < to; ++i)
        write_file(folder / ("n" + std::to_string(i) + ".md"),
                   meeting_note("Note " + std::to_string(i), "2025-01-01", "Ann Lee", word + " plans " + std::to_string(i) + "."));
}

// Starts recall-index with RECALL_STOP_AT=<phase>:1 and waits until it has stopped there;
// returns its pid. Its stderr goes to err_file.
int start_stopped_at(const std::string& phase, std::vector<std::string> argv, const fs::path& err_file) {
    std::string command = "exec";
    for (const auto& a : argv) command += " '" + a + "'";
    const int pid = spawn({"/bin/bash", "-c", command + " 2>'" + err_file.string() + "'"},
                          {{"RECALL_STOP_AT", phase + ":1"}});
    int status = 0;
    REQUIRE(::waitpid(pid, &status, WUNTRACED) == pid);
    REQUIRE(WIFSTOPPED(status));
    return pid;
}

int resume(int pid) {
    ::kill(pid, SIGCONT);
    return wait_for(pid);
}

}  // namespace

TEST_CASE("a note or folder that cannot be read is kept and read again on the next run, and the run exits 3") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    for (int i = 1; i <= 3; ++i) write_file(vault / ("n" + std::to_string(i) + ".md"), "# Note " + std::to_string(i) + "\n\nwalrus text\n");
    make_notes(vault / "sub", 0, 4);
    auto user = [&](std::vector<std::string> extra = {}) {
        std::vector<std::string> argv{kIndexer, "--vault", vault.string(), "--index", idx.string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        return run(as_user(argv, tmp.path()), clean_env(tmp.path()));
    };
    REQUIRE(user().exit_code == 0);

    // The issue's steps: change a note, make it unreadable, run, make it readable, run.
    std::ofstream(vault / "n2.md", std::ios::app) << "zeppelin\n";
    fs::permissions(vault / "n2.md", fs::perms::none);
    auto failed = user();
    CHECK(failed.exit_code == 3);
    CHECK(failed.err.find("n2.md: cannot read (Permission denied); kept as the index has it") != std::string::npos);
    CHECK(failed.err.find("1 note or folder could not be read") != std::string::npos);
    CHECK(count_matches(idx, "walrus") == 3);  // the old text of n2 still answers
    fs::permissions(vault / "n2.md", fs::perms::owner_read | fs::perms::owner_write);
    auto healed = user();
    CHECK(healed.exit_code == 0);
    CHECK(healed.out.find("1 changed") != std::string::npos);
    CHECK(user().exit_code == 0);
    CHECK(count_matches(idx, "zeppelin") == 1);

    // A folder that cannot be read: its notes are not deleted, by incremental or full runs.
    fs::permissions(vault / "sub", fs::perms::none);
    for (const std::vector<std::string>& extra : {std::vector<std::string>{}, std::vector<std::string>{"--full"}}) {
        auto partial = user(extra);
        CHECK(partial.exit_code == 3);
        CHECK(partial.err.find("sub: cannot read folder (Permission denied)") != std::string::npos);
        CHECK(count_matches(idx, "storage") == 4);
        CHECK(doc_count(idx) == 7);
    }
    fs::permissions(vault / "sub", fs::perms::owner_all);
    CHECK(user().exit_code == 0);
    CHECK(doc_count(idx) == 7);
}

TEST_CASE("the deletion guard: too many notes gone, or an empty vault, change nothing") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    make_notes(vault / "a", 0, 100);
    REQUIRE(index_vault(vault, idx, {"-q"}).exit_code == 0);

    for (int i = 0; i < 20; ++i) fs::remove(vault / "a" / ("n" + std::to_string(i) + ".md"));
    for (const std::vector<std::string>& extra : {std::vector<std::string>{"-q"}, std::vector<std::string>{"--full", "-q"}}) {
        auto refused = index_vault(vault, idx, extra);
        CHECK(refused.exit_code == 1);
        CHECK(lines(refused.err) == 1);
        CHECK(refused.err.find("20 of the 100 indexed notes are gone from the vault") != std::string::npos);
        CHECK(refused.err.find("--allow-deletions") != std::string::npos);
        CHECK(doc_count(idx) == 100);
    }
    CHECK(index_vault(vault, idx, {"--allow-deletions", "-q"}).exit_code == 0);
    CHECK(doc_count(idx) == 80);

    // Ten notes may always go, whatever the share; the share is configurable.
    for (int i = 20; i < 30; ++i) fs::remove(vault / "a" / ("n" + std::to_string(i) + ".md"));
    CHECK(index_vault(vault, idx, {"-q"}).exit_code == 0);
    CHECK(doc_count(idx) == 70);
    for (int i = 30; i < 45; ++i) fs::remove(vault / "a" / ("n" + std::to_string(i) + ".md"));
    CHECK(index_vault(vault, idx, {"-q"}).exit_code == 1);
    CHECK(index_vault(vault, idx, {"-q", "--max-delete-percent", "25"}).exit_code == 0);
    CHECK(doc_count(idx) == 55);
    write_file(tmp / "config.yaml", "max_delete_percent: 2\n");
    fs::remove(vault / "a/n45.md");
    CHECK(index_vault(vault, idx, {"-q", "--config", (tmp / "config.yaml").string()}).exit_code == 0);  // 1 note
    write_file(tmp / "bad.yaml", "max_delete_percent: lots\n");
    auto bad = index_vault(vault, idx, {"-q", "--config", (tmp / "bad.yaml").string()});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("'max_delete_percent' must be a number from 0 to 100") != std::string::npos);

    // Renamed notes are not deleted ones: a whole folder moved is fine.
    fs::rename(vault / "a", vault / "b");
    auto moved = index_vault(vault, idx);
    CHECK(moved.exit_code == 0);
    CHECK(moved.out.find("54 new, 0 changed, 54 deleted") != std::string::npos);

    // An empty vault (an unmounted disk leaves an empty mount point) is refused, even quiet.
    fs::rename(vault, tmp / "elsewhere");
    fs::create_directory(vault);
    auto empty = index_vault(vault, idx, {"-q"});
    CHECK(empty.exit_code == 1);
    CHECK(lines(empty.err) == 1);
    CHECK(empty.err.find("the vault has no notes (is it mounted?)") != std::string::npos);
    CHECK(doc_count(idx) == 54);
    fs::remove(vault);
    auto missing = index_vault(vault, idx, {"-q"});
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.find("is not a folder that exists") != std::string::npos);
    CHECK(doc_count(idx) == 54);
    fs::create_directory(vault);
    CHECK(index_vault(vault, idx, {"-q", "--allow-deletions"}).exit_code == 0);
    CHECK(doc_count(idx) == 0);

    // A small vault may lose one of its three notes.
    const fs::path small = tmp / "small", small_idx = tmp / "small-index";
    make_notes(small, 0, 3);
    REQUIRE(index_vault(small, small_idx, {"-q"}).exit_code == 0);
    fs::remove(small / "n0.md");
    CHECK(index_vault(small, small_idx, {"-q"}).exit_code == 0);
    CHECK(doc_count(small_idx) == 2);
}

TEST_CASE("a vault that moves, vanishes or is replaced during a run changes nothing") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    make_notes(vault, 0, 50);
    REQUIRE(index_vault(vault, idx, {"-q"}).exit_code == 0);
    make_notes(vault, 50, 60, "Walrus");
    for (const std::vector<std::string>& extra : {std::vector<std::string>{}, std::vector<std::string>{"--full"}}) {
        std::vector<std::string> argv{kIndexer, "--vault", vault.string(), "--index", idx.string(), "-q"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        // Moved away once the scan is done.
        int pid = start_stopped_at("scan", argv, tmp / "err");
        fs::rename(vault, tmp / "vault.gone");
        CHECK(resume(pid) == 1);
        CHECK(read_file(tmp / "err").find("the vault moved, vanished or was replaced during the run") != std::string::npos);
        CHECK(doc_count(idx) == 50);
        fs::rename(tmp / "vault.gone", vault);
        // Replaced by an empty folder, as when a disk is unmounted under its mount point.
        pid = start_stopped_at("scan", argv, tmp / "err");
        fs::rename(vault, tmp / "vault.gone");
        fs::create_directory(vault);
        CHECK(resume(pid) == 1);
        CHECK(doc_count(idx) == 50);
        fs::remove(vault);
        fs::rename(tmp / "vault.gone", vault);
    }
    CHECK(index_vault(vault, idx, {"-q"}).exit_code == 0);
    CHECK(count_matches(idx, "walrus") == 10);
}

TEST_CASE("a damaged index is found at the start of a run and rebuilt, and recall says how to repair it") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index", pristine = tmp / "pristine";
    make_notes(vault, 0, 600);
    REQUIRE(index_vault(vault, pristine, {"-q"}).exit_code == 0);
    for (const char* table : {"postlist", "docdata", "termlist", "position"}) {
        for (const std::vector<std::string>& extra : {std::vector<std::string>{"-q"}, std::vector<std::string>{"--full", "-q"}}) {
            std::error_code ec;
            fs::remove_all(idx, ec);
            fs::copy(pristine, idx, fs::copy_options::recursive);
            const fs::path file = idx / "db-000001" / (std::string(table) + ".glass");
            fs::resize_file(file, fs::file_size(file) / 2);
            if (std::string(table) == "postlist") {
                auto search = run({kRecall, "--index", idx.string(), "storage"});
                CHECK(search.exit_code == 2);
                CHECK(lines(search.err) == 1);
                CHECK(search.err.find("the index is damaged or unreadable") != std::string::npos);
                CHECK(search.err.find("rebuild it with: recall-index --full") != std::string::npos);
            }
            auto healed = index_vault(vault, idx, extra);
            CHECK_MESSAGE(healed.exit_code == 0, table << ": " << healed.err);
            CHECK_MESSAGE(healed.err.find("the index is damaged (DatabaseError") != std::string::npos, table);
            CHECK(lines(healed.err) == 1);
            CHECK(count_matches(idx, "storage") == 600);
            CHECK(index_vault(vault, idx, {"-q"}).err.empty());  // whole again
        }
    }
}

TEST_CASE("links never lead out of the vault, not even when swapped in during a run") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index", outside = tmp / "outside";
    make_notes(vault / "sub", 0, 30);
    write_file(outside / "n0.md", "# Secret\n\nstorage kumquat secret\n");
    write_file(outside / "secret.md", "# Secret\n\nstorage kumquat secret\n");
    // Links to notes inside the vault are notes; a loop of links is not.
    write_file(vault / "inner/target.md", "# Target\n\nquince inside\n");
    fs::create_symlink("../inner/target.md", vault / "sub/relative-link.md");
    fs::create_symlink(vault / "inner/target.md", vault / "absolute-link.md");
    fs::create_symlink("loop-b.md", vault / "loop-a.md");
    fs::create_symlink("loop-a.md", vault / "loop-b.md");
    auto first = index_vault(vault, idx);
    REQUIRE(first.exit_code == 0);
    CHECK(first.err.find("loop-a.md: skipped: a link loop") != std::string::npos);
    CHECK(count_matches(idx, "quince") == 3);
    auto linked = run({kRecall, "--index", idx.string(), "quince"});
    CHECK(linked.out.find("sub/relative-link.md:3\n     quince inside") != std::string::npos);
    CHECK(linked.out.find("absolute-link.md:3\n     quince inside") != std::string::npos);

    // A note replaced by a link to an outside file: recall does not print it, and the next
    // run drops the note.
    fs::remove(vault / "sub/n1.md");
    fs::create_symlink(outside / "secret.md", vault / "sub/n1.md");
    auto search = run({kRecall, "--index", idx.string(), "plans", "-n", "50"});
    CHECK(search.out.find("kumquat") == std::string::npos);
    CHECK(search.out.find("sub/n1.md:1\n     (note file is gone or changed") != std::string::npos);
    auto r = index_vault(vault, idx);
    CHECK(r.err.find("sub/n1.md: skipped: link points out of the vault") != std::string::npos);
    CHECK(count_matches(idx, "kumquat") == 0);

    // Swapped for a link after the scan: the read refuses the link and tries again next run.
    std::vector<std::string> argv{kIndexer, "--vault", vault.string(), "--index", idx.string(), "--full", "-q"};
    int pid = start_stopped_at("scan", argv, tmp / "err");
    fs::remove(vault / "sub/n2.md");
    fs::create_symlink(outside / "secret.md", vault / "sub/n2.md");
    CHECK(resume(pid) == 3);
    CHECK(read_file(tmp / "err").find("sub/n2.md: cannot read: it links out of the vault now") != std::string::npos);
    CHECK(count_matches(idx, "kumquat") == 0);
    // A folder swapped for a link to a folder outside, with a note of the same name.
    pid = start_stopped_at("scan", argv, tmp / "err");
    fs::rename(vault / "sub", tmp / "sub.moved");
    fs::create_directory_symlink(outside, vault / "sub");
    CHECK(resume(pid) == 3);
    CHECK(count_matches(idx, "kumquat") == 0);
    fs::remove(vault / "sub");
    fs::rename(tmp / "sub.moved", vault / "sub");

    // A note replaced, after indexing, by another file (here a hard link to a file outside):
    // recall does not show what the index did not record.
    REQUIRE(index_vault(vault, idx, {"-q", "--allow-deletions"}).exit_code == 0);
    fs::remove(vault / "sub/n3.md");
    fs::create_hard_link(outside / "secret.md", vault / "sub/n3.md");
    search = run({kRecall, "--index", idx.string(), "plans", "-n", "50", "--json"});
    CHECK(search.exit_code == 0);
    CHECK(search.out.find("kumquat") == std::string::npos);
}

TEST_CASE("one vault, one index: however the vault path is spelled, and from inside the vault") {
    TempDir tmp;
    const fs::path vault = tmp / "vault";
    make_notes(vault / "People", 0, 3);
    auto env = clean_env(tmp.path());
    auto in = [&](const fs::path& dir, const std::string& command) {
        return run({"/bin/bash", "-c", "cd '" + dir.string() + "' && exec " + command}, env);
    };
    REQUIRE(in(vault, "'" + kIndexer + "' -q").exit_code == 0);
    auto indexes = [&] {
        return static_cast<size_t>(std::distance(fs::directory_iterator(tmp / "data/recall"), fs::directory_iterator()));
    };
    CHECK(indexes() == 1);
    // From a subfolder, without --vault: the enclosing vault's index.
    auto inside = in(vault / "People", "'" + kIndexer + "'");
    CHECK(inside.exit_code == 0);
    CHECK(inside.out.find("indexed 3 notes: 0 new") != std::string::npos);
    CHECK(indexes() == 1);
    CHECK(in(vault / "People", "'" + kRecall + "' storage --count").out == "3\n");
    // A trailing slash, "..", and a link to the vault all name the same vault.
    fs::create_directory_symlink(vault, tmp / "link");
    for (const std::string& spelling : {vault.string() + "/", (vault / "People/..").string(), (tmp / "link").string()}) {
        auto r = run({kIndexer, "--vault", spelling}, env);
        CHECK_MESSAGE(r.exit_code == 0, spelling << ": " << r.err);
        CHECK(r.out.find("0 new, 0 changed, 0 deleted") != std::string::npos);
    }
    CHECK(indexes() == 1);
    // An Obsidian vault (a .obsidian folder) is found from inside before it has an index.
    make_notes(tmp / "obsidian/Daily", 0, 2);
    fs::create_directories(tmp / "obsidian/.obsidian");
    auto first = in(tmp / "obsidian/Daily", "'" + kIndexer + "'");
    CHECK(first.out.find("indexed 2 notes") != std::string::npos);
    CHECK(fs::exists(tmp / "data/recall" / ("obsidian-" + std::string(schema::content_hash((tmp / "obsidian").string()).substr(0, 8)))));
}

TEST_CASE("a read-only index folder is left read-only, and --threads 3000 is clamped") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    make_notes(vault, 0, 5);
    REQUIRE(index_vault(vault, idx, {"-q"}).exit_code == 0);
    fs::permissions(idx, fs::perms::owner_read | fs::perms::owner_exec, fs::perm_options::replace);
    auto refused = index_vault(vault, idx, {"-q"});
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("the index folder is read-only (mode 0500)") != std::string::npos);
    struct stat st {};
    REQUIRE(::stat(idx.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0500);
    CHECK(count_matches(idx, "storage") == 5);  // still searchable
    fs::permissions(idx, fs::perms::owner_all, fs::perm_options::replace);

    for (const std::vector<std::string>& extra : {std::vector<std::string>{"--threads", "3000"},
                                                  std::vector<std::string>{"--threads", "3000", "--full"}}) {
        auto many = index_vault(vault, idx, extra);
        CHECK_MESSAGE(many.exit_code == 0, many.err);
        CHECK(many.err.find("--threads 3000 is more than this machine can use; using") != std::string::npos);
    }
    CHECK(count_matches(idx, "storage") == 5);
}
