// Command-line parsing as every recall command does it: --help and --version print and exit
// 0; a usage error is one line naming the problem, exit 2, never CLI11's own exit codes.
#pragma once

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <optional>
#include <string>

namespace recall {

inline constexpr int kExitUsage = 2;

// Returns the exit code when the command must stop here, nothing when it should run.
inline std::optional<int> parse_command_line(CLI::App& app, int argc, const char* const* argv) {
    try {
        app.parse(argc, argv);
        return std::nullopt;
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::string message = e.what();
        if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
            message = "unknown option or extra argument: " + message.substr(message.find(':') + 2);
        } else if (dynamic_cast<const CLI::ConversionError*>(&e)) {
            // "Could not convert: --limit = abc"
            const size_t colon = message.find(": "), equals = message.find(" = ");
            if (colon != std::string::npos && equals != std::string::npos && equals > colon)
                message = message.substr(colon + 2, equals - colon - 2) + ": '" + message.substr(equals + 3) +
                          "' is not a valid value";
        }
        for (char& ch : message)
            if (ch == '\n') ch = ' ';
        const std::string program = app.get_name();
        fmt::print(stderr, "{}: {} (see {} --help)\n", program, message, program);
        return kExitUsage;
    }
}

}  // namespace recall
