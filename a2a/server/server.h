#pragma once

// An A2A server: JSON-RPC 2.0 over HTTP (v1.0 and v0.3 method names), SSE streaming, the
// agent card at /.well-known/agent-card.json, optional bearer-token auth. Give it a card and
// an AgentExecutor:
//
//   a2a::Server server(card, std::make_shared<MyExecutor>(), {.port = 0});
//   if (auto st = server.start(); !st.ok()) { ... }
//   std::cout << server.rpc_url() << "\n";
//   ...
//   server.stop();
//
// start() ignores SIGPIPE for the process (a client vanishing mid-stream must cost a failed
// write, not the process). A Server is started at most once.

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "a2a/protocol.h"
#include "a2a/server/agent_executor.h"
#include "a2a/server/task_store.h"
#include "a2a/types.h"
#include "core/result.h"

namespace agenthub::a2a {

class RequestHandler;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port (see port())
  std::string rpc_path = std::string(kDefaultRpcPath);
  std::string bearer_token;  // empty: no auth. Never logged.
  std::size_t max_body_bytes = 10 << 20;
  // A request's line and headers together; more (or one header line over 8 KiB) is answered
  // 431 and the connection closed.
  std::size_t max_header_bytes = 64 << 10;
  // Tasks executing at once; 0 = unlimited. Extra tasks wait in SUBMITTED, started in order.
  std::size_t max_concurrent_tasks = 0;
  // A `: ping` comment on a stream idle this long (keeps proxies open, detects gone clients).
  std::chrono::milliseconds heartbeat_interval{15000};
  // HTTP connections served at once (each open SSE stream holds one); more wait in line.
  std::size_t max_connections = 1024;
  TaskStoreOptions store;
  // Served to authenticated clients by GetExtendedAgentCard; unset: that method is -32007.
  std::optional<AgentCard> extended_card;
};

class Server {
 public:
  Server(AgentCard card, std::shared_ptr<AgentExecutor> executor, ServerOptions options = {});
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  ~Server();  // stop()

  // Binds and serves on background threads. kUnavailable when the address cannot be bound,
  // kFailedPrecondition when already started.
  [[nodiscard]] Status start();
  // Ends open streams, stops accepting, fails unfinished tasks, stops executors and joins
  // every thread. Idempotent.
  void stop();

  // The bound port (after start()).
  [[nodiscard]] int port() const;
  // "http://127.0.0.1:<port>" (a wildcard host is advertised as loopback).
  [[nodiscard]] std::string base_url() const;
  // base_url() + rpc_path.
  [[nodiscard]] std::string rpc_url() const;
  // The card as served (interface URLs filled in after start()).
  [[nodiscard]] AgentCard card() const;
  // SSE responses currently open.
  [[nodiscard]] std::size_t active_streams() const;
  // Protocol semantics, for callers embedding the server (and tests).
  [[nodiscard]] RequestHandler& handler();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agenthub::a2a
