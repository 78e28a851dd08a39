#pragma once

// The local A2A wrappers behind the `codex` and `claude_code` backends. The hub never runs a
// CLI itself: on first use it starts codex-a2a-agent / claude-a2a-agent, reads the ready line
// ({"agent_url", "token", ...}) and keeps the token to itself (it never reaches argv, logs,
// events or run.json), then reuses the wrapper for every later run. A wrapper that died is
// started again on the next use. The wrappers log to our stderr with a prefix.

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "hub/agent_endpoint.h"
#include "hub/run_types.h"

namespace agenthub::agents {
class Process;
}

namespace agenthub::hub {

struct LocalAgentOptions {
  // Wrapper executables; empty: $AGENTHUB_CODEX_AGENT_BIN / $AGENTHUB_CLAUDE_AGENT_BIN, then
  // the directory of the running executable, then PATH.
  std::filesystem::path codex_agent_bin;
  std::filesystem::path claude_agent_bin;
  // Extra arguments for every wrapper start (e.g. --state-dir, --max-tasks).
  std::vector<std::string> codex_agent_args;
  std::vector<std::string> claude_agent_args;
  std::chrono::milliseconds startup_timeout{30000};
};

class LocalAgentPool {
 public:
  explicit LocalAgentPool(LocalAgentOptions options);
  // Stops the wrappers this pool started (they cancel their running tasks).
  ~LocalAgentPool();
  LocalAgentPool(const LocalAgentPool&) = delete;
  LocalAgentPool& operator=(const LocalAgentPool&) = delete;

  // The wrapper for `backend` (codex or claude_code), started when needed. Thread-safe;
  // concurrent first uses start one wrapper.
  [[nodiscard]] Result<AgentEndpoint> endpoint(Backend backend);

 private:
  struct Wrapper;

  [[nodiscard]] Result<std::filesystem::path> executable(Backend backend) const;
  [[nodiscard]] Result<std::unique_ptr<Wrapper>> start(Backend backend);

  const LocalAgentOptions options_;
  std::mutex mu_;  // held while a wrapper starts: one start per backend at a time
  std::map<Backend, std::unique_ptr<Wrapper>> wrappers_;
};

}  // namespace agenthub::hub
