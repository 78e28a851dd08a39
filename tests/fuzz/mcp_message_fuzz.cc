// orchestration-mcp's stdin path: the input is what a client writes to stdin, split into lines
// as LineReader does (trailing '\r' dropped, blank lines skipped), each line decoded by
// mcp/message_decoder.h and, when it is a request, answered by McpServer over a RunService
// that answers at once.
//
// Invariants: nothing throws; invalid lines get a JSON-RPC error with a valid id (null when
// none is usable); requests get a response to their own id with exactly one of result/error;
// every answer survives serialization (valid UTF-8); tools/call results are CallToolResults
// whose service requests passed the shape checks; initialize and tools/list have their shapes.
//
// Then the same bytes go through the real StdioServer (LineReader, worker pool, LineWriter)
// from a memfd, with a small line limit: it must end at EOF with every call drained, and write
// exactly one well-formed response line per request, invalid line and over-long line (a call
// the input cancels may lose its response, as MCP wants), to the expected ids.

#include <spdlog/spdlog.h>
#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "canned_run_service.h"
#include "core/fs.h"
#include "fuzz_check.h"
#include "mcp/mcp_server.h"
#include "mcp/message_decoder.h"
#include "mcp/stdio_server.h"
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

// Answers every call at once from the request alone: safe on the stdio server's worker threads.
class StatelessRunService final : public agenthub::hub::RunService {
 public:
  agenthub::Result<Json> spawn_run(const agenthub::hub::SpawnRunRequest&) override {
    return Json{{"run_id", "run-1"}, {"status", "running"}};
  }
  agenthub::Result<Json> get_run(const std::string& id) override {
    return Json{{"run_id", id}, {"status", "completed"}};
  }
  agenthub::Result<Json> poll_events(const agenthub::hub::PollEventsRequest& r) override {
    return Json{{"run_id", r.run_id},
                {"status", "running"},
                {"events", Json::array()},
                {"next_after_seq", r.after_seq}};
  }
  agenthub::Result<Json> cancel_run(const std::string& id) override {
    return agenthub::Error{agenthub::ErrorCode::kNotFound, "no run " + id};
  }
  agenthub::Result<Json> continue_run(const std::string& id, const Json&) override {
    return Json{{"run_id", id}, {"status", "running"}};
  }
  agenthub::Result<Json> list_runs(const agenthub::hub::ListRunsRequest&) override {
    return Json{{"runs", Json::array()}};
  }
  agenthub::Result<Json> get_event_artifact(const agenthub::hub::EventArtifactRequest&) override {
    return agenthub::Error{agenthub::ErrorCode::kNotFound, "no such artifact"};
  }
};

constexpr std::size_t kStdioMaxLine = 2048;

struct ExpectedIds {
  std::multiset<std::string> required;  // dump_json of each id that must be answered
  std::multiset<std::string> optional;  // calls the input cancels: maybe answered
};

// What the stdio server must answer, line by line, as LineReader splits the input.
ExpectedIds expected_answers(std::string_view input) {
  ExpectedIds out;
  std::multiset<std::string> calls;  // tools/call ids so far, which a cancel may reach
  while (!input.empty()) {
    std::size_t newline = input.find('\n');
    std::string_view raw = input.substr(0, newline);
    input.remove_prefix(newline == std::string_view::npos ? input.size() : newline + 1);
    if (raw.size() > kStdioMaxLine) {
      out.required.insert("null");
      continue;
    }
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (raw.find_first_not_of(" \t") == std::string_view::npos) continue;
    DecodedMessage message = agenthub::mcp::decode_message(raw);
    if (message.kind == DecodedMessage::Kind::kInvalid) {
      out.required.insert(agenthub::dump_json(message.error_response["id"]));
    } else if (message.kind == DecodedMessage::Kind::kRequest) {
      const std::string id = agenthub::dump_json(message.request.id);
      out.required.insert(id);
      if (message.request.method == "tools/call") calls.insert(id);
    } else if (message.kind == DecodedMessage::Kind::kNotification &&
               message.request.method == "notifications/cancelled") {
      const Json* id = agenthub::json_find(message.request.params, "requestId");
      if (id == nullptr) continue;
      const std::string key = agenthub::dump_json(*id);
      while (calls.contains(key)) {
        calls.erase(calls.find(key));
        out.required.erase(out.required.find(key));
        out.optional.insert(key);
      }
    }
  }
  return out;
}

void check_stdio_server(std::string_view input) {
  static StatelessRunService service;
  static agenthub::mcp::McpServer server(service);
  const int in = ::memfd_create("mcp-in", MFD_CLOEXEC);
  const int out = ::memfd_create("mcp-out", MFD_CLOEXEC);
  FUZZ_CHECK(in >= 0 && out >= 0);
  FUZZ_CHECK(agenthub::write_all(in, input).ok());
  FUZZ_CHECK(::lseek(in, 0, SEEK_SET) == 0);
  agenthub::mcp::StdioServerOptions options;
  options.max_line_bytes = kStdioMaxLine;
  options.max_concurrent_calls = 4;
  options.shutdown_grace = std::chrono::seconds(30);
  auto result = agenthub::mcp::StdioServer(server, in, out, options).run();
  FUZZ_CHECK(result.reason == agenthub::mcp::StdioServer::EndReason::kEof && result.drained);

  std::string written;
  char buffer[65536];
  FUZZ_CHECK(::lseek(out, 0, SEEK_SET) == 0);
  for (ssize_t n; (n = ::read(out, buffer, sizeof buffer)) > 0;) {
    written.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(in);
  ::close(out);

  ExpectedIds expected = expected_answers(input);
  std::string_view lines = written;
  FUZZ_CHECK(lines.empty() || lines.back() == '\n');
  while (!lines.empty()) {
    std::string_view line = lines.substr(0, lines.find('\n'));
    lines.remove_prefix(line.size() + 1);
    auto response = agenthub::parse_json(line);
    FUZZ_CHECK_MSG(response.ok() && response->is_object(), std::string(line));
    FUZZ_CHECK(response->value("jsonrpc", "") == "2.0");
    FUZZ_CHECK(response->contains("result") != response->contains("error"));
    FUZZ_CHECK(response->contains("id") && valid_id((*response)["id"]));
    const std::string id = agenthub::dump_json((*response)["id"]);
    if (auto it = expected.required.find(id); it != expected.required.end()) {
      expected.required.erase(it);
    } else {
      auto optional = expected.optional.find(id);
      FUZZ_CHECK_MSG(optional != expected.optional.end(),
                     "unexpected response " + std::string(line));
      expected.optional.erase(optional);
    }
  }
  FUZZ_CHECK_MSG(expected.required.empty(), "missing a response to " + *expected.required.begin());
  agenthub::fuzz::note("stdio server answered every line");
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
  check_stdio_server(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
