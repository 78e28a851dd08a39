#pragma once

// The benchmark's agent logic, the same contract as js_echo_agent.mjs for the messages the
// benchmark sends:
//   burst:N  N bare working status updates as fast as possible, then completed
//   slow:... one working update, then holds the task open until release_all() or cancel
//   other    completes at once with "echo: <text>"

#include <condition_variable>
#include <mutex>
#include <string>

#include "a2a/server/agent_executor.h"

namespace agenthub::bench {

class BenchExecutor final : public a2a::AgentExecutor {
 public:
  void execute(const a2a::RequestContext& ctx, a2a::TaskUpdater& updater) override;
  void cancel(const std::string& task_id) override;

  // Lets every held slow: task complete.
  void release_all();

  [[nodiscard]] static a2a::AgentCard card();

 private:
  std::mutex mu_;
  std::condition_variable_any cv_;
  bool released_ = false;
};

}  // namespace agenthub::bench
