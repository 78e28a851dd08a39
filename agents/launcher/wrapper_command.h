#pragma once

// Which wrapper executable to run and with what argv and environment.

#include <filesystem>
#include <string>
#include <vector>

#include "agents/common/environment.h"
#include "agents/launcher/launcher_options.h"
#include "core/result.h"

namespace agenthub::agents {

struct WrapperCommand {
  std::vector<std::string> argv;  // argv[0] is the wrapper's absolute path
  EnvList env;                    // the wrapper's whole environment
};

// Where the wrapper is, first match wins: --wrapper-bin, $AGENTHUB_WRAPPER_BIN, the hub's
// $AGENTHUB_CODEX_AGENT_BIN / $AGENTHUB_CLAUDE_AGENT_BIN, `own_dir`/<wrapper program>, then
// <wrapper program> on `search_path`. `env` is the environment to read the variables from.
// kNotFound names every place that was tried.
[[nodiscard]] Result<std::filesystem::path> find_wrapper(const LauncherOptions& options,
                                                         const EnvList& env,
                                                         const std::filesystem::path& own_dir);

// The directory of this executable (/proc/self/exe), empty if unknown.
[[nodiscard]] std::filesystem::path own_directory();

// The wrapper's argv for `options` (defaults resolved) and its environment: `base_env`
// without our own variables, plus AGENTHUB_AGENT_TOKEN=`token` unless --no-auth. The token is
// never put on the command line, where any local user could read it in the process list.
[[nodiscard]] WrapperCommand wrapper_command(const LauncherOptions& options,
                                             const std::filesystem::path& program,
                                             const std::string& token, const EnvList& base_env);

}  // namespace agenthub::agents
