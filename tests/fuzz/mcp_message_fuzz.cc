// orchestration-mcp's stdin path: the input is what a client writes to stdin, split into lines
// as LineReader does (trailing '\r' dropped, blank lines skipped), each line decoded by
// mcp/message_decoder.h and, when it is a request, answered by McpServer over a RunService
// that answers at once.
//
// Invariants: nothing throws; invalid lines get a JSON-RPC error with a valid id (null when
// none is usable); requests get a response to their own id with exactly one of result/error;
// every answer survives serialization (valid UTF-8); tools/call results are CallToolResults
// whose service requests passed the shape checks; initialize and tools/list have their shapes.

#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "canned_run_service.h"
#include "fuzz_check.h"
#include "mcp/mcp_server.h"
#include "mcp/message_decoder.h"
#include "mcp/tool_registry.h"
#include "mcp_checks.h"

namespace {

using agenthub::Json;
using agenthub::mcp::DecodedMessage;

bool valid_id(const Json& id) { return id.is_string() || id.is_number() || id.is_null(); }

void check_error_response(const Json& response) {
  FUZZ_CHECK(response.is_object() && response.value("jsonrpc", "") == "2.0");
  FUZZ_CHECK(response.contains("id") && valid_id(response["id"]));
  FUZZ_CHECK(!response.contains("result"));
  const Json* error = agenthub::json_find(response, "error");
  FUZZ_CHECK(error != nullptr && error->is_object());
  FUZZ_CHECK(error->contains("code") && (*error)["code"].is_number_integer());
  FUZZ_CHECK(error->contains("message") && (*error)["message"].is_string());
  FUZZ_CHECK_MSG(agenthub::fuzz::survives_serialization(response), agenthub::dump_json(response));
}

void check_answer(const agenthub::JsonRpcRequest& request, const Json& response,
                  const agenthub::fuzz::CannedRunService& service) {
  FUZZ_CHECK(response.is_object() && response.value("jsonrpc", "") == "2.0");
  FUZZ_CHECK(response.contains("id") && response["id"] == request.id);
  FUZZ_CHECK(response.contains("result") != response.contains("error"));
  FUZZ_CHECK_MSG(agenthub::fuzz::survives_serialization(response), agenthub::dump_json(response));
  if (response.contains("error")) {
    agenthub::fuzz::note("request answered with an error");
    check_error_response(response);
    return;
  }
  const Json& result = response["result"];
  if (request.method == "tools/call") {
    const Json* name = agenthub::json_find(request.params, "name");
    FUZZ_CHECK(name != nullptr && name->is_string());
    check_tool_result(name->get<std::string>(), result, service);
  } else if (request.method == "tools/list") {
    FUZZ_CHECK(result["tools"].size() == agenthub::mcp::all_tools().size());
  } else if (request.method == "initialize") {
    agenthub::fuzz::note("initialized");
    FUZZ_CHECK(result["protocolVersion"].is_string());
    FUZZ_CHECK(result["serverInfo"]["name"].is_string());
  } else {
    FUZZ_CHECK(request.method == "ping");
  }
}

void handle_line(std::string_view line, agenthub::mcp::McpServer& server,
                 agenthub::fuzz::CannedRunService& service) {
  if (line.find_first_not_of(" \t") == std::string_view::npos) return;
  DecodedMessage message = agenthub::mcp::decode_message(line);
  switch (message.kind) {
    case DecodedMessage::Kind::kInvalid:
      agenthub::fuzz::note("invalid line");
      check_error_response(message.error_response);
      return;
    case DecodedMessage::Kind::kResponse:
      agenthub::fuzz::note("client response, dropped");
      return;
    case DecodedMessage::Kind::kNotification:
      agenthub::fuzz::note("notification");
      FUZZ_CHECK(message.request.is_notification && message.request.id.is_null());
      return;
    case DecodedMessage::Kind::kRequest:
      break;
  }
  agenthub::fuzz::note("request");
  FUZZ_CHECK(!message.request.is_notification);
  FUZZ_CHECK(message.request.id.is_string() || message.request.id.is_number());
  service.reset_calls();
  Json response = server.handle_request(message.request);
  check_answer(message.request, response, service);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static agenthub::fuzz::CannedRunService service;
  static agenthub::mcp::McpServer server(service);
  std::string_view input(reinterpret_cast<const char*>(data), size);
  while (!input.empty()) {
    std::size_t newline = input.find('\n');
    std::string_view line = input.substr(0, newline);
    input.remove_prefix(newline == std::string_view::npos ? input.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    handle_line(line, server, service);
  }
  return 0;
}
