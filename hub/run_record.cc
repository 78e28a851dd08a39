#include "hub/run_record.h"

#include "hub/json_fields.h"
#include "hub/secret_redaction.h"

namespace agenthub::hub {
namespace {

// Both spellings of every member we model; everything else is carried in `extra`.
constexpr std::string_view kRemoteRefKeys[] = {
    "provider",  "conversation_id", "conversationId", "task_id",    "taskId",    "context_id",
    "contextId", "agent_url",       "agentUrl",       "agent_name", "agentName", "metadata"};

constexpr std::string_view kResultKeys[] = {
    "final_response",   "finalResponse", "structured_output",
    "structuredOutput", "usage",         "artifacts"};

constexpr std::string_view kRunKeys[] = {
    "run_id",       "runId",         "backend",      "role",           "session_id",
    "sessionId",    "status",        "cwd",          "prompt",         "profile",
    "metadata",     "remote_ref",    "remoteRef",    "started_at",     "startedAt",
    "updated_at",   "updatedAt",     "completed_at", "completedAt",    "last_seq",
    "lastSeq",      "summary",       "result",       "error",          "input_message",
    "inputMessage", "output_schema", "outputSchema", "backend_config", "backendConfig",
    "cancelled_at", "cancelledAt"};

std::optional<RemoteRef> optional_remote_ref(const Json& j) {
  if (!j.is_object()) return std::nullopt;
  return decode_remote_ref(j);
}

// The old tool stored errors as strings; accept an {message} object too.
std::string error_text(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_object()) {
    std::string message = string_field(j, {"message"});
    return message.empty() ? dump_json(j) : message;
  }
  if (j.is_null()) return {};
  return dump_json(j);
}

Json object_or_empty(Json j) { return j.is_object() ? std::move(j) : Json::object(); }

// The known wire name, or the spelling read from disk when the value was unknown to us.
std::string wire(std::string_view known, const std::string& text) {
  return known != "unknown" || text.empty() ? std::string(known) : text;
}

}  // namespace

bool RemoteRef::empty() const {
  return provider.empty() && conversation_id.empty() && task_id.empty() && context_id.empty() &&
         agent_url.empty() && agent_name.empty() && metadata.is_null() && extra.empty();
}

Json encode(const RemoteRef& ref) {
  Json out{{"provider", string_or_null(ref.provider)},
           {"conversation_id", string_or_null(ref.conversation_id)},
           {"task_id", string_or_null(ref.task_id)},
           {"context_id", string_or_null(ref.context_id)},
           {"agent_url", string_or_null(ref.agent_url)},
           {"agent_name", string_or_null(ref.agent_name)},
           {"metadata", ref.metadata}};
  merge_missing(out, ref.extra);
  return out;
}

RemoteRef decode_remote_ref(const Json& j) {
  RemoteRef ref;
  if (!j.is_object()) return ref;
  ref.provider = string_field(j, {"provider"});
  ref.conversation_id = string_field(j, {"conversation_id", "conversationId"});
  ref.task_id = string_field(j, {"task_id", "taskId"});
  ref.context_id = string_field(j, {"context_id", "contextId"});
  ref.agent_url = string_field(j, {"agent_url", "agentUrl"});
  ref.agent_name = string_field(j, {"agent_name", "agentName"});
  ref.metadata = json_field(j, {"metadata"});
  ref.extra = unknown_fields(j, kRemoteRefKeys);
  return ref;
}

Json encode(const RunResult& result) {
  Json out{{"final_response", result.final_response},
           {"structured_output", result.structured_output},
           {"usage", result.usage},
           {"artifacts", result.artifacts.is_array() ? result.artifacts : Json::array()}};
  merge_missing(out, result.extra);
  return out;
}

RunResult decode_run_result(const Json& j) {
  RunResult result;
  if (!j.is_object()) return result;
  result.final_response = string_field(j, {"final_response", "finalResponse"});
  result.structured_output = json_field(j, {"structured_output", "structuredOutput"});
  result.usage = json_field(j, {"usage"});
  Json artifacts = json_field(j, {"artifacts"});
  result.artifacts = artifacts.is_array() ? std::move(artifacts) : Json::array();
  result.extra = unknown_fields(j, kResultKeys);
  return result;
}

Json encode(const RunRecord& r) {
  Json out{
      {"run_id", r.run_id},
      {"backend", wire(backend_name(r.backend), r.backend_text)},
      {"role", wire(role_name(r.role), r.role_text)},
      {"session_id", r.session_id},
      {"status", wire(run_status_name(r.status), r.status_text)},
      {"cwd", r.cwd},
      {"prompt", r.prompt},
      {"profile", string_or_null(r.profile)},
      {"metadata", r.metadata.is_object() ? r.metadata : Json::object()},
      {"remote_ref", r.remote_ref ? encode(*r.remote_ref) : Json()},
      {"started_at", r.started_at},
      {"updated_at", r.updated_at},
      {"completed_at", string_or_null(r.completed_at)},
      {"last_seq", r.last_seq},
      {"summary", r.summary},
      {"result", r.result ? encode(*r.result) : Json()},
      {"error", string_or_null(r.error)},
      {"input_message", r.input_message},
      {"output_schema", r.output_schema},
      {"backend_config", redact_backend_config(r.backend_config)},
      {"cancelled_at", string_or_null(r.cancelled_at)},
  };
  merge_missing(out, r.extra);
  return out;
}

Result<RunRecord> decode_run_record(const Json& j) {
  if (!j.is_object()) return Error{ErrorCode::kInvalidArgument, "run record is not an object"};
  RunRecord r;
  r.run_id = string_field(j, {"run_id", "runId"});
  if (r.run_id.empty()) return Error{ErrorCode::kInvalidArgument, "run record has no run_id"};
  std::string backend = string_field(j, {"backend"});
  r.backend = parse_backend(backend);
  if (r.backend == Backend::kUnknown) r.backend_text = backend;
  std::string role = string_field(j, {"role"});
  r.role = parse_role(role);
  if (r.role == Role::kUnknown) r.role_text = role;
  std::string status = string_field(j, {"status"});
  r.status = parse_run_status(status);
  if (r.status == RunStatus::kUnknown) r.status_text = status;
  r.session_id = string_field(j, {"session_id", "sessionId"});
  r.cwd = string_field(j, {"cwd"});
  r.prompt = string_field(j, {"prompt"});
  r.profile = string_field(j, {"profile"});
  r.metadata = object_or_empty(json_field(j, {"metadata"}));
  r.remote_ref = optional_remote_ref(json_field(j, {"remote_ref", "remoteRef"}));
  r.started_at = string_field(j, {"started_at", "startedAt"});
  r.updated_at = string_field(j, {"updated_at", "updatedAt"});
  r.completed_at = string_field(j, {"completed_at", "completedAt"});
  r.last_seq = int_field(j, {"last_seq", "lastSeq"});
  r.summary = string_field(j, {"summary"});
  Json result = json_field(j, {"result"});
  if (result.is_object()) r.result = decode_run_result(result);
  r.error = error_text(json_field(j, {"error"}));
  r.input_message = json_field(j, {"input_message", "inputMessage"});
  r.output_schema = json_field(j, {"output_schema", "outputSchema"});
  r.backend_config = json_field(j, {"backend_config", "backendConfig"});
  r.cancelled_at = string_field(j, {"cancelled_at", "cancelledAt"});
  r.extra = unknown_fields(j, kRunKeys);
  return r;
}

RunSummary summarize(const RunRecord& r) {
  RunSummary s;
  s.run_id = r.run_id;
  s.backend = wire(backend_name(r.backend), r.backend_text);
  s.role = wire(role_name(r.role), r.role_text);
  s.session_id = r.session_id;
  s.status = wire(run_status_name(r.status), r.status_text);
  s.started_at = r.started_at;
  s.updated_at = r.updated_at;
  s.summary = r.summary;
  s.last_seq = r.last_seq;
  s.cwd = r.cwd;
  s.metadata = r.metadata.is_object() ? r.metadata : Json::object();
  s.remote_ref = r.remote_ref;
  s.result = r.result;
  s.error = r.error;
  return s;
}

Json encode(const RunSummary& s) {
  return Json{{"run_id", s.run_id},
              {"backend", s.backend},
              {"role", s.role},
              {"session_id", s.session_id},
              {"status", s.status},
              {"started_at", s.started_at},
              {"updated_at", s.updated_at},
              {"summary", s.summary},
              {"last_seq", s.last_seq},
              {"cwd", s.cwd},
              {"metadata", s.metadata},
              {"remote_ref", s.remote_ref ? encode(*s.remote_ref) : Json()},
              {"result", s.result ? encode(*s.result) : Json()},
              {"error", string_or_null(s.error)}};
}

}  // namespace agenthub::hub
