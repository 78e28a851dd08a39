// orchestration-mcp-fake: orchestration-mcp serving the scripted in-memory RunService, so MCP
// clients (the official SDK, the inspector, Codex, Claude Code) can exercise the protocol
// layer without the hub. Test use only.

#include "mcp/serve.h"
#include "tests/integration/mcp/scripted_run_service.h"

int main(int argc, char** argv) {
  using namespace agenthub::mcp;
  Options options;
  if (auto exit_code = handle_common_flags(argc, argv, "orchestration-mcp-fake", options)) {
    return *exit_code;
  }
  testing::ScriptedRunService service;
  return serve_stdio(service, options);
}
