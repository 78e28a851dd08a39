#pragma once

#include <string_view>

namespace agenthub {

// Makes spdlog's default logger write to stderr only (stdout is a protocol channel for MCP and
// the wrappers' ready line). Level from AGENTHUB_LOG_LEVEL (trace..off), default `info`.
void init_logging(std::string_view program_name);

}  // namespace agenthub
