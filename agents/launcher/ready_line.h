#pragma once

// The one JSON line a wrapper prints on stdout once it listens:
// {"agent_url","rpc_url","token" (null without auth),"backend","pid"}.

#include <string>

#include "core/json.h"
#include "core/result.h"

namespace agenthub::agents {

struct ReadyLine {
  std::string agent_url;
  std::string rpc_url;
  std::string token;  // empty when the wrapper runs without auth
  std::string backend;
  long long pid = 0;
};

// kInvalidAgentResponse when `line` lacks a string agent_url that is an http(s) URL; the other
// fields are optional (a missing token means none).
[[nodiscard]] Result<ReadyLine> parse_ready_line(const Json& line);

}  // namespace agenthub::agents
