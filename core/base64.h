#pragma once

// Base64 for the bytes that A2A carries inside JSON (A2A parts, artifact pages, MCP file parts).

#include <optional>
#include <string>
#include <string_view>

namespace agenthub {

// Standard alphabet (RFC 4648 section 4) with '=' padding.
[[nodiscard]] std::string base64_encode(std::string_view bytes);

// Accepts the standard and the URL-safe alphabet (ProtoJSON parsers accept both), with or
// without padding. nullopt on any other character, on padding anywhere but the end, or on a
// length no encoder produces.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

}  // namespace agenthub
