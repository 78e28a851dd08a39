#pragma once

// Building CallToolResult objects. Success results carry the RunService JSON as
// structuredContent (what Claude Code and Codex hand to the model) and a compact text for
// clients that read only `content`. Error results carry everything in the text, because
// clients drop structuredContent on errors and the SDK would validate it against outputSchema.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json.h"

namespace agenthub::mcp {

// Inline JSON in the text only up to this size; bigger payloads live in structuredContent.
inline constexpr std::size_t kInlineJsonMaxBytes = 4096;

// {content:[{type:text,text}], structuredContent}
[[nodiscard]] Json tool_success(std::string text, Json structured);
// {content:[{type:text,text:"<tool> failed (<reason>): <message>"}], isError:true}
[[nodiscard]] Json tool_failure(std::string_view tool, const Error& error);

// "\n" + compact JSON when it fits in max_bytes, else "".
[[nodiscard]] std::string inline_json(const Json& value,
                                      std::size_t max_bytes = kInlineJsonMaxBytes);
// Cuts text to at most max_chars code points, appending "..." when cut; newlines become spaces.
[[nodiscard]] std::string one_line(std::string_view text, std::size_t max_chars);

}  // namespace agenthub::mcp
