#include "agents/launcher/launcher_options.h"

#include <algorithm>

#include "agents/launcher/host_address.h"

namespace agenthub::agents {
namespace {

Status not_empty(const std::string& value) {
  if (value.empty()) return Error{ErrorCode::kInvalidArgument, "must not be empty"};
  return {};
}

Status seconds_into(const std::string& value, long long min, std::chrono::seconds& out) {
  auto n = parse_integer(value, min, 24 * 3600);
  if (!n.ok()) return n.error();
  out = std::chrono::seconds(*n);
  return {};
}

Error usage_error(std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(message)};
}

}  // namespace

bool is_sandbox_mode(std::string_view text) {
  return text == "read-only" || text == "workspace-write" || text == "danger-full-access";
}

bool is_permission_policy(std::string_view text) { return text == "auto" || text == "relay"; }

std::vector<FlagSpec> launcher_flag_specs(LauncherOptions& o) {
  return {
      {"--backend", "codex|claude_code", "the coding agent to expose (asked on a terminal)",
       [&o](const std::string& v) -> Status {
         o.backend = parse_backend(v);
         if (o.backend == WrappedBackend::kUnknown) {
           return usage_error("expected codex or claude_code, got " + v);
         }
         return {};
       }},
      {"--host", "HOST", "address to listen on (default 127.0.0.1: this machine only)",
       [&o](const std::string& v) -> Status {
         AGENTHUB_RETURN_IF_ERROR(not_empty(v));
         o.host = v;
         return {};
       }},
      {"--port", "PORT", "port to listen on; 0 picks a free one (default 0)",
       [&o](const std::string& v) -> Status {
         auto port = parse_integer(v, 0, 65535);
         if (!port.ok()) return port.error();
         o.port = static_cast<int>(*port);
         return {};
       }},
      {"--token", "TOKEN", "bearer token to require (default $AGENTHUB_AGENT_TOKEN, else random)",
       [&o](const std::string& v) -> Status {
         AGENTHUB_RETURN_IF_ERROR(not_empty(v));
         if (v.find_first_of(" \t\r\n") != std::string::npos) {
           return usage_error("must not contain whitespace");
         }
         o.token = v;
         return {};
       }},
      {"--no-auth", "", "accept requests without a token (loopback only, see below)",
       [&o](const std::string&) -> Status {
         o.no_auth = true;
         return {};
       }},
      {"--i-understand-no-auth", "", "allow --no-auth on a non-loopback host (dangerous)",
       [&o](const std::string&) -> Status {
         o.allow_network_no_auth = true;
         return {};
       }},
      {"--state-dir", "DIR", "where the wrapper remembers contexts (default: its own)",
       [&o](const std::string& v) -> Status {
         AGENTHUB_RETURN_IF_ERROR(not_empty(v));
         o.state_dir = v;
         return {};
       }},
      {"--max-tasks", "N", "tasks running at once (default: the wrapper's, 4)",
       [&o](const std::string& v) -> Status {
         auto n = parse_integer(v, 1, 1024);
         if (!n.ok()) return n.error();
         o.max_tasks = static_cast<int>(*n);
         return {};
       }},
      {"--model", "MODEL", "model the CLI uses unless a message names one",
       [&o](const std::string& v) -> Status {
         AGENTHUB_RETURN_IF_ERROR(not_empty(v));
         o.model = v;
         return {};
       }},
      {"--sandbox", "MODE", "codex: read-only|workspace-write|danger-full-access (workspace-write)",
       [&o](const std::string& v) -> Status {
         if (!is_sandbox_mode(v)) {
           return usage_error("expected read-only, workspace-write or danger-full-access, got " +
                              v);
         }
         o.sandbox = v;
         return {};
       }},
      {"--permission", "auto|relay",
       "claude_code: auto, or relay to ask the orchestrator (default auto)",
       [&o](const std::string& v) -> Status {
         if (!is_permission_policy(v)) return usage_error("expected auto or relay, got " + v);
         o.permission = v;
         return {};
       }},
      {"--codex-bin", "PATH", "the codex CLI (default: $CODEX_BIN, else codex on PATH)",
       [&o](const std::string& v) -> Status {
         AGENTHUB_RETURN_IF_ERROR(not_empty(v));
         o.codex_bin = v;
         return {};
       }},
      {"--claude-bin", "PATH", "the claude CLI (default: $CLAUDE_BIN, else claude on PATH)",
       [&o](const std::string& v) -> Status {
         AGENTHUB_RETURN_IF_ERROR(not_empty(v));
         o.claude_bin = v;
         return {};
       }},
      {"--json", "", "print one JSON line for scripts instead of the explanation",
       [&o](const std::string&) -> Status {
         o.json = true;
         return {};
       }},
      {"--startup-timeout", "SECONDS", "wait this long for the wrapper's ready line (default 30)",
       [&o](const std::string& v) { return seconds_into(v, 1, o.startup_timeout); }},
      {"--stop-grace", "SECONDS",
       "after Ctrl-C, kill the wrapper if it still runs then (default 15)",
       [&o](const std::string& v) { return seconds_into(v, 0, o.stop_grace); }},
      {"--wrapper-bin", "PATH", "the wrapper to run (testing; also $AGENTHUB_WRAPPER_BIN)",
       [&o](const std::string& v) -> Status {
         AGENTHUB_RETURN_IF_ERROR(not_empty(v));
         o.wrapper_bin = v;
         return {};
       }},
      {"--help", "", "print this help and exit",
       [&o](const std::string&) -> Status {
         o.help = true;
         return {};
       }},
  };
}

Result<LauncherOptions> parse_launcher_args(const std::vector<std::string>& args) {
  LauncherOptions options;
  auto split = std::find(args.begin(), args.end(), "--");
  const std::vector<std::string> ours(args.begin(), split);
  if (split != args.end()) options.wrapper_args.assign(split + 1, args.end());
  const std::vector<FlagSpec> specs = launcher_flag_specs(options);
  AGENTHUB_RETURN_IF_ERROR(parse_flags(ours, specs));
  return options;
}

Status validate_launcher_options(const LauncherOptions& o) {
  const bool codex = o.backend == WrappedBackend::kCodex;
  if (o.backend == WrappedBackend::kUnknown) return usage_error("no backend chosen");
  if (!codex && o.sandbox) {
    return usage_error("--sandbox is a codex flag; claude_code uses --permission auto|relay");
  }
  if (codex && o.permission) {
    return usage_error("--permission is a claude_code flag; codex uses --sandbox MODE");
  }
  if (!codex && !o.codex_bin.empty()) {
    return usage_error("--codex-bin does not apply to --backend claude_code (use --claude-bin)");
  }
  if (codex && !o.claude_bin.empty()) {
    return usage_error("--claude-bin does not apply to --backend codex (use --codex-bin)");
  }
  if (o.no_auth && o.token) return usage_error("--token and --no-auth contradict each other");
  const std::string host = o.host.value_or(std::string(kDefaultHost));
  if (o.no_auth && !is_loopback_host(host) && !o.allow_network_no_auth) {
    return usage_error("refusing --no-auth on " + host +
                       ": other machines could reach the agent and run " +
                       std::string(cli_name(o.backend)) +
                       " as you without any token. Keep authentication on (drop --no-auth), "
                       "or add --i-understand-no-auth if this network is really yours alone");
  }
  if (o.allow_network_no_auth && !o.no_auth) {
    return usage_error("--i-understand-no-auth only goes with --no-auth");
  }
  return {};
}

void resolve_defaults(LauncherOptions& o) {
  if (!o.host) o.host = std::string(kDefaultHost);
  if (!o.port) o.port = 0;
  if (o.backend == WrappedBackend::kCodex && !o.sandbox) o.sandbox = std::string(kDefaultSandbox);
  if (o.backend == WrappedBackend::kClaudeCode && !o.permission) {
    o.permission = std::string(kDefaultPermission);
  }
}

const std::string& cli_bin(const LauncherOptions& o) {
  return o.backend == WrappedBackend::kClaudeCode ? o.claude_bin : o.codex_bin;
}

std::string launcher_usage() {
  constexpr std::string_view kIntro =
      R"txt(usage: start-a2a-agent [flags] [-- wrapper flags...]
Exposes a local coding agent (codex or Claude Code) to a remote orchestrator over A2A.

Starts codex-a2a-agent or claude-a2a-agent (found next to this program, else on PATH),
waits until it listens, then prints its agent_url, its bearer token and a ready spawn_run
payload (backend remote_a2a) to paste into the orchestrator's MCP call. It then stays in
the foreground relaying the agent's logs; Ctrl-C stops the agent (running tasks are
cancelled) and exits 0. Run on a terminal without --backend, it asks what to start.

flags:
)txt";
  constexpr std::string_view kNotes =
      R"txt(
Safety: the agent listens on 127.0.0.1 and requires a bearer token by default. Another
host (say --host 0.0.0.0) makes it reachable from the network: a warning is printed, and
--no-auth is refused there unless --i-understand-no-auth is given too. For a wildcard
host the payload names this machine by its hostname. The token reaches the wrapper
through its environment ($AGENTHUB_AGENT_TOKEN), never its command line.

examples:
  start-a2a-agent                          # on a terminal: asks backend, host, port...
  start-a2a-agent --backend codex --sandbox read-only
  start-a2a-agent --backend claude_code --permission relay --model sonnet
  start-a2a-agent --backend codex --host 0.0.0.0 --port 8765   # reachable from the LAN
  start-a2a-agent --backend codex --json > agent.json &        # one JSON line for scripts
  AGENTHUB_AGENT_TOKEN="$(cat ~/.agent-token)" start-a2a-agent --backend claude_code
  start-a2a-agent --backend codex -- -c model_reasoning_effort=low   # extra wrapper flags

exit status: 0 after a clean stop, 2 for bad usage, 1 when the agent cannot start, else
the agent's own exit status when it died by itself (128 + N when killed by signal N).
)txt";
  LauncherOptions scratch;
  return std::string(kIntro) + flags_help(launcher_flag_specs(scratch)) + std::string(kNotes);
}

}  // namespace agenthub::agents
