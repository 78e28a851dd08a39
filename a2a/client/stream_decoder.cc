#include "a2a/client/stream_decoder.h"

#include "a2a/client/rpc_answer.h"
#include "a2a/client/versioned_codec.h"

namespace agenthub::a2a {

StreamDecoder::StreamDecoder(ProtocolVersion version, Json request_id, std::size_t max_event_bytes)
    : version_(version), request_id_(std::move(request_id)), parser_(max_event_bytes) {}

Status StreamDecoder::feed(std::string_view bytes, std::vector<StreamResponse>& out) {
  if (failed_) return *failed_;
  events_.clear();
  Status framing = parser_.feed(bytes, events_);
  for (const SseEvent& ev : events_) {
    auto message = parse_json(ev.data);
    if (!message.ok()) {
      failed_ = Error{ErrorCode::kInvalidAgentResponse,
                      "stream event is not JSON: " + body_snippet(ev.data)};
      return *failed_;
    }
    auto result = decode_rpc_message(std::move(message).value(), request_id_);
    if (!result.ok()) {
      failed_ = result.error();
      return *failed_;
    }
    auto item = client_codec::decode_stream_result(*result, version_);
    if (!item.ok()) {
      failed_ = item.error();
      return *failed_;
    }
    out.push_back(std::move(item).value());
  }
  if (!framing.ok()) {
    failed_ = Error{framing.error().code, "agent stream: " + framing.error().message};
    return *failed_;
  }
  return {};
}

}  // namespace agenthub::a2a
