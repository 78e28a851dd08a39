#include "mcp/tool_registry.h"

#include <array>

#include "mcp/tools/tools.h"

namespace agenthub::mcp {

std::span<const ToolSpec> all_tools() {
  static const std::array kTools{spawn_run_tool(),         get_run_tool(),      poll_events_tool(),
                                 cancel_run_tool(),        continue_run_tool(), list_runs_tool(),
                                 get_event_artifact_tool()};
  return kTools;
}

const ToolSpec* find_tool(std::string_view name) {
  for (const auto& tool : all_tools()) {
    if (tool.name == name) return &tool;
  }
  return nullptr;
}

}  // namespace agenthub::mcp
