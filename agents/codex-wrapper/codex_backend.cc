#include "agents/codex-wrapper/codex_backend.h"

#include <algorithm>

#include "agents/codex-wrapper/codex_event_translator.h"

namespace agenthub::agents {

std::string_view codex_sandbox_name(CodexSandbox sandbox) {
  switch (sandbox) {
    case CodexSandbox::kReadOnly:
      return "read-only";
    case CodexSandbox::kWorkspaceWrite:
      return "workspace-write";
    case CodexSandbox::kDangerFullAccess:
      return "danger-full-access";
    case CodexSandbox::kUnknown:
      break;
  }
  return "unknown";
}

CodexSandbox parse_codex_sandbox(std::string_view name) {
  if (name == "read-only") return CodexSandbox::kReadOnly;
  if (name == "workspace-write") return CodexSandbox::kWorkspaceWrite;
  if (name == "danger-full-access") return CodexSandbox::kDangerFullAccess;
  return CodexSandbox::kUnknown;
}

Status validate_codex_options(const CodexOptions& options) {
  const std::string& policy = options.approval_policy;
  const bool plain = !policy.empty() && std::all_of(policy.begin(), policy.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || c == '-';
  });
  if (!plain) {
    return Error{ErrorCode::kInvalidArgument,
                 "approval policy must be a codex policy name such as never, on-request, "
                 "on-failure or untrusted, got \"" +
                     policy + "\""};
  }
  for (const std::string& kv : options.config_overrides) {
    if (kv.find('=') == std::string::npos || kv.front() == '=') {
      return Error{ErrorCode::kInvalidArgument, "-c takes key=value, got \"" + kv + "\""};
    }
  }
  if (options.sandbox == CodexSandbox::kUnknown) {
    return Error{ErrorCode::kInvalidArgument,
                 "sandbox must be read-only, workspace-write or danger-full-access"};
  }
  return {};
}

Status CodexBackend::validate_metadata(const Json& metadata) const {
  const Json* sandbox = json_find(metadata, kMetaCodexSandbox);
  if (sandbox == nullptr) return {};
  const CodexSandbox asked = sandbox->is_string() ? parse_codex_sandbox(sandbox->get<std::string>())
                                                  : CodexSandbox::kUnknown;
  if (asked == CodexSandbox::kUnknown) {
    return Error{ErrorCode::kInvalidArgument,
                 "metadata.sandbox must be read-only, workspace-write or danger-full-access"};
  }
  if (static_cast<int>(asked) > static_cast<int>(options_.sandbox)) {
    return Error{ErrorCode::kInvalidArgument,
                 "metadata.sandbox " + std::string(codex_sandbox_name(asked)) +
                     " is more permissive than this agent allows (" +
                     std::string(codex_sandbox_name(options_.sandbox)) +
                     "); start codex-a2a-agent with --sandbox " +
                     std::string(codex_sandbox_name(asked)) + " to allow it"};
  }
  return {};
}

Result<CliInvocation> CodexBackend::build_invocation(const TurnRequest& turn) const {
  CodexSandbox sandbox = options_.sandbox;
  if (const Json* asked = json_find(turn.metadata, kMetaCodexSandbox);
      asked != nullptr && asked->is_string()) {
    CodexSandbox parsed = parse_codex_sandbox(asked->get<std::string>());
    // Only ever stricter (admit() refused anything else).
    if (parsed != CodexSandbox::kUnknown && static_cast<int>(parsed) < static_cast<int>(sandbox)) {
      sandbox = parsed;
    }
  }
  const std::string& model = turn.model.empty() ? options_.model : turn.model;

  CliInvocation inv;
  inv.argv = {options_.codex_bin.string(),
              "exec",
              "--experimental-json",
              "--skip-git-repo-check",
              "--cd",
              turn.cwd.string(),
              "--sandbox",
              std::string(codex_sandbox_name(sandbox))};
  if (!model.empty()) {
    inv.argv.push_back("--model");
    inv.argv.push_back(model);
  }
  inv.argv.push_back("-c");
  inv.argv.push_back("approval_policy=\"" + options_.approval_policy + "\"");
  for (const std::string& kv : options_.config_overrides) {
    inv.argv.push_back("-c");
    inv.argv.push_back(kv);
  }
  if (!turn.output_schema.is_null()) {
    auto file = TempFile::create(dump_json(turn.output_schema), ".json");
    if (!file.ok()) return file.error();
    inv.argv.push_back("--output-schema");
    inv.argv.push_back(file->path().string());
    inv.temp_files.push_back(std::move(file).value());
  }
  if (!turn.session_id.empty()) {
    inv.argv.push_back("resume");
    inv.argv.push_back(turn.session_id);
  }
  inv.argv.push_back("-");

  // A new thread starts with the persona; a resumed one already has it.
  inv.stdin_data = turn.prompt;
  if (turn.session_id.empty() && !turn.profile.empty()) {
    inv.stdin_data = turn.profile + "\n\n" + turn.prompt;
  }
  inv.stdin_policy = StdinPolicy::kCloseAfterPrompt;
  return inv;
}

std::unique_ptr<CliEventTranslator> CodexBackend::make_translator(const TurnRequest& turn) const {
  return std::make_unique<CodexEventTranslator>(!turn.output_schema.is_null(), turn.session_id);
}

}  // namespace agenthub::agents
