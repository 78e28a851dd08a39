#pragma once

#include <stop_token>
#include <string_view>

#include "core/json.h"
#include "hub/run_service.h"

namespace agenthub::mcp {

// What a tool call runs against. `stop` is requested when the client cancels the request or
// the server shuts down; long waits (poll_events) pass it on to the hub.
struct ToolContext {
  hub::RunService& service;
  std::stop_token stop;
};

// One MCP tool: its tools/list entry and its tools/call handler. `call` checks the argument
// shapes, calls the RunService and returns a CallToolResult; failures are results with
// isError:true, never JSON-RPC errors. Neither function throws for any input.
struct ToolSpec {
  std::string_view name;
  Json (*descriptor)();
  Json (*call)(const Json& arguments, const ToolContext& context);
};

}  // namespace agenthub::mcp
