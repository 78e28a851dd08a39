// Every decoder of the A2A codecs: a2a/codec_v1.h (v1.0 ProtoJSON, including the agent card in
// either version's shape) and a2a/compat_v03.h (v0.3 JSON), plus the client's versioned
// wrappers and its URL parsing of card interfaces. Each input (JSON) goes through every
// decoder; most refuse it, the matching ones go deep.
//
// Invariants: no decoder throws, refusals are kInvalidArgument (kInvalidAgentResponse from the
// client wrappers); a decoded value re-encodes to JSON that survives serialization, decodes
// again, and encodes to the same JSON (encode . decode is a fixed point); a value decoded in
// one version encodes in the other without trouble; a decoded card re-decodes from all three
// of our card encodings; card URLs that parse print back to the same URL.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "a2a/client/url.h"
#include "a2a/client/versioned_codec.h"
#include "a2a/codec_v1.h"
#include "a2a/compat_v03.h"
#include "fuzz_check.h"

namespace {

using agenthub::ErrorCode;
using agenthub::Json;
namespace a2a = agenthub::a2a;
namespace v1 = agenthub::a2a::v1;
namespace v03 = agenthub::a2a::v03;

// decode -> encode -> decode -> encode must give the first encoding again. Returns the decoded
// value's first encoding (null when the input was refused).
template <typename Decode, typename Encode>
Json check_fixed_point(const Json& input, const char* what, Decode decode, Encode encode) {
  auto decoded = decode(input);
  if (!decoded.ok()) {
    FUZZ_CHECK_MSG(decoded.error().code == ErrorCode::kInvalidArgument, what);
    return nullptr;
  }
  agenthub::fuzz::note(what);
  Json first = encode(*decoded);
  FUZZ_CHECK_MSG(agenthub::fuzz::survives_serialization(first), what);
  auto again = decode(first);
  FUZZ_CHECK_MSG(again.ok(), std::string(what) + ": " + agenthub::dump_json(first) + " -> " +
                                 (again.ok() ? "" : again.error().message));
  Json second = encode(*again);
  FUZZ_CHECK_MSG(first == second, std::string(what) + ": " + agenthub::dump_json(first) +
                                      " != " + agenthub::dump_json(second));
  return first;
}

// A value decoded in one version, encoded in the other.
template <typename Decode, typename Encode>
void check_cross(const Json& input, Decode decode, Encode encode) {
  auto decoded = decode(input);
  if (decoded.ok()) FUZZ_CHECK(agenthub::fuzz::survives_serialization(encode(*decoded)));
}

#define FIXED_POINT(ns, kind, decoder)                               \
  check_fixed_point(                                                 \
      j, #ns " " kind, [](const Json& x) { return ns::decoder(x); }, \
      [](const auto& v) { return ns::encode(v); })

#define CROSS(from, to, decoder)                         \
  check_cross(                                           \
      j, [](const Json& x) { return from::decoder(x); }, \
      [](const auto& v) { return to::encode(v); })

void check_url(const std::string& text) {
  auto url = a2a::parse_url(text);
  if (!url.ok()) return;
  agenthub::fuzz::note("card URL parsed");
  FUZZ_CHECK(url->scheme == "http" || url->scheme == "https");
  FUZZ_CHECK(url->port > 0 && url->port <= 65535 && !url->host.empty());
  auto again = a2a::parse_url(url->to_string());
  FUZZ_CHECK_MSG(again.ok() && again->to_string() == url->to_string(), text);
  for (std::string_view ref : {"/a2a/jsonrpc", "sub/path", "https://other.example/x"}) {
    auto resolved = a2a::resolve_url(*url, ref);
    FUZZ_CHECK(resolved.ok());
  }
}

void check_card(const Json& j) {
  Json encoded = check_fixed_point(
      j, "v1 agent card", [](const Json& x) { return v1::decode_agent_card(x); },
      [](const a2a::AgentCard& card) { return v1::encode(card); });
  if (encoded.is_null()) return;
  auto card = v1::decode_agent_card(j);
  FUZZ_CHECK(card.ok());
  (void)card->jsonrpc_url();
  (void)card->best_protocol_version();
  for (const auto& iface : card->supported_interfaces) check_url(iface.url);
  // The card we serve (v1.0 plus v0.3 fields), the pure v1.0 one, and the pure v0.3 one are
  // all readable by our own client.
  for (const Json& shape :
       {v1::encode(*card, true), v1::encode(*card, false), v03::encode(*card)}) {
    auto back = v1::decode_agent_card(shape);
    FUZZ_CHECK_MSG(back.ok() || card->supported_interfaces.empty(),
                   agenthub::dump_json(shape) + " -> " + back.error().message);
  }
}

void check_client_wrappers(const Json& j) {
  for (auto version : {a2a::ProtocolVersion::kV1, a2a::ProtocolVersion::kV03}) {
    auto send = a2a::client_codec::decode_send_result(j, version);
    auto task = a2a::client_codec::decode_task_result(j, version);
    auto stream = a2a::client_codec::decode_stream_result(j, version);
    for (const auto* error :
         {send.ok() ? nullptr : &send.error(), task.ok() ? nullptr : &task.error(),
          stream.ok() ? nullptr : &stream.error()}) {
      if (error != nullptr) FUZZ_CHECK(error->code == ErrorCode::kInvalidAgentResponse);
    }
    if (stream.ok()) (void)a2a::client_codec::ends_stream(*stream);
  }
  auto list = a2a::client_codec::decode_list_result(j);
  if (!list.ok()) FUZZ_CHECK(list.error().code == ErrorCode::kInvalidAgentResponse);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = agenthub::parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed.ok()) {
    agenthub::fuzz::note("input is not JSON");
    return 0;
  }
  const Json& j = *parsed;

  FIXED_POINT(v1, "part", decode_part);
  FIXED_POINT(v1, "message", decode_message);
  FIXED_POINT(v1, "task status", decode_task_status);
  FIXED_POINT(v1, "artifact", decode_artifact);
  FIXED_POINT(v1, "task", decode_task);
  FIXED_POINT(v1, "status update", decode_status_update);
  FIXED_POINT(v1, "artifact update", decode_artifact_update);
  FIXED_POINT(v1, "stream response", decode_stream_response);
  FIXED_POINT(v1, "send message request", decode_send_message_request);
  FIXED_POINT(v1, "send message response", decode_send_message_response);
  FIXED_POINT(v1, "get task request", decode_get_task_request);
  FIXED_POINT(v1, "list tasks request", decode_list_tasks_request);
  FIXED_POINT(v1, "list tasks response", decode_list_tasks_response);
  FIXED_POINT(v1, "cancel task request", decode_cancel_task_request);
  FIXED_POINT(v1, "subscribe request", decode_subscribe_request);

  FIXED_POINT(v03, "part", decode_part);
  FIXED_POINT(v03, "message", decode_message);
  FIXED_POINT(v03, "task status", decode_task_status);
  FIXED_POINT(v03, "artifact", decode_artifact);
  FIXED_POINT(v03, "task", decode_task);
  FIXED_POINT(v03, "status update", decode_status_update);
  FIXED_POINT(v03, "artifact update", decode_artifact_update);
  FIXED_POINT(v03, "stream response", decode_stream_response);
  FIXED_POINT(v03, "send message request", decode_send_message_request);
  FIXED_POINT(v03, "send message response", decode_send_message_response);
  FIXED_POINT(v03, "get task request", decode_get_task_request);
  FIXED_POINT(v03, "cancel task request", decode_cancel_task_request);
  FIXED_POINT(v03, "subscribe request", decode_subscribe_request);

  CROSS(v1, v03, decode_task);
  CROSS(v1, v03, decode_stream_response);
  CROSS(v1, v03, decode_send_message_request);
  CROSS(v03, v1, decode_task);
  CROSS(v03, v1, decode_stream_response);
  CROSS(v03, v1, decode_send_message_request);

  check_card(j);
  check_client_wrappers(j);
  return 0;
}
