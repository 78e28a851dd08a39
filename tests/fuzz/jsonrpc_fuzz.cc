// JSON-RPC envelopes from the wire: core/jsonrpc.h decode_jsonrpc_request (what the A2A server
// and the MCP server accept) and decode_jsonrpc_response, and the A2A client's reading of an
// answer (a2a/client/rpc_answer.h: decode_rpc_message, decode_rpc_answer on the raw body).
//
// Invariants: nothing throws; a request decodes exactly when it has the documented shape and
// then carries the message's method, id and params, and re-encoding it decodes to the same;
// reply ids are valid ids; a response decodes to its result or to an Error whose message and
// data survive another trip through the error table; the client agrees with core on which
// messages carry a result.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "a2a/client/rpc_answer.h"
#include "a2a/client/url.h"
#include "core/error_table.h"
#include "core/jsonrpc.h"
#include "fuzz_check.h"

namespace {

using agenthub::ErrorCode;
using agenthub::Json;

bool valid_id(const Json& id) { return id.is_string() || id.is_number() || id.is_null(); }

bool is_valid_request(const Json& j) {
  if (!j.is_object()) return false;
  auto version = j.find("jsonrpc");
  if (version == j.end() || !version->is_string() || *version != "2.0") return false;
  auto method = j.find("method");
  if (method == j.end() || !method->is_string()) return false;
  if (auto id = j.find("id"); id != j.end() && !valid_id(*id)) return false;
  if (auto params = j.find("params");
      params != j.end() && !params->is_object() && !params->is_array()) {
    return false;
  }
  return true;
}

void check_request(const Json& j) {
  auto request = agenthub::decode_jsonrpc_request(j);
  FUZZ_CHECK(request.ok() == is_valid_request(j));
  if (!request.ok()) {
    FUZZ_CHECK(request.error().code == ErrorCode::kInvalidRequest);
    return;
  }
  agenthub::fuzz::note(request->is_notification ? "notification" : "request");
  FUZZ_CHECK(request->method == j["method"]);
  FUZZ_CHECK(request->is_notification == !j.contains("id"));
  FUZZ_CHECK(request->is_notification ? request->id.is_null() : request->id == j["id"]);
  FUZZ_CHECK(j.contains("params") ? request->params == j["params"] : request->params.is_null());

  Json again = request->is_notification
                   ? agenthub::make_jsonrpc_notification(request->method, request->params)
                   : agenthub::make_jsonrpc_request(request->id, request->method, request->params);
  auto redecoded = agenthub::decode_jsonrpc_request(again);
  FUZZ_CHECK(redecoded.ok());
  FUZZ_CHECK(redecoded->method == request->method && redecoded->id == request->id &&
             redecoded->params == request->params &&
             redecoded->is_notification == request->is_notification);
}

void check_reply_id(const Json& j) {
  Json id = agenthub::jsonrpc_reply_id(j);
  FUZZ_CHECK(valid_id(id));
  if (j.is_object() && j.contains("id") && valid_id(j["id"])) FUZZ_CHECK(id == j["id"]);
  if (!id.is_null()) FUZZ_CHECK(j.is_object() && j.contains("id") && id == j["id"]);
}

// An Error read from the wire keeps its message and data when written and read again, and its
// code too whenever the code was one we know.
void check_error_round_trip(const agenthub::Error& error) {
  Json wire = agenthub::to_jsonrpc_error(error);
  FUZZ_CHECK(wire["code"].is_number_integer());
  FUZZ_CHECK(wire["message"].is_string());
  agenthub::Error back = agenthub::error_from_jsonrpc(wire);
  FUZZ_CHECK(back.message == error.message);
  if (!error.data.is_null()) FUZZ_CHECK(back.data == error.data);
  if (error.code != ErrorCode::kUnknown) FUZZ_CHECK(back.code == error.code);
}

void check_response(const Json& j) {
  auto result = agenthub::decode_jsonrpc_response(j);
  const bool has_error = j.is_object() && j.contains("error") && !j["error"].is_null();
  if (result.ok()) {
    agenthub::fuzz::note("response with a result");
    FUZZ_CHECK(j.is_object() && !has_error && j.contains("result") && *result == j["result"]);
  } else {
    FUZZ_CHECK(has_error || !j.is_object() || !j.contains("result"));
    if (has_error) {
      agenthub::fuzz::note("response with an error");
      check_error_round_trip(result.error());
    }
  }

  // The client reads the same message; it also checks the id against its request's.
  const Json request_id = j.is_object() && j.contains("id") ? j["id"] : Json(1);
  auto client = agenthub::a2a::decode_rpc_message(j, request_id);
  if (client.ok()) {
    FUZZ_CHECK(result.ok() && *client == *result);
  } else if (result.ok()) {
    // Only a message that does not look like JSON-RPC at all may be refused here.
    FUZZ_CHECK(!j.contains("jsonrpc") && !j.contains("error"));
  }
}

std::uint64_t hash_of(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

// The raw body as an HTTP answer from an agent, with a status and content type.
void check_http_answer(std::string_view body) {
  static const auto kUrl = agenthub::a2a::parse_url("http://127.0.0.1:8080/a2a/jsonrpc");
  FUZZ_CHECK(kUrl.ok());
  constexpr std::array kStatuses{200, 200, 200, 400, 401, 403, 404, 415, 500, 502, 0, 302};
  constexpr std::array<const char*, 5> kTypes{
      "application/json", "text/html", "Application/JSON; charset=utf-8", "text/event-stream", ""};
  const std::uint64_t h = hash_of(body);
  agenthub::a2a::HttpResponse answer;
  answer.status = kStatuses[h % kStatuses.size()];
  answer.content_type = kTypes[(h >> 8) % kTypes.size()];
  answer.body = std::string(body);
  auto result = agenthub::a2a::decode_rpc_answer(answer, *kUrl, Json(1), "application/json");
  if (result.ok()) {
    agenthub::fuzz::note("HTTP answer with a result");
    FUZZ_CHECK(answer.status != 401 && answer.status != 403);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // "$DEEP" stands for hostile nesting, which must be refused before anything recurses on it.
  std::string expanded(reinterpret_cast<const char*>(data), size);
  agenthub::fuzz::expand_deep_nesting(expanded);
  const std::string_view input = expanded;
  check_http_answer(input);
  auto parsed = agenthub::parse_json(input);
  if (!parsed.ok()) {
    agenthub::fuzz::note("input is not JSON");
    return 0;
  }
  check_request(*parsed);
  check_reply_id(*parsed);
  check_response(*parsed);
  return 0;
}
