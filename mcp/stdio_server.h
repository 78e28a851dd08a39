#pragma once

// The MCP stdio transport: newline-delimited JSON-RPC on a pair of file descriptors.
// Quick methods (initialize, ping, tools/list, errors) are answered on the reading thread in
// order; tools/call runs on a WorkerPool so a long poll_events never holds up a later request.

#include <chrono>
#include <cstddef>
#include <string_view>

#include "mcp/inflight_requests.h"
#include "mcp/line_writer.h"
#include "mcp/mcp_server.h"
#include "mcp/worker_pool.h"

namespace agenthub::mcp {

struct StdioServerOptions {
  std::size_t max_line_bytes = 16 * 1024 * 1024;
  // tools/call requests handled at once; more are answered isError "busy" at once.
  std::size_t max_concurrent_calls = 32;
  // After EOF or a stop signal, how long in-flight calls may take to finish.
  std::chrono::milliseconds shutdown_grace{5000};
};

class StdioServer {
 public:
  enum class EndReason { kEof, kStopped, kReadError };
  struct RunResult {
    EndReason reason = EndReason::kEof;
    // False when calls were still running at the end of the grace period. The caller must
    // then exit without destroying the RunService (those threads still use it).
    bool drained = true;
  };

  StdioServer(McpServer& server, int in_fd, int out_fd, StdioServerOptions options = {});

  // Serves until EOF on in_fd, a read error, or stop_fd (if >= 0) becoming readable. Then it
  // stops every in-flight wait (polls answer at once with what they have) and waits up to
  // shutdown_grace for the calls to finish; their responses are still written.
  RunResult run(int stop_fd = -1);

 private:
  void handle_line(std::string_view line);
  void handle_notification(const JsonRpcRequest& notification);
  void dispatch_call(JsonRpcRequest request);

  McpServer& server_;
  int in_fd_;
  StdioServerOptions options_;
  LineWriter writer_;
  InflightRequests inflight_;
  // Last member: destroyed first, so its threads are joined before what they use goes away.
  WorkerPool pool_;
};

}  // namespace agenthub::mcp
