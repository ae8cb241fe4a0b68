#include "recall/vault_scanner.hpp"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

namespace recall {
namespace fs = std::filesystem;
namespace {

bool is_markdown(const std::string& name) {
    auto ends_with_ci = [&](std::string_view ext) {
        if (name.size() <= ext.size()) return false;
        for (size_t i = 0; i < ext.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(name[name.size() - ext.size() + i])) != ext[i]) return false;
        return true;
    };
    return ends_with_ci(".md") || ends_with_ci(".markdown");
}

bool excluded(const std::string& relative, const ScanOptions& options) {
    for (const auto& glob : options.exclude) {
        if (fnmatch(glob.c_str(), relative.c_str(), 0) == 0) return true;
        // A bare name ("Templates") matches that folder or file anywhere.
        const auto slash = relative.rfind('/');
        const std::string base = slash == std::string::npos ? relative : relative.substr(slash + 1);
        if (fnmatch(glob.c_str(), base.c_str(), 0) == 0) return true;
    }
    return false;
}

bool inside(const fs::path& root, const fs::path& p) {
    auto r = root.begin(), q = p.begin();
    for (; r != root.end(); ++r, ++q)
        if (q == p.end() || *r != *q) return false;
    return true;
}

}  // namespace

std::vector<VaultFile> scan_vault(const fs::path& vault, const ScanOptions& options, std::vector<Warning>& warnings) {
    std::vector<VaultFile> files;
    std::error_code ec;
    const fs::path root = fs::canonical(vault, ec);
    if (ec) throw std::runtime_error(vault.string() + ": cannot open vault (" + ec.message() + ")");
    if (!fs::is_directory(root)) throw std::runtime_error(vault.string() + ": not a folder");

    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw std::runtime_error(vault.string() + ": cannot read vault (" + ec.message() + ")");
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            warnings.push_back({vault.string(), 0, "cannot read part of the vault (" + ec.message() + ")"});
            ec.clear();
            continue;
        }
        const fs::path& path = it->path();
        const std::string name = path.filename().string();
        const std::string relative = path.lexically_relative(root).generic_string();
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) {
            warnings.push_back({relative, 0, std::string("cannot read (") + std::strerror(errno) + ")"});
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (name.starts_with('.') || excluded(relative, options)) it.disable_recursion_pending();
            continue;
        }
        if (name.starts_with('.') || !is_markdown(name) || excluded(relative, options)) continue;
        if (S_ISLNK(st.st_mode)) {
            const fs::path target = fs::canonical(path, ec);
            if (ec || !inside(root, target)) {
                warnings.push_back({relative, 0, ec ? "skipped: broken link (" + ec.message() + ")"
                                                    : "skipped: link points out of the vault"});
                ec.clear();
                continue;
            }
            if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        } else if (!S_ISREG(st.st_mode)) {
            continue;
        }
        files.push_back({path, relative, static_cast<std::uintmax_t>(st.st_size),
                         static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec});
    }
    std::sort(files.begin(), files.end(), [](const VaultFile& a, const VaultFile& b) { return a.relative < b.relative; });
    return files;
}

}  // namespace recall
