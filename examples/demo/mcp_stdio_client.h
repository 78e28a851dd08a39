#pragma once

// A minimal MCP client over stdio, the way Codex or Claude Code talk to orchestration-mcp:
// start the server as a child process, send newline-delimited JSON-RPC, read the answers.

#include <memory>
#include <string>
#include <vector>

#include "agents/common/environment.h"
#include "agents/common/jsonl_reader.h"
#include "agents/common/process.h"
#include "core/json.h"
#include "core/result.h"

namespace agenthub::demo {

class McpStdioClient {
 public:
  // Starts `argv` with `env` and performs the initialize handshake.
  [[nodiscard]] static Result<std::unique_ptr<McpStdioClient>> start(std::vector<std::string> argv,
                                                                     agents::EnvList env);
  ~McpStdioClient();

  // tools/call; the CallToolResult ({content, structuredContent, isError}).
  [[nodiscard]] Result<Json> call_tool(const std::string& name, Json arguments);

 private:
  McpStdioClient() = default;
  [[nodiscard]] Result<Json> request(const std::string& method, Json params);

  std::unique_ptr<agents::Process> process_;
  std::unique_ptr<agents::JsonlReader> reader_;
  long next_id_ = 1;
};

}  // namespace agenthub::demo
