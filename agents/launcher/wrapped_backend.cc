#include "agents/launcher/wrapped_backend.h"

namespace agenthub::agents {

std::string_view backend_name(WrappedBackend backend) {
  switch (backend) {
    case WrappedBackend::kCodex:
      return "codex";
    case WrappedBackend::kClaudeCode:
      return "claude_code";
    case WrappedBackend::kUnknown:
      break;
  }
  return "";
}

WrappedBackend parse_backend(std::string_view text) {
  if (text == "codex") return WrappedBackend::kCodex;
  if (text == "claude_code" || text == "claude") return WrappedBackend::kClaudeCode;
  return WrappedBackend::kUnknown;
}

std::string_view wrapper_program(WrappedBackend backend) {
  return backend == WrappedBackend::kClaudeCode ? "claude-a2a-agent" : "codex-a2a-agent";
}

std::string_view cli_name(WrappedBackend backend) {
  return backend == WrappedBackend::kClaudeCode ? "claude" : "codex";
}

std::string_view cli_bin_flag(WrappedBackend backend) {
  return backend == WrappedBackend::kClaudeCode ? "--claude-bin" : "--codex-bin";
}

std::string_view cli_bin_env(WrappedBackend backend) {
  return backend == WrappedBackend::kClaudeCode ? "CLAUDE_BIN" : "CODEX_BIN";
}

std::string_view wrapper_bin_env(WrappedBackend backend) {
  return backend == WrappedBackend::kClaudeCode ? "AGENTHUB_CLAUDE_AGENT_BIN"
                                                : "AGENTHUB_CODEX_AGENT_BIN";
}

}  // namespace agenthub::agents
