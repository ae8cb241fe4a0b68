#include "recall/index_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace recall {
namespace fs = std::filesystem;
namespace {

constexpr const char* kStub = "XAPIANDB";
constexpr std::string_view kGenerationPrefix = "db-";
constexpr std::string_view kBuildingSuffix = ".building";

std::string errno_text() { return std::strerror(errno); }

// "db-000007" -> 7; -1 for anything else.
long generation_number(const std::string& name) {
    if (!name.starts_with(kGenerationPrefix)) return -1;
    std::string digits = name.substr(kGenerationPrefix.size());
    if (digits.ends_with(kBuildingSuffix)) digits.resize(digits.size() - kBuildingSuffix.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
    return std::stol(digits);
}

std::string generation_name(long n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "db-%06ld", n);
    return buf;
}

void fsync_path(const fs::path& p, int flags) {
    int fd = ::open(p.c_str(), flags);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace

IndexStore::IndexStore(fs::path folder) : folder_(std::move(folder)) {}

bool IndexStore::exists() const { return live_generation().has_value(); }

std::optional<fs::path> IndexStore::live_generation() const {
    std::ifstream stub(folder_ / kStub);
    std::string backend, name;
    if (!(stub >> backend >> name) || backend != "auto" || generation_number(name) < 0) return std::nullopt;
    if (!fs::is_directory(folder_ / name)) return std::nullopt;
    return folder_ / name;
}

IndexStore::Lock IndexStore::lock() const {
    std::error_code ec;
    fs::create_directories(folder_, ec);
    if (ec) throw std::runtime_error(folder_.string() + ": cannot create index folder (" + ec.message() + ")");
    fs::permissions(folder_, fs::perms::owner_all, fs::perm_options::replace, ec);  // notes are private
    const fs::path path = folder_ / "lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error(path.string() + ": cannot open lock file (" + errno_text() + ")");
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        ::close(fd);
        if (err == EWOULDBLOCK)
            throw IndexBusy(folder_.string() + ": another recall-index is already updating this index");
        throw std::runtime_error(path.string() + ": cannot lock (" + std::strerror(err) + ")");
    }
    return Lock(fd);
}

IndexStore::Lock::~Lock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

fs::path IndexStore::begin_generation() const {
    long highest = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder_, ec))
        highest = std::max(highest, generation_number(entry.path().filename().string()));
    const fs::path building = folder_ / (generation_name(highest + 1) + std::string(kBuildingSuffix));
    fs::remove_all(building, ec);
    return building;
}

fs::path IndexStore::publish(const fs::path& building) const {
    std::string name = building.filename().string();
    name.resize(name.size() - kBuildingSuffix.size());
    const fs::path final_path = folder_ / name;
    fs::rename(building, final_path);
    const fs::path tmp = folder_ / (std::string(kStub) + ".tmp");
    {
        std::ofstream stub(tmp, std::ios::trunc);
        stub << "auto " << name << "\n";
        stub.flush();
        if (!stub) throw std::runtime_error(tmp.string() + ": cannot write (" + errno_text() + ")");
    }
    fsync_path(tmp, O_RDONLY);
    fs::rename(tmp, folder_ / kStub);  // the atomic switch
    fsync_path(folder_, O_RDONLY | O_DIRECTORY);
    return final_path;
}

void IndexStore::remove_stale() const {
    const auto live = live_generation();
    const long live_number = live ? generation_number(live->filename().string()) : -1;
    std::vector<std::pair<long, fs::path>> older;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder_, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with(kGenerationPrefix) && name.ends_with(kBuildingSuffix)) {
            fs::remove_all(entry.path(), ec);  // a rebuild (or one of its shards) that never finished
            continue;
        }
        const long n = generation_number(name);
        if (n >= 0 && n < live_number) older.emplace_back(n, entry.path());
    }
    std::sort(older.begin(), older.end());
    if (!older.empty()) older.pop_back();  // keep the previous generation for readers still on it
    for (const auto& [n, path] : older) fs::remove_all(path, ec);
}

Xapian::Database IndexStore::open_for_reading() const {
    if (!exists()) throw IndexMissing(folder_.string() + ": no index here");
    return Xapian::Database(folder_.string());
}

}  // namespace recall
