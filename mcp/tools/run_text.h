#pragma once

#include <string>

#include "core/json.h"

namespace agenthub::mcp {

// "run 0192... running (codex/worker)" from any object with run_id/status/backend/role.
[[nodiscard]] std::string run_line(const Json& run);

// A member rendered for text: strings as they are, other values as compact JSON, absent as "?".
[[nodiscard]] std::string text_of(const Json& object, const char* key);

}  // namespace agenthub::mcp
