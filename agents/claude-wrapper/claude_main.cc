// claude-a2a-agent: the local Claude Code CLI as an A2A agent. Flags, ready line and lifecycle
// are shared with codex-a2a-agent (agents/common/wrapper_main.h); how claude is run and read
// is in claude_backend.h and claude_event_translator.h.

#include <unistd.h>

#include "agents/claude-wrapper/claude_backend.h"
#include "agents/common/wrapper_flags.h"
#include "agents/common/wrapper_main.h"

int main(int argc, char** argv) {
  using namespace agenthub;
  using namespace agenthub::agents;

  ClaudeOptions claude;
  std::chrono::milliseconds permission_timeout = std::chrono::minutes(10);
  WrapperSpec spec;
  spec.program = "claude-a2a-agent";
  spec.backend = "claude_code";
  spec.cli = "claude";
  spec.bin_flag = "--claude-bin";
  spec.bin_env = "CLAUDE_BIN";
  spec.description =
      "Runs the local Claude Code CLI (claude -p) as an A2A agent, streaming every command, "
      "file change, tool call and message it makes.";
  spec.skill_description =
      "Works on the code in the directory named by metadata.cwd with Claude Code: reads and "
      "edits files and runs commands; the final answer (and structured output for "
      "metadata.output_schema) is the artifact \"result\". With --permission relay, each "
      "permission request is a question (input-required) answered with "
      "{\"decision\":\"allow\"|\"deny\"}.";
  spec.help_notes =
      "Permissions:\n"
      "  auto   claude runs with --permission-mode bypassPermissions and never stops to ask\n"
      "         (the old tool's non-blocking behaviour). As root the CLI refuses that mode\n"
      "         unless IS_SANDBOX=1, which the wrapper then sets in claude's environment: use\n"
      "         auto only for directories you are fine letting claude change freely.\n"
      "  relay  claude asks before using a tool (--permission-prompt-tool stdio); each request\n"
      "         becomes an input-required question to the A2A client, answered with a data\n"
      "         part {\"decision\":\"allow\"} or {\"decision\":\"deny\",\"message\":\"why\"}.\n";
  spec.extra_flags = {
      {"--permission", "auto|relay", "how tool permissions are decided (default auto)",
       [&claude](const std::string& v) -> Status {
         claude.permission = parse_claude_permission(v);
         if (claude.permission == ClaudePermission::kUnknown) {
           return Error{ErrorCode::kInvalidArgument, "expected auto or relay, got " + v};
         }
         return {};
       }},
      {"--permission-mode", "MODE",
       "passed to claude as --permission-mode (default: bypassPermissions for auto, default "
       "for relay)",
       [&claude](const std::string& v) -> Status {
         if (v.empty()) return Error{ErrorCode::kInvalidArgument, "must not be empty"};
         claude.permission_mode = v;
         return {};
       }},
      {"--permission-timeout", "SECONDS",
       "how long a relayed permission request waits for its answer before claude is stopped "
       "(default 600)",
       [&permission_timeout](const std::string& v) -> Status {
         auto s = parse_integer(v, 1, 7 * 24 * 3600);
         if (!s.ok()) return s.error();
         permission_timeout = std::chrono::seconds(*s);
         return {};
       }},
  };
  spec.make_backend = [&claude](const WrapperFlags& flags) -> Result<std::unique_ptr<CliBackend>> {
    claude.claude_bin = flags.cli_bin;
    claude.model = flags.model;
    claude.running_as_root = ::geteuid() == 0;
    return std::unique_ptr<CliBackend>(std::make_unique<ClaudeBackend>(claude));
  };
  spec.tune_executor = [&permission_timeout](CliExecutorOptions& options) {
    options.input_timeout = permission_timeout;
  };
  return run_wrapper(argc, argv, spec);
}
