#include "a2a/client/stream_call.h"

#include <optional>
#include <vector>

#include "a2a/client/rpc_answer.h"
#include "a2a/client/stream_decoder.h"
#include "a2a/client/versioned_codec.h"

namespace agenthub::a2a {

std::string_view stream_outcome_name(StreamOutcome o) {
  switch (o) {
    case StreamOutcome::kFinal:
      return "final";
    case StreamOutcome::kIncomplete:
      return "incomplete";
    case StreamOutcome::kStopped:
      return "stopped";
    case StreamOutcome::kUnknown:
      break;
  }
  return "unknown";
}

StreamCall::StreamCall(const ClientOptions& options, Url url, ProtocolVersion version,
                       std::string request_body, Json request_id, HttpHeaders headers)
    : options_(options),
      url_(std::move(url)),
      version_(version),
      body_(std::move(request_body)),
      request_id_(std::move(request_id)),
      headers_(std::move(headers)),
      http_(options_, url_) {}

StreamCall::~StreamCall() = default;

void StreamCall::abort() { http_.abort(); }

Result<StreamOutcome> StreamCall::run(const Sink& sink) {
  StreamDecoder decoder(version_, request_id_, options_.max_message_bytes);
  bool sse = false;
  int status = 0;
  std::string content_type;
  std::string plain_body;  // a non-SSE answer, read whole
  bool too_big = false;
  bool stopped = false;
  bool final_seen = false;
  std::optional<Error> failure;
  std::vector<StreamResponse> items;

  HttpStreamCall::Handlers handlers;
  handlers.on_headers = [&](int st, const std::string& ct) {
    status = st;
    content_type = ct;
    if (auto auth = http_auth_error(st, url_)) {
      failure = *auth;
      return false;
    }
    if (st >= 200 && st < 300 && media_type(ct) == "text/event-stream") {
      sse = true;
      opened_.store(true);
      if (sink.on_open) sink.on_open();
    }
    return true;
  };
  handlers.on_data = [&](std::string_view bytes) {
    if (!sse) {
      if (plain_body.size() + bytes.size() > options_.max_message_bytes) {
        too_big = true;
        return false;
      }
      plain_body.append(bytes);
      return true;
    }
    items.clear();
    Status decoded = decoder.feed(bytes, items);
    for (StreamResponse& item : items) {
      const bool last = client_codec::ends_stream(item);
      if (!sink.on_item(std::move(item))) {
        stopped = true;
        return false;
      }
      if (last) {
        // Nothing more can follow for this task; do not wait for the server to hang up.
        final_seen = true;
        return false;
      }
    }
    if (!decoded.ok()) {
      failure = decoded.error();
      return false;
    }
    return true;
  };

  Status transport = http_.run(body_, headers_, handlers);
  if (!transport.ok() && transport.error().code == ErrorCode::kCancelled) {
    return std::move(transport).take_error();
  }
  if (failure) return *failure;
  if (stopped) return StreamOutcome::kStopped;
  if (final_seen) return StreamOutcome::kFinal;
  if (!transport.ok()) return std::move(transport).take_error();
  if (too_big) {
    return Error{ErrorCode::kResourceExhausted, "answer from " + url_.host_port() + " exceeds " +
                                                    std::to_string(options_.max_message_bytes) +
                                                    " bytes"};
  }
  if (sse) return StreamOutcome::kIncomplete;

  // Not a stream: typically a JSON-RPC error found before streaming began, sometimes a single
  // result from a server that does not stream.
  HttpResponse answer{status, content_type, std::move(plain_body)};
  auto result = decode_rpc_answer(answer, url_, request_id_, "text/event-stream");
  if (!result.ok()) return std::move(result).take_error();
  auto item = client_codec::decode_stream_result(*result, version_);
  if (!item.ok()) return std::move(item).take_error();
  opened_.store(true);
  if (sink.on_open) sink.on_open();
  const bool last = client_codec::ends_stream(*item);
  if (!sink.on_item(std::move(item).value())) return StreamOutcome::kStopped;
  return last ? StreamOutcome::kFinal : StreamOutcome::kIncomplete;
}

}  // namespace agenthub::a2a
