// The vault folder, opened once, and the notes below it, opened without following links
// out of it.
//
// Both sides read notes through this: the indexer when it scans and reads, the searcher
// when it re-reads a hit for its snippet. Every folder on the way to a note is opened
// relative to the one before with O_NOFOLLOW, and so is the note; a note that is a link is
// followed only when its target, read with readlinkat, names a place inside the vault, and
// that place is opened the same way. A note or folder swapped for a link while recall runs
// (to /etc/passwd, to another vault) is refused, and no race can make recall read outside
// the vault. A hard link is the file itself: a hard link in the vault to a file elsewhere
// is read like any note (docs/nightly.md says so).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace recall {

class VaultRoot {
public:
    // Opens the folder, following links in its own path (where the vault lives is the
    // user's choice). Throws std::runtime_error "<folder>: cannot open vault (<reason>)".
    explicit VaultRoot(std::filesystem::path folder);
    ~VaultRoot();
    VaultRoot(const VaultRoot&) = delete;
    VaultRoot& operator=(const VaultRoot&) = delete;

    const std::filesystem::path& path() const { return path_; }
    int fd() const { return fd_; }

    // Opens "a/b/note.md" ('/'-separated, relative) for reading: no folder on the way may be
    // a link, "." or ".."; the note may be a link to another note of the vault. Non-blocking,
    // so that a named pipe does not hang the caller. Returns a descriptor the caller closes,
    // or -1 with errno set: EXDEV for a link out of the vault, ELOOP for a folder link or a
    // chain of more than 8 links, ENOENT for a broken link.
    int open_file(std::string_view relative) const;

    // Whether the path still names the folder that was opened: false once the vault was
    // moved, deleted, unmounted or replaced, which makes what was read from it suspect.
    bool still_in_place() const;

private:
    int open_file(std::string_view relative, int hops) const;
    // A link's target as a vault path, when it stays inside the vault; else "".
    std::string resolve(const std::filesystem::path& folder, const std::string& target) const;

    std::filesystem::path path_, canonical_;
    int fd_ = -1;
};

}  // namespace recall
