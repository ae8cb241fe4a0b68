#include "recall/core/crash_point.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <string>

namespace recall {
namespace {

// "<phase>:<n>" from an environment variable; n = 0 when unset or malformed.
struct Target {
    std::string phase;
    long n = 0;
    long reached = 0;
};

Target parse(const char* variable) {
    Target t;
    const char* value = std::getenv(variable);
    if (!value) return t;
    const std::string text = value;
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) return t;
    t.phase = text.substr(0, colon);
    t.n = std::strtol(text.c_str() + colon + 1, nullptr, 10);
    return t;
}

bool hit(Target& t, std::string_view phase) { return t.n > 0 && phase == t.phase && ++t.reached == t.n; }

}  // namespace

void crash_point(std::string_view phase) {
    static Target crash = parse("RECALL_CRASH_AT"), stop = parse("RECALL_STOP_AT");
    if (crash.n <= 0 && stop.n <= 0) return;
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    if (hit(crash, phase)) ::kill(::getpid(), SIGKILL);
    if (hit(stop, phase)) ::kill(::getpid(), SIGSTOP);
}

}  // namespace recall
