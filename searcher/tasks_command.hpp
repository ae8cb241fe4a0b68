// `recall tasks`: the action items of the vault's notes, one line (or JSON object) each.
#pragma once

#include <nlohmann/json.hpp>

#include "recall/searcher/task_list.hpp"

namespace recall {

// A task as `recall tasks --json` prints it (docs/json-output.md, "Tasks").
nlohmann::json task_json(const TaskHit& hit);

int tasks_command(int argc, char** argv);

}  // namespace recall
