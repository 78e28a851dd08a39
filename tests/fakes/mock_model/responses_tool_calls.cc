// Maps directives onto the tools `codex exec` declares in a Responses API request.
#include <nlohmann/json.hpp>

#include "tests/fakes/mock_model/reply_plan.h"

namespace agenthub::mock_model {
namespace {

using nlohmann::json;

std::string prefixed_lines(const std::string& text, char prefix) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    out += prefix;
    out.append(text, pos, eol - pos);
    out += '\n';
    pos = eol + 1;
  }
  return out;
}

// apply_patch grammar: Add File replaces the whole file; Update File swaps one block of lines.
std::string patch_for(const ToolStep& step) {
  std::string patch = "*** Begin Patch\n";
  if (step.kind == ToolStep::Kind::kEdit) {
    patch += "*** Update File: " + step.path + "\n@@\n";
    patch += prefixed_lines(step.old_text, '-');
    patch += prefixed_lines(step.content, '+');
  } else {
    patch += "*** Add File: " + step.path + "\n";
    patch += prefixed_lines(step.content, '+');
  }
  patch += "*** End Patch\n";
  return patch;
}

ToolCall shell_call(const Conversation& conv, const std::string& command) {
  if (const auto* tool = conv.find_tool("exec_command")) {
    return ToolCall::function(tool->name, tool->ns, json{{"cmd", command}}.dump());
  }
  if (const auto* tool = conv.find_tool("shell_command")) {
    return ToolCall::function(tool->name, tool->ns, json{{"command", command}}.dump());
  }
  if (const auto* tool = conv.find_tool("shell")) {
    return ToolCall::function(tool->name, tool->ns,
                              json{{"command", json::array({"bash", "-lc", command})}}.dump());
  }
  return ToolCall::unavailable("no shell tool (exec_command, shell_command, shell) declared");
}

ToolCall patch_call(const Conversation& conv, const ToolStep& step) {
  const std::string patch = patch_for(step);
  const auto* tool = conv.find_tool("apply_patch");
  if (tool != nullptr && tool->kind == "custom") {
    return {ToolCall::Kind::kCustom, tool->name, tool->ns, patch, {}};
  }
  if (tool != nullptr)
    return ToolCall::function(tool->name, tool->ns, json{{"input", patch}}.dump());
  // Codex recognises an apply_patch heredoc run through its shell tool.
  return shell_call(conv, "apply_patch <<'PATCH'\n" + patch + "PATCH\n");
}

std::string declared_names(const Conversation& conv) {
  std::string names;
  for (const auto& t : conv.tools) names += t.ns + t.name + " ";
  return names;
}

ToolCall named_call(const DeclaredTool* tool, const ToolStep& step, const Conversation& conv) {
  if (tool == nullptr) {
    return ToolCall::unavailable("tool `" + step.tool +
                                 "` not declared; declared: " + declared_names(conv));
  }
  const auto kind = tool->kind == "custom" ? ToolCall::Kind::kCustom : ToolCall::Kind::kFunction;
  return {kind, tool->name, tool->ns, step.arguments, {}};
}

// Codex declares MCP tools lazily: the model first calls the client-side `tool_search` tool,
// whose output (a tool_search_output item) lists the matching tools for the next request. The
// expansion must be the same on every request of the turn, so it depends only on what `tools`
// declares, not on what a search already found.
void add_mcp_calls(const Conversation& conv, const ToolStep& step, std::vector<ToolCall>& calls) {
  if (const auto* direct = conv.find_tool_by_suffix(step.tool, false)) {
    calls.push_back(named_call(direct, step, conv));
    return;
  }
  if (const auto* search = conv.find_tool("tool_search"); search && search->kind == "tool_search") {
    calls.push_back({ToolCall::Kind::kToolSearch,
                     "tool_search",
                     "",
                     json{{"query", step.tool}, {"limit", 8}}.dump(),
                     {}});
  }
  calls.push_back(named_call(conv.find_tool_by_suffix(step.tool, true), step, conv));
}

}  // namespace

std::vector<ToolCall> responses_tool_calls(const Directives& directives, const Conversation& conv) {
  std::vector<ToolCall> calls;
  for (const auto& step : directives.steps) {
    switch (step.kind) {
      case ToolStep::Kind::kRun:
        calls.push_back(shell_call(conv, step.command));
        break;
      case ToolStep::Kind::kRead:
        calls.push_back(shell_call(conv, "cat " + step.path));
        break;
      case ToolStep::Kind::kWrite:
      case ToolStep::Kind::kEdit:
        calls.push_back(patch_call(conv, step));
        break;
      case ToolStep::Kind::kMcp:
        add_mcp_calls(conv, step, calls);
        break;
      case ToolStep::Kind::kTool:
        calls.push_back(named_call(conv.find_tool_by_suffix(step.tool, true), step, conv));
        break;
      case ToolStep::Kind::kUnknown:
        break;
    }
  }
  return calls;
}

}  // namespace agenthub::mock_model
