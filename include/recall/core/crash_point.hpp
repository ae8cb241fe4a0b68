// A testing hook: crash or pause the indexer at a chosen phase boundary.
//
//   RECALL_CRASH_AT=<phase>:<n>   SIGKILL the n-th time the run reaches <phase>
//   RECALL_STOP_AT=<phase>:<n>    SIGSTOP there, so that a test can change the vault at
//                                 that very moment and then let the run go on (SIGCONT)
//
// Phases, in the order a run meets them: scan (vault scanned), shard-commit (a shard of a
// full rebuild committed), compact (shards merged into the new generation), batch (every
// 2,500 changes inside an incremental run's transaction), commit (the run's final commit),
// rename (new generation renamed into place), stub (readers switched to it), cleanup (one
// old generation or leftover removed). tests/test_crash_points.cpp kills a run at each of
// them and checks that the index is the old or the new one, never a mix. Without the
// variables this costs one branch.
#pragma once

#include <string_view>

namespace recall {

void crash_point(std::string_view phase);

}  // namespace recall
