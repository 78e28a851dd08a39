#pragma once

// A tiny in-process HTTP server for client unit tests: serves a canned agent card and hands
// every JSON-RPC POST to a test-supplied handler, recording what the client sent.

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/json.h"

namespace agenthub::a2a::testing {

struct RecordedCall {
  std::string path;
  std::string method;  // JSON-RPC method
  std::string version_header;
  std::string authorization;
  std::string accept;
  std::string custom;  // X-Test header
  Json body;
};

class FakeAgent {
 public:
  using RpcHandler = std::function<void(const RecordedCall&, httplib::Response&)>;

  FakeAgent() {
    server_.Get("/custom/card.json", [this](const httplib::Request&, httplib::Response& res) {
      std::lock_guard lock(mu_);
      Json card = card_;
      card["name"] = "custom-path";
      res.set_content(dump_json(card), "application/json");
    });
    server_.Get("/.well-known/agent-card.json",
                [this](const httplib::Request& req, httplib::Response& res) {
                  std::lock_guard lock(mu_);
                  card_fetches_.push_back(req.get_header_value("A2A-Version"));
                  if (card_status_ != 200) {
                    res.status = card_status_;
                    res.set_content("<html>nope</html>", "text/html");
                    return;
                  }
                  res.set_content(dump_json(card_), "application/json");
                });
    server_.Post("/a2a/jsonrpc", [this](const httplib::Request& req, httplib::Response& res) {
      RecordedCall call;
      call.path = req.path;
      call.version_header = req.get_header_value("A2A-Version");
      call.authorization = req.get_header_value("Authorization");
      call.accept = req.get_header_value("Accept");
      call.custom = req.get_header_value("X-Test");
      auto body = parse_json(req.body);
      if (body.ok()) call.body = *body;
      call.method = call.body.value("method", "");
      RpcHandler handler;
      {
        std::lock_guard lock(mu_);
        calls_.push_back(call);
        handler = handler_;
      }
      handler(call, res);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() before the accept loop runs would be lost; wait for it to start.
    while (!server_.is_running()) std::this_thread::yield();
    card_ = v1_card();
  }

  ~FakeAgent() {
    release_streams();
    server_.stop();
    thread_.join();
  }

  // Answers with an SSE stream: `prefix` at once, then the response stays open until
  // release_streams() (or destruction). With `pings` >= 0 it instead sends that many `: ping`
  // heartbeats `ping_every` apart, then `suffix`, and ends.
  void serve_held_stream(httplib::Response& res, std::string prefix, std::string suffix = {},
                         int pings = -1,
                         std::chrono::milliseconds ping_every = std::chrono::milliseconds(200)) {
    res.set_chunked_content_provider(
        "text/event-stream", [this, prefix, suffix, pings, ping_every, sent = false, pinged = 0](
                                 size_t, httplib::DataSink& sink) mutable {
          if (!sent) {
            sent = true;
            return sink.write(prefix.data(), prefix.size());
          }
          if (pings >= 0 && pinged >= pings) {
            sink.write(suffix.data(), suffix.size());
            sink.done();
            return true;
          }
          std::unique_lock lock(mu_);
          if (streams_cv_.wait_for(lock, ping_every, [this] { return streams_released_; })) {
            return false;
          }
          lock.unlock();
          if (pings < 0) return sink.is_writable();
          ++pinged;
          return sink.write(": ping\n\n", 8);
        });
  }

  void release_streams() {
    std::lock_guard lock(mu_);
    streams_released_ = true;
    streams_cv_.notify_all();
  }

  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] std::string rpc_url() const { return url() + "/a2a/jsonrpc"; }
  [[nodiscard]] int port() const { return port_; }

  [[nodiscard]] Json v1_card() const {
    return {{"name", "fake"},
            {"description", "canned answers"},
            {"version", "1"},
            {"supportedInterfaces",
             {{{"url", rpc_url()}, {"protocolBinding", "JSONRPC"}, {"protocolVersion", "1.0"}}}},
            {"capabilities", {{"streaming", true}}},
            {"defaultInputModes", {"text/plain"}},
            {"defaultOutputModes", {"text/plain"}},
            {"skills", Json::array()}};
  }
  [[nodiscard]] Json v03_card() const {
    return {{"name", "old"},
            {"description", "v0.3 only"},
            {"version", "1"},
            {"url", rpc_url()},
            {"protocolVersion", "0.3.0"},
            {"preferredTransport", "JSONRPC"},
            {"capabilities", {{"streaming", true}}},
            {"defaultInputModes", {"text/plain"}},
            {"defaultOutputModes", {"text/plain"}},
            {"skills", Json::array()}};
  }

  void set_card(Json card) {
    std::lock_guard lock(mu_);
    card_ = std::move(card);
  }
  void set_card_status(int status) {
    std::lock_guard lock(mu_);
    card_status_ = status;
  }
  void on_rpc(RpcHandler handler) {
    std::lock_guard lock(mu_);
    handler_ = std::move(handler);
  }
  [[nodiscard]] std::vector<RecordedCall> calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }
  [[nodiscard]] std::vector<std::string> card_fetches() const {
    std::lock_guard lock(mu_);
    return card_fetches_;
  }

  // Response helpers.
  static void reply_result(const RecordedCall& call, httplib::Response& res, Json result) {
    Json msg = {{"jsonrpc", "2.0"}, {"id", call.body.value("id", Json())}, {"result", result}};
    res.set_content(dump_json(msg), "application/json");
  }
  static void reply_error(const RecordedCall& call, httplib::Response& res, int code,
                          std::string message, int http_status = 200) {
    Json msg = {{"jsonrpc", "2.0"},
                {"id", call.body.value("id", Json())},
                {"error", {{"code", code}, {"message", message}}}};
    res.status = http_status;
    res.set_content(dump_json(msg), "application/json");
  }
  // An SSE body of JSON-RPC results, one event each.
  static std::string sse_of(const RecordedCall& call, const std::vector<Json>& results) {
    std::string out;
    for (const auto& r : results) {
      Json msg = {{"jsonrpc", "2.0"}, {"id", call.body.value("id", Json())}, {"result", r}};
      out += "data: " + dump_json(msg) + "\n\n";
    }
    return out;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  mutable std::mutex mu_;
  Json card_;
  int card_status_ = 200;
  RpcHandler handler_ = [](const RecordedCall& call, httplib::Response& res) {
    reply_error(call, res, -32601, "no handler");
  };
  std::vector<RecordedCall> calls_;
  std::vector<std::string> card_fetches_;
  std::condition_variable streams_cv_;
  bool streams_released_ = false;
};

// v1.0 JSON shapes for canned answers.
inline Json v1_task(const std::string& id, const std::string& state) {
  return {{"id", id}, {"contextId", "ctx-1"}, {"status", {{"state", state}}}};
}
inline Json v03_task(const std::string& id, const std::string& state) {
  return {{"kind", "task"}, {"id", id}, {"contextId", "ctx-1"}, {"status", {{"state", state}}}};
}
inline Json v1_status_update(const std::string& id, const std::string& state) {
  return {
      {"statusUpdate", {{"taskId", id}, {"contextId", "ctx-1"}, {"status", {{"state", state}}}}}};
}

}  // namespace agenthub::a2a::testing
