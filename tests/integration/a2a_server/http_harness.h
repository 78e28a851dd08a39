#pragma once

// Helpers for the server's HTTP-level tests: an in-process echo agent on a random port and
// raw JSON-RPC / SSE calls made with httplib::Client directly (no A2A client), so tests can
// also send malformed input.

#include <httplib.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "a2a/server/request_handler.h"
#include "a2a/server/server.h"
#include "a2a/sse_parser.h"
#include "core/json.h"
#include "echo_executor.h"

namespace agenthub::a2a::testing {

// Generous: a broken test fails after this, a working one never waits for it.
inline constexpr std::chrono::seconds kDeadline{30};

// Polls `condition` until it holds or the deadline passes; for state with no wait API
// (counters inside the server).
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds deadline = kDeadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

inline std::unique_ptr<Server> start_echo_server(ServerOptions options = {}) {
  auto server = std::make_unique<Server>(agenthub::testing::EchoExecutor::card(),
                                         std::make_shared<agenthub::testing::EchoExecutor>(),
                                         std::move(options));
  auto started = server->start();
  if (!started.ok()) throw std::runtime_error(started.error().to_string());
  return server;
}

inline std::unique_ptr<httplib::Client> http_client(const Server& server) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", server.port());
  client->set_read_timeout(kDeadline);
  client->set_write_timeout(kDeadline);
  client->set_connection_timeout(kDeadline);
  return client;
}

struct HttpReply {
  int status = 0;  // 0: no HTTP answer at all
  std::string content_type;
  std::string body;
  httplib::Headers headers;
  Json json;  // the parsed body, null when it is not JSON
};

inline HttpReply post_raw(httplib::Client& client, const std::string& path, const std::string& body,
                          const std::string& content_type, httplib::Headers headers = {}) {
  HttpReply reply;
  auto res = client.Post(path, headers, body, content_type);
  if (!res) return reply;
  reply.status = res->status;
  reply.content_type = res->get_header_value("Content-Type");
  reply.body = res->body;
  reply.headers = res->headers;
  auto parsed = parse_json(res->body);
  if (parsed.ok()) reply.json = std::move(parsed).value();
  return reply;
}

inline HttpReply post_rpc(httplib::Client& client, const Json& message,
                          httplib::Headers headers = {{"A2A-Version", "1.0"}}) {
  return post_raw(client, "/a2a/jsonrpc", dump_json(message), "application/json",
                  std::move(headers));
}

inline Json rpc(const std::string& method, Json params, Json id = 1) {
  Json j = {{"jsonrpc", "2.0"}, {"id", std::move(id)}, {"method", method}};
  if (!params.is_null()) j["params"] = std::move(params);
  return j;
}

inline Json user_message(const std::string& text, const std::string& task_id = {},
                         const std::string& context_id = {}) {
  Json m = {{"messageId", "m-" + std::to_string(std::hash<std::string>{}(text))},
            {"role", "ROLE_USER"},
            {"parts", {{{"text", text}}}}};
  if (!task_id.empty()) m["taskId"] = task_id;
  if (!context_id.empty()) m["contextId"] = context_id;
  return m;
}

inline Json send_params(const std::string& text, const std::string& task_id = {},
                        bool return_immediately = false) {
  Json p = {{"message", user_message(text, task_id)}};
  if (return_immediately) p["configuration"] = {{"returnImmediately", true}};
  return p;
}

inline Json v03_message(const std::string& text) {
  return {{"kind", "message"},
          {"messageId", "m03-" + text},
          {"role", "user"},
          {"parts", {{{"kind", "text"}, {"text", text}}}}};
}

inline int error_code(const HttpReply& reply) {
  const Json* err = json_find(reply.json, "error");
  return err != nullptr ? err->value("code", 0) : 0;
}

inline std::string error_message(const HttpReply& reply) {
  const Json* err = json_find(reply.json, "error");
  return err != nullptr ? err->value("message", std::string()) : std::string();
}

struct SseReply {
  int status = 0;
  std::string content_type;
  std::vector<Json> events;      // each `data:` payload, parsed
  std::size_t comments = 0;      // heartbeats seen
  bool ended_by_server = false;  // the response completed (not cut by us or an error)
  std::string raw_error;         // non-SSE body, when the server answered with JSON
};

// POSTs a streaming call and reads SSE events until the server ends the stream or `keep_going`
// (called after each event or heartbeat) returns false: then the client disconnects.
inline SseReply post_sse(httplib::Client& client, const Json& message,
                         const std::function<bool(const SseReply&)>& keep_going = {},
                         httplib::Headers headers = {{"A2A-Version", "1.0"}}) {
  SseReply out;
  SseParser parser;
  bool stopped_by_us = false;
  httplib::Request req;
  req.method = "POST";
  req.path = "/a2a/jsonrpc";
  req.headers = std::move(headers);
  req.headers.emplace("Content-Type", "application/json");
  req.body = dump_json(message);
  req.response_handler = [&](const httplib::Response& res) {
    out.status = res.status;
    out.content_type = res.get_header_value("Content-Type");
    return true;
  };
  req.content_receiver = [&](const char* data, std::size_t n, std::uint64_t, std::uint64_t) {
    if (out.content_type.rfind("text/event-stream", 0) != 0) {
      out.raw_error.append(data, n);
      return true;
    }
    std::vector<SseEvent> events;
    if (!parser.feed(std::string_view(data, n), events).ok()) return false;
    const std::size_t comments_before = out.comments;
    out.comments = parser.comments_seen();
    bool go_on = true;
    for (auto& e : events) {
      auto parsed = parse_json(e.data);
      out.events.push_back(parsed.ok() ? std::move(parsed).value() : Json(e.data));
      if (keep_going && !keep_going(out)) go_on = false;
    }
    if (out.comments != comments_before && keep_going && !keep_going(out)) go_on = false;
    if (!go_on) stopped_by_us = true;
    return go_on;
  };
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  const bool ok = client.send(req, res, error);
  out.ended_by_server = ok && !stopped_by_us;
  return out;
}

// The `result` of one stream event, and the task state it reports (v1.0 shapes), or "".
inline std::string event_state(const Json& event) {
  const Json* r = json_find(event, "result");
  if (r == nullptr) return "";
  for (const char* key : {"task", "statusUpdate"}) {
    const Json* item = json_find(*r, key);
    if (item == nullptr) continue;
    const Json* status = json_find(*item, "status");
    return status != nullptr ? json_string(*status, "state") : "";
  }
  return "";
}

}  // namespace agenthub::a2a::testing
