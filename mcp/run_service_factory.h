#pragma once

#include <memory>

#include "core/result.h"
#include "hub/run_manager.h"
#include "hub/run_service.h"
#include "mcp/options.h"

namespace agenthub::mcp {

// The hub's options from the command line: state under --state-dir, the wrappers to start and
// their extra arguments, the run limits. Flags left unset keep the hub's defaults.
[[nodiscard]] hub::RunManagerOptions run_manager_options(const Options& options);

// Builds the RunService orchestration-mcp serves: the hub's run manager. Called on the first
// tool call, not at startup, so initialize is answered without waiting for it.
[[nodiscard]] Result<std::unique_ptr<hub::RunService>> make_run_service(const Options& options);

}  // namespace agenthub::mcp
