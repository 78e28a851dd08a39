#include "tests/fakes/mock_model/mock_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <chrono>
#include <csignal>
#include <functional>

#include "tests/fakes/mock_model/answer.h"
#include "tests/fakes/mock_model/thread_per_connection.h"

namespace agenthub::mock_model {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kKeepaliveInterval = std::chrono::milliseconds(200);

LoggedRequest logged(const httplib::Request& req, int status) {
  LoggedRequest entry;
  entry.method = req.method;
  entry.path = req.path;
  if (const auto q = req.target.find('?'); q != std::string::npos) {
    entry.query = req.target.substr(q + 1);
  }
  for (const auto& [name, value] : req.headers) {
    // httplib files the socket addresses among the headers; they are not from the client.
    if (name == "LOCAL_ADDR" || name == "LOCAL_PORT" || name == "REMOTE_ADDR" ||
        name == "REMOTE_PORT") {
      continue;
    }
    entry.headers.emplace_back(name, value);
  }
  entry.body = req.body;
  entry.status = status;
  return entry;
}

// Waits `seconds`, writing `keepalive` every interval: a failed write means the client went
// away, so the wait ends at once (false). Also ends when the server stops.
bool wait_writing(httplib::DataSink& sink, double seconds, const std::string& keepalive,
                  const std::atomic<bool>& stopping) {
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(seconds));
  while (Clock::now() < deadline) {
    if (stopping.load()) return false;
    if (!sink.write(keepalive.data(), keepalive.size())) return false;
    std::this_thread::sleep_for(
        std::min<Clock::duration>(kKeepaliveInterval, deadline - Clock::now()));
  }
  return true;
}

void send(const Answer& answer, httplib::Response& res, std::shared_ptr<ServerCounters> counters) {
  res.status = answer.status;
  if (!answer.streamed && answer.slow_seconds <= 0) {
    res.set_content(answer.body, answer.content_type.c_str());
    return;
  }
  if (answer.streamed) {
    res.set_header("Cache-Control", "no-cache");
  }
  // The provider runs once and writes everything; returning false aborts the connection.
  res.set_chunked_content_provider(
      answer.content_type, [answer, counters](size_t, httplib::DataSink& sink) {
        const std::atomic<bool>& stopping = counters->stopping;
        auto abandon = [&counters] {
          ++counters->abandoned;
          spdlog::info("answer abandoned (client gone or server stopping)");
          return false;
        };
        auto write = [&sink](const std::string& bytes) {
          return sink.write(bytes.data(), bytes.size());
        };
        if (!answer.streamed) {
          if (!wait_writing(sink, answer.slow_seconds, answer.keepalive, stopping)) {
            return abandon();
          }
          if (!write(answer.body)) return abandon();
          sink.done();
          return true;
        }
        for (std::size_t i = 0; i < answer.frames.size(); ++i) {
          if (!write(answer.frames[i])) return abandon();
          if (i == 0 && answer.slow_seconds > 0 &&
              !wait_writing(sink, answer.slow_seconds, answer.keepalive, stopping)) {
            return abandon();
          }
        }
        sink.done();
        return true;
      });
}

}  // namespace

Result<std::unique_ptr<MockServer>> MockServer::start(Options options) {
  std::signal(SIGPIPE, SIG_IGN);
  std::unique_ptr<MockServer> server(new MockServer());
  auto log = RequestLog::open(options.log_path);
  if (!log.ok()) return std::move(log).take_error();
  server->log_ = std::move(log.value());
  server->options_ = std::move(options);
  server->http_ = std::make_unique<httplib::Server>();
  server->http_->new_task_queue = [] { return new ThreadPerConnection(); };
  // httplib's default sets SO_REUSEPORT, which would let a second server share a busy port.
  server->http_->set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server->install_routes();

  const auto& opts = server->options_;
  if (opts.port == 0) {
    server->port_ = server->http_->bind_to_any_port(opts.host);
  } else if (server->http_->bind_to_port(opts.host, opts.port)) {
    server->port_ = opts.port;
  }
  if (server->port_ <= 0) {
    return Error(ErrorCode::kUnavailable,
                 "cannot listen on " + opts.host + ":" + std::to_string(opts.port));
  }
  server->listener_ = std::jthread([http = server->http_.get()] { http->listen_after_bind(); });
  // httplib's stop() is a no-op until the listen loop runs, so a stop right after start would
  // leave the listener running forever: wait for it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!server->http_->is_running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (!server->http_->is_running()) {
    return Error(ErrorCode::kUnavailable, "mock server did not start listening");
  }
  return server;
}

MockServer::~MockServer() { stop(); }

std::string MockServer::base_url() const {
  return "http://" + options_.host + ":" + std::to_string(port_);
}

void MockServer::stop() {
  counters_->stopping.store(true);
  if (http_) http_->stop();
  if (listener_.joinable()) listener_.join();
}

void MockServer::install_routes() {
  using Answerer = std::function<Answer(const httplib::Request&)>;
  auto route = [this](const char* pattern, Answerer answerer) {
    http_->Post(pattern, [this, answerer](const httplib::Request& req, httplib::Response& res) {
      const Answer answer = answerer(req);
      ++counters_->requests;
      log_->record(logged(req, answer.status));
      spdlog::info("{} {} -> {}{}", req.method, req.path, answer.status,
                   answer.streamed ? " (stream)" : "");
      send(answer, res, counters_);
    });
  };
  route("/v1/responses", [this](const httplib::Request& req) {
    return answer_responses(req.body, options_.script);
  });
  route("/v1/messages",
        [this](const httplib::Request& req) { return answer_messages(req.body, options_.script); });
  route("/v1/messages/count_tokens",
        [](const httplib::Request& req) { return answer_count_tokens(req.body); });

  // Anything else: 404 with a JSON body, logged so that unexpected CLI calls show up.
  http_->set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (res.status != 404) return;
    ++counters_->requests;
    log_->record(logged(req, 404));
    spdlog::warn("unknown endpoint {} {}", req.method, req.path);
    res.set_content(R"({"error":{"type":"not_found_error","message":"mock: no such endpoint"}})",
                    "application/json");
  });
  http_->set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          spdlog::error("{} {} failed: {}", req.method, req.path, e.what());
        } catch (...) {
          spdlog::error("{} {} failed", req.method, req.path);
        }
        res.status = 500;
        res.set_content(R"({"error":{"type":"api_error","message":"mock internal error"}})",
                        "application/json");
      });
}

}  // namespace agenthub::mock_model
