#pragma once

// Secrets given in a remote_a2a backend_config never reach disk or a tool answer.

#include <string_view>

#include "core/json.h"

namespace agenthub::hub {

inline constexpr std::string_view kRedacted = "[redacted]";

// A copy of `backend_config` with every value of `headers` and the `auth_token` replaced by
// kRedacted (camelCase authToken too). Other members and non-object inputs are returned as is.
[[nodiscard]] Json redact_backend_config(const Json& backend_config);

// True when `backend_config` holds a redacted value, i.e. it was read back from disk and its
// secrets must be supplied again before the run can talk to its agent.
[[nodiscard]] bool has_redacted_secrets(const Json& backend_config);

}  // namespace agenthub::hub
