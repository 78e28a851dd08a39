#include "agent_process.h"

#include <array>
#include <chrono>

namespace agenthub::hub::testing {

Result<std::unique_ptr<AgentProcess>> AgentProcess::echo_agent(std::string token) {
  std::vector<std::string> argv = {std::string(AGENTHUB_BIN_DIR) + "/a2a-echo-agent"};
  if (!token.empty()) {
    argv.push_back("--token");
    argv.push_back(std::move(token));
  }
  return start(std::move(argv));
}

Result<std::unique_ptr<AgentProcess>> AgentProcess::start(std::vector<std::string> argv) {
  agents::SpawnOptions options;
  options.argv = std::move(argv);
  auto process = agents::Process::spawn(std::move(options));
  if (!process.ok()) return process.error();
  std::unique_ptr<AgentProcess> agent(new AgentProcess());
  agent->process_ = std::move(process).value();
  // The ready line. read_stdout returns 0 at EOF (the agent died before printing it).
  std::array<char, 256> buf{};
  std::string line;
  while (line.find('\n') == std::string::npos) {
    auto n = agent->process_->read_stdout(buf);
    if (!n.ok()) return n.error();
    if (*n == 0) {
      return Error{ErrorCode::kUnavailable,
                   "the agent exited before printing its URL: " + agent->process_->stderr_tail()};
    }
    line.append(buf.data(), *n);
  }
  agent->url_ = line.substr(0, line.find('\n'));
  return agent;
}

AgentProcess::~AgentProcess() { stop(); }

void AgentProcess::stop() {
  if (!process_) return;
  // A test agent keeps nothing worth a graceful stop, and a graceful one waits for idle
  // keep-alive connections of its clients.
  process_->kill();
  process_->wait();
  process_.reset();
}

}  // namespace agenthub::hub::testing
