// The A2A server's JSON-RPC dispatch (a2a/server/jsonrpc_dispatcher.h): request bytes in, as
// the HTTP transport hands them over (parse_json, then dispatch with the A2A-Version header),
// response or SSE stream items out. Each input gets a fresh RequestHandler whose executor
// finishes at once: it completes with an echo, asks for input when the text says "ask", fails
// on "fail" and adds an artifact (echoing every part) on "artifact". Two tasks exist before the
// input runs, and the placeholders $DONE / $WAITING / $CTX in the input stand for their ids and
// context, so GetTask, CancelTask, SubscribeToTask and continuations reach real tasks; $DEEP
// stands for arrays nested 100000 deep (a body of 200 KB that must not crash the server).
//
// Invariants: nothing throws; every answer is a JSON-RPC response to the request's id (null
// when it had none usable) with exactly one of result / error, an error code from our error
// table, JSON that survives serialization; results and stream items decode with our own
// client's decoders in the request's protocol version; streams end.

#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "a2a/client/versioned_codec.h"
#include "a2a/protocol.h"
#include "a2a/server/agent_executor.h"
#include "a2a/server/jsonrpc_dispatcher.h"
#include "a2a/server/request_handler.h"
#include "core/error_table.h"
#include "core/jsonrpc.h"
#include "fuzz_check.h"

namespace {

using agenthub::Json;
namespace a2a = agenthub::a2a;

class ImmediateExecutor final : public a2a::AgentExecutor {
 public:
  void execute(const a2a::RequestContext& ctx, a2a::TaskUpdater& updater) override {
    const std::string text = ctx.message.text();
    if (text.find("artifact") != std::string::npos) {
      a2a::Artifact artifact;
      artifact.artifact_id = "echo";
      artifact.name = "echo";
      artifact.parts = ctx.message.parts;
      updater.add_artifact(std::move(artifact), false, true, ctx.request_metadata);
    }
    if (text.find("ask") != std::string::npos) {
      updater.require_input(updater.agent_message({a2a::Part::text_part("which one?")}));
    } else if (text.find("fail") != std::string::npos) {
      updater.fail("asked to fail");
    } else {
      updater.complete(updater.agent_message({a2a::Part::text_part("echo: " + text)}));
    }
  }
  void cancel(const std::string&) override {}
};

a2a::SendMessageRequest text_request(std::string text) {
  a2a::SendMessageRequest request;
  request.message.message_id = "setup-" + text;
  request.message.role = a2a::Role::kUser;
  request.message.parts.push_back(a2a::Part::text_part(std::move(text)));
  return request;
}

std::string task_id_of(const agenthub::Result<a2a::SendMessageResponse>& response) {
  FUZZ_CHECK(response.ok() && std::holds_alternative<a2a::Task>(*response));
  return std::get<a2a::Task>(*response).id;
}

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
}

bool is_table_code(int code) {
  static const std::set<int> kCodes = [] {
    std::set<int> codes;
    for (int c = 0; c <= static_cast<int>(agenthub::ErrorCode::kIo); ++c) {
      codes.insert(agenthub::jsonrpc_code(static_cast<agenthub::ErrorCode>(c)));
    }
    return codes;
  }();
  return kCodes.contains(code);
}

// A complete JSON-RPC response to `id`.
void check_response(const Json& response, const Json& id) {
  FUZZ_CHECK(response.is_object());
  FUZZ_CHECK(response.value("jsonrpc", "") == "2.0");
  FUZZ_CHECK_MSG(response.contains("id") && response["id"] == id, agenthub::dump_json(response));
  FUZZ_CHECK(response.contains("result") != response.contains("error"));
  if (response.contains("error")) {
    const Json& error = response["error"];
    FUZZ_CHECK(error.is_object() && error.contains("code") && error["code"].is_number_integer());
    FUZZ_CHECK_MSG(is_table_code(error["code"].get<int>()), agenthub::dump_json(error));
    FUZZ_CHECK(error.contains("message") && error["message"].is_string());
  }
  FUZZ_CHECK_MSG(agenthub::fuzz::survives_serialization(response), agenthub::dump_json(response));
}

// A successful result reads back with the client's decoder for its method and version.
void check_result_decodes(const Json& result, a2a::Method method, a2a::ProtocolVersion version) {
  using a2a::Method;
  namespace codec = a2a::client_codec;
  switch (method) {
    case Method::kSendMessage: {
      auto decoded = codec::decode_send_result(result, version);
      FUZZ_CHECK_MSG(decoded.ok(), decoded.error().message);
      agenthub::fuzz::note("SendMessage answered");
      break;
    }
    case Method::kGetTask:
    case Method::kCancelTask: {
      auto decoded = codec::decode_task_result(result, version);
      FUZZ_CHECK_MSG(decoded.ok(), decoded.error().message);
      agenthub::fuzz::note(method == Method::kGetTask ? "GetTask answered" : "CancelTask answered");
      break;
    }
    case Method::kListTasks: {
      auto decoded = codec::decode_list_result(result);
      FUZZ_CHECK_MSG(decoded.ok(), decoded.error().message);
      agenthub::fuzz::note("ListTasks answered");
      break;
    }
    default:
      agenthub::fuzz::note("other method answered");
      break;
  }
}

std::uint64_t hash_of(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string body(reinterpret_cast<const char*>(data), size);
  const std::uint64_t h = hash_of(body);

  a2a::RequestHandler handler(std::make_shared<ImmediateExecutor>());
  const std::string done = task_id_of(handler.send_message(text_request("hello")));
  auto waiting_response = handler.send_message(text_request("ask me"));
  const std::string waiting = task_id_of(waiting_response);
  const std::string context = std::get<a2a::Task>(*waiting_response).context_id;
  replace_all(body, "$DONE", done);
  replace_all(body, "$WAITING", waiting);
  replace_all(body, "$CTX", context);
  agenthub::fuzz::expand_deep_nesting(body);

  a2a::JsonRpcDispatcher dispatcher(handler);
  auto message = agenthub::parse_json(body);
  if (!message.ok()) {
    agenthub::fuzz::note("input is not JSON");
    return 0;
  }
  constexpr std::array<std::optional<std::string_view>, 6> kHeaders{
      std::nullopt, std::nullopt, "1.0", "0.3", "0.3.0", "2.0"};
  const auto header = kHeaders[h % kHeaders.size()];
  a2a::RpcReply reply = dispatcher.dispatch(*message, header);

  const Json id = agenthub::jsonrpc_reply_id(*message);
  const auto request = agenthub::decode_jsonrpc_request(*message);
  const auto lookup = request.ok() ? a2a::lookup_method(request->method) : a2a::MethodLookup{};
  if (!reply.streaming()) {
    // A notification is answered like a request without a usable id.
    check_response(reply.response, request.ok() && request->is_notification ? Json() : id);
    if (reply.response.contains("result")) {
      FUZZ_CHECK(request.ok() && lookup.method != a2a::Method::kUnknown);
      check_result_decodes(reply.response["result"], lookup.method, lookup.version);
    } else {
      agenthub::fuzz::note("error answer");
    }
    return 0;
  }

  agenthub::fuzz::note("stream answer");
  FUZZ_CHECK(request.ok() && a2a::is_streaming(lookup.method));
  FUZZ_CHECK(reply.id == id && reply.version == lookup.version);
  a2a::StreamResponse item;
  std::size_t items = 0;
  while (true) {
    auto next = reply.stream->next(std::chrono::seconds(20), item);
    FUZZ_CHECK_MSG(next != a2a::TaskEventStream::Next::kTimeout, "the stream did not end");
    if (next == a2a::TaskEventStream::Next::kEnd) break;
    ++items;
    FUZZ_CHECK(items <= 64);
    Json framed = a2a::JsonRpcDispatcher::stream_item(reply.id, reply.version, item);
    check_response(framed, id);
    auto decoded = a2a::client_codec::decode_stream_result(framed["result"], reply.version);
    FUZZ_CHECK_MSG(decoded.ok(), decoded.error().message);
    if (reply.stream->ended()) break;
  }
  FUZZ_CHECK(items >= 1);
  return 0;
}
