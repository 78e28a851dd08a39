#pragma once

#include <span>
#include <string_view>

namespace agenthub::mcp {

// MCP revisions we speak, newest first. The tool surface is the same in all of them.
[[nodiscard]] std::span<const std::string_view> supported_protocol_versions();
[[nodiscard]] std::string_view latest_protocol_version();

// The version to answer `initialize` with: the client's when we support it, else our latest
// (the client then decides whether it can go on).
[[nodiscard]] std::string_view negotiate_protocol_version(std::string_view requested);

}  // namespace agenthub::mcp
