#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "a2a/protocol.h"

namespace agenthub::a2a {

struct ClientOptions {
  // Sent as "Authorization: Bearer <token>" on every request (card fetch included). Never
  // logged.
  std::string bearer_token;
  // Extra headers for every request (tracing ids, extension headers...).
  std::vector<std::pair<std::string, std::string>> headers;

  std::chrono::milliseconds connect_timeout{5000};
  // Unary calls: the longest wait for the whole answer (SendMessage blocks until the task is
  // terminal or interrupted, so keep this generous).
  std::chrono::milliseconds request_timeout{60000};
  // Streams: the longest silence tolerated between two reads; heartbeats reset it.
  std::chrono::milliseconds stream_idle_timeout{120000};

  // Where the card lives relative to the agent URL (or an absolute URL).
  std::string agent_card_path = "/.well-known/agent-card.json";
  // Skip version negotiation: always speak this version.
  std::optional<ProtocolVersion> force_version;

  // https: verify the server certificate against the system store or `ca_file`.
  bool verify_tls = true;
  std::string ca_file;

  // Upper bound for one answer body and for one SSE event.
  std::size_t max_message_bytes = 32 * 1024 * 1024;
};

}  // namespace agenthub::a2a
