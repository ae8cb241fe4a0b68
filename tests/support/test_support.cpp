#include "test_support.hpp"

#include "recall/core/fields.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace recall::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("recall-test-" + std::to_string(rd()) + std::to_string(::getpid()));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
}

void write_file(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

namespace {

std::vector<std::string> environment_with(const std::map<std::string, std::string>& extra) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        std::string entry = *e;
        const std::string name = entry.substr(0, entry.find('='));
        if (!extra.count(name)) env.push_back(entry);
    }
    for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
    return env;
}

int spawn_with(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env, const fs::path* out,
               const fs::path* err) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out ? out->c_str() : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err ? err->c_str() : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const auto env_strings = environment_with(env);
    std::vector<char*> envp;
    for (const auto& e : env_strings) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
    return pid;
}

}  // namespace

int wait_for(int pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

CommandResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env) {
    TempDir io;
    const fs::path out = io / "out", err = io / "err";
    CommandResult r;
    r.exit_code = wait_for(spawn_with(argv, env, &out, &err));
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

int spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env) {
    return spawn_with(argv, env, nullptr, nullptr);
}

std::string meeting_note(const std::string& title, const std::string& date, const std::string& person,
                         const std::string& summary) {
    std::string slug;
    for (char ch : person) slug.push_back(ch == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    return "---\ntype: \"people\"\ntitle: \"" + title + "\"\ndate: \"" + date + "\"\nperson: \"" + person +
           "\"\nparticipants: [\"" + person + "\", \"Sam Rivera\"]\ntags:\n  - \"type/people\"\n  - \"person/" + slug +
           "\"\n---\n\n# " + title + "\n\n## Summary\n\n" + summary +
           "\n\n## Action Items\n- [ ] Follow up with " + person + " @Sam 📅 " + date +
           " 🔼 #task\n\n## Key Information\n- " + summary + "\n";
}

const std::string kRecall = RECALL_BIN;
const std::string kIndexer = RECALL_INDEX_BIN;
const fs::path kCorpus = RECALL_CORPUS_DIR;
const fs::path kSource = RECALL_SOURCE_DIR;

CommandResult index_vault(const fs::path& vault, const fs::path& idx, std::vector<std::string> extra,
                          std::map<std::string, std::string> env) {
    std::vector<std::string> argv{kIndexer, "--vault", vault.string(), "--index", idx.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    env.emplace("XDG_CONFIG_HOME", (vault.parent_path() / "no-config").string());
    return run(argv, env);
}

size_t count_matches(const fs::path& idx, const std::string& query) {
    auto r = run({kRecall, "--index", idx.string(), query, "--count"});
    if (r.exit_code != 0 && r.exit_code != 1) throw std::runtime_error("recall " + query + ": " + r.err);
    return std::stoul(r.out);
}

std::string filter_term(const std::string& filter, const std::string& value) {
    const schema::FieldTable fields;
    return schema::filter_term(*fields.find_filter(filter), value);
}

CorpusIndex::CorpusIndex()
    : index_(tmp_ / "index"), env_{{"XDG_CONFIG_HOME", (tmp_ / "config").string()}, {"NO_COLOR", "1"}} {
    if (index_vault(kCorpus, index_, {"--quiet"}, env_).exit_code != 0) throw std::runtime_error("cannot index corpus/");
}

std::vector<std::string> CorpusIndex::argv(std::vector<std::string> args) const {
    args.insert(args.begin(), {kRecall, "--index", index_.string()});
    return args;
}

CommandResult CorpusIndex::search(std::vector<std::string> args, std::map<std::string, std::string> env) const {
    env.insert(env_.begin(), env_.end());
    return run(argv(std::move(args)), env);
}

size_t CorpusIndex::count(std::vector<std::string> args) const {
    args.push_back("--count");
    const auto r = search(args);
    if (r.exit_code != 0 && r.exit_code != 1) throw std::runtime_error("recall: " + r.err);
    return std::stoul(r.out);
}

std::vector<nlohmann::json> CorpusIndex::json_hits(std::vector<std::string> args) const {
    args.push_back("--json");
    std::vector<nlohmann::json> hits;
    std::istringstream lines(search(args).out);
    for (std::string line; std::getline(lines, line);) hits.push_back(nlohmann::json::parse(line));
    return hits;
}

const CorpusIndex& corpus_index() {
    static const CorpusIndex index;
    return index;
}

}  // namespace recall::test
