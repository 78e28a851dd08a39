// orchestration-mcp: the MCP stdio server over the hub.

#include "mcp/lazy_run_service.h"
#include "mcp/run_service_factory.h"
#include "mcp/serve.h"

int main(int argc, char** argv) {
  using namespace agenthub::mcp;
  Options options;
  if (auto exit_code = handle_common_flags(argc, argv, "orchestration-mcp", options)) {
    return *exit_code;
  }
  LazyRunService service([&options] { return make_run_service(options); });
  return serve_stdio(service, options);
}
