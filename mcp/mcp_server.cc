#include "mcp/mcp_server.h"

#include <spdlog/spdlog.h>

#include <exception>

#include "mcp/protocol_version.h"
#include "mcp/tool_registry.h"
#include "mcp/tool_result.h"
#include "mcp/version.h"

namespace agenthub::mcp {
namespace {

Json error_response(const Json& id, ErrorCode code, std::string message) {
  return make_jsonrpc_error(id, Error{code, std::move(message)});
}

std::string tool_names() {
  std::string names;
  for (const auto& tool : all_tools()) {
    if (!names.empty()) names += ", ";
    names += tool.name;
  }
  return names;
}

}  // namespace

std::string_view server_instructions() {
  return "Runs coding agents (codex, claude_code, or any remote A2A agent) in the background. "
         "Start one with spawn_run (backend, role, cwd, session_mode, prompt) and keep its "
         "run_id. Follow it with poll_events: after_seq 0 first, then the returned "
         "next_after_seq, looping with wait_ms <= 25000 until status is completed, failed, "
         "cancelled or rejected. When status is input_required, answer with continue_run. "
         "cancel_run stops a run; get_run shows its result; list_runs finds runs again. Long "
         "event fields are shortened: get_event_artifact reads the full value of a field listed "
         "in data.artifact_refs.";
}

McpServer::McpServer(hub::RunService& service) : service_(service) {}

bool McpServer::may_block(std::string_view method) { return method == "tools/call"; }

Json McpServer::handle_request(const JsonRpcRequest& request, std::stop_token stop) {
  try {
    const std::string& method = request.method;
    if (method == "tools/call") return call_tool(request, std::move(stop));
    if (method == "tools/list") return make_jsonrpc_result(request.id, tools_list());
    if (method == "ping") return make_jsonrpc_result(request.id, Json::object());
    if (method == "initialize") return make_jsonrpc_result(request.id, initialize(request.params));
    return error_response(request.id, ErrorCode::kMethodNotFound, "method not found: " + method);
  } catch (const std::exception& e) {
    spdlog::error("mcp: {} failed: {}", request.method, e.what());
    return error_response(request.id, ErrorCode::kInternal,
                          std::string("internal error: ") + e.what());
  } catch (...) {
    spdlog::error("mcp: {} failed with an unknown exception", request.method);
    return error_response(request.id, ErrorCode::kInternal, "internal error");
  }
}

Json McpServer::initialize(const Json& params) {
  std::string requested = json_string(params, "protocolVersion");
  std::string_view version = negotiate_protocol_version(requested);
  const Json* client = json_find(params, "clientInfo");
  spdlog::info("mcp: initialize from {} {} (protocol {} -> {})",
               client != nullptr ? json_string(*client, "name", "?") : "?",
               client != nullptr ? json_string(*client, "version", "?") : "?",
               requested.empty() ? "?" : requested, version);
  return {{"protocolVersion", version},
          {"capabilities", {{"tools", {{"listChanged", false}}}}},
          {"serverInfo",
           {{"name", kServerName},
            {"title", "Agent orchestration hub"},
            {"version", server_version()}}},
          {"instructions", server_instructions()}};
}

const Json& McpServer::tools_list() {
  std::call_once(tools_once_, [this] {
    Json tools = Json::array();
    for (const auto& tool : all_tools()) tools.push_back(tool.descriptor());
    tools_list_ = {{"tools", std::move(tools)}};
  });
  return tools_list_;
}

Json McpServer::call_tool(const JsonRpcRequest& request, std::stop_token stop) {
  const Json* name = json_find(request.params, "name");
  if (name == nullptr || !name->is_string()) {
    return error_response(request.id, ErrorCode::kInvalidArgument,
                          "tools/call needs params.name, one of: " + tool_names());
  }
  const ToolSpec* tool = find_tool(name->get_ref<const std::string&>());
  if (tool == nullptr) {
    return error_response(request.id, ErrorCode::kInvalidArgument,
                          "unknown tool " + dump_json(*name) + "; tools: " + tool_names());
  }
  const Json* arguments = json_find(request.params, "arguments");
  if (arguments != nullptr && !arguments->is_object()) {
    return make_jsonrpc_result(request.id,
                               tool_failure(tool->name, Error{ErrorCode::kInvalidArgument,
                                                              "arguments must be an object"}));
  }
  static const Json kNoArguments = Json::object();
  ToolContext context{service_, std::move(stop)};
  Json result;
  try {
    result = tool->call(arguments != nullptr ? *arguments : kNoArguments, context);
  } catch (const std::exception& e) {
    spdlog::error("mcp: tool {} threw: {}", tool->name, e.what());
    result = tool_failure(tool->name, Error{ErrorCode::kInternal, e.what()});
  }
  return make_jsonrpc_result(request.id, std::move(result));
}

}  // namespace agenthub::mcp
