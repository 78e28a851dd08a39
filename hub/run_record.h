#pragma once

// What the hub remembers about a run (run.json), its final result (result.json) and the run
// summary that get_run / list_runs answer with. Field names are the wire names of
// seed-behaviour.md. Decoders are tolerant of files written by the old TypeScript tool: they
// accept its camelCase keys (runId, lastSeq, ...), default missing fields, and keep unknown
// fields in `extra` so a load/store round trip loses nothing.

#include <cstdint>
#include <optional>
#include <string>

#include "core/json.h"
#include "core/result.h"
#include "hub/run_types.h"

namespace agenthub::hub {

// Where a run or session lives on a remote A2A agent. Empty strings encode as null.
struct RemoteRef {
  std::string provider;  // e.g. "a2a"
  std::string conversation_id;
  std::string task_id;
  std::string context_id;
  std::string agent_url;
  std::string agent_name;
  Json metadata;  // object or null
  Json extra = Json::object();

  [[nodiscard]] bool empty() const;
};

[[nodiscard]] Json encode(const RemoteRef& ref);
// Never fails: a non-object gives an empty RemoteRef.
[[nodiscard]] RemoteRef decode_remote_ref(const Json& j);

// result.json: {final_response, structured_output, usage, artifacts}.
struct RunResult {
  std::string final_response;
  Json structured_output;  // any JSON, null when no output_schema was given
  Json usage;              // object or null (tokens, cost_usd, ...)
  Json artifacts = Json::array();
  Json extra = Json::object();
};

[[nodiscard]] Json encode(const RunResult& result);
// Never fails: missing members are defaulted (old files used finalResponse/structuredOutput).
[[nodiscard]] RunResult decode_run_result(const Json& j);

// run.json.
struct RunRecord {
  std::string run_id;
  Backend backend = Backend::kUnknown;
  Role role = Role::kUnknown;
  std::string session_id;
  RunStatus status = RunStatus::kUnknown;
  std::string cwd;
  std::string prompt;
  std::string profile;  // path of the persona file, "" when none
  Json metadata = Json::object();
  std::optional<RemoteRef> remote_ref;
  std::string started_at;
  std::string updated_at;
  std::string completed_at;  // "" while not terminal
  std::int64_t last_seq = 0;
  std::string summary;
  std::optional<RunResult> result;
  std::string error;  // "" when none; a human-readable message

  // Beyond the old record: what a restarted hub needs to explain or continue the run.
  Json input_message;        // AgentMessage of the first turn, null when only a prompt was given
  Json output_schema;        // JSON Schema object or null
  Json backend_config;       // as given; secrets are redacted whenever the record is encoded
  std::string cancelled_at;  // when cancel_run was acknowledged, "" otherwise

  // Wire spellings of backend/role/status when unknown to us (kept for lossless round trips).
  std::string backend_text;
  std::string role_text;
  std::string status_text;
  Json extra = Json::object();
};

// Secrets in backend_config (headers values, auth_token) are always redacted: neither run.json
// nor anything derived from an encoded record can leak them.
[[nodiscard]] Json encode(const RunRecord& record);
// Fails only when `j` is not an object or has no run id.
[[nodiscard]] Result<RunRecord> decode_run_record(const Json& j);

// The get_run / list_runs shape.
struct RunSummary {
  std::string run_id;
  std::string backend;
  std::string role;
  std::string session_id;
  std::string status;
  std::string started_at;
  std::string updated_at;
  std::string summary;
  std::int64_t last_seq = 0;
  std::string cwd;
  Json metadata = Json::object();
  std::optional<RemoteRef> remote_ref;
  std::optional<RunResult> result;
  std::string error;
};

[[nodiscard]] RunSummary summarize(const RunRecord& record);
// {run_id, backend, role, session_id, status, started_at, updated_at, summary, last_seq, cwd,
//  metadata, remote_ref, result, error}; absent remote_ref/result/error are null.
[[nodiscard]] Json encode(const RunSummary& summary);

}  // namespace agenthub::hub
