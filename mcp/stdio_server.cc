#include "mcp/stdio_server.h"

#include <spdlog/spdlog.h>

#include <string>

#include "mcp/line_reader.h"
#include "mcp/message_decoder.h"
#include "mcp/tool_result.h"

namespace agenthub::mcp {

StdioServer::StdioServer(McpServer& server, int in_fd, int out_fd, StdioServerOptions options)
    : server_(server),
      in_fd_(in_fd),
      options_(options),
      writer_(out_fd),
      pool_(options.max_concurrent_calls) {}

StdioServer::RunResult StdioServer::run(int stop_fd) {
  LineReader reader(in_fd_, stop_fd, options_.max_line_bytes);
  RunResult result;
  std::string line;
  for (bool reading = true; reading;) {
    switch (reader.next(line)) {
      case LineReader::Status::kLine:
        handle_line(line);
        break;
      case LineReader::Status::kTooLong:
        spdlog::warn("mcp: dropped a message longer than {} bytes", options_.max_line_bytes);
        writer_.write(oversized_message_response(options_.max_line_bytes));
        break;
      case LineReader::Status::kEof:
        spdlog::info("mcp: stdin closed, shutting down");
        result.reason = EndReason::kEof;
        reading = false;
        break;
      case LineReader::Status::kStopped:
        spdlog::info("mcp: stop requested, shutting down");
        result.reason = EndReason::kStopped;
        reading = false;
        break;
      case LineReader::Status::kError:
        spdlog::error("mcp: reading stdin failed, shutting down");
        result.reason = EndReason::kReadError;
        reading = false;
        break;
    }
  }
  inflight_.stop_all();
  result.drained = pool_.wait_idle(std::chrono::steady_clock::now() + options_.shutdown_grace);
  if (!result.drained) {
    spdlog::warn("mcp: {} requests still running after {} ms; abandoning them", inflight_.size(),
                 options_.shutdown_grace.count());
  }
  return result;
}

void StdioServer::handle_line(std::string_view line) {
  if (line.find_first_not_of(" \t") == std::string_view::npos) return;
  DecodedMessage message = decode_message(line);
  switch (message.kind) {
    case DecodedMessage::Kind::kInvalid:
      spdlog::debug("mcp: invalid message: {}", dump_json(message.error_response));
      writer_.write(message.error_response);
      return;
    case DecodedMessage::Kind::kResponse:
      spdlog::debug("mcp: ignoring a response from the client");
      return;
    case DecodedMessage::Kind::kNotification:
      handle_notification(message.request);
      return;
    case DecodedMessage::Kind::kRequest:
      break;
  }
  spdlog::debug("mcp: request {} id={}", message.request.method, dump_json(message.request.id));
  if (McpServer::may_block(message.request.method)) {
    dispatch_call(std::move(message.request));
  } else {
    writer_.write(server_.handle_request(message.request));
  }
}

void StdioServer::handle_notification(const JsonRpcRequest& notification) {
  if (notification.method == "notifications/cancelled") {
    const Json* id = json_find(notification.params, "requestId");
    if (id != nullptr && inflight_.cancel(*id)) {
      spdlog::info("mcp: request {} cancelled by the client ({})", dump_json(*id),
                   json_string(notification.params, "reason", "no reason given"));
    }
    return;
  }
  spdlog::debug("mcp: notification {}", notification.method);
}

void StdioServer::dispatch_call(JsonRpcRequest request) {
  auto entry = inflight_.add(request.id);
  Json id = request.id;
  std::string tool = json_string(request.params, "name", "tools/call");
  bool started = pool_.try_submit([this, entry, request = std::move(request)] {
    Json response = server_.handle_request(request, entry->stop.get_token());
    inflight_.remove(entry);
    if (entry->cancelled) {
      spdlog::debug("mcp: dropping the response to cancelled request {}", entry->key);
      return;
    }
    writer_.write(response);
  });
  if (!started) {
    inflight_.remove(entry);
    writer_.write(make_jsonrpc_result(
        id, tool_failure(tool, Error{ErrorCode::kResourceExhausted,
                                     "the server is busy with " +
                                         std::to_string(options_.max_concurrent_calls) +
                                         " calls; retry when one has returned"})));
  }
}

}  // namespace agenthub::mcp
