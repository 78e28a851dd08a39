#pragma once

// How codex-a2a-agent runs `codex exec` for one turn:
//
//   codex exec --experimental-json --skip-git-repo-check --cd <cwd> --sandbox <mode>
//     [--model M] -c approval_policy="<policy>" [-c key=value ...] [--output-schema FILE]
//     [resume <thread_id>] -
//
// with the prompt on stdin, then stdin closed (codex reads it to EOF before starting). Flags go
// before `resume`: codex applies them to the resumed thread too. The profile (persona text) is
// prepended to the prompt of a context's first turn only; later turns resume a thread that
// already holds it. The output schema is written to a private temporary file that lives as
// long as the process.
//
// Message metadata: `model` overrides the wrapper's model; `sandbox` may ask for a sandbox
// that is the same as or stricter than the wrapper's --sandbox (read-only < workspace-write <
// danger-full-access), never a more permissive one.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agents/common/cli_backend.h"
#include "agents/common/run_event_wire.h"

namespace agenthub::agents {

enum class CodexSandbox { kUnknown = 0, kReadOnly, kWorkspaceWrite, kDangerFullAccess };

[[nodiscard]] std::string_view codex_sandbox_name(CodexSandbox sandbox);
// kUnknown for anything else.
[[nodiscard]] CodexSandbox parse_codex_sandbox(std::string_view name);

inline constexpr std::string_view kMetaCodexSandbox = kMetaSandbox;

struct CodexOptions {
  std::filesystem::path codex_bin;
  std::string model;  // empty: codex's own default
  CodexSandbox sandbox = CodexSandbox::kWorkspaceWrite;
  std::string approval_policy = "never";      // exec mode cannot ask anyone
  std::vector<std::string> config_overrides;  // "key=value", each passed as -c
};

// Checks of user-given options (approval policy spelling, -c shape).
[[nodiscard]] Status validate_codex_options(const CodexOptions& options);

class CodexBackend final : public CliBackend {
 public:
  explicit CodexBackend(CodexOptions options) : options_(std::move(options)) {}

  [[nodiscard]] std::string_view backend_name() const override { return "codex"; }
  [[nodiscard]] std::string_view cli_name() const override { return "codex"; }
  [[nodiscard]] Status validate_metadata(const Json& metadata) const override;
  [[nodiscard]] Result<CliInvocation> build_invocation(const TurnRequest& turn) const override;
  [[nodiscard]] std::unique_ptr<CliEventTranslator> make_translator(
      const TurnRequest& turn) const override;

  [[nodiscard]] const CodexOptions& options() const { return options_; }

 private:
  CodexOptions options_;
};

}  // namespace agenthub::agents
