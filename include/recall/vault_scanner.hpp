// Finding the notes of a vault on disk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "recall/note.hpp"

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

// Every Markdown file (.md, .markdown) of the vault, sorted by relative path. Folder links
// are not followed; file links are followed only when they stay inside the vault.
// Unreadable folders and links out of the vault become warnings.
std::vector<VaultFile> scan_vault(const std::filesystem::path& vault, const ScanOptions& options,
                                  std::vector<Warning>& warnings);

}  // namespace recall
