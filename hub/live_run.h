#pragma once

// A run this hub process is driving: the Run (its single writer), how to reach its agent, and
// what the agent told us so far. Shared by the run's worker thread (run_turn.h), cancel_run and
// continue_run; everything mutable is behind `mu`.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "a2a/client/client.h"
#include "a2a/client/event_stream.h"
#include "hub/a2a_event_mapper.h"
#include "hub/agent_endpoint.h"
#include "hub/run.h"
#include "hub/run_store.h"
#include "hub/session_record.h"

namespace agenthub::hub {

struct LiveRun {
  std::shared_ptr<Run> run;
  const RunStore* store = nullptr;
  Json output_schema;                                             // null when none was asked for
  std::optional<std::chrono::steady_clock::time_point> deadline;  // from timeout_s
  // SendMessage and wait for the task instead of streaming (remote backend_config.blocking).
  bool blocking = false;

  std::mutex mu;
  // How to reach the agent; resolved by the first turn (local wrappers start lazily).
  std::optional<AgentEndpoint> endpoint;
  std::shared_ptr<a2a::Client> client;
  // The stream the worker reads now, so cancel can close it from another thread.
  std::shared_ptr<a2a::EventStream> stream;
  A2aEventMapper mapper;  // used by the worker; read by others under mu
  SessionRecord session;
  bool session_saved = false;
  std::chrono::steady_clock::time_point last_activity = std::chrono::steady_clock::now();

  // The worker of the current turn. Declared last: joined first on destruction.
  std::jthread worker;
};

}  // namespace agenthub::hub
