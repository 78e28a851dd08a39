#pragma once

// MCP semantics without any I/O: answers one decoded JSON-RPC request (initialize, ping,
// tools/list, tools/call) with a full JSON-RPC response. The stdio transport decides threads
// and ordering; this class is safe to call from several threads at once.

#include <mutex>
#include <stop_token>
#include <string_view>

#include "core/json.h"
#include "core/jsonrpc.h"
#include "hub/run_service.h"

namespace agenthub::mcp {

class McpServer {
 public:
  explicit McpServer(hub::RunService& service);

  // The response to a request (id echoed as sent). Never throws; unknown methods get -32601.
  [[nodiscard]] Json handle_request(const JsonRpcRequest& request, std::stop_token stop = {});

  // True for methods that may block for long (tools/call); everything else answers at once.
  [[nodiscard]] static bool may_block(std::string_view method);

 private:
  Json initialize(const Json& params);
  const Json& tools_list();
  Json call_tool(const JsonRpcRequest& request, std::stop_token stop);

  hub::RunService& service_;
  std::once_flag tools_once_;
  Json tools_list_;
};

// The `instructions` string of the initialize result.
[[nodiscard]] std::string_view server_instructions();

}  // namespace agenthub::mcp
