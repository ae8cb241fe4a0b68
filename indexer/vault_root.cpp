#include "recall/vault_root.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace recall {

VaultRoot::VaultRoot(std::filesystem::path folder) : path_(std::move(folder)) {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0)
        throw std::runtime_error(path_.string() + ": cannot open vault (" +
                                 (errno == ENOTDIR ? std::string("not a folder") : std::strerror(errno)) + ")");
}

VaultRoot::~VaultRoot() {
    if (fd_ >= 0) ::close(fd_);
}

int VaultRoot::open_file(std::string_view relative) const {
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
        const int saved = errno;
        close_dir();
        errno = saved;
        if (next < 0 || last) return next;
        dir = next;
        relative.remove_prefix(slash + 1);
    }
}

bool VaultRoot::still_in_place() const {
    struct stat now {}, opened {};
    if (::stat(path_.c_str(), &now) != 0 || ::fstat(fd_, &opened) != 0) return false;
    return now.st_dev == opened.st_dev && now.st_ino == opened.st_ino;
}

}  // namespace recall
