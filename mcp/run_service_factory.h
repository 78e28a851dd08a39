#pragma once

#include <memory>

#include "core/result.h"
#include "hub/run_service.h"
#include "mcp/options.h"

namespace agenthub::mcp {

// Builds the RunService orchestration-mcp serves: the hub's run manager. Called on the first
// tool call, not at startup, so initialize is answered without waiting for it.
[[nodiscard]] Result<std::unique_ptr<hub::RunService>> make_run_service(const Options& options);

}  // namespace agenthub::mcp
