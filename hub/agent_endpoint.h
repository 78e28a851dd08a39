#pragma once

// How the hub reaches one A2A agent: its URL and the client settings (bearer token, headers,
// card path) every call to it uses — for a run's first message, its continuations and cancels.

#include <string>

#include "a2a/client/client_options.h"

namespace agenthub::hub {

struct AgentEndpoint {
  std::string url;
  a2a::ClientOptions options;
  // Local wrappers are ours: their run-event data parts are trusted to be well-formed.
  bool local = false;
};

}  // namespace agenthub::hub
