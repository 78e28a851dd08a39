#pragma once

// What start-a2a-agent prints once the wrapper is ready: the agent's URL and token and a
// spawn_run payload (backend remote_a2a) for the orchestrator, as an explanation for people
// or as one JSON line for scripts.

#include <string>

#include "agents/launcher/wrapped_backend.h"
#include "core/json.h"

namespace agenthub::agents {

inline constexpr std::string_view kCwdPlaceholder =
    "<ABSOLUTE PATH ON THE AGENT'S MACHINE - replace>";
inline constexpr std::string_view kPromptPlaceholder = "<your task>";

struct LaunchInfo {
  WrappedBackend backend = WrappedBackend::kUnknown;
  std::string agent_url;   // for the orchestrator (a wildcard bind named by machine_name)
  std::string listen_url;  // as the wrapper reported it (always usable on this machine)
  std::string token;       // empty: the agent runs without auth
  long long wrapper_pid = 0;
  std::string host;          // the address the agent listens on
  std::string machine_name;  // this machine's hostname when it replaced a wildcard host
};

// {"backend":"remote_a2a","role":"worker","cwd":<placeholder>,"session_mode":"new",
//  "prompt":<placeholder>,"backend_config":{"agent_url":...,"auth_token":...}}; auth_token is
// left out without a token.
[[nodiscard]] Json spawn_run_payload(const LaunchInfo& info);

// {"agent_url","token" (null without auth),"backend","listen_url","wrapper_pid","spawn_run"}.
// launch_json as the line --json prints (keys in reading order, no newline).
[[nodiscard]] Json launch_json(const LaunchInfo& info);
[[nodiscard]] std::string launch_json_line(const LaunchInfo& info);

// The explanation printed on a terminal: URL, token, payload, and what to replace in it.
[[nodiscard]] std::string launch_text(const LaunchInfo& info);

}  // namespace agenthub::agents
