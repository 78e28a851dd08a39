#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace agenthub::mock_model {

// A tool the CLI declared in its request, as the model would call it.
struct DeclaredTool {
  std::string name;
  // "function", "custom" (Responses freeform), "tool_search" (Responses client-side tool
  // discovery), "tool" (Messages API)
  std::string kind;
  std::string ns;         // Responses API namespace holding the tool, empty at top level
  bool deferred = false;  // only known from a tool_search_output, not from `tools`
};

// What the mock needs to know about one model request, whichever wire API carried it.
struct Conversation {
  std::string model;
  bool stream = false;
  bool has_prompt = false;
  // Text of the last message the human (the CLI's user) wrote; harness-injected context such as
  // <environment_context> or <system-reminder> blocks is skipped.
  std::string prompt;
  // Tool results that arrived after that prompt: how far the mock's plan for it has advanced.
  int tool_results_since_prompt = 0;
  std::string last_tool_output;
  bool last_tool_is_error = false;
  std::string cwd;  // working directory announced by the CLI, empty when not found
  std::vector<DeclaredTool> tools;

  [[nodiscard]] const DeclaredTool* find_tool(std::string_view name) const;
  // A tool whose name is `name` or ends with it after a separator ("__", ".", "/"), for MCP tools
  // whose full name carries the server.
  // Deferred tools (found by an earlier tool search) count only when `include_deferred`.
  [[nodiscard]] const DeclaredTool* find_tool_by_suffix(std::string_view name,
                                                        bool include_deferred) const;
};

// True for text the CLI injects into user messages (a whole <tag>...</tag> block, AGENTS.md
// instructions) rather than text the human typed.
[[nodiscard]] bool is_harness_text(std::string_view text);

// Finds the working directory the CLI tells the model about (<cwd>X</cwd> for Codex,
// "Primary working directory: X" for Claude Code) anywhere in `request_text`.
[[nodiscard]] std::string find_announced_cwd(std::string_view request_text);

// Decoders for the two wire formats. They throw nlohmann::json exceptions on wrong types;
// the server catches them at the request boundary and answers 400.
[[nodiscard]] Conversation read_responses_request(const nlohmann::json& body);
[[nodiscard]] Conversation read_messages_request(const nlohmann::json& body);

}  // namespace agenthub::mock_model
