#pragma once

// Checks a spawn_run request for meaning and turns it into what the run needs: the first A2A
// message, the persona, the remote agent's settings. Every error names the field and says
// what to give instead.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "a2a/types.h"
#include "core/result.h"
#include "hub/profile.h"
#include "hub/remote_config.h"
#include "hub/run_service.h"
#include "hub/run_types.h"

namespace agenthub::hub {

struct SpawnPlan {
  Backend backend = Backend::kUnknown;
  Role role = Role::kUnknown;
  std::filesystem::path cwd;
  bool resume = false;
  std::string session_id;  // given when resuming
  std::string prompt;      // the prompt, or the text of input_message
  Json input_message;      // as given, or null
  std::optional<Profile> profile;
  std::string profile_spec;  // as given
  Json output_schema;        // object or null
  Json metadata = Json::object();
  Json backend_config;  // as given (secrets included; never stored unredacted)
  std::optional<RemoteConfig> remote;
  std::optional<int> timeout_s;
  // The user's message (ids empty): prompt as a text part, or input_message's parts.
  a2a::Message message;
};

[[nodiscard]] Result<SpawnPlan> plan_spawn(const SpawnRunRequest& request,
                                           const std::vector<std::filesystem::path>& profile_dirs);

// Checks an AgentMessage for continue_run.
[[nodiscard]] Result<a2a::Message> plan_continue_message(const Json& input_message);

// Checks that `cwd` is an absolute path to an existing directory.
[[nodiscard]] Status check_cwd(const std::string& cwd);

}  // namespace agenthub::hub
