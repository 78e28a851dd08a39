#include "mcp/stdio_client.h"

#include <string>

#include "core/jsonrpc.h"

namespace agenthub::mcp {
namespace {

// A poll_events page of 1000 events that each sit near the hub's 16 KiB event target, plus
// its text digest: far above what a CLI line needs.
constexpr std::size_t kMaxAnswerBytes = 64 * 1024 * 1024;

}  // namespace

Result<std::unique_ptr<StdioClient>> StdioClient::start(
    std::vector<std::string> argv, agents::EnvList env,
    std::function<void(std::string_view)> on_stderr_line) {
  agents::SpawnOptions options;
  options.argv = std::move(argv);
  options.env = std::move(env);
  options.on_stderr_line = on_stderr_line ? std::move(on_stderr_line) : [](std::string_view) {};
  auto process = agents::Process::spawn(std::move(options));
  if (!process.ok()) return process.error();
  std::unique_ptr<StdioClient> client(new StdioClient());
  client->process_ = std::move(process).value();
  agents::JsonlOptions lines;
  lines.max_line_bytes = kMaxAnswerBytes;
  client->reader_ = std::make_unique<agents::JsonlReader>(client->process_->stdout_source(), lines);
  auto init = client->request(
      "initialize", {{"protocolVersion", "2025-06-18"},
                     {"capabilities", Json::object()},
                     {"clientInfo", {{"name", "agenthub-stdio-client"}, {"version", "1"}}}});
  if (!init.ok()) return init.error();
  if (!client->process_
           ->write_stdin(
               dump_json(make_jsonrpc_notification("notifications/initialized", nullptr)) + "\n")
           .ok()) {
    return client->gone();
  }
  return client;
}

StdioClient::~StdioClient() {
  if (!process_) return;
  process_->close_stdin();  // an MCP server exits on EOF
  if (!process_->wait_for(std::chrono::seconds(15))) process_->terminate();
}

Result<Json> StdioClient::request(const std::string& method, Json params) {
  const long id = next_id_++;
  if (!process_->write_stdin(dump_json(make_jsonrpc_request(id, method, std::move(params))) + "\n")
           .ok()) {
    return gone();
  }
  while (auto item = reader_->next()) {
    if (item->kind == agents::JsonlItem::Kind::kOversizedLine) {
      // Most likely our answer (one request at a time): fail it rather than wait forever.
      return Error{ErrorCode::kResourceExhausted, "the MCP server sent a " +
                                                      std::to_string(item->line_bytes) +
                                                      "-byte line, over the client's limit"};
    }
    if (item->kind != agents::JsonlItem::Kind::kObject) continue;
    if (jsonrpc_reply_id(item->value) != Json(id)) continue;  // notifications, other answers
    return decode_jsonrpc_response(item->value);
  }
  return gone();
}

Error StdioClient::gone() {
  // Its last words explain it (a bad flag, a crash): wait a moment for them.
  (void)process_->wait_for(std::chrono::seconds(5));
  return Error{ErrorCode::kUnavailable, "the MCP server is gone: " + process_->stderr_tail()};
}

Result<Json> StdioClient::call_tool(const std::string& name, Json arguments) {
  return request("tools/call", {{"name", name}, {"arguments", std::move(arguments)}});
}

}  // namespace agenthub::mcp
