#pragma once

// HTTP for the A2A client, with cpp-httplib kept out of every header. Unary requests reuse
// keep-alive connections from a small per-origin pool; each streaming request gets a connection
// of its own that another thread can abort. Transport failures become Errors naming host:port:
// kUnavailable (refused, unreachable, reset, TLS failure) or kDeadlineExceeded (timeouts).

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "a2a/client/client_options.h"
#include "a2a/client/url.h"
#include "core/result.h"

namespace agenthub::a2a {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  std::string content_type;  // as sent, parameters included
  std::string body;
};

class HttpTransport {
 public:
  explicit HttpTransport(ClientOptions options);
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // Thread-safe. Bodies larger than options.max_message_bytes fail with kResourceExhausted.
  [[nodiscard]] Result<HttpResponse> get(const Url& url, const HttpHeaders& headers);
  [[nodiscard]] Result<HttpResponse> post(const Url& url, const std::string& body,
                                          const HttpHeaders& headers);

  [[nodiscard]] const ClientOptions& options() const { return options_; }

 private:
  struct Pool;
  Result<HttpResponse> send(const Url& url, std::string_view method, const std::string* body,
                            const HttpHeaders& headers);

  ClientOptions options_;
  std::unique_ptr<Pool> pool_;
};

// One streaming POST on its own connection.
class HttpStreamCall {
 public:
  struct Handlers {
    // Status line and headers arrived. Return false to stop reading.
    std::function<bool(int status, const std::string& content_type)> on_headers;
    // A piece of the (de-chunked) body. Return false to stop reading.
    std::function<bool(std::string_view bytes)> on_data;
  };

  HttpStreamCall(const ClientOptions& options, Url url);
  ~HttpStreamCall();
  HttpStreamCall(const HttpStreamCall&) = delete;
  HttpStreamCall& operator=(const HttpStreamCall&) = delete;

  // Blocks until the body ends (ok), a handler returns false (ok), abort() (kCancelled), or a
  // transport failure. Reads wait at most options.stream_idle_timeout for the next bytes.
  [[nodiscard]] Status run(const std::string& body, const HttpHeaders& headers,
                           const Handlers& handlers);

  // Any thread, any time, idempotent: makes a blocked run() return promptly.
  void abort();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agenthub::a2a
