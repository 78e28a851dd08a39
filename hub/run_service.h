#pragma once

// The hub's operations as front-ends see them (mcp/ maps the seven MCP tools onto this).
// Requests arrive shape-checked (types, ranges, enum spellings) by the front-end; the hub
// checks meaning (cwd exists, resume needs a session, the run is in a state that allows the
// call) and answers with kInvalidArgument / kNotFound / kFailedPrecondition Errors whose
// messages tell the caller what to fix. Results are JSON objects in the exact wire shapes of
// seed-behaviour.md, so front-ends forward them without knowing run internals.

#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>

#include "core/json.h"
#include "core/result.h"

namespace agenthub::hub {

struct SpawnRunRequest {
  std::string backend;  // "codex" | "claude_code" | "remote_a2a"
  std::string role;     // "planner" | "worker" | "reviewer"
  std::optional<std::string> prompt;
  Json input_message;            // AgentMessage {role, parts[], metadata?} or null
  std::string cwd;               // absolute, existing directory
  std::string session_mode;      // "new" | "resume"
  std::string session_id;        // required when resuming
  std::string profile;           // path to a persona file, or empty
  Json output_schema;            // JSON Schema object or null
  Json metadata;                 // object or null
  Json backend_config;           // object or null (remote_a2a: agent_url, headers, auth_token, ...)
  std::optional<int> timeout_s;  // overall run deadline; none by default
};

struct PollEventsRequest {
  std::string run_id;
  std::int64_t after_seq = 0;
  int limit = 100;      // 1..1000
  int wait_ms = 20000;  // 0..30000
  // Requested when the caller gave up (MCP notifications/cancelled, server shutdown): stop
  // waiting and answer at once with whatever is there. Default-constructed: never requested.
  std::stop_token stop;
};

struct ListRunsRequest {
  std::optional<std::string> status;
  std::optional<std::string> backend;
  std::optional<std::string> cwd;
};

struct EventArtifactRequest {
  std::string run_id;
  std::int64_t seq = 0;
  std::string field_path;  // JSON Pointer relative to event.data
  std::int64_t offset = 0;
  std::int64_t limit = 65536;  // 1..262144
};

class RunService {
 public:
  virtual ~RunService() = default;

  // {run_id, backend, role, session_id, status}
  [[nodiscard]] virtual Result<Json> spawn_run(const SpawnRunRequest& request) = 0;
  // Run summary: run_id, backend, role, session_id, status, started_at, updated_at, summary,
  // last_seq, cwd, metadata, remote_ref, result, error.
  [[nodiscard]] virtual Result<Json> get_run(const std::string& run_id) = 0;
  // {run_id, status, events[], next_after_seq}. Blocks up to wait_ms for the first event when
  // none is newer than after_seq and the run is not terminal.
  [[nodiscard]] virtual Result<Json> poll_events(const PollEventsRequest& request) = 0;
  // {run_id, status, cancelled_at}
  [[nodiscard]] virtual Result<Json> cancel_run(const std::string& run_id) = 0;
  // {run_id, status}
  [[nodiscard]] virtual Result<Json> continue_run(const std::string& run_id,
                                                  const Json& input_message) = 0;
  // {runs: [summary...]}
  [[nodiscard]] virtual Result<Json> list_runs(const ListRunsRequest& request) = 0;
  // {run_id, seq, field_path, mime, encoding, relpath, total_bytes, offset, returned_bytes,
  //  has_more, content}
  [[nodiscard]] virtual Result<Json> get_event_artifact(const EventArtifactRequest& request) = 0;
};

}  // namespace agenthub::hub
