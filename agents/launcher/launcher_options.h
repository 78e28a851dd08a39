#pragma once

// start-a2a-agent's command line: the flags, their parsing, and the checks that need several
// of them at once. A value left unset (std::nullopt / empty) was not given: interactive setup
// asks for it, otherwise resolve_defaults() fills in the wrapper's default.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "agents/common/wrapper_flags.h"
#include "agents/launcher/wrapped_backend.h"
#include "core/result.h"

namespace agenthub::agents {

inline constexpr std::string_view kLauncherProgram = "start-a2a-agent";
inline constexpr std::string_view kDefaultHost = "127.0.0.1";
inline constexpr std::string_view kDefaultSandbox = "workspace-write";
inline constexpr std::string_view kDefaultPermission = "auto";
// Testing hook (and --wrapper-bin's variable): the wrapper executable to run for any backend.
inline constexpr std::string_view kWrapperBinEnv = "AGENTHUB_WRAPPER_BIN";

struct LauncherOptions {
  WrappedBackend backend = WrappedBackend::kUnknown;
  std::optional<std::string> host;
  std::optional<int> port;
  std::optional<std::string> token;
  bool no_auth = false;
  // --i-understand-no-auth: allows --no-auth on an address other machines can reach.
  bool allow_network_no_auth = false;
  std::string state_dir;
  std::optional<int> max_tasks;
  std::optional<std::string> model;
  std::optional<std::string> sandbox;     // codex only
  std::optional<std::string> permission;  // claude_code only
  std::string codex_bin;
  std::string claude_bin;
  bool json = false;
  std::string wrapper_bin;
  std::chrono::seconds startup_timeout{30};
  std::chrono::seconds stop_grace{15};
  // Everything after "--", passed to the wrapper verbatim.
  std::vector<std::string> wrapper_args;
  bool help = false;
};

// The flag table bound to `options`.
[[nodiscard]] std::vector<FlagSpec> launcher_flag_specs(LauncherOptions& options);

// Parses argv[1..] (everything after a lone "--" goes to wrapper_args). kInvalidArgument with
// a message naming the flag on bad usage. Does not run the cross-flag checks.
[[nodiscard]] Result<LauncherOptions> parse_launcher_args(const std::vector<std::string>& args);

// The checks that need the backend and several flags: --sandbox is codex's, --permission
// claude_code's, --codex-bin / --claude-bin must match the backend, --token contradicts
// --no-auth, and --no-auth on a non-loopback host needs --i-understand-no-auth.
// Requires a known backend.
[[nodiscard]] Status validate_launcher_options(const LauncherOptions& options);

// Fills every unset value with the wrapper's default (host 127.0.0.1, port 0, the backend's
// sandbox / permission policy). The token stays unset: the caller makes one.
void resolve_defaults(LauncherOptions& options);

// read-only | workspace-write | danger-full-access (codex --sandbox).
[[nodiscard]] bool is_sandbox_mode(std::string_view text);
// auto | relay (claude --permission).
[[nodiscard]] bool is_permission_policy(std::string_view text);

// The CLI path given by flag for the chosen backend ("" when none).
[[nodiscard]] const std::string& cli_bin(const LauncherOptions& options);

// The --help text.
[[nodiscard]] std::string launcher_usage();

}  // namespace agenthub::agents
