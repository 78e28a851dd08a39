#pragma once

#include <stop_token>
#include <string>
#include <string_view>

#include "core/json.h"
#include "mcp/tool_registry.h"

namespace agenthub::mcp::testing {

// Runs one tool's tools/call handler directly.
inline Json run_tool(hub::RunService& service, std::string_view name, const Json& arguments,
                     std::stop_token stop = {}) {
  const ToolSpec* tool = find_tool(name);
  if (tool == nullptr) return nullptr;
  return tool->call(arguments, ToolContext{service, std::move(stop)});
}

inline bool is_error(const Json& result) { return result.value("isError", false); }

inline std::string text_of(const Json& result) {
  return result.at("content").at(0).at("text").get<std::string>();
}

inline Json text_message(std::string_view text) {
  return {{"role", "user"}, {"parts", {{{"type", "text"}, {"text", text}}}}};
}

}  // namespace agenthub::mcp::testing
