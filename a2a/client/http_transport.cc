#include "a2a/client/http_transport.h"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>

namespace agenthub::a2a {
namespace {

using Clock = std::chrono::steady_clock;

// Idle keep-alive connections kept per origin; more concurrent callers simply open more.
constexpr std::size_t kMaxIdlePerOrigin = 16;

long long ms(std::chrono::milliseconds d) { return static_cast<long long>(d.count()); }

std::unique_ptr<httplib::Client> make_client(const ClientOptions& options, const Url& url,
                                             std::chrono::milliseconds read_timeout,
                                             bool keep_alive) {
  auto cli = std::make_unique<httplib::Client>(url.origin());
  cli->set_connection_timeout(options.connect_timeout);
  cli->set_read_timeout(read_timeout);
  cli->set_write_timeout(options.request_timeout);
  cli->set_keep_alive(keep_alive);
  cli->set_tcp_nodelay(true);
  cli->set_follow_location(false);
  if (url.scheme == "https") {
    cli->enable_server_certificate_verification(options.verify_tls);
    if (!options.ca_file.empty()) cli->set_ca_cert_path(options.ca_file);
  }
  return cli;
}

// What a transport failure means for the caller, with the peer named.
agenthub::Error transport_error(httplib::Error err, const Url& url, const ClientOptions& options,
                                std::chrono::milliseconds read_timeout, Clock::duration idle) {
  const std::string where = url.host_port();
  switch (err) {
    case httplib::Error::Connection:
    case httplib::Error::BindIPAddress:
      return {ErrorCode::kUnavailable, "cannot connect to " + where +
                                           " (connection refused, host unreachable or name "
                                           "not resolved)"};
    case httplib::Error::ConnectionTimeout:
      return {ErrorCode::kUnavailable, "timed out connecting to " + where + " after " +
                                           std::to_string(ms(options.connect_timeout)) + " ms"};
    case httplib::Error::SSLConnection:
      return {ErrorCode::kUnavailable, "TLS handshake with " + where + " failed"};
    case httplib::Error::SSLLoadingCerts:
      return {ErrorCode::kUnavailable,
              "cannot load CA certificates for " + where +
                  (options.ca_file.empty() ? std::string() : " from " + options.ca_file)};
    case httplib::Error::SSLServerVerification:
      return {ErrorCode::kUnavailable, "TLS certificate of " + where + " failed verification"};
    case httplib::Error::Read:
      // httplib reports a read timeout as a plain read failure; the silence tells them apart.
      if (idle + std::chrono::milliseconds(50) >= read_timeout) {
        return {ErrorCode::kDeadlineExceeded,
                "no answer from " + where + " within " + std::to_string(ms(read_timeout)) + " ms"};
      }
      return {ErrorCode::kUnavailable, "connection to " + where + " lost while reading"};
    case httplib::Error::Write:
      return {ErrorCode::kUnavailable, "connection to " + where + " lost while sending"};
    case httplib::Error::Canceled:
      return {ErrorCode::kCancelled, "request to " + where + " canceled"};
    case httplib::Error::Compression:
      return {ErrorCode::kInvalidAgentResponse, "undecodable compressed answer from " + where};
    default:
      break;
  }
  return {ErrorCode::kUnavailable,
          "HTTP request to " + where + " failed: " + httplib::to_string(err)};
}

void add_headers(httplib::Request& req, const HttpHeaders& headers) {
  for (const auto& [name, value] : headers) req.set_header(name, value);
}

}  // namespace

// ---- HttpTransport ----------------------------------------------------------------------

struct HttpTransport::Pool {
  std::mutex mu;
  std::map<std::string, std::vector<std::unique_ptr<httplib::Client>>> idle;
};

HttpTransport::HttpTransport(ClientOptions options)
    : options_(std::move(options)), pool_(std::make_unique<Pool>()) {}

HttpTransport::~HttpTransport() = default;

Result<HttpResponse> HttpTransport::get(const Url& url, const HttpHeaders& headers) {
  return send(url, "GET", nullptr, headers);
}

Result<HttpResponse> HttpTransport::post(const Url& url, const std::string& body,
                                         const HttpHeaders& headers) {
  return send(url, "POST", &body, headers);
}

Result<HttpResponse> HttpTransport::send(const Url& url, std::string_view method,
                                         const std::string* body, const HttpHeaders& headers) {
  const std::string origin = url.origin();
  std::unique_ptr<httplib::Client> cli;
  {
    std::lock_guard lock(pool_->mu);
    auto& idle = pool_->idle[origin];
    if (!idle.empty()) {
      cli = std::move(idle.back());
      idle.pop_back();
    }
  }
  if (!cli) cli = make_client(options_, url, options_.request_timeout, /*keep_alive=*/true);
  if (!cli->is_valid()) {
    return agenthub::Error{ErrorCode::kInvalidArgument, "unusable URL " + url.to_string()};
  }

  httplib::Request req;
  req.method = std::string(method);
  req.path = url.request_path();
  add_headers(req, headers);
  if (body != nullptr) req.body = *body;

  HttpResponse out;
  bool too_big = false;
  auto last_read = Clock::now();
  req.content_receiver = [&](const char* data, size_t len, uint64_t, uint64_t) {
    last_read = Clock::now();
    if (out.body.size() + len > options_.max_message_bytes) {
      too_big = true;
      return false;
    }
    out.body.append(data, len);
    return true;
  };
  httplib::Response res;
  httplib::Error err = httplib::Error::Success;
  bool ok = cli->send(req, res, err);
  if (too_big) {
    return agenthub::Error{ErrorCode::kResourceExhausted,
                           "answer from " + url.host_port() + " exceeds " +
                               std::to_string(options_.max_message_bytes) + " bytes"};
  }
  if (!ok) {
    return transport_error(err, url, options_, options_.request_timeout, Clock::now() - last_read);
  }
  out.status = res.status;
  out.content_type = res.get_header_value("Content-Type");
  {
    std::lock_guard lock(pool_->mu);
    auto& idle = pool_->idle[origin];
    if (idle.size() < kMaxIdlePerOrigin) idle.push_back(std::move(cli));
  }
  return out;
}

// ---- HttpStreamCall ---------------------------------------------------------------------

struct HttpStreamCall::Impl {
  ClientOptions options;
  Url url;
  std::unique_ptr<httplib::Client> cli;
  std::atomic<bool> aborted{false};
};

HttpStreamCall::HttpStreamCall(const ClientOptions& options, Url url)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->url = std::move(url);
  impl_->cli = make_client(options, impl_->url, options.stream_idle_timeout, /*keep_alive=*/false);
  Impl* impl = impl_.get();
  // httplib connects under the lock stop() takes, so a stop() that ran before the socket
  // existed would be lost. The socket is created under that same lock, before connecting:
  // shutting it down there makes the connection fail at its first write.
  impl_->cli->set_socket_options([impl](int sock) {
    if (impl->aborted.load()) ::shutdown(sock, SHUT_RDWR);
  });
}

HttpStreamCall::~HttpStreamCall() = default;

void HttpStreamCall::abort() {
  impl_->aborted.store(true);
  impl_->cli->stop();
}

Status HttpStreamCall::run(const std::string& body, const HttpHeaders& headers,
                           const Handlers& handlers) {
  Impl& impl = *impl_;
  if (!impl.cli->is_valid()) {
    return agenthub::Error{ErrorCode::kInvalidArgument, "unusable URL " + impl.url.to_string()};
  }
  if (impl.aborted.load()) {
    return agenthub::Error{ErrorCode::kCancelled, "stream closed"};
  }
  httplib::Request req;
  req.method = "POST";
  req.path = impl.url.request_path();
  add_headers(req, headers);
  req.body = body;

  bool stopped_by_handler = false;
  auto last_read = Clock::now();
  req.response_handler = [&](const httplib::Response& res) {
    last_read = Clock::now();
    if (impl.aborted.load()) return false;
    if (!handlers.on_headers(res.status, res.get_header_value("Content-Type"))) {
      stopped_by_handler = true;
      return false;
    }
    return true;
  };
  req.content_receiver = [&](const char* data, size_t len, uint64_t, uint64_t) {
    last_read = Clock::now();
    if (impl.aborted.load()) return false;
    if (!handlers.on_data(std::string_view(data, len))) {
      stopped_by_handler = true;
      return false;
    }
    return true;
  };
  httplib::Response res;
  httplib::Error err = httplib::Error::Success;
  bool ok = impl.cli->send(req, res, err);
  if (impl.aborted.load()) return agenthub::Error{ErrorCode::kCancelled, "stream closed"};
  if (ok || stopped_by_handler) return {};
  return transport_error(err, impl.url, impl.options, impl.options.stream_idle_timeout,
                         Clock::now() - last_read);
}

}  // namespace agenthub::a2a
