#pragma once

// sessions/<session_id>.json: the backend conversation a run belongs to, so that
// session_mode "resume" continues it (Codex thread, Claude session, remote A2A context).

#include <optional>
#include <string>

#include "core/json.h"
#include "core/result.h"
#include "hub/run_record.h"
#include "hub/run_types.h"

namespace agenthub::hub {

struct SessionRecord {
  std::string session_id;
  Backend backend = Backend::kUnknown;
  std::string cwd;
  std::string backend_session_id;  // "" until the backend reports one
  std::optional<RemoteRef> remote_ref;
  std::string created_at;
  std::string updated_at;
  Json metadata = Json::object();

  std::string backend_text;  // wire spelling when backend is unknown to us
  Json extra = Json::object();
};

[[nodiscard]] Json encode(const SessionRecord& session);
// Tolerant like decode_run_record (camelCase keys accepted); fails without a session id.
[[nodiscard]] Result<SessionRecord> decode_session_record(const Json& j);

}  // namespace agenthub::hub
