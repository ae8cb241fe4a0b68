#include "recall/core/index_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include "recall/core/crash_point.hpp"
#include "recall/core/schema.hpp"

namespace recall {
namespace fs = std::filesystem;
namespace {

constexpr const char* kStub = "XAPIANDB";
constexpr std::string_view kStubTemp = "XAPIANDB.tmp";
constexpr std::string_view kGenerationPrefix = "db-";
constexpr std::string_view kBuildingSuffix = ".building";
constexpr std::string_view kPreviousComment = "# previous ";
// Documents the damage check reads, spread evenly over the docid range.
constexpr Xapian::docid kDamageSample = 256;

std::string errno_text() { return std::strerror(errno); }

// "db-000007" -> 7; -1 for anything else (a ".building" folder or shard included).
long generation_number(const std::string& name) {
    if (!name.starts_with(kGenerationPrefix)) return -1;
    const std::string digits = name.substr(kGenerationPrefix.size());
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

IndexStore::Stub IndexStore::read_stub() const {
    Stub stub;
    std::ifstream in(folder_ / kStub);
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with(kPreviousComment)) {
            stub.previous = line.substr(kPreviousComment.size());
        } else if (line.starts_with("auto ")) {
            if (!stub.live.empty()) return {};  // several databases: not a stub of ours
            stub.live = line.substr(5);
        }
    }
    if (generation_number(stub.live) < 0) return {};
    if (generation_number(stub.previous) < 0) stub.previous.clear();
    return stub;
}

bool IndexStore::exists() const { return live_generation().has_value(); }

std::optional<fs::path> IndexStore::live_generation() const {
    const Stub stub = read_stub();
    if (stub.live.empty() || !fs::is_directory(folder_ / stub.live)) return std::nullopt;
    return folder_ / stub.live;
}

IndexStore::Lock IndexStore::lock() const {
    std::error_code ec;
    if (fs::create_directories(folder_, ec)) {
        fs::permissions(folder_, fs::perms::owner_all, fs::perm_options::replace, ec);  // notes are private
    } else if (ec) {
        throw std::runtime_error(folder_.string() + ": cannot create index folder (" + ec.message() + ")");
    }
    struct stat st {};
    if (::stat(folder_.c_str(), &st) == 0 && !(st.st_mode & S_IWUSR)) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        throw std::runtime_error(folder_.string() + ": the index folder is read-only (mode " + mode +
                                 "); recall-index leaves it so. Make it writable (chmod u+w) to update the index");
    }
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
    for (const auto& entry : fs::directory_iterator(folder_, ec)) {
        std::string name = entry.path().filename().string();
        name = name.substr(0, name.find('.'));  // db-000008.building, db-000008-shard0.building
        name = name.substr(0, name.find("-shard"));
        highest = std::max(highest, generation_number(name));
    }
    const fs::path building = folder_ / (generation_name(highest + 1) + std::string(kBuildingSuffix));
    fs::remove_all(building, ec);
    return building;
}

fs::path IndexStore::publish(const fs::path& building) const {
    std::string name = building.filename().string();
    name.resize(name.size() - kBuildingSuffix.size());
    const fs::path final_path = folder_ / name;
    const Stub before = read_stub();
    fs::rename(building, final_path);
    crash_point("rename");
    const fs::path tmp = folder_ / kStubTemp;
    {
        std::ofstream stub(tmp, std::ios::trunc);
        stub << "auto " << name << "\n";  // the live one first: scripts read the stub's second word
        if (!before.live.empty()) stub << kPreviousComment << before.live << "\n";
        stub.flush();
        if (!stub) throw std::runtime_error(tmp.string() + ": cannot write (" + errno_text() + ")");
    }
    fsync_path(tmp, O_RDONLY);
    fs::rename(tmp, folder_ / kStub);  // the atomic switch, of the live and the previous name at once
    fsync_path(folder_, O_RDONLY | O_DIRECTORY);
    crash_point("stub");
    return final_path;
}

void IndexStore::remove_stale() const {
    const Stub stub = read_stub();
    std::string previous = stub.previous;
    if (previous.empty() && !stub.live.empty()) {
        // A stub written before the previous generation was named in it: the newest older one.
        long best = -1;
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(folder_, ec)) {
            const long n = generation_number(entry.path().filename().string());
            if (n >= 0 && n < generation_number(stub.live) && n > best) best = n;
        }
        if (best >= 0) previous = generation_name(best);
    }
    std::vector<fs::path> stale;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder_, ec)) {
        const std::string name = entry.path().filename().string();
        if ((name.starts_with(kGenerationPrefix) && name != stub.live && name != previous) || name == kStubTemp)
            stale.push_back(entry.path());
    }
    std::sort(stale.begin(), stale.end());
    for (const auto& path : stale) {
        fs::remove_all(path, ec);
        crash_point("cleanup");
    }
}

Xapian::Database IndexStore::open_for_reading() const {
    if (!exists()) throw IndexMissing(folder_.string() + ": no index here");
    return Xapian::Database(folder_.string());
}

std::optional<std::string> IndexStore::damage() const {
    try {
        const auto live = live_generation();
        if (!live) return std::string("no index here");
        const Xapian::Database db(live->string());
        (void)db.get_metadata(std::string(schema::kMetaSchemaVersion));
        const Xapian::docid last = db.get_lastdocid();
        const Xapian::docid step = std::max<Xapian::docid>(1, last / kDamageSample);
        for (Xapian::docid did = 1; did <= last; did += step) {
            Xapian::Document doc;
            try {
                doc = db.get_document(did);
            } catch (const Xapian::DocNotFoundError&) {
                continue;  // deleted
            }
            (void)doc.get_data();
            for (auto v = doc.values_begin(); v != doc.values_end(); ++v) (void)*v;
            (void)db.get_doclength(did);
            // Every term of the document; the positions and postings of one of them. (The
            // database's termlist, not the document's, which reads every term's positions.)
            const Xapian::termcount pick = did % std::max<Xapian::termcount>(1, db.get_unique_terms(did));
            Xapian::termcount n = 0;
            for (auto t = db.termlist_begin(did); t != db.termlist_end(did); ++t, ++n) {
                if (n != pick) continue;
                for (auto p = db.positionlist_begin(did, *t); p != db.positionlist_end(did, *t); ++p) (void)*p;
                (void)db.get_termfreq(*t);
            }
        }
        return std::nullopt;
    } catch (const Xapian::Error& e) {
        return e.get_description();
    }
}

IndexMetadata IndexStore::read_metadata(const Xapian::Database& db) {
    IndexMetadata m;
    m.schema_version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
    m.vault = db.get_metadata(std::string(schema::kMetaVault));
    m.last_run = db.get_metadata(std::string(schema::kMetaLastRun));
    try {
        m.profile = AnalysisProfile::from_json(db.get_metadata(std::string(schema::kMetaAnalysis)));
    } catch (const AnalysisError&) {
    }
    try {
        m.fields = schema::declared_fields_from_json(db.get_metadata(std::string(schema::kMetaFields)));
    } catch (const schema::SchemaError&) {
    }
    return m;
}

void IndexStore::write_metadata(Xapian::WritableDatabase& db, const IndexMetadata& m) {
    db.set_metadata(std::string(schema::kMetaSchemaVersion), m.schema_version);
    db.set_metadata(std::string(schema::kMetaVault), m.vault);
    if (m.profile) db.set_metadata(std::string(schema::kMetaAnalysis), m.profile->to_json());
    if (m.fields) db.set_metadata(std::string(schema::kMetaFields), schema::declared_fields_json(*m.fields));
    db.set_metadata(std::string(schema::kMetaLastRun), m.last_run);
}

std::optional<std::string> IndexStore::outdated(const IndexMetadata& m) {
    if (m.schema_version == schema::kSchemaVersion && m.profile && m.fields) return std::nullopt;
    return "the index was built by another version of recall (index format " +
           (m.schema_version.empty() ? std::string("unknown") : m.schema_version) + ", this recall reads " +
           std::string(schema::kSchemaVersion) + ")";
}

}  // namespace recall
