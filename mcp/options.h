#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace agenthub::mcp {

// Command-line options of orchestration-mcp. Paths left empty mean "use the default" (the
// hub decides what that is: wrappers next to this binary, state under $HOME).
struct Options {
  bool help = false;
  bool version = false;
  std::string state_dir;          // --state-dir: run index and hub state
  std::string codex_agent_bin;    // --codex-agent-bin: codex-a2a-agent executable
  std::string claude_agent_bin;   // --claude-agent-bin: claude-a2a-agent executable
  std::string log_level;          // --log-level: trace|debug|info|warn|error|off
  int max_concurrent_calls = 32;  // --max-concurrent-calls
  // Hub limits; unset means the hub's own default (documented in --help), so the defaults
  // live in one place.
  std::optional<int> max_concurrent_runs;  // --max-concurrent-runs: turns working at once
  std::optional<int> stall_timeout_s;      // --stall-timeout-s: silence that fails a run (0: never)
  std::optional<int> wrapper_max_tasks;    // --wrapper-max-tasks: each wrapper's --max-tasks
};

// Accepts "--flag value" and "--flag=value". Errors name the bad flag.
[[nodiscard]] Result<Options> parse_options(int argc, const char* const* argv);

// --help text, including how to register the server with Codex and Claude Code.
[[nodiscard]] std::string usage_text(std::string_view program_path);

}  // namespace agenthub::mcp
