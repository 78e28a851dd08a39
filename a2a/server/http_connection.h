#pragma once

// Serves one accepted HTTP connection for cpp-httplib with a bounded request head.
//
// The packaged cpp-httplib (0.11) reads a request line and headers without any total limit:
// a client streaming header lines grows the server's memory without end, and a single
// over-long header line is buffered whole and then answered with an empty 400. This file
// takes over httplib's per-connection loop (Server::process_and_close_socket) with a stream
// that counts the bytes of each request head as httplib consumes them and stops reading once a
// line or the whole head is over its limit. Such a request is answered 431 with a JSON-RPC
// error naming the limit (see head_limit_error_on_this_thread), and the connection is closed.
// Bodies are not counted here: httplib's payload limit and the transport bound them.

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace agenthub::a2a {

struct HttpConnectionLimits {
  std::size_t max_header_line_bytes = 8192;  // one line of the head, CRLF included
  std::size_t max_head_bytes = 64 << 10;     // request line + headers + the blank line
  std::size_t keep_alive_max_count = 5;      // requests per connection
  std::chrono::milliseconds keep_alive_timeout{5000};
  std::chrono::milliseconds read_timeout{5000};
  std::chrono::milliseconds write_timeout{5000};
};

// Serves requests on `sock` (httplib's process_request as `serve_one`) until the client
// closes, keep-alive ends, a head is over its limits, or the server stops (`listening`
// becomes INVALID_SOCKET); then closes `sock`.
using ServeOne =
    std::function<bool(httplib::Stream& stream, bool close_connection, bool& connection_closed)>;
void serve_http_connection(int sock, const std::atomic<int>& listening,
                           const HttpConnectionLimits& limits, const ServeOne& serve_one);

// Inside serve_one: why the current request's head was cut off ("a header line is longer
// than 8192 bytes"), or nullopt when it was not. Lets the error handler tell a 431 from
// httplib's generic 400.
[[nodiscard]] std::optional<std::string> head_limit_error_on_this_thread();

}  // namespace agenthub::a2a
