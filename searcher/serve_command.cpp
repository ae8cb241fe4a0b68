// recall serve: one index, read-only, over Xapian's remote protocol (xapian-tcpsrv).
#include "serve_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "recall/core/command_line.hpp"
#include "recall/core/config.hpp"
#include "recall/core/index_store.hpp"
#include "recall/core/terminal_text.hpp"
#include "picker.hpp"

namespace recall {
namespace {

const char* kServeDescription =
    "recall serve: serve an index, read-only, to `recall --index remote:HOST:PORT` on other machines.\n\n"
    "Examples:\n"
    "  recall serve --index /srv/recall/team --port 7000           on 127.0.0.1 only\n"
    "  recall serve --index /srv/recall/team --port 7000 --bind 10.0.0.5\n\n"
    "The server is xapian-tcpsrv (Debian: xapian-tools). Each connection opens the index\n"
    "anew, so searches see the generation recall-index published last, and a search already\n"
    "running keeps the one it opened. The protocol has NO authentication and no encryption:\n"
    "bind to 127.0.0.1 or a private network; across machines, prefer --index ssh:HOST:/path,\n"
    "which needs no server at all (docs/scaling.md).";

}  // namespace

int serve_main(int argc, const char* const* argv) {
    CLI::App app{kServeDescription, "recall serve"};
    std::string index, bind = "127.0.0.1";
    unsigned port = 0;
    double idle_timeout = 60;
    app.add_option("--index", index, "Index folder to serve")->required();
    app.add_option("--port", port, "TCP port to listen on")->required()->check(CLI::Range(1, 65535));
    app.add_option("--bind", bind, "Address to listen on (0.0.0.0: every interface)")->capture_default_str();
    app.add_option("--idle-timeout", idle_timeout, "Seconds a connection may stay idle before it is closed")
        ->check(CLI::PositiveNumber)->capture_default_str();
    if (auto exit_code = parse_command_line(app, argc, argv)) return *exit_code;

    const auto server = find_in_path("xapian-tcpsrv");
    if (!server) {
        fmt::print(stderr, "recall serve: xapian-tcpsrv is not installed (Debian, Ubuntu: sudo apt install xapian-tools)\n");
        return kExitUsage;
    }
    const std::string folder = expand_path(index).string();
    try {
        const IndexStore store(folder);
        const IndexMetadata metadata = IndexStore::read_metadata(store.open_for_reading());
        if (const auto why = IndexStore::outdated(metadata)) {
            fmt::print(stderr, "recall serve: {}: {}\n", neutralize_controls(folder), *why);
            return kExitUsage;
        }
    } catch (const std::exception& e) {
        fmt::print(stderr, "recall serve: {}: cannot serve it: {}\n", neutralize_controls(folder), neutralize_controls(e.what()));
        return kExitUsage;
    } catch (const Xapian::Error& e) {
        fmt::print(stderr, "recall serve: {}: cannot serve it: {}\n", neutralize_controls(folder),
                   neutralize_controls(e.get_description()));
        return kExitUsage;
    }
    fmt::print(stderr, "recall serve: serving {} read-only on {}:{} (no authentication: keep it on a trusted network)\n",
               neutralize_controls(folder), bind, port);
    // Read-only is xapian-tcpsrv's default (no --writable); its idle timeout, in milliseconds,
    // closes the connections a client left open.
    const std::vector<std::string> args{*server, "--interface", bind, "--port", std::to_string(port),
                                        "--idle-timeout", std::to_string(static_cast<long>(idle_timeout * 1000)), "--quiet", folder};
    std::vector<char*> pointers;
    for (const auto& a : args) pointers.push_back(const_cast<char*>(a.c_str()));
    pointers.push_back(nullptr);
    ::execv(server->c_str(), pointers.data());
    fmt::print(stderr, "recall serve: cannot start {}: {}\n", server->string(), std::strerror(errno));
    return kExitUsage;
}

}  // namespace recall
