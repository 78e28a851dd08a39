#pragma once

#include <string_view>

namespace agenthub::mcp {

inline constexpr std::string_view kServerName = "orchestration-mcp";
// The project version (CMake PROJECT_VERSION), reported in serverInfo and --version.
[[nodiscard]] std::string_view server_version();

}  // namespace agenthub::mcp
