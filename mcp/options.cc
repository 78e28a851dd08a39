#include "mcp/options.h"

#include <charconv>

#include "mcp/version.h"

namespace agenthub::mcp {
namespace {

// A whole number in [min, max]; the error names the flag and the range.
Result<int> parse_number(std::string_view flag, std::string_view text, int min, int max) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return Error{ErrorCode::kInvalidArgument,
                 std::string(flag) + ": expected a number from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", got \"" + std::string(text) + "\""};
  }
  return value;
}

// A week: a longer silence is no stall worth watching for; 0 turns the watchdog off.
constexpr int kMaxStallTimeoutSeconds = 7 * 24 * 3600;

}  // namespace

Result<Options> parse_options(int argc, const char* const* argv) {
  Options options;
  std::optional<int> calls;  // --max-concurrent-calls (Options keeps a plain default)
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      options.help = true;
      continue;
    }
    if (arg == "--version" || arg == "-V") {
      options.version = true;
      continue;
    }
    std::string_view flag = arg;
    std::string_view value;
    bool has_value = false;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      flag = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    std::string* target = nullptr;
    std::optional<int>* number = nullptr;  // numeric flags: where the value goes, and its range
    int min = 1;
    int max = 1024;
    if (flag == "--state-dir") {
      target = &options.state_dir;
    } else if (flag == "--codex-agent-bin") {
      target = &options.codex_agent_bin;
    } else if (flag == "--claude-agent-bin") {
      target = &options.claude_agent_bin;
    } else if (flag == "--log-level") {
      target = &options.log_level;
    } else if (flag == "--max-concurrent-calls") {
      number = &calls;
    } else if (flag == "--max-concurrent-runs") {
      number = &options.max_concurrent_runs;
    } else if (flag == "--stall-timeout-s") {
      number = &options.stall_timeout_s;
      min = 0;
      max = kMaxStallTimeoutSeconds;
    } else if (flag == "--wrapper-max-tasks") {
      number = &options.wrapper_max_tasks;  // the wrappers' own --max-tasks range
    } else {
      return Error{ErrorCode::kInvalidArgument,
                   "unknown option \"" + std::string(arg) + "\" (see --help)"};
    }
    if (!has_value) {
      if (i + 1 >= argc) {
        return Error{ErrorCode::kInvalidArgument, std::string(flag) + ": missing value"};
      }
      value = argv[++i];
    }
    if (number != nullptr) {
      auto parsed = parse_number(flag, value, min, max);
      if (!parsed.ok()) return parsed.error();
      *number = *parsed;
    } else {
      *target = std::string(value);
    }
  }
  if (calls) options.max_concurrent_calls = *calls;
  if (!options.log_level.empty()) {
    static constexpr std::string_view kLevels[] = {"trace",   "debug", "info",     "warn",
                                                   "warning", "error", "critical", "off"};
    bool known = false;
    for (auto level : kLevels) known = known || level == options.log_level;
    if (!known) {
      return Error{
          ErrorCode::kInvalidArgument,
          "--log-level: expected trace, debug, info, warn, error, critical or off, got \"" +
              options.log_level + "\""};
    }
  }
  return options;
}

std::string usage_text(std::string_view program_path) {
  std::string path(program_path);
  std::string text;
  text += "orchestration-mcp ";
  text += server_version();
  text += R"( - MCP server (stdio) that launches, watches, steers and audits coding agents.

Usage: )" +
          path + R"( [options]

It speaks MCP (newline-delimited JSON-RPC 2.0) on stdin/stdout; logs go to stderr.
Tools: spawn_run, get_run, poll_events, cancel_run, continue_run, list_runs,
get_event_artifact.

Options:
  --state-dir DIR             where the hub keeps its run index and state
  --codex-agent-bin PATH      codex-a2a-agent executable (default: next to this binary)
  --claude-agent-bin PATH     claude-a2a-agent executable (default: next to this binary)
  --log-level LEVEL           trace, debug, info, warn, error, critical or off
                              (default: $AGENTHUB_LOG_LEVEL, else info)
  --max-concurrent-calls N    tool calls served at once (default 32)
  --max-concurrent-runs N     runs working at once; later spawns wait as queued and
                              start in order (default 8)
  --stall-timeout-s N         a running run whose agent sends nothing for N seconds
                              fails as stalled (default 1800; 0: never)
  --wrapper-max-tasks N       tasks each local wrapper (codex-a2a-agent,
                              claude-a2a-agent) runs at once; more wait (default 4)
  -h, --help                  show this help
  -V, --version               show the version

Register with Codex (~/.codex/config.toml):

  [mcp_servers.orchestration]
  command = ")" +
          path + R"("
  args = []

Register with Claude Code:

  claude mcp add orchestration -- )" +
          path + R"(

Try it with the MCP inspector:

  npx @modelcontextprotocol/inspector --cli )" +
          path + R"( --method tools/list
)";
  return text;
}

}  // namespace agenthub::mcp
