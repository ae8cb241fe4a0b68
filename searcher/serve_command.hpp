// `recall serve`: serves one index read-only over Xapian's remote protocol.
#pragma once

namespace recall {

// argv[0] is "serve"; returns the exit code (it returns only on an error: the server
// replaces the process).
int serve_main(int argc, const char* const* argv);

}  // namespace recall
