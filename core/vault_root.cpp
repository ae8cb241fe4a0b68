#include "recall/core/vault_root.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace recall {
namespace fs = std::filesystem;
namespace {

// Links followed one after the other before giving up, as the kernel does (it allows 40).
constexpr int kMaxHops = 8;

}  // namespace

VaultRoot::VaultRoot(fs::path folder) : path_(std::move(folder)) {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0)
        throw std::runtime_error(path_.string() + ": cannot open vault (" +
                                 (errno == ENOTDIR ? std::string("not a folder") : std::strerror(errno)) + ")");
    std::error_code ec;
    canonical_ = fs::canonical(path_, ec);
    if (ec) canonical_ = path_;
}

VaultRoot::~VaultRoot() {
    if (fd_ >= 0) ::close(fd_);
}

int VaultRoot::open_file(std::string_view relative) const { return open_file(relative, 0); }

int VaultRoot::open_file(std::string_view relative, int hops) const {
    const std::string whole(relative);
    int dir = fd_;
    auto close_dir = [&] {
        if (dir != fd_) ::close(dir);
    };
    while (true) {
        const size_t slash = relative.find('/');
        const std::string name(relative.substr(0, slash));
        if (name.empty() || name == "." || name == "..") {
            close_dir();
            errno = EINVAL;
            return -1;
        }
        const bool last = slash == std::string_view::npos;
        const int flags = (last ? O_RDONLY | O_NONBLOCK : O_RDONLY | O_DIRECTORY) | O_NOFOLLOW | O_CLOEXEC;
        const int next = ::openat(dir, name.c_str(), flags);
        int saved = errno;
        if (next < 0 && last && saved == ELOOP && hops < kMaxHops) {
            // The note is a link: followed if it leads to another place in the vault.
            char target[4096];
            const ssize_t n = ::readlinkat(dir, name.c_str(), target, sizeof target - 1);
            close_dir();
            if (n < 0) return -1;
            const std::string inside = resolve(fs::path(whole).parent_path(), std::string(target, static_cast<size_t>(n)));
            if (inside.empty()) {
                errno = EXDEV;
                return -1;
            }
            return open_file(inside, hops + 1);
        }
        close_dir();
        errno = saved;
        if (next < 0 || last) return next;
        dir = next;
        relative.remove_prefix(slash + 1);
    }
}

std::string VaultRoot::resolve(const fs::path& folder, const std::string& target) const {
    const fs::path t(target);
    const fs::path inside = (t.is_absolute() ? t.lexically_relative(canonical_) : (folder / t)).lexically_normal();
    if (inside.empty() || inside.is_absolute() || *inside.begin() == ".." || inside == ".") return {};
    return inside.generic_string();
}

bool VaultRoot::still_in_place() const {
    struct stat now {}, opened {};
    if (::stat(path_.c_str(), &now) != 0 || ::fstat(fd_, &opened) != 0) return false;
    return now.st_dev == opened.st_dev && now.st_ino == opened.st_ino;
}

}  // namespace recall
