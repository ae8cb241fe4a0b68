#include "recall/indexer/vault_scanner.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

namespace recall {
namespace fs = std::filesystem;
namespace {

// Folders deeper than this are not read: each level holds a descriptor open while its
// subfolders are scanned.
constexpr int kMaxDepth = 200;

bool is_markdown(const std::string& name) {
    auto ends_with_ci = [&](std::string_view ext) {
        if (name.size() <= ext.size()) return false;
        for (size_t i = 0; i < ext.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(name[name.size() - ext.size() + i])) != ext[i]) return false;
        return true;
    };
    return ends_with_ci(".md") || ends_with_ci(".markdown");
}

bool excluded(const std::string& relative, const std::string& name, const ScanOptions& options) {
    for (const auto& glob : options.exclude) {
        if (fnmatch(glob.c_str(), relative.c_str(), 0) == 0) return true;
        // A bare name ("Templates") matches that folder or file anywhere.
        if (fnmatch(glob.c_str(), name.c_str(), 0) == 0) return true;
    }
    return false;
}

std::string error_text(int error) { return std::strerror(error); }

class Scanner {
public:
    Scanner(const VaultRoot& root, const ScanOptions& options) : root_(root), options_(options) {}

    VaultScan run() {
        const int fd = ::dup(root_.fd());
        if (fd < 0) throw std::runtime_error(root_.path().string() + ": cannot read vault (" + error_text(errno) + ")");
        folder(fd, "", 0);
        std::sort(out_.files.begin(), out_.files.end(),
                  [](const VaultFile& a, const VaultFile& b) { return a.relative < b.relative; });
        return std::move(out_);
    }

private:
    void unreadable(const std::string& relative, const std::string& what, int error) {
        out_.unreadable.push_back(relative);
        out_.warnings.push_back({relative.empty() ? root_.path().string() : relative, 0,
                                 "cannot read " + what + " (" + error_text(error) +
                                     "); what the index holds of it is kept, and it is tried again next run"});
    }

    // Reads one folder (fd is consumed) and, depth first, the folders below it.
    void folder(int fd, const std::string& relative, int depth) {
        DIR* dir = ::fdopendir(fd);
        if (!dir) {
            const int error = errno;
            ::close(fd);
            unreadable(relative, "folder", error);
            return;
        }
        const std::string prefix = relative.empty() ? "" : relative + "/";
        while (true) {
            errno = 0;
            const dirent* entry = ::readdir(dir);
            if (!entry) {
                if (errno != 0) unreadable(relative, "all of the folder", errno);
                break;
            }
            const std::string name = entry->d_name;
            if (name == "." || name == "..") continue;
            const std::string path = prefix + name;
            struct stat st {};
            if (::fstatat(::dirfd(dir), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
                if (errno != ENOENT) unreadable(path, "", errno);  // ENOENT: deleted since readdir
                continue;
            }
            if (S_ISDIR(st.st_mode)) {
                if (name.starts_with('.') || excluded(path, name, options_)) continue;
                if (depth + 1 >= kMaxDepth) {
                    out_.warnings.push_back({path, 0, "skipped: folders nested more than " + std::to_string(kMaxDepth) +
                                                          " deep are not read"});
                    continue;
                }
                const int sub = ::openat(::dirfd(dir), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (sub < 0) {
                    if (errno != ENOENT && errno != ELOOP && errno != ENOTDIR) unreadable(path, "folder", errno);
                    continue;
                }
                folder(sub, path, depth + 1);
                continue;
            }
            if (name.starts_with('.') || !is_markdown(name) || excluded(path, name, options_)) continue;
            if (S_ISLNK(st.st_mode)) {
                link(path);
            } else if (S_ISREG(st.st_mode)) {
                add(path, st);
            }
        }
        ::closedir(dir);
    }

    // A note that is a link: followed when it leads to a note inside the vault.
    void link(const std::string& path) {
        const int fd = root_.open_file(path);
        if (fd < 0) {
            const int error = errno;
            std::error_code ec;
            if (error == ENOENT || (error == EXDEV && !fs::exists(root_.path() / path, ec)))
                out_.warnings.push_back({path, 0, "skipped: broken link"});
            else if (error == EXDEV) out_.warnings.push_back({path, 0, "skipped: link points out of the vault"});
            else if (error == ELOOP) out_.warnings.push_back({path, 0, "skipped: a link loop, or a link to a folder link"});
            else unreadable(path, "link", error);
            return;
        }
        struct stat st {};
        const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
        ::close(fd);
        if (regular) add(path, st);
    }

    void add(const std::string& relative, const struct stat& st) {
        out_.files.push_back({root_.path() / relative, relative, static_cast<std::uintmax_t>(st.st_size),
                              static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec});
    }

    const VaultRoot& root_;
    const ScanOptions& options_;
    VaultScan out_;
};

}  // namespace

VaultScan scan_vault(const VaultRoot& root, const ScanOptions& options) { return Scanner(root, options).run(); }

std::vector<VaultFile> scan_vault(const fs::path& vault, const ScanOptions& options, std::vector<Warning>& warnings) {
    const VaultRoot root(vault);
    VaultScan scan = scan_vault(root, options);
    warnings.insert(warnings.end(), scan.warnings.begin(), scan.warnings.end());
    return std::move(scan.files);
}

bool under_any(const std::string& relative, const std::vector<std::string>& unreadable) {
    return std::any_of(unreadable.begin(), unreadable.end(), [&](const std::string& u) {
        return u.empty() || relative == u || (relative.starts_with(u) && relative[u.size()] == '/');
    });
}

}  // namespace recall
