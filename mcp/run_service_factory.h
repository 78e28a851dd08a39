#pragma once

#include <memory>

#include "core/result.h"
#include "hub/run_service.h"
#include "mcp/options.h"

namespace agenthub::mcp {

// Builds the RunService orchestration-mcp serves. The hub provides the real one (its run
// manager); until it lands this returns an UnavailableRunService. Called on the first tool
// call, not at startup, so initialize is answered without waiting for it.
[[nodiscard]] Result<std::unique_ptr<hub::RunService>> make_run_service(const Options& options);

}  // namespace agenthub::mcp
