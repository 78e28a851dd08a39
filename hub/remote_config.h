#pragma once

// backend_config of a remote_a2a run: where the agent is and how to talk to it. Secrets
// (headers, auth_token) live only in memory; stored copies are redacted (secret_redaction.h).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace agenthub::hub {

struct RemoteConfig {
  std::string agent_url;        // http(s)://host[:port][/path]
  std::string agent_card_path;  // "" = the well-known path
  std::vector<std::pair<std::string, std::string>> headers;
  std::string auth_token;  // bearer token, "" when none
  std::optional<int> history_length;
  // true: SendMessage and wait instead of streaming (for agents whose streams misbehave).
  bool blocking = false;
  std::vector<std::string> accepted_output_modes;
};

// Checks types and values, naming the offending field ("backend_config.headers.X: ...").
[[nodiscard]] Result<RemoteConfig> parse_remote_config(const Json& backend_config);

}  // namespace agenthub::hub
