#pragma once

// A minimal MCP client over stdio, the way Codex or Claude Code talk to orchestration-mcp:
// start the server as a child process, send newline-delimited JSON-RPC, read the answers.
// One request at a time (each call waits for its answer); used by the demo and the benchmarks.

#include <sys/types.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agents/common/environment.h"
#include "agents/common/jsonl_reader.h"
#include "agents/common/process.h"
#include "core/json.h"
#include "core/result.h"

namespace agenthub::mcp {

class StdioClient {
 public:
  // Starts `argv` with `env` and performs the initialize handshake. The server's stderr (its
  // log) goes to `on_stderr_line`, or nowhere when that is empty.
  [[nodiscard]] static Result<std::unique_ptr<StdioClient>> start(
      std::vector<std::string> argv, agents::EnvList env,
      std::function<void(std::string_view)> on_stderr_line = {});
  // Closes the server's stdin (an MCP server exits on EOF) and waits for it, killing it if it
  // lingers.
  ~StdioClient();
  StdioClient(const StdioClient&) = delete;
  StdioClient& operator=(const StdioClient&) = delete;

  // tools/call; the CallToolResult ({content, structuredContent, isError}).
  [[nodiscard]] Result<Json> call_tool(const std::string& name, Json arguments);

  // The server process.
  [[nodiscard]] pid_t pid() const { return process_->pid(); }

 private:
  StdioClient() = default;
  [[nodiscard]] Result<Json> request(const std::string& method, Json params);
  // kUnavailable with the server's stderr tail, once it stopped reading or writing.
  [[nodiscard]] Error gone();

  std::unique_ptr<agents::Process> process_;
  std::unique_ptr<agents::JsonlReader> reader_;
  long next_id_ = 1;
};

}  // namespace agenthub::mcp
