#pragma once

// The HTTP side of the JSON-RPC binding, on a cpp-httplib server: bearer-token check, request
// size and Content-Type rules, JSON parsing, and SSE framing of streaming answers with
// heartbeats. Method semantics live in JsonRpcDispatcher.
//
// HTTP-level answers (all with a JSON-RPC error body, id null):
//   401  missing or wrong `Authorization: Bearer` token (plus `WWW-Authenticate: Bearer`)
//   413  body larger than max_body_bytes (code -32600)
//   415  Content-Type other than application/json, parameters allowed (code -32005)
// Everything else is HTTP 200 with a JSON-RPC result or error (-32700 for unparsable JSON,
// including invalid UTF-8), or an SSE stream (text/event-stream).

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "a2a/server/jsonrpc_dispatcher.h"

namespace agenthub::a2a {

struct JsonRpcTransportOptions {
  std::string rpc_path = "/a2a/jsonrpc";
  std::string bearer_token;  // empty: no authentication
  std::size_t max_body_bytes = 10 << 20;
  std::chrono::milliseconds heartbeat_interval{15000};
};

class JsonRpcTransport {
 public:
  // `dispatcher` must outlive every request this transport serves.
  JsonRpcTransport(const JsonRpcDispatcher& dispatcher, JsonRpcTransportOptions options);

  // Registers the POST handler for rpc_path.
  void install(httplib::Server& http);
  // Streams end at their next wake-up; wake them by closing the task queues.
  void stop();
  // SSE responses currently open.
  [[nodiscard]] std::size_t active_streams() const { return active_streams_->load(); }

 private:
  void handle(const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader& reader) const;
  void start_stream(httplib::Response& res, RpcReply reply) const;

  const JsonRpcDispatcher& dispatcher_;
  const JsonRpcTransportOptions options_;
  std::shared_ptr<std::atomic<bool>> stopping_;
  std::shared_ptr<std::atomic<std::size_t>> active_streams_;
};

}  // namespace agenthub::a2a
