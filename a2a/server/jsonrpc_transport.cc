#include "a2a/server/jsonrpc_transport.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "a2a/auth.h"
#include "a2a/protocol.h"
#include "a2a/sse.h"
#include "core/error_table.h"
#include "core/jsonrpc.h"

namespace agenthub::a2a {
namespace {

constexpr const char* kJson = "application/json";

void send_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(dump_json(body), kJson);
}

void send_error(httplib::Response& res, int status, const Json& id, const Error& error) {
  send_json(res, status, make_jsonrpc_error(id, error));
}

// "application/json; charset=utf-8" -> "application/json"
std::string media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.front()))) {
    type.remove_prefix(1);
  }
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) {
    type.remove_suffix(1);
  }
  std::string out(type);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Reads and discards a rejected request's body (up to `limit` bytes) so the connection stays
// usable for the client's next request.
void drain(const httplib::ContentReader& reader, std::size_t limit) {
  std::size_t seen = 0;
  reader([&](const char*, std::size_t n) {
    seen += n;
    return seen <= limit;
  });
}

// The state one SSE response carries between provider calls.
struct SseStream {
  RpcReply reply;
  std::chrono::milliseconds heartbeat;
  std::shared_ptr<std::atomic<bool>> stopping;
  std::shared_ptr<std::atomic<std::size_t>> active;

  SseStream(RpcReply r, std::chrono::milliseconds hb, std::shared_ptr<std::atomic<bool>> stop,
            std::shared_ptr<std::atomic<std::size_t>> counter)
      : reply(std::move(r)), heartbeat(hb), stopping(std::move(stop)), active(std::move(counter)) {
    active->fetch_add(1);
  }
  SseStream(const SseStream&) = delete;
  SseStream& operator=(const SseStream&) = delete;
  ~SseStream() { active->fetch_sub(1); }

  // One provider call: writes the next item or a heartbeat. False when the client is gone
  // (httplib then closes the connection); sink.done() once the stream is over.
  bool pump(httplib::DataSink& sink) {
    if (stopping->load()) {
      sink.done();
      return true;
    }
    StreamResponse item;
    switch (reply.stream->next(heartbeat, item)) {
      case TaskEventStream::Next::kItem: {
        const std::string frame = format_sse_data(
            dump_json(JsonRpcDispatcher::stream_item(reply.id, reply.version, item)));
        if (!sink.write(frame.data(), frame.size())) return false;
        if (reply.stream->ended()) sink.done();
        return true;
      }
      case TaskEventStream::Next::kTimeout: {
        static const std::string kPing = format_sse_comment("ping");
        return sink.write(kPing.data(), kPing.size());
      }
      case TaskEventStream::Next::kEnd:
        break;
    }
    sink.done();
    return true;
  }
};

}  // namespace

JsonRpcTransport::JsonRpcTransport(const JsonRpcDispatcher& dispatcher,
                                   JsonRpcTransportOptions options)
    : dispatcher_(dispatcher),
      options_(std::move(options)),
      stopping_(std::make_shared<std::atomic<bool>>(false)),
      active_streams_(std::make_shared<std::atomic<std::size_t>>(0)) {}

void JsonRpcTransport::install(httplib::Server& http) {
  http.Post(options_.rpc_path,
            [this](const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader& reader) { handle(req, res, reader); });
}

void JsonRpcTransport::stop() { stopping_->store(true); }

void JsonRpcTransport::handle(const httplib::Request& req, httplib::Response& res,
                              const httplib::ContentReader& reader) const {
  if (!options_.bearer_token.empty() &&
      !check_bearer(req.get_header_value("Authorization"), options_.bearer_token)) {
    drain(reader, options_.max_body_bytes);
    spdlog::warn("rejected JSON-RPC call from {}: missing or invalid bearer token",
                 req.remote_addr);
    res.set_header("WWW-Authenticate", "Bearer");
    send_error(res, 401, nullptr,
               Error{ErrorCode::kUnauthenticated, "missing or invalid bearer token"});
    return;
  }
  const std::string type = media_type(req.get_header_value("Content-Type"));
  if (type != kJson) {
    drain(reader, options_.max_body_bytes);
    send_error(res, 415, nullptr,
               Error{ErrorCode::kContentTypeNotSupported,
                     "Content-Type must be application/json, got \"" +
                         req.get_header_value("Content-Type") + "\""});
    return;
  }

  std::string body;
  bool too_large = false;
  const bool read_ok = reader([&](const char* data, std::size_t n) {
    if (body.size() + n > options_.max_body_bytes) {
      too_large = true;
      return false;
    }
    body.append(data, n);
    return true;
  });
  if (too_large || res.status == 413) {
    send_error(
        res, 413, nullptr,
        Error{ErrorCode::kInvalidRequest, "request body exceeds the limit of " +
                                              std::to_string(options_.max_body_bytes) + " bytes"});
    return;
  }
  if (!read_ok) {
    send_error(res, 400, nullptr, Error{ErrorCode::kInvalidRequest, "could not read the body"});
    return;
  }

  auto message = parse_json(body);
  if (!message.ok()) {
    send_error(res, 200, nullptr, message.error());
    return;
  }
  const std::string version_header(kVersionHeader);
  const bool has_version = req.has_header(version_header);
  const std::string version = has_version ? req.get_header_value(version_header) : "";

  RpcReply reply = dispatcher_.dispatch(
      *message, has_version ? std::optional<std::string_view>(version) : std::nullopt);
  if (reply.streaming()) {
    start_stream(res, std::move(reply));
    return;
  }
  send_json(res, 200, reply.response);
}

void JsonRpcTransport::start_stream(httplib::Response& res, RpcReply reply) const {
  auto stream = std::make_shared<SseStream>(std::move(reply), options_.heartbeat_interval,
                                            stopping_, active_streams_);
  res.status = 200;
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Accel-Buffering", "no");
  res.set_chunked_content_provider(
      "text/event-stream",
      [stream](std::size_t /*offset*/, httplib::DataSink& sink) { return stream->pump(sink); });
}

}  // namespace agenthub::a2a
