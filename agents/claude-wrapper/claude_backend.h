#pragma once

// How claude-a2a-agent runs `claude -p` for one turn, in the context's cwd:
//
//   claude -p --output-format stream-json --verbose --input-format stream-json [--model M]
//     [--resume SESSION] [--append-system-prompt PROFILE] [--json-schema SCHEMA]
//     --permission-mode MODE [--permission-prompt-tool stdio]
//
// The user message is one stream-json line on stdin. stdin stays open until the turn's
// `result` (a permission answer or an interrupt may still have to go there) and is closed
// then: the CLI only exits at EOF.
//
// Permissions:
// - auto (default): --permission-mode bypassPermissions, the old tool's non-blocking
//   behaviour: claude never stops to ask. As root the CLI refuses that mode unless IS_SANDBOX=1
//   is in its environment, so the wrapper sets it there when it runs as root.
// - relay: --permission-prompt-tool stdio (mode `default`): each permission request becomes
//   an A2A INPUT_REQUIRED question; the client answers {"decision":"allow"|"deny",
//   "message"?}, which goes back to the same CLI process as the control_response.
// --permission-mode overrides the mode either way.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "agents/common/cli_backend.h"

namespace agenthub::agents {

enum class ClaudePermission { kUnknown = 0, kAuto, kRelay };

[[nodiscard]] ClaudePermission parse_claude_permission(std::string_view name);

struct ClaudeOptions {
  std::filesystem::path claude_bin;
  std::string model;  // empty: claude's own default
  ClaudePermission permission = ClaudePermission::kAuto;
  std::string permission_mode;   // empty: bypassPermissions (auto) / default (relay)
  bool running_as_root = false;  // decides IS_SANDBOX=1 with bypassPermissions
};

class ClaudeBackend final : public CliBackend {
 public:
  explicit ClaudeBackend(ClaudeOptions options) : options_(std::move(options)) {}

  [[nodiscard]] std::string_view backend_name() const override { return "claude_code"; }
  [[nodiscard]] std::string_view cli_name() const override { return "claude"; }
  [[nodiscard]] Result<CliInvocation> build_invocation(const TurnRequest& turn) const override;
  [[nodiscard]] std::unique_ptr<CliEventTranslator> make_translator(
      const TurnRequest& turn) const override;
  [[nodiscard]] std::string interrupt_line() const override;
  [[nodiscard]] Status check_input_reply(const Json& request,
                                         const a2a::Message& reply) const override;
  [[nodiscard]] Result<std::string> input_reply_line(const Json& request,
                                                     const a2a::Message& reply) const override;

  // The permission mode passed to the CLI.
  [[nodiscard]] std::string permission_mode() const;
  [[nodiscard]] const ClaudeOptions& options() const { return options_; }

 private:
  ClaudeOptions options_;
};

// One stream-json user message line (no newline).
[[nodiscard]] std::string claude_user_line(const std::string& text);

}  // namespace agenthub::agents
