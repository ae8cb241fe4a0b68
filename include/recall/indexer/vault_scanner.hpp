// Finding the notes of a vault on disk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "recall/core/note.hpp"
#include "recall/core/vault_root.hpp"

namespace recall {

struct VaultFile {
    std::filesystem::path absolute;
    std::string relative;     // '/'-separated, from the vault root
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
};

struct ScanOptions {
    // Globs matched against the vault-relative path of files and folders ("Templates",
    // "*/archive/*", "*.excalidraw.md"). Dot-folders (.obsidian, .git, .trash) are always skipped.
    std::vector<std::string> exclude;
};

struct VaultScan {
    std::vector<VaultFile> files;  // sorted by relative path
    // Folders ("People/Archive", "" for the root) and files that exist but could not be
    // read: what the index holds below them must be kept, not deleted.
    std::vector<std::string> unreadable;
    std::vector<Warning> warnings;
};

// Every Markdown file (.md, .markdown) of the vault. Folder links are not followed; file
// links are followed only when they stay inside the vault (VaultRoot::open_file).
// Unreadable folders and files, and links out of the vault, become warnings.
VaultScan scan_vault(const VaultRoot& root, const ScanOptions& options);

// The same for a vault folder opened here; the files only.
std::vector<VaultFile> scan_vault(const std::filesystem::path& vault, const ScanOptions& options,
                                  std::vector<Warning>& warnings);

// Whether the vault path is one of the unreadable folders or files, or below one of them.
bool under_any(const std::string& relative, const std::vector<std::string>& unreadable);

}  // namespace recall
