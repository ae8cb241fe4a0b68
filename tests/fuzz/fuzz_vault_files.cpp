// libFuzzer target: any file names in a vault, and any path asked for below it, are
// scanned, read and parsed without a crash, and never lead to a file outside the vault.
//
// Input: NUL-separated pieces. Every piece but the last is a file to create in a fresh vault
// ('/' makes folders); the last is a vault path to open as the searcher would. The vault
// also holds a link to a file outside it and a link to a folder outside it.
#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "recall/core/note_parser.hpp"
#include "recall/core/terminal_text.hpp"
#include "recall/core/vault_root.hpp"
#include "recall/indexer/vault_scanner.hpp"

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSecret = "OUTSIDE-THE-VAULT";

const fs::path& work() {
    static const fs::path dir = [] {
        const fs::path d = fs::temp_directory_path() / ("recall-fuzz-names-" + std::to_string(::getpid()));
        fs::create_directories(d / "outside");
        std::ofstream(d / "outside" / "secret.md") << "# " << kSecret << "\n";
        std::atexit([] {
            std::error_code ec;
            fs::remove_all(fs::temp_directory_path() / ("recall-fuzz-names-" + std::to_string(::getpid())), ec);
        });
        return d;
    }();
    return dir;
}

void check_not_secret(const std::string& bytes) {
    if (bytes.find(kSecret) != std::string::npos) std::abort();  // read through a link out of the vault
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<std::string> pieces{""};
    for (size_t i = 0; i < size; ++i) {
        if (data[i] == 0) pieces.emplace_back();
        else pieces.back().push_back(static_cast<char>(data[i]));
    }
    const fs::path vault = work() / "vault";
    std::error_code ec;
    fs::remove_all(vault, ec);
    fs::create_directories(vault);
    fs::create_symlink(work() / "outside" / "secret.md", vault / "link.md", ec);
    fs::create_directory_symlink(work() / "outside", vault / "out", ec);
    for (size_t i = 0; i + 1 < pieces.size() && i < 8; ++i) {
        // Only files below the vault, and not through its links out.
        const fs::path file = vault / pieces[i];
        const fs::path real = fs::weakly_canonical(file, ec);
        if (ec || !real.string().starts_with(fs::canonical(vault).string() + "/")) continue;
        fs::create_directories(file.parent_path(), ec);
        std::ofstream(file) << "# Note\n\n" << pieces[i] << "\n";
    }

    const recall::VaultRoot root(vault);
    const recall::VaultScan scan = recall::scan_vault(root, {});
    for (const auto& f : scan.files) {
        const recall::NoteBytes read = recall::read_note_bytes(root, f.relative, 1 << 20);
        if (read.bytes) {
            check_not_secret(*read.bytes);
            (void)recall::parse_note(*read.bytes, f.relative).title.size();
        }
        (void)recall::neutralize_controls(f.relative);
    }
    for (const auto& w : scan.warnings) (void)recall::neutralize_controls(w.to_string());

    const int fd = root.open_file(pieces.back());
    if (fd >= 0) {
        char buffer[256];
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) check_not_secret(std::string(buffer, static_cast<size_t>(n)));
        ::close(fd);
    }
    (void)recall::parse_note("# x\n", pieces.back()).title.size();
    return 0;
}
