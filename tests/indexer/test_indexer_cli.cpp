// recall-index as a user runs it, on temporary vaults, checked against the Xapian index on disk.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>
#include <xapian.h>

#include <chrono>
#include <thread>

#include "recall/core/index_store.hpp"
#include "recall/core/schema.hpp"
#include "support/test_support.hpp"

using namespace recall;
using namespace recall::test;
namespace fs = std::filesystem;

namespace {


bool has_note(const Xapian::Database& db, const std::string& path) { return db.term_exists(schema::id_term(path)); }

void set_mtime_ahead(const fs::path& p, int seconds) {
    fs::last_write_time(p, fs::last_write_time(p) + std::chrono::seconds(seconds));
}

// How many notes gave `word` to the spelling dictionary (0: none).
Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
    Xapian::TermIterator it = db.spellings_begin();
    it.skip_to(word);
    return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
}

size_t count_with_suffix(const fs::path& folder, const std::string& suffix) {
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(folder)) n += e.path().filename().string().ends_with(suffix);
    return n;
}

}  // namespace

TEST_CASE("indexing follows new, changed, touched, deleted and renamed notes") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    write_file(vault / "People/a.md", meeting_note("Alpha", "2025-10-01", "Ann Lee", "Budget review for the offsite."));
    write_file(vault / "People/b.md", meeting_note("Beta", "2025-10-02", "Bo Chen", "Hiring plan for support."));
    write_file(vault / "c.md", meeting_note("Gamma", "2025-10-03", "Cy Diaz", "Roadmap for the storage connector."));
    write_file(vault / ".obsidian/workspace.md", "not a note");
    write_file(vault / ".trash/old.md", "deleted note");

    auto first = index_vault(vault, idx, {"--quiet"});
    CHECK(first.exit_code == 0);
    CHECK(first.out.empty());  // quiet: nothing on success
    CHECK(first.err.empty());
    {
        Xapian::Database db(idx.string());
        CHECK(db.get_doccount() == 3);
        CHECK(has_note(db, "People/a.md"));
        CHECK_FALSE(has_note(db, ".obsidian/workspace.md"));
        CHECK(db.term_exists(filter_term("person", "ann-lee")));
    }

    write_file(vault / "People/a.md", meeting_note("Alpha", "2025-10-01", "Ann Lee", "Zeppelin budget review."));
    set_mtime_ahead(vault / "People/a.md", 5);
    write_file(vault / "d.md", meeting_note("Delta", "2025-10-04", "Di Ek", "Pricing talk."));
    fs::remove(vault / "People/b.md");
    fs::create_directories(vault / "Archive");
    fs::rename(vault / "c.md", vault / "Archive/c.md");

    auto second = index_vault(vault, idx);
    CHECK(second.exit_code == 0);
    CHECK(second.out.find("indexed 3 notes: 2 new, 1 changed, 2 deleted") != std::string::npos);
    {
        Xapian::Database db(idx.string());
        CHECK(db.get_doccount() == 3);
        CHECK(db.term_exists("Zzeppelin"));
        CHECK_FALSE(has_note(db, "People/b.md"));
        CHECK_FALSE(has_note(db, "c.md"));
        CHECK(has_note(db, "Archive/c.md"));
        CHECK(has_note(db, "d.md"));
        CHECK_FALSE(db.term_exists(filter_term("person", "bo-chen")));
        CHECK(db.term_exists(filter_term("folder", "archive")));
    }

    set_mtime_ahead(vault / "d.md", 10);  // touched, not changed
    auto third = index_vault(vault, idx, {"--verbose"});
    CHECK(third.exit_code == 0);
    CHECK(third.out.find("0 new, 0 changed, 0 deleted") != std::string::npos);
    CHECK(third.out.find("d.md") == std::string::npos);

    auto verbose = index_vault(vault, idx, {"--verbose"});
    CHECK(verbose.out.find("indexed 3 notes: 0 new, 0 changed, 0 deleted") != std::string::npos);
}

TEST_CASE("a second indexer exits at once with code 75 while the index stays searchable") {
    TempDir tmp;
    write_file(tmp / "vault/a.md", meeting_note("Alpha", "2025-10-01", "Ann Lee", "Budget."));
    REQUIRE(index_vault(tmp / "vault", tmp / "index").exit_code == 0);
    IndexStore store(tmp / "index");
    auto lock = store.lock();
    auto busy = index_vault(tmp / "vault", tmp / "index");
    CHECK(busy.exit_code == 75);
    CHECK(busy.err.find("another recall-index is already updating") != std::string::npos);
    // A nightly run that finds another one at work has nothing to mail about.
    auto quiet = index_vault(tmp / "vault", tmp / "index", {"--quiet"});
    CHECK(quiet.exit_code == 75);
    CHECK(quiet.err.empty());
    CHECK(quiet.out.empty());
    CHECK(Xapian::Database((tmp / "index").string()).get_doccount() == 1);
}

TEST_CASE("kill -9 during a full rebuild leaves the old index working and the next run cleans up") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    for (int i = 0; i < 6000; ++i)
        write_file(vault / ("n" + std::to_string(i / 100)) / ("note-" + std::to_string(i) + ".md"),
                   meeting_note("Note " + std::to_string(i), "2025-01-01", "Ann Lee",
                                "Storage connector planning, number " + std::to_string(i) + ", with a long tail of words "
                                "about budgets, hiring, pricing and the roadmap for next year."));
    REQUIRE(index_vault(vault, idx, {"--quiet"}).exit_code == 0);
    write_file(vault / "late.md", meeting_note("Late", "2025-02-02", "Bo Chen", "Walrus sighting."));

    const int pid = spawn({kIndexer, "--vault", vault.string(), "--index", idx.string(), "--full", "--quiet"});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (count_with_suffix(idx, ".building") == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ::kill(pid, SIGKILL);
    REQUIRE(wait_for(pid) == 128 + SIGKILL);
    CHECK(count_with_suffix(idx, ".building") >= 1);  // the unfinished rebuild is still there

    {
        Xapian::Database db(idx.string());  // the old index, whole
        CHECK(db.get_doccount() == 6000);
        CHECK_FALSE(db.term_exists("Zwalrus"));
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query("Zstorag"));
        CHECK(enquire.get_mset(0, 10).get_matches_estimated() > 0);
    }
    auto next = index_vault(vault, idx);
    CHECK(next.exit_code == 0);
    CHECK(next.out.find("1 new") != std::string::npos);
    CHECK(count_with_suffix(idx, ".building") == 0);
    Xapian::Database db(idx.string());
    CHECK(db.get_doccount() == 6001);
    CHECK(db.term_exists("Zwalrus"));
}

TEST_CASE("--full switches to a new generation and keeps the previous one for readers") {
    TempDir tmp;
    write_file(tmp / "vault/a.md", meeting_note("Alpha", "2025-10-01", "Ann Lee", "Budget."));
    REQUIRE(index_vault(tmp / "vault", tmp / "index").exit_code == 0);
    Xapian::Database before((tmp / "index").string());
    for (int run = 0; run < 3; ++run) {
        auto r = index_vault(tmp / "vault", tmp / "index", {"--full"});
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("full rebuild: --full") != std::string::npos);
    }
    size_t generations = 0;
    for (const auto& e : fs::directory_iterator(tmp / "index")) generations += e.path().filename().string().starts_with("db-");
    CHECK(generations == 2);  // live and previous
    CHECK(Xapian::Database((tmp / "index").string()).get_doccount() == 1);
}

TEST_CASE("a vault of damaged notes indexes completely, with a warning naming each problem") {
    TempDir tmp;
    fs::copy(fs::path(RECALL_CORPUS_DIR) / "damaged", tmp / "vault", fs::copy_options::recursive);
    auto r = index_vault(tmp / "vault", tmp / "index");
    CHECK(r.exit_code == 0);
    for (const char* expected :
         {"binary-image.md: skipped: binary content", "malformed-yaml.md:3: malformed YAML",
          "latin1-encoded.md:3: not valid UTF-8", "nul-bytes.md:6: 2 NUL byte(s) removed",
          "misspelled-keys.md:2: frontmatter key 'tpye' read as 'type'", "unclosed-frontmatter.md:1:",
          "wrong-types.md:3: 'title' should be a single value", "date-unreadable.md:3:"})
        CHECK_MESSAGE(r.err.find(expected) != std::string::npos, expected);
    const size_t files = static_cast<size_t>(std::distance(fs::directory_iterator(tmp / "vault"), fs::directory_iterator()));
    CHECK(r.out.find("indexed " + std::to_string(files - 1) + " notes") != std::string::npos);
    Xapian::Database db((tmp / "index").string());
    CHECK(db.term_exists("Zlena"));      // from the mojibake note, repaired
    CHECK(db.term_exists("Zköln"));     // from the Latin-1 note
    CHECK(db.term_exists("ZSretro"));    // malformed YAML title, stemmed, in the title field

    // Warnings are not repeated for notes that did not change.
    auto again = index_vault(tmp / "vault", tmp / "index");
    CHECK(again.err.empty());
}

TEST_CASE("--dry-run lists what would change and writes nothing") {
    TempDir tmp;
    write_file(tmp / "vault/a.md", meeting_note("Alpha", "2025-10-01", "Ann Lee", "Budget."));
    auto r = index_vault(tmp / "vault", tmp / "index", {"--dry-run"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("new      a.md") != std::string::npos);
    CHECK(r.out.find("would index 1 note:") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp / "index"));
}

TEST_CASE("--stats describes the index") {
    TempDir tmp;
    write_file(tmp / "vault/a.md", meeting_note("Alpha", "2024-03-01", "Ann Lee", "Budget."));
    write_file(tmp / "vault/b.md", meeting_note("Beta", "2025-10-02", "Bo Chen", "Hiring."));
    REQUIRE(index_vault(tmp / "vault", tmp / "index").exit_code == 0);
    auto r = index_vault(tmp / "vault", tmp / "index", {"--stats"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("notes     2") != std::string::npos);
    CHECK(r.out.find("people    3") != std::string::npos);  // Ann, Bo and Sam
    CHECK(r.out.find("dates     2024-03-01 .. 2025-10-02") != std::string::npos);
    CHECK(r.out.find("last run  ") != std::string::npos);
    auto missing = index_vault(tmp / "vault", tmp / "nowhere", {"--stats"});
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.find("no index here") != std::string::npos);
}

TEST_CASE("the index is private to its owner") {
    TempDir tmp;
    write_file(tmp / "vault/a.md", meeting_note("Alpha", "2025-10-01", "Ann Lee", "Budget."));
    REQUIRE(index_vault(tmp / "vault", tmp / "index").exit_code == 0);
    struct stat st {};
    REQUIRE(::stat((tmp / "index").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
}

TEST_CASE("settings: config file, environment, errors") {
    TempDir tmp;
    write_file(tmp / "vault/a.md", meeting_note("Alpha", "2025-10-01", "Ann Lee", "Budget."));
    write_file(tmp / "vault/Templates/t.md", meeting_note("Template", "2025-10-01", "Ann Lee", "Template."));
    write_file(tmp / "config/recall/config.yaml",
               "vault: " + (tmp / "vault").string() + "\nindex: " + (tmp / "index").string() + "\nexclude:\n  - Templates\n");
    auto r = run({kIndexer}, {{"XDG_CONFIG_HOME", (tmp / "config").string()}});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("indexed 1 note:") != std::string::npos);

    // --exclude takes one glob per use; what follows it is not swallowed.
    auto excluded = index_vault(tmp / "vault", tmp / "index-x", {"--exclude", "Templates", "--dry-run"});
    CHECK(excluded.exit_code == 0);
    CHECK(excluded.out.find("Templates/t.md") == std::string::npos);
    CHECK(excluded.out.find("new      a.md") != std::string::npos);

    // The environment beats the config file, the command line beats both.
    write_file(tmp / "vault2/b.md", meeting_note("Beta", "2025-10-01", "Bo Chen", "Hiring."));
    auto env = run({kIndexer, "--dry-run"}, {{"XDG_CONFIG_HOME", (tmp / "config").string()},
                                               {"RECALL_VAULT", (tmp / "vault2").string()},
                                               {"RECALL_INDEX", (tmp / "index2").string()}});
    CHECK(env.out.find("new      b.md") != std::string::npos);

    write_file(tmp / "bad/recall/config.yaml", "vault: [unclosed\n");
    auto bad = run({kIndexer}, {{"XDG_CONFIG_HOME", (tmp / "bad").string()}});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find((tmp / "bad/recall/config.yaml").string()) != std::string::npos);
    write_file(tmp / "typo/recall/config.yaml", "vualt: x\n");
    auto typo = run({kIndexer}, {{"XDG_CONFIG_HOME", (tmp / "typo").string()}});
    CHECK(typo.exit_code == 2);
    CHECK(typo.err.find("config.yaml:1: unknown key 'vualt'; did you mean 'vault'?") != std::string::npos);
    write_file(tmp / "twice/recall/config.yaml", "vault: a\nlimit: 5\nvault: b\n");
    auto twice = run({kIndexer}, {{"XDG_CONFIG_HOME", (tmp / "twice").string()}});
    CHECK(twice.exit_code == 2);
    CHECK(twice.err.find("config.yaml:3: 'vault' is given twice") != std::string::npos);

    // An index belongs to one vault.
    auto other = index_vault(tmp / "vault2", tmp / "index");
    CHECK(other.exit_code == 1);
    CHECK(other.err.find("belongs to the vault") != std::string::npos);
    // The vault may be given as an argument, as rg and du take a path.
    auto positional = run({kIndexer, (tmp / "vault2").string(), "--index", (tmp / "index4").string()});
    CHECK(positional.exit_code == 0);
    CHECK(positional.out.find("indexed 1 note:") != std::string::npos);
    auto both = run({kIndexer, (tmp / "vault2").string(), "--vault", (tmp / "vault2").string()});
    CHECK(both.exit_code == 2);
    auto missing_vault = index_vault(tmp / "no-such-vault", tmp / "index3");
    CHECK(missing_vault.exit_code == 1);
    CHECK(missing_vault.err.find("no-such-vault") != std::string::npos);
}

TEST_CASE("--help teaches and --version answers") {
    auto help = run({kIndexer, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--full") != std::string::npos);
    CHECK(help.out.find("75") != std::string::npos);
    auto version = run({kIndexer, "--version"});
    CHECK(version.out.find("recall-index 0.") != std::string::npos);
    auto bad = run({kIndexer, "--no-such-option"});
    CHECK(bad.exit_code != 0);
}

TEST_CASE("the spelling dictionary counts every note, across batches, shards and an incremental run") {
    // Shards commit every 250 notes and the words wait for the last commit: none may be lost.
    TempDir tmp;
    const fs::path vault = tmp / "vault", idx = tmp / "index";
    auto write_notes = [&](int from, int to) {
        for (int i = from; i < to; ++i)
            write_file(vault / ("n" + std::to_string(i) + ".md"),
                       meeting_note("Zeppelin " + std::to_string(i), "2025-10-01", "Ann Lee",
                                    i % 2 ? "Budget review." : "Quokka budget review."));
    };
    write_notes(0, 700);
    REQUIRE(index_vault(vault, idx, {"--quiet", "--full", "--threads", "2"}).exit_code == 0);
    {
        Xapian::Database db(idx.string());
        CHECK(spelling_frequency(db, "zeppelin") == 700);
        CHECK(spelling_frequency(db, "quokka") == 350);
    }
    write_notes(700, 1000);
    REQUIRE(index_vault(vault, idx, {"--quiet"}).exit_code == 0);
    Xapian::Database db(idx.string());
    CHECK(db.get_doccount() == 1000);
    CHECK(spelling_frequency(db, "zeppelin") == 1000);
    CHECK(spelling_frequency(db, "quokka") == 500);
}
