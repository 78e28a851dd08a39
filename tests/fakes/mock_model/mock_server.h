#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "core/result.h"
#include "tests/fakes/mock_model/request_log.h"
#include "tests/fakes/mock_model/script.h"

namespace httplib {
class Server;
}

namespace agenthub::mock_model {

// State shared between the server and its in-flight answer writers (which may outlive a
// handler call).
struct ServerCounters {
  std::atomic<bool> stopping{false};
  std::atomic<int> abandoned{0};
  std::atomic<int> requests{0};
};

// The offline model server behind the real codex and claude CLIs: OpenAI Responses API
// (POST /v1/responses) and Anthropic Messages API (POST /v1/messages) in one process. Each
// answer follows the directives in the last user prompt (see README.md).
class MockServer {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    int port = 0;  // 0 picks a free port
    std::optional<Script> script;
    std::string log_path;  // JSONL request log; empty for none
  };

  // Binds and starts serving on a background thread. Ignores SIGPIPE process-wide: a client
  // that hangs up mid-stream must not kill the server.
  [[nodiscard]] static Result<std::unique_ptr<MockServer>> start(Options options);

  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  [[nodiscard]] int port() const { return port_; }
  // "http://127.0.0.1:PORT" (no /v1: Codex's base_url appends it, Claude's SDK adds it itself).
  [[nodiscard]] std::string base_url() const;

  // Stops accepting, ends in-flight slow answers promptly, waits for every connection.
  void stop();

  // Streamed answers cut short because the client went away (or the server stopped): lets a
  // test observe that a cancelled CLI really dropped its connection.
  [[nodiscard]] int abandoned_answers() const { return counters_->abandoned.load(); }
  // Requests answered so far, any endpoint.
  [[nodiscard]] int requests_seen() const { return counters_->requests.load(); }

 private:
  MockServer() = default;
  void install_routes();

  Options options_;
  std::unique_ptr<httplib::Server> http_;
  std::unique_ptr<RequestLog> log_;
  std::shared_ptr<ServerCounters> counters_ = std::make_shared<ServerCounters>();
  std::jthread listener_;
  int port_ = 0;
};

}  // namespace agenthub::mock_model
