// Maps directives onto the tools `claude -p` declares in a Messages API request.
#include <nlohmann/json.hpp>

#include "tests/fakes/mock_model/reply_plan.h"

namespace agenthub::mock_model {
namespace {

using nlohmann::json;

constexpr const char* kStructuredOutputTool = "StructuredOutput";

// Claude Code's file tools want absolute paths; relative directive paths are taken from the
// working directory the CLI announced.
std::string absolute_path(const Conversation& conv, const std::string& path) {
  if (path.starts_with("/") || conv.cwd.empty()) return path;
  return conv.cwd + "/" + path;
}

ToolCall call(const Conversation& conv, const std::string& name, json input) {
  if (conv.find_tool(name) == nullptr)
    return ToolCall::unavailable("tool `" + name + "` not declared");
  return ToolCall::function(name, "", input.dump());
}

ToolCall named_call(const Conversation& conv, const ToolStep& step) {
  const auto* tool = conv.find_tool_by_suffix(step.tool, true);
  if (tool == nullptr) {
    std::string names;
    for (const auto& t : conv.tools) names += t.name + " ";
    return ToolCall::unavailable("tool `" + step.tool + "` not declared; declared: " + names);
  }
  return ToolCall::function(tool->name, "", step.arguments);
}

}  // namespace

std::vector<ToolCall> messages_tool_calls(const Directives& directives, const Conversation& conv) {
  std::vector<ToolCall> calls;
  for (const auto& step : directives.steps) {
    const std::string path = absolute_path(conv, step.path);
    switch (step.kind) {
      case ToolStep::Kind::kRun:
        calls.push_back(
            call(conv, "Bash", {{"command", step.command}, {"description", "Run a mock command"}}));
        break;
      case ToolStep::Kind::kRead:
        calls.push_back(call(conv, "Read", {{"file_path", path}}));
        break;
      case ToolStep::Kind::kWrite:
        calls.push_back(call(conv, "Write", {{"file_path", path}, {"content", step.content}}));
        break;
      case ToolStep::Kind::kEdit:
        // Claude Code refuses to edit a file it has not read in this session.
        calls.push_back(call(conv, "Read", {{"file_path", path}}));
        calls.push_back(call(
            conv, "Edit",
            {{"file_path", path}, {"old_string", step.old_text}, {"new_string", step.content}}));
        break;
      case ToolStep::Kind::kMcp:
      case ToolStep::Kind::kTool:
        calls.push_back(named_call(conv, step));
        break;
      case ToolStep::Kind::kUnknown:
        break;
    }
  }
  // With --json-schema, Claude Code declares a StructuredOutput tool and expects the answer as
  // its input; a plain-text answer gets one synthetic reminder and then a result without
  // structured_output.
  if (directives.json && conv.find_tool(kStructuredOutputTool) != nullptr) {
    calls.push_back(ToolCall::function(kStructuredOutputTool, "", *directives.json));
  }
  return calls;
}

}  // namespace agenthub::mock_model
