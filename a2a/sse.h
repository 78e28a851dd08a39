#pragma once

// Server-Sent Events framing (the writer side). The incremental parser for clients is in
// sse_parser.h.

#include <string>
#include <string_view>

namespace agenthub::a2a {

// "data: <payload>\n\n"; a payload containing newlines becomes several data lines.
[[nodiscard]] std::string format_sse_data(std::string_view payload);
// ": <text>\n\n" — a comment line; clients ignore it, proxies see traffic (heartbeats).
[[nodiscard]] std::string format_sse_comment(std::string_view text);

}  // namespace agenthub::a2a
