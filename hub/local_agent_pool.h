#pragma once

// The local A2A wrappers behind the `codex` and `claude_code` backends. The hub never runs a
// CLI itself: on first use it starts codex-a2a-agent / claude-a2a-agent, reads the ready line
// ({"agent_url", "token", ...}) and keeps the token to itself (it never reaches argv, logs,
// events or run.json), then reuses the wrapper for every later run. A wrapper that died is
// started again on the next use. The wrappers log to our stderr with a prefix.
//
// With a registry directory, every wrapper started is recorded there (wrapper_registry.h) and
// started with an idle timeout, so that a hub stopping with runs still on a wrapper can leave
// it running (detach_all) and a later hub can reach those runs again (registered()).

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "hub/agent_endpoint.h"
#include "hub/wrapper_registry.h"
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
  // Where started wrappers are recorded; empty: not recorded (nothing outlives the pool).
  std::filesystem::path registry_dir;
  // A recorded wrapper exits after this long without tasks (--idle-exit-after).
  std::chrono::seconds idle_exit_after{900};
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
  // A recorded wrapper (of this or an earlier hub process) serving `agent_url`, if alive.
  [[nodiscard]] std::optional<AgentEndpoint> registered(const std::string& agent_url) const;
  // Leaves the recorded wrappers running when the pool goes (runs are still on them); they
  // exit on their own once idle. Unrecorded ones are still stopped.
  void detach_all();

 private:
  struct Wrapper;

  [[nodiscard]] Result<std::filesystem::path> executable(Backend backend) const;
  [[nodiscard]] Result<std::unique_ptr<Wrapper>> start(Backend backend);

  const LocalAgentOptions options_;
  const std::optional<WrapperRegistry> registry_;
  std::mutex mu_;  // held while a wrapper starts: one start per backend at a time
  std::map<Backend, std::unique_ptr<Wrapper>> wrappers_;
};

}  // namespace agenthub::hub
