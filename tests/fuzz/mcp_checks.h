#pragma once

// Invariants shared by the MCP fuzz targets: what a tools/call result must look like, and that
// whatever reached the RunService passed the tool's shape checks.

#include <string_view>

#include "canned_run_service.h"
#include "core/json.h"

namespace agenthub::fuzz {

// `result` is the CallToolResult of tool `tool` called with `arguments`; `service` recorded the
// call (reset before it).
void check_tool_result(std::string_view tool, const Json& result, const CannedRunService& service);

}  // namespace agenthub::fuzz
