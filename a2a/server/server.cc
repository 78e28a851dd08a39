#include "a2a/server/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>
#include <thread>

#include "a2a/codec_v1.h"
#include "a2a/server/http_connection.h"
#include "a2a/server/jsonrpc_dispatcher.h"
#include "a2a/server/jsonrpc_transport.h"
#include "a2a/server/request_handler.h"
#include "a2a/server/served_agent_card.h"
#include "a2a/server/worker_pool.h"
#include "core/jsonrpc.h"

namespace agenthub::a2a {
namespace {

// Idle HTTP workers beyond this long are retired.
constexpr std::chrono::milliseconds kWorkerIdleTimeout{30000};
// The legacy card path older (v0.2) clients still ask for.
constexpr const char* kLegacyCardPath = "/.well-known/agent.json";

// cpp-httplib keeps the listening socket protected; this exposes it so the backlog can be
// raised after binding (the packaged library listens with a backlog of 5, which stalls
// bursts of hundreds of connects). It also serves each connection itself, so the size of a
// request's head is bounded (see http_connection.h).
class HttpServer final : public httplib::Server {
 public:
  explicit HttpServer(std::size_t max_head_bytes) { limits_.max_head_bytes = max_head_bytes; }
  [[nodiscard]] int listening_socket() const { return svr_sock_; }

 private:
  bool process_and_close_socket(socket_t sock) override {
    HttpConnectionLimits limits = limits_;
    limits.keep_alive_max_count = keep_alive_max_count_;
    limits.keep_alive_timeout = std::chrono::seconds(keep_alive_timeout_sec_);
    limits.read_timeout = std::chrono::seconds(read_timeout_sec_) +
                          std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::microseconds(read_timeout_usec_));
    limits.write_timeout = std::chrono::seconds(write_timeout_sec_) +
                           std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::microseconds(write_timeout_usec_));
    serve_http_connection(
        sock, svr_sock_, limits,
        [this](httplib::Stream& stream, bool close_connection, bool& connection_closed) {
          return process_request(stream, close_connection, connection_closed, nullptr);
        });
    return true;
  }

  HttpConnectionLimits limits_;
};

// Answers httplib produces on its own (a malformed or oversized request head) carry no body;
// give them a JSON-RPC error that says what was wrong. Answers with a body are ours already.
httplib::Server::HandlerResponse explain_http_error(const httplib::Request& /*req*/,
                                                    httplib::Response& res) {
  std::string why;
  if (auto over = head_limit_error_on_this_thread()) {
    res.status = 431;
    res.set_header("Connection", "close");
    why = *over;
  } else if (!res.body.empty()) {
    return httplib::Server::HandlerResponse::Unhandled;
  } else if (res.status == 400) {
    why = "malformed HTTP request line or header";
  } else if (res.status == 414) {
    why = "the request line is too long";
  } else {
    return httplib::Server::HandlerResponse::Unhandled;
  }
  res.set_content(dump_json(make_jsonrpc_error(nullptr, Error{ErrorCode::kInvalidRequest, why})),
                  "application/json");
  return httplib::Server::HandlerResponse::Handled;
}

void ignore_sigpipe() {
  struct sigaction current {};
  if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
    std::signal(SIGPIPE, SIG_IGN);
  }
}

std::string url_host(const std::string& host) {
  if (host.empty() || host == "0.0.0.0") return "127.0.0.1";
  if (host == "::") return "[::1]";
  if (host.find(':') != std::string::npos && host.front() != '[') return "[" + host + "]";
  return host;
}

}  // namespace

struct Server::Impl {
  Impl(AgentCard c, std::shared_ptr<AgentExecutor> executor, ServerOptions o)
      : options(std::move(o)),
        card(std::move(c)),
        handler(std::move(executor),
                RequestHandlerOptions{options.max_concurrent_tasks, options.store}),
        dispatcher(handler, options.extended_card),
        transport(dispatcher,
                  JsonRpcTransportOptions{options.rpc_path, options.bearer_token,
                                          options.max_body_bytes, options.heartbeat_interval}),
        http(options.max_header_bytes) {}

  const ServerOptions options;
  AgentCard card;
  std::string card_json;
  RequestHandler handler;
  JsonRpcDispatcher dispatcher;
  JsonRpcTransport transport;
  HttpServer http;
  std::jthread listener;
  std::atomic<bool> listener_done{false};
  int port = 0;
  std::mutex mu;  // start/stop
  bool started = false;
  bool stopped = false;
};

Server::Server(AgentCard card, std::shared_ptr<AgentExecutor> executor, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(card), std::move(executor), std::move(options))) {}

Server::~Server() { stop(); }

Status Server::start() {
  Impl& s = *impl_;
  std::lock_guard lock(s.mu);
  if (s.started) return Error{ErrorCode::kFailedPrecondition, "server already started"};
  if (s.options.rpc_path.empty() || s.options.rpc_path.front() != '/') {
    return Error{ErrorCode::kInvalidArgument, "rpc_path must start with '/'"};
  }
  ignore_sigpipe();

  const std::size_t max_connections = s.options.max_connections;
  s.http.new_task_queue = [max_connections] {
    return new WorkerPool(max_connections, kWorkerIdleTimeout);
  };
  s.http.set_payload_max_length(s.options.max_body_bytes);
  s.http.set_error_handler(httplib::Server::HandlerWithResponse(explain_http_error));
  s.http.set_tcp_nodelay(true);
  s.http.Get(std::string(kAgentCardPath), [&s](const httplib::Request&, httplib::Response& res) {
    res.set_content(s.card_json, "application/json");
  });
  s.http.Get(kLegacyCardPath, [&s](const httplib::Request&, httplib::Response& res) {
    res.set_content(s.card_json, "application/json");
  });
  s.transport.install(s.http);

  if (s.options.port == 0) {
    s.port = s.http.bind_to_any_port(s.options.host);
  } else {
    s.port = s.http.bind_to_port(s.options.host, s.options.port) ? s.options.port : -1;
  }
  if (s.port <= 0) {
    return Error{ErrorCode::kUnavailable, "cannot listen on " + s.options.host + ":" +
                                              std::to_string(s.options.port) + ": " +
                                              std::strerror(errno)};
  }
  if (::listen(s.http.listening_socket(), SOMAXCONN) != 0) {
    spdlog::warn("could not raise the listen backlog: {}", std::strerror(errno));
  }

  s.card = prepare_served_card(std::move(s.card),
                               ServedCardFacts{rpc_url(), !s.options.bearer_token.empty(),
                                               s.options.extended_card.has_value(), true});
  s.card_json = dump_json(v1::encode(s.card, true));

  s.listener = std::jthread([&s] {
    if (!s.http.listen_after_bind()) spdlog::error("the HTTP accept loop ended with an error");
    s.listener_done.store(true);
  });
  // httplib's stop() only acts once its accept loop runs; wait for that so an immediate
  // stop() cannot be lost. The loop starts at once: the socket is already listening.
  while (!s.http.is_running() && !s.listener_done.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  s.started = true;
  spdlog::info("A2A server listening url={} auth={}", rpc_url(),
               s.options.bearer_token.empty() ? "none" : "bearer");
  return {};
}

void Server::stop() {
  Impl& s = *impl_;
  std::lock_guard lock(s.mu);
  if (!s.started || s.stopped) {
    s.stopped = true;
    s.handler.shutdown();
    return;
  }
  s.stopped = true;
  // Tasks first: their failure reaches open streams, which then end, so httplib (which joins
  // its workers on stop) does not wait on them.
  s.handler.shutdown();
  s.transport.stop();
  s.http.stop();
  if (s.listener.joinable()) s.listener.join();
  spdlog::info("A2A server stopped");
}

int Server::port() const { return impl_->port; }

std::string Server::base_url() const {
  return "http://" + url_host(impl_->options.host) + ":" + std::to_string(impl_->port);
}

std::string Server::rpc_url() const { return base_url() + impl_->options.rpc_path; }

AgentCard Server::card() const {
  std::lock_guard lock(impl_->mu);
  return impl_->card;
}

std::size_t Server::active_streams() const { return impl_->transport.active_streams(); }

RequestHandler& Server::handler() { return impl_->handler; }

}  // namespace agenthub::a2a
