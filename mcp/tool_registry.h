#pragma once

#include <span>
#include <string_view>

#include "mcp/tool.h"

namespace agenthub::mcp {

// The seven tools in tools/list order.
[[nodiscard]] std::span<const ToolSpec> all_tools();
// nullptr when no tool has that name.
[[nodiscard]] const ToolSpec* find_tool(std::string_view name);

}  // namespace agenthub::mcp
