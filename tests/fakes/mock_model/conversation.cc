#include "tests/fakes/mock_model/conversation.h"

#include <cctype>

namespace agenthub::mock_model {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string between(std::string_view text, std::string_view open, std::string_view close) {
  const auto start = text.find(open);
  if (start == std::string_view::npos) return {};
  const auto from = start + open.size();
  const auto end = text.find_first_of(close, from);
  return std::string(text.substr(from, end == std::string_view::npos ? text.npos : end - from));
}

}  // namespace

const DeclaredTool* Conversation::find_tool(std::string_view name) const {
  for (const auto& tool : tools) {
    if (tool.name == name && !tool.deferred) return &tool;
  }
  return nullptr;
}

const DeclaredTool* Conversation::find_tool_by_suffix(std::string_view name,
                                                      bool include_deferred) const {
  for (const auto& tool : tools) {
    if (tool.name == name && (include_deferred || !tool.deferred)) return &tool;
  }
  for (const auto& tool : tools) {
    if (tool.deferred && !include_deferred) continue;
    const std::string_view full = tool.name;
    if (full.size() <= name.size() || full.substr(full.size() - name.size()) != name) continue;
    const std::string_view head = full.substr(0, full.size() - name.size());
    if (head.ends_with("__") || head.ends_with(".") || head.ends_with("/")) return &tool;
  }
  // A namespace such as "mcp__server__" holds the tool under its short name.
  for (const auto& tool : tools) {
    if (tool.deferred && !include_deferred) continue;
    const std::string full = tool.ns + tool.name;
    if (!tool.ns.empty() && full.ends_with(name)) return &tool;
  }
  return nullptr;
}

bool is_harness_text(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.starts_with("# AGENTS.md instructions")) return true;
  // Claude Code's reminder when --json-schema was not honoured.
  if (t.starts_with("[structured-output-enforce]")) return true;
  // Claude Code's marker for a turn cut short by an interrupt.
  if (t.starts_with("[Request interrupted by user")) return true;
  if (!t.starts_with("<") || !t.ends_with(">")) return false;
  const auto name_end = t.find_first_of("> \n", 1);
  if (name_end == std::string_view::npos) return false;
  const std::string closing = "</" + std::string(t.substr(1, name_end - 1)) + ">";
  return t.ends_with(closing);
}

std::string find_announced_cwd(std::string_view request_text) {
  std::string cwd = between(request_text, "<cwd>", "<");
  if (cwd.empty()) cwd = between(request_text, "Primary working directory: ", "\n\"\\");
  return std::string(trim(cwd));
}

}  // namespace agenthub::mock_model
