#pragma once

// The echo agent's executor: a small, real AgentExecutor used by tests, the client's tests
// and `make demo`. What it does with a message, by the prefix of its text:
//   (none)    two working updates, then the artifact "echo" and a completed status, both
//             carrying "echo: <text>"
//   ask:      input-required with a question; the follow-up message to the same task
//             completes it with "echo: <follow-up text>"
//   slow:     a working update each second for ten seconds, then completes; a cancel stops
//             it at once (it waits on the run's stop token, never a plain sleep)
//   fail:     fails the task with the rest of the text as reason
//   throw:    execute() throws (the server must fail the task and keep serving)
//   reject:   admit() refuses the message (answered as a JSON-RPC invalid-params error)

#include <string>

#include "a2a/server/agent_executor.h"

namespace agenthub::testing {

class EchoExecutor final : public a2a::AgentExecutor {
 public:
  [[nodiscard]] Status admit(const a2a::RequestContext& ctx) override;
  void execute(const a2a::RequestContext& ctx, a2a::TaskUpdater& updater) override;
  void cancel(const std::string& task_id) override;

  // The skills an agent card for this executor declares.
  [[nodiscard]] static a2a::AgentCard card();
};

}  // namespace agenthub::testing
