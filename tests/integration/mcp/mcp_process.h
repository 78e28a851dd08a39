#pragma once

// A child MCP server on pipes, for tests: send lines to its stdin, read lines from its stdout
// with a deadline, signal it, wait for its exit status.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/unique_fd.h"

namespace agenthub::mcp::testing {

class McpProcess {
 public:
  static constexpr std::chrono::seconds kDeadline{20};

  McpProcess(const std::string& path, const std::vector<std::string>& args);
  ~McpProcess();  // kills and reaps the child if still running

  void send(std::string_view line);  // appends '\n'
  void send_json(const Json& message);
  void close_stdin();
  // The next stdout line, or nullopt on EOF or when the deadline passes.
  std::optional<std::string> read_line(std::chrono::milliseconds deadline = kDeadline);
  // The next stdout line parsed as JSON (null Json on EOF/timeout/garbage).
  Json read_json(std::chrono::milliseconds deadline = kDeadline);
  void signal(int sig);
  // Exit code (or 128 + signal), or nullopt when the deadline passes.
  std::optional<int> wait_exit(std::chrono::milliseconds deadline = kDeadline);

 private:
  pid_t pid_ = -1;
  UniqueFd in_;
  UniqueFd out_;
  std::string buffer_;
  bool reaped_ = false;
};

}  // namespace agenthub::mcp::testing
