// The argument checks of the seven MCP tools (mcp/args.h, mcp/agent_message_args.h and each
// tool's call): {"tool": name, "arguments": any JSON, "reply": optional service reply,
// "error": optional error code name the service fails with}. Other JSON is taken as the
// arguments of the tool its hash picks. The call goes to the tool directly (object arguments,
// as McpServer passes them) and through McpServer's tools/call (any arguments).
//
// Invariants: nothing throws; the result is a CallToolResult that survives serialization; a
// success carries exactly the service's reply; the service is reached only with requests that
// passed the shape checks (types, ranges, enums, absolute paths, AgentMessage shape); a service
// error is a tool error.

#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "canned_run_service.h"
#include "core/error_table.h"
#include "core/jsonrpc.h"
#include "fuzz_check.h"
#include "mcp/mcp_server.h"
#include "mcp/tool_registry.h"
#include "mcp_checks.h"

namespace {

using agenthub::Json;

std::uint64_t hash_of(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

std::optional<agenthub::Error> error_named(const std::string& name) {
  for (int c = 0; c <= static_cast<int>(agenthub::ErrorCode::kIo); ++c) {
    auto code = static_cast<agenthub::ErrorCode>(c);
    if (agenthub::error_code_name(code) == name) {
      return agenthub::Error{code, "the hub says no (" + name + ")"};
    }
  }
  return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static agenthub::fuzz::CannedRunService service;
  static agenthub::mcp::McpServer server(service);
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parsed = agenthub::parse_json(input);
  if (!parsed.ok()) {
    agenthub::fuzz::note("input is not JSON");
    return 0;
  }
  const auto tools = agenthub::mcp::all_tools();
  const agenthub::mcp::ToolSpec* tool = nullptr;
  Json arguments;
  const Json* name = agenthub::json_find(*parsed, "tool");
  if (name != nullptr && name->is_string())
    tool = agenthub::mcp::find_tool(name->get<std::string>());
  if (tool != nullptr) {
    arguments = parsed->contains("arguments") ? (*parsed)["arguments"] : Json();
    service.set_reply(parsed->value("reply", Json()));
    service.set_error(error_named(agenthub::json_string(*parsed, "error")));
  } else {
    tool = &tools[hash_of(input) % tools.size()];
    arguments = *parsed;
    service.set_reply(nullptr);
    service.set_error(std::nullopt);
  }

  if (arguments.is_object()) {
    agenthub::fuzz::note("object arguments");
    service.reset_calls();
    Json result = tool->call(arguments, agenthub::mcp::ToolContext{service, {}});
    agenthub::fuzz::check_tool_result(tool->name, result, service);
  }

  // The same call as a client makes it; absent arguments count as {}.
  Json params = {{"name", tool->name}};
  if (!arguments.is_null()) params["arguments"] = arguments;
  agenthub::JsonRpcRequest request;
  request.id = 42;
  request.method = "tools/call";
  request.params = std::move(params);
  service.reset_calls();
  Json response = server.handle_request(request);
  FUZZ_CHECK(response.contains("result") && response["id"] == 42);
  agenthub::fuzz::check_tool_result(tool->name, response["result"], service);
  return 0;
}
