#pragma once

// An A2A agent inside the test process whose behaviour is a lambda: for agents the echo agent
// cannot imitate (our wrappers' run-event parts, a result artifact, a session id).

#include <functional>
#include <memory>
#include <string>

#include "a2a/server/agent_executor.h"
#include "a2a/server/server.h"

namespace agenthub::hub::testing {

class ScriptedAgent {
 public:
  using Script = std::function<void(const a2a::RequestContext&, a2a::TaskUpdater&)>;

  explicit ScriptedAgent(Script script, std::string bearer_token = {});
  ~ScriptedAgent();
  ScriptedAgent(const ScriptedAgent&) = delete;
  ScriptedAgent& operator=(const ScriptedAgent&) = delete;

  // Whether start() worked.
  [[nodiscard]] const Status& started() const { return started_; }
  [[nodiscard]] std::string url() const { return server_->base_url(); }

 private:
  std::unique_ptr<a2a::Server> server_;
  Status started_;
};

}  // namespace agenthub::hub::testing
