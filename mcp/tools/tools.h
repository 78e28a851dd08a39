#pragma once

// The seven tools, one file each. tool_registry.h lists them in tools/list order.

#include "mcp/tool.h"

namespace agenthub::mcp {

[[nodiscard]] ToolSpec spawn_run_tool();
[[nodiscard]] ToolSpec get_run_tool();
[[nodiscard]] ToolSpec poll_events_tool();
[[nodiscard]] ToolSpec cancel_run_tool();
[[nodiscard]] ToolSpec continue_run_tool();
[[nodiscard]] ToolSpec list_runs_tool();
[[nodiscard]] ToolSpec get_event_artifact_tool();

}  // namespace agenthub::mcp
