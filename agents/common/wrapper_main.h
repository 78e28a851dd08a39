#pragma once

// The main() shared by codex-a2a-agent and claude-a2a-agent. The contract the hub and the
// launcher rely on:
//
// - Common flags: --host (127.0.0.1), --port (0 = any free port), --token T (else
//   $AGENTHUB_AGENT_TOKEN, else a fresh random token; the variable is removed from the
//   environment the CLI gets), --no-auth, --state-dir DIR, --max-tasks N (4; more wait in
//   SUBMITTED), --<cli>-bin PATH / $<CLI>_BIN (default: the first <cli> on PATH; a missing
//   CLI is a startup error naming the flag and variable), --model M, --cancel-grace-ms MS
//   (5000), --idle-exit-after SECONDS (0 = never), --help; plus the backend's own flags.
// - Once listening it prints exactly one JSON line on stdout:
//   {"agent_url","rpc_url","token" (null with --no-auth),"backend","pid"}. Logs go to stderr;
//   the token is never logged.
// - SIGINT / SIGTERM (or the idle limit) stop it: running tasks are stopped (their CLIs end
//   gracefully, then by SIGTERM, then SIGKILL of their process group), then it exits 0.
// - Exit status 2 for bad usage, 1 when it cannot start (CLI not found, port taken, ...).

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "a2a/types.h"
#include "agents/common/cli_backend.h"
#include "agents/common/cli_executor.h"
#include "agents/common/wrapper_flags.h"
#include "core/result.h"

namespace agenthub::agents {

inline constexpr std::string_view kAgentTokenEnv = "AGENTHUB_AGENT_TOKEN";

struct WrapperFlags {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string token;
  bool no_auth = false;
  std::filesystem::path state_dir;
  int max_tasks = 4;
  std::string cli_bin;  // as given; resolved to an absolute path before make_backend
  std::string model;
  std::chrono::milliseconds cancel_grace{5000};
  std::chrono::seconds idle_exit_after{0};
  bool help = false;
};

struct WrapperSpec {
  std::string program;            // "codex-a2a-agent"
  std::string backend;            // "codex" | "claude_code"
  std::string cli;                // "codex" | "claude": the executable looked up on PATH
  std::string bin_flag;           // "--codex-bin"
  std::string bin_env;            // "CODEX_BIN"
  std::string description;        // agent card description and first line of --help
  std::string skill_description;  // the "code" skill
  std::string help_notes;         // printed after the flag list
  // Backend-specific flags; their apply() callbacks store into the caller's own state.
  std::vector<FlagSpec> extra_flags;
  // Called after parsing; WrapperFlags::cli_bin is then an absolute path.
  std::function<Result<std::unique_ptr<CliBackend>>(const WrapperFlags&)> make_backend;
  // Optional adjustments of the executor options (say, the input timeout).
  std::function<void(CliExecutorOptions&)> tune_executor;
};

// The common flags bound to `flags`, followed by spec.extra_flags.
[[nodiscard]] std::vector<FlagSpec> wrapper_flag_specs(const WrapperSpec& spec,
                                                       WrapperFlags& flags);
[[nodiscard]] std::string wrapper_usage(const WrapperSpec& spec,
                                        const std::vector<FlagSpec>& specs);
// The agent card before the server fills in its URL and security scheme.
[[nodiscard]] a2a::AgentCard wrapper_card(const WrapperSpec& spec);

// Runs the wrapper; returns the process exit status.
int run_wrapper(int argc, char** argv, const WrapperSpec& spec);

}  // namespace agenthub::agents
