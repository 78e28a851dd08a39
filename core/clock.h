#pragma once

#include <chrono>
#include <string>

namespace agenthub {

// ISO-8601 UTC with milliseconds: "2026-11-28T03:24:38.123Z".
[[nodiscard]] std::string iso8601(std::chrono::system_clock::time_point t);
[[nodiscard]] std::string iso8601_now();

}  // namespace agenthub
