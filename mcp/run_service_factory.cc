#include "mcp/run_service_factory.h"

#include "mcp/unavailable_run_service.h"

namespace agenthub::mcp {

// Placeholder until hub/ provides its RunManager: replace the body with its construction.
Result<std::unique_ptr<hub::RunService>> make_run_service(const Options& /*options*/) {
  return std::unique_ptr<hub::RunService>(std::make_unique<UnavailableRunService>(
      "this orchestration-mcp was built without the hub's run manager, so it cannot run "
      "agents yet"));
}

}  // namespace agenthub::mcp
