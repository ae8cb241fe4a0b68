// Several indexes searched as one, local and remote: real recall-index, real `recall
// serve` (xapian-tcpsrv) on 127.0.0.1, real failures.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <chrono>
#include <thread>

#include "recall/core/document_codec.hpp"
#include "recall/core/note_parser.hpp"
#include "support/test_support.hpp"

using namespace recall::test;
namespace fs = std::filesystem;

namespace {

const std::map<std::string, std::string> kEnv{{"NO_COLOR", "1"}, {"XDG_CONFIG_HOME", "/nonexistent-recall-config"}};

int free_port() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(s);
    return ntohs(addr.sin_port);
}

bool accepts(int port) {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(s);
    return ok;
}

// A program listening on a port, stopped at the end of the test.
class Server {
public:
    Server(const std::vector<std::string>& argv, int port) : port_(port), pid_(spawn(argv, kEnv)) {
        for (int i = 0; i < 200 && !accepts(port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
        if (accepts(port)) return;
        kill();
        FAIL(argv.back());
    }
    ~Server() { kill(); }
    void kill() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        wait_for(pid_);
        pid_ = -1;
    }
    std::string spec() const { return "remote:127.0.0.1:" + std::to_string(port_); }

private:
    int port_, pid_;
};

Server serve(const fs::path& index) {
    const int port = free_port();
    return Server({kRecall, "serve", "--index", index.string(), "--port", std::to_string(port)}, port);
}

const std::string kFaults = (kSource / "tests/support/tcp_faults.py").string();

// A generated vault, split by note into two shards, and the three indexes: the whole and
// each shard (with its own vault folder, which a test may move away).
struct ShardedVault {
    TempDir tmp;
    fs::path whole = tmp / "whole", shard[2] = {tmp / "shard0", tmp / "shard1"};
    ShardedVault() {
        const auto gen = run({"/usr/bin/env", "python3", (kSource / "bench/generate_vault.py").string(), "--notes", "400",
                              "--out", (tmp / "gen").string(), "--queries", "0"});
        REQUIRE_MESSAGE(gen.exit_code == 0, gen.err);
        fs::rename(tmp / "gen/vault", whole);
        std::vector<fs::path> notes;
        for (const auto& e : fs::recursive_directory_iterator(whole))
            if (e.is_regular_file()) notes.push_back(e.path());
        std::sort(notes.begin(), notes.end());
        for (size_t i = 0; i < notes.size(); ++i) {
            const fs::path to = shard[i % 2] / notes[i].lexically_relative(whole);
            fs::create_directories(to.parent_path());
            fs::copy_file(notes[i], to);
        }
        for (const auto& vault : {whole, shard[0], shard[1]})
            REQUIRE(index_vault(vault, index(vault), {"--quiet"}).exit_code == 0);
    }
    static fs::path index(const fs::path& vault) { return vault.string() + ".index"; }
};

ShardedVault& sharded() {
    static ShardedVault v;
    return v;
}

std::vector<nlohmann::json> hits(std::vector<std::string> args) {
    std::vector<std::string> argv{kRecall, "--json"};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run(argv, kEnv);
    REQUIRE_MESSAGE(r.exit_code <= 1, r.err);
    std::vector<nlohmann::json> out;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
    return out;
}

// Rank order as (score, path): a tie between two notes may fall either way, since the
// docids differ between one index and several; ties are put in path order.
std::vector<std::string> ranking(const std::vector<nlohmann::json>& found) {
    std::vector<std::pair<double, std::string>> rows;
    for (const auto& h : found) rows.emplace_back(h["score"].get<double>(), h["path"].get<std::string>());
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        if (std::abs(a.first - b.first) > 1e-9) return a.first > b.first;
        return a.second < b.second;
    });
    std::vector<std::string> out;
    for (const auto& [score, path] : rows) out.push_back(path + " " + std::to_string(score));
    return out;
}

const std::vector<std::vector<std::string>> kQueries{
    {"budget", "review"}, {"migration"}, {"customer", "pricing"}, {"planning", "NOT", "budget"}, {"renewal", "--since", "2025-06"}};

std::vector<std::string> local_shards() {
    auto& v = sharded();
    return {"--index", ShardedVault::index(v.shard[0]).string(), "--index", ShardedVault::index(v.shard[1]).string()};
}

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

}  // namespace

TEST_CASE("two local --index give the same top 10, in the same order, as one index of the whole vault") {
    auto& v = sharded();
    for (const auto& q : kQueries) {
        const auto whole = hits(with({"--index", ShardedVault::index(v.whole).string()}, q));
        const auto shards = hits(with(local_shards(), q));
        CAPTURE(q[0]);
        REQUIRE(whole.size() == 10);
        CHECK(ranking(shards) == ranking(whole));
        std::set<std::string> indexes;
        for (const auto& h : shards) {
            indexes.insert(h["index"].get<std::string>());
            // Each hit's absolute path is in its own index's vault.
            CHECK(fs::exists(h["absolute_path"].get<std::string>()));
        }
        CHECK(indexes.size() == 2);
    }
    // Counts and facets over both.
    const auto count = [](std::vector<std::string> args) {
        const auto r = run(with(with({kRecall}, args), {"-c", "budget"}), kEnv);
        return r.out;
    };
    CHECK(count(local_shards()) == count({"--index", ShardedVault::index(v.whole).string()}));
    const auto facets = [](std::vector<std::string> args) {
        return run(with(with({kRecall}, args), {"--facets", "--json", "budget"}), kEnv).out;
    };
    CHECK(facets(local_shards()) == facets({"--index", ShardedVault::index(v.whole).string()}));
}

TEST_CASE("two recall serve shards give the same top 10 as one local index - snippets come from the index") {
    auto& v = sharded();
    Server a = serve(ShardedVault::index(v.shard[0])), b = serve(ShardedVault::index(v.shard[1]));
    const std::vector<std::string> remote{"--index", a.spec(), "--index", b.spec()};
    for (const auto& q : kQueries) {
        CAPTURE(q[0]);
        const auto whole = hits(with({"--index", ShardedVault::index(v.whole).string()}, q));
        const auto served = hits(with(remote, q));
        CHECK(ranking(served) == ranking(whole));
        for (const auto& h : served) CHECK((h["index"] == a.spec() || h["index"] == b.spec()));
    }

    // The vaults moved away: each hit keeps its snippet and line, from the document data.
    std::map<std::string, std::pair<std::string, int>> with_files;
    for (const auto& h : hits(with(remote, {"budget", "review"})))
        with_files[h["path"]] = {h["snippet"], h["line"]};
    for (int i = 0; i < 2; ++i) fs::rename(v.shard[i], v.shard[i].string() + ".away");
    const auto without = hits(with(remote, {"budget", "review"}));
    const auto local_without = hits(with(local_shards(), {"budget", "review"}));
    for (int i = 0; i < 2; ++i) fs::rename(v.shard[i].string() + ".away", v.shard[i]);
    REQUIRE(without.size() == with_files.size());
    for (const auto& h : without) {
        CHECK(!h["snippet"].get<std::string>().empty());
        CHECK(std::make_pair(h["snippet"].get<std::string>(), h["line"].get<int>()) == with_files[h["path"]]);
    }
    CHECK(local_without.size() == without.size());
    for (const auto& h : local_without) CHECK(h["snippet"] == with_files[h["path"]].first);
}

TEST_CASE("a shard that is down, dies mid-search or is too slow is named, exit 2 - --allow-partial goes on without it") {
    auto& v = sharded();
    Server a = serve(ShardedVault::index(v.shard[0])), b = serve(ShardedVault::index(v.shard[1]));
    const auto only_a = hits({"--index", a.spec(), "budget"});
    REQUIRE(!only_a.empty());

    SUBCASE("killed") {
        b.kill();
        const auto r = run({kRecall, "--index", a.spec(), "--index", b.spec(), "budget"}, kEnv);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find("recall: " + b.spec() + ": cannot reach it") == 0);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);

        const auto partial = run({kRecall, "--json", "--allow-partial", "--index", a.spec(), "--index", b.spec(), "budget"}, kEnv);
        CHECK(partial.exit_code == 0);
        CHECK(partial.err.find("recall: warning: leaving out " + b.spec()) == 0);
        CHECK(static_cast<size_t>(std::count(partial.out.begin(), partial.out.end(), '\n')) == only_a.size());
    }
    SUBCASE("dies in the middle of a search") {
        // A proxy in front of shard b that drops the connection once the search has begun
        // (after the client's opening requests) and listens no more.
        for (const bool partial : {false, true}) {
            const int port = free_port();
            const std::string b_port = b.spec().substr(b.spec().rfind(':') + 1);
            Server proxy({"/usr/bin/env", "python3", kFaults, "die-at-query", std::to_string(port), b_port}, port);
            const std::string spec = "remote:127.0.0.1:" + std::to_string(port);
            std::vector<std::string> argv{kRecall, "--json", "--index", a.spec(), "--index", spec, "budget"};
            if (partial) argv.push_back("--allow-partial");
            const auto r = run(argv, kEnv);
            CAPTURE(r.err);
            if (!partial) {
                CHECK(r.exit_code == 2);
                CHECK(r.err.find("recall: " + spec + ": stopped answering during the search") == 0);
            } else {
                CHECK(r.exit_code == 0);
                CHECK(r.err.find("recall: warning: leaving out " + spec + ": stopped answering") == 0);
                CHECK(static_cast<size_t>(std::count(r.out.begin(), r.out.end(), '\n')) == only_a.size());
            }
        }
    }
    SUBCASE("too slow: times out as configured") {
        const int port = free_port();
        Server silent({"/usr/bin/env", "python3", kFaults, "silent", std::to_string(port)}, port);
        const std::string spec = "remote:127.0.0.1:" + std::to_string(port);
        const auto start = std::chrono::steady_clock::now();
        const auto r = run({kRecall, "--timeout", "0.5", "--index", a.spec(), "--index", spec, "budget"}, kEnv);
        const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("recall: " + spec + ": no answer in time") == 0);
        CHECK(seconds < 5);
    }
}

TEST_CASE("recall serve keeps serving across a generation swap: new connections see the new index") {
    TempDir tmp;
    const fs::path vault = tmp / "vault", index = tmp / "index";
    write_file(vault / "a.md", meeting_note("First", "2025-10-01", "Ann Lee", "The quokka plan."));
    REQUIRE(index_vault(vault, index, {"--quiet"}).exit_code == 0);
    Server server = serve(index);
    auto count = [&](const std::string& word) {
        return run({kRecall, "--index", server.spec(), "-c", word}, kEnv).out;
    };
    CHECK(count("quokka") == "1\n");
    CHECK(count("wombat") == "0\n");
    for (int generation = 0; generation < 2; ++generation) {
        write_file(vault / ("b" + std::to_string(generation) + ".md"),
                   meeting_note("Second", "2025-10-02", "Bo Chen", "The wombat plan."));
        REQUIRE(index_vault(vault, index, {"--quiet", "--full"}).exit_code == 0);  // a new generation
        CHECK(count("wombat") == std::to_string(generation + 1) + "\n");
        CHECK(count("quokka") == "1\n");
    }
}

TEST_CASE("ssh:HOST:/path reaches an index through xapian-progsrv - a stub file's remote line works too") {
    auto& v = sharded();
    TempDir tmp;
    // Stands in for ssh: drops "-o BatchMode=yes HOST" and runs the command here.
    const fs::path fake_ssh = tmp / "fake-ssh";
    write_file(fake_ssh, "#!/bin/sh\nshift 3\nexec \"$@\"\n");
    fs::permissions(fake_ssh, fs::perms::owner_all);
    auto env = kEnv;
    env["RECALL_SSH"] = fake_ssh.string();
    const std::string shard1 = ShardedVault::index(v.shard[1]).string();
    const auto r = run({kRecall, "--json", "--index", ShardedVault::index(v.shard[0]).string(), "--index",
                        "ssh:somehost:" + shard1, "budget"},
                       env);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto local = run({kRecall, "--json", "--index", ShardedVault::index(v.shard[0]).string(), "--index", shard1, "budget"}, kEnv);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 10);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == std::count(local.out.begin(), local.out.end(), '\n'));
    CHECK(r.out.find("\"index\":\"ssh:somehost:" + shard1 + "\"") != std::string::npos);

    Server server = serve(shard1);
    const fs::path stub = tmp / "team.stub";
    write_file(stub, "remote 127.0.0.1:" + server.spec().substr(server.spec().rfind(':') + 1) + "\n");
    CHECK(ranking(hits({"--index", stub.string(), "budget"})) == ranking(hits({"--index", shard1, "budget"})));
}

TEST_CASE("indexes: in the config - indexes that disagree on analysis or a bad spec are refused with one line") {
    auto& v = sharded();
    TempDir tmp;
    write_file(tmp / "recall/config.yaml", "indexes:\n  - " + ShardedVault::index(v.shard[0]).string() + "\n  - " +
                                               ShardedVault::index(v.shard[1]).string() + "\n");
    auto env = kEnv;
    env["XDG_CONFIG_HOME"] = tmp.path().string();
    const auto r = run({kRecall, "--json", "migration"}, env);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out == run(with(with({kRecall, "--json"}, local_shards()), {"migration"}), kEnv).out);

    write_file(tmp / "german/n.md", meeting_note("Plan", "2025-10-01", "Ann Lee", "Budget review."));
    write_file(tmp / "german-config/recall/config.yaml", "language: german\n");
    REQUIRE(index_vault(tmp / "german", tmp / "german.index", {"--quiet"},
                        {{"XDG_CONFIG_HOME", (tmp / "german-config").string()}}).exit_code == 0);
    const auto mixed = run({kRecall, "--index", ShardedVault::index(v.shard[0]).string(), "--index",
                            (tmp / "german.index").string(), "budget"},
                           kEnv);
    CHECK(mixed.exit_code == 2);
    CHECK(mixed.err.find((tmp / "german.index").string() + ": built with another language") != std::string::npos);

    for (const std::string bad : {"remote:host", "remote:host:99999", "ssh:host"}) {
        const auto e = run({kRecall, "--index", bad, "--index", "x", "budget"}, kEnv);
        CHECK(e.exit_code == 2);
        CHECK(e.err.find("recall: --index " + bad + ": expected") == 0);
    }
}

TEST_CASE("a note's passages are kept in their slot, out of the document data - damage reads as none") {
    const std::string text = meeting_note("Plan", "2025-10-01", "Ann Lee", "The quokka plan.") +
                             "\n## Open questions\n\nWhich one?\n\n```\ncode\n```\n";
    const recall::Note note = recall::parse_note(text, "a.md");
    std::vector<recall::Passage> shown;  // all but the H1 that is the title
    for (const auto& p : note.passages)
        if (p.section != recall::SectionKind::Title) shown.push_back(p);
    REQUIRE(shown.size() >= 3);
    const std::string slot = recall::encode_passages(note);
    const std::vector<recall::Passage> stored = recall::decode_passages(slot);
    REQUIRE(stored.size() == shown.size());
    for (size_t i = 0; i < shown.size(); ++i) {
        CHECK(stored[i].section == shown[i].section);
        CHECK(stored[i].line == shown[i].line);
        CHECK(stored[i].text == shown[i].text);
        CHECK(stored[i].heading == shown[i].heading);
        CHECK(stored[i].code == shown[i].code);
    }
    CHECK(std::any_of(stored.begin(), stored.end(), [](const recall::Passage& p) { return p.code; }));
    CHECK(std::any_of(stored.begin(), stored.end(), [](const recall::Passage& p) { return p.heading == 2; }));
    // What every listing reads holds none of it.
    const std::string data = recall::encode_document_data(note, recall::schema::FieldTable());
    CHECK(recall::decode_document_data(data, "").title == "Plan");
    CHECK(data.find("quokka") == std::string::npos);
    CHECK(data.find("Which one?") == std::string::npos);
    // A note without passages has no slot value; damage gives no passages, never a wrong one.
    CHECK(recall::encode_passages(recall::parse_note("# Only a title\n", "t.md")).empty());
    CHECK(recall::decode_passages("").empty());
    CHECK(recall::decode_passages(R"({"path":"a.md","title":"Plan"})").empty());
    CHECK(recall::decode_passages(slot.substr(0, slot.size() - 3)).empty());
    std::string flipped = slot;
    flipped[slot.size() / 2] = static_cast<char>(~flipped[slot.size() / 2]);
    CHECK(recall::decode_passages(flipped).empty());
    CHECK(recall::decode_passages("\xff\xff\xff\xff\xff\xff\xff\x7f" + slot.substr(1)).empty());  // claims 2^55 bytes
}
