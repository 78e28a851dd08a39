#pragma once

// An A2A agent executable for a test (a2a-echo-agent by default): started with agents::Process
// (own process group, stderr drained), its first stdout line taken as its URL, killed and
// reaped on destruction.

#include <memory>
#include <string>
#include <vector>

#include "agents/common/process.h"
#include "core/result.h"

namespace agenthub::hub::testing {

class AgentProcess {
 public:
  // a2a-echo-agent from this build, with `--token token` when token is not empty.
  [[nodiscard]] static Result<std::unique_ptr<AgentProcess>> echo_agent(std::string token = {});
  [[nodiscard]] static Result<std::unique_ptr<AgentProcess>> start(std::vector<std::string> argv);

  ~AgentProcess();
  AgentProcess(const AgentProcess&) = delete;
  AgentProcess& operator=(const AgentProcess&) = delete;

  [[nodiscard]] const std::string& url() const { return url_; }
  // Kills the agent's process group and reaps it; its port is closed afterwards.
  void stop();

 private:
  AgentProcess() = default;

  std::unique_ptr<agents::Process> process_;
  std::string url_;
};

}  // namespace agenthub::hub::testing
