#include "hub/session_record.h"

#include "hub/json_fields.h"

namespace agenthub::hub {
namespace {

constexpr std::string_view kSessionKeys[] = {
    "session_id",       "sessionId",  "backend",   "cwd",        "backend_session_id",
    "backendSessionId", "remote_ref", "remoteRef", "created_at", "createdAt",
    "updated_at",       "updatedAt",  "metadata"};

}  // namespace

Json encode(const SessionRecord& s) {
  std::string backend = s.backend == Backend::kUnknown && !s.backend_text.empty()
                            ? s.backend_text
                            : std::string(backend_name(s.backend));
  Json out{{"session_id", s.session_id},
           {"backend", backend},
           {"cwd", s.cwd},
           {"backend_session_id", string_or_null(s.backend_session_id)},
           {"remote_ref", s.remote_ref ? encode(*s.remote_ref) : Json()},
           {"created_at", s.created_at},
           {"updated_at", s.updated_at},
           {"metadata", s.metadata.is_object() ? s.metadata : Json::object()}};
  merge_missing(out, s.extra);
  return out;
}

Result<SessionRecord> decode_session_record(const Json& j) {
  if (!j.is_object()) return Error{ErrorCode::kInvalidArgument, "session record is not an object"};
  SessionRecord s;
  s.session_id = string_field(j, {"session_id", "sessionId"});
  if (s.session_id.empty()) {
    return Error{ErrorCode::kInvalidArgument, "session record has no session_id"};
  }
  std::string backend = string_field(j, {"backend"});
  s.backend = parse_backend(backend);
  if (s.backend == Backend::kUnknown) s.backend_text = backend;
  s.cwd = string_field(j, {"cwd"});
  s.backend_session_id = string_field(j, {"backend_session_id", "backendSessionId"});
  Json remote = json_field(j, {"remote_ref", "remoteRef"});
  if (remote.is_object()) s.remote_ref = decode_remote_ref(remote);
  s.created_at = string_field(j, {"created_at", "createdAt"});
  s.updated_at = string_field(j, {"updated_at", "updatedAt"});
  Json metadata = json_field(j, {"metadata"});
  s.metadata = metadata.is_object() ? std::move(metadata) : Json::object();
  s.extra = unknown_fields(j, kSessionKeys);
  return s;
}

}  // namespace agenthub::hub
