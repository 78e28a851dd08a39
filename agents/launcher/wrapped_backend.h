#pragma once

// The two coding agents start-a2a-agent can expose, and the names that go with each: the
// spawn_run backend name, the wrapper executable, the CLI it drives and that CLI's flag and
// environment variable.

#include <string_view>

namespace agenthub::agents {

enum class WrappedBackend { kUnknown = 0, kCodex, kClaudeCode };

// "codex" | "claude_code" (the wrapper's ready-line `backend`); "" for kUnknown.
[[nodiscard]] std::string_view backend_name(WrappedBackend backend);
// Accepts "codex", "claude_code" and the alias "claude"; kUnknown otherwise.
[[nodiscard]] WrappedBackend parse_backend(std::string_view text);
// "codex-a2a-agent" | "claude-a2a-agent".
[[nodiscard]] std::string_view wrapper_program(WrappedBackend backend);
// "codex" | "claude": the CLI executable the wrapper runs.
[[nodiscard]] std::string_view cli_name(WrappedBackend backend);
// "--codex-bin" | "--claude-bin".
[[nodiscard]] std::string_view cli_bin_flag(WrappedBackend backend);
// "CODEX_BIN" | "CLAUDE_BIN": read by the wrapper when the flag is absent.
[[nodiscard]] std::string_view cli_bin_env(WrappedBackend backend);
// "AGENTHUB_CODEX_AGENT_BIN" | "AGENTHUB_CLAUDE_AGENT_BIN": where the hub also looks for the
// wrapper executable.
[[nodiscard]] std::string_view wrapper_bin_env(WrappedBackend backend);

}  // namespace agenthub::agents
