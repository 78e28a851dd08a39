#pragma once

#include <optional>
#include <string_view>

#include "hub/run_service.h"
#include "mcp/options.h"

namespace agenthub::mcp {

// Shared body of orchestration-mcp and its test twin: serves MCP on stdin/stdout until stdin
// closes or SIGTERM/SIGINT/SIGHUP arrives, and returns the exit code. Call it before any other
// thread starts (it blocks those signals for the whole process). If calls are still running
// after the shutdown grace it ends the process at once (std::_Exit) rather than destroy a
// RunService they still use: run state is on disk, nothing is lost.
[[nodiscard]] int serve_stdio(hub::RunService& service, const Options& options);

// The command-line front matter of both executables: logging set up from --log-level,
// --help/--version answered. Returns an exit code when the program should stop now.
[[nodiscard]] std::optional<int> handle_common_flags(int argc, const char* const* argv,
                                                     std::string_view program_name,
                                                     Options& options);

}  // namespace agenthub::mcp
