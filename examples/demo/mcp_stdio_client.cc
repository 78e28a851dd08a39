#include "examples/demo/mcp_stdio_client.h"

#include "core/jsonrpc.h"

namespace agenthub::demo {

Result<std::unique_ptr<McpStdioClient>> McpStdioClient::start(std::vector<std::string> argv,
                                                              agents::EnvList env) {
  agents::SpawnOptions options;
  options.argv = std::move(argv);
  options.env = std::move(env);
  options.on_stderr_line = [](std::string_view) {};  // the server's log is not the demo
  auto process = agents::Process::spawn(std::move(options));
  if (!process.ok()) return process.error();
  std::unique_ptr<McpStdioClient> client(new McpStdioClient());
  client->process_ = std::move(process).value();
  client->reader_ = std::make_unique<agents::JsonlReader>(client->process_->stdout_source());
  auto init = client->request("initialize",
                              {{"protocolVersion", "2025-06-18"},
                               {"capabilities", Json::object()},
                               {"clientInfo", {{"name", "agenthub-demo"}, {"version", "1"}}}});
  if (!init.ok()) return init.error();
  AGENTHUB_RETURN_IF_ERROR(client->process_->write_stdin(
      dump_json(make_jsonrpc_notification("notifications/initialized", nullptr)) + "\n"));
  return client;
}

McpStdioClient::~McpStdioClient() {
  if (!process_) return;
  process_->close_stdin();  // an MCP server exits on EOF
  if (!process_->wait_for(std::chrono::seconds(15))) process_->terminate();
}

Result<Json> McpStdioClient::request(const std::string& method, Json params) {
  const long id = next_id_++;
  AGENTHUB_RETURN_IF_ERROR(
      process_->write_stdin(dump_json(make_jsonrpc_request(id, method, std::move(params))) + "\n"));
  while (auto item = reader_->next()) {
    if (item->kind != agents::JsonlItem::Kind::kObject) continue;
    if (jsonrpc_reply_id(item->value) != Json(id)) continue;  // notifications, other answers
    return decode_jsonrpc_response(item->value);
  }
  return Error{ErrorCode::kUnavailable,
               "orchestration-mcp closed its output: " + process_->stderr_tail()};
}

Result<Json> McpStdioClient::call_tool(const std::string& name, Json arguments) {
  return request("tools/call", {{"name", name}, {"arguments", std::move(arguments)}});
}

}  // namespace agenthub::demo
