#pragma once

// Runs codex-a2a-agent / claude-a2a-agent for a test (normally over fake-cli) and talks to it
// through our A2A client. Everything waits on conditions with generous deadlines; a wrapper
// left running is killed (with its process group) when its WrapperProcess goes away.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "a2a/client/client.h"
#include "agents/common/environment.h"
#include "agents/common/process.h"
#include "core/json.h"

namespace agenthub::agents::testing {

inline constexpr std::chrono::seconds kWrapperDeadline{60};

std::filesystem::path bin_path(const std::string& name);
std::filesystem::path recording_path(const std::string& relative);  // under tests/fakes/recordings
std::filesystem::path fake_sample(const std::string& name);         // fake-cli samples

class WrapperProcess {
 public:
  // Starts `binary` (a name in the bin dir) with `args` and our environment minus FAKE_CLI_*,
  // AGENTHUB_AGENT_TOKEN, CODEX_BIN, CLAUDE_BIN and `drop`, plus `env`. Null (after a test
  // failure) when it printed no ready line.
  static std::unique_ptr<WrapperProcess> start(const std::string& binary,
                                               std::vector<std::string> args,
                                               const EnvList& env = {},
                                               std::vector<std::string> drop = {});
  ~WrapperProcess();

  [[nodiscard]] const Json& ready() const { return ready_; }
  [[nodiscard]] std::string agent_url() const { return json_string(ready_, "agent_url"); }
  [[nodiscard]] std::string token() const;
  [[nodiscard]] pid_t pid() const { return process_->pid(); }
  [[nodiscard]] Process& process() { return *process_; }

  // A client with the wrapper's token (or `token` when given).
  [[nodiscard]] std::unique_ptr<a2a::Client> client(std::optional<std::string> token = {}) const;

  // SIGTERM, then waits for the exit (SIGKILL after the deadline).
  ExitStatus stop();

 private:
  std::unique_ptr<Process> process_;
  Json ready_;
};

// A user message: `text`, metadata {cwd} when `cwd` is not empty, plus `metadata`.
[[nodiscard]] a2a::Message user_message(const std::string& text, const std::string& cwd,
                                        const std::string& context_id = {},
                                        Json metadata = Json::object());

struct StreamResult {
  std::vector<a2a::StreamResponse> items;
  std::vector<Json> run_events;  // data parts with the run-event media type, in order
  std::vector<std::string> types;
  std::string task_id;
  std::string context_id;
  a2a::TaskState state = a2a::TaskState::kUnknown;
  std::string status_text;  // text of the last status message
  Json status_data;         // data part of the last status message, if any
  std::optional<a2a::Artifact> result;
  a2a::StreamOutcome outcome = a2a::StreamOutcome::kUnknown;
  std::optional<Error> error;

  [[nodiscard]] const Json* find(std::string_view type) const;
  [[nodiscard]] std::string dump() const;
};

// SendStreamingMessage, collected to the end of the stream.
[[nodiscard]] StreamResult stream(a2a::Client& client, const a2a::Message& message);
// The same over an existing task (a continuation).
[[nodiscard]] StreamResult collect(a2a::Client& client, a2a::EventStream& stream);

// SendMessage with returnImmediately: the new task's id (empty after a test failure).
[[nodiscard]] std::string submit(a2a::Client& client, const a2a::Message& message);
// Follows the task (SubscribeToTask) until it reports `state` (true) or ends otherwise.
[[nodiscard]] bool wait_for_state(a2a::Client& client, const std::string& task_id,
                                  a2a::TaskState state);
// CancelTask.
[[nodiscard]] Result<a2a::Task> cancel(a2a::Client& client, const std::string& task_id);
// Follows the task until one of its status messages carries a run event of `type` (true), or
// the task ends without one.
[[nodiscard]] bool wait_for_run_event(a2a::Client& client, const std::string& task_id,
                                      const std::string& type);
// GetTask's state, kUnknown on error.
[[nodiscard]] a2a::TaskState task_state(a2a::Client& client, const std::string& task_id);

// FAKE_CLI_RECORD entries of one kind ("start", "stdin", "exit", ...).
[[nodiscard]] std::vector<Json> record_events(const std::filesystem::path& record,
                                              const std::string& kind);
// Pids of every fake-cli start (and grandchild) in the record.
[[nodiscard]] std::vector<pid_t> recorded_pids(const std::filesystem::path& record);
// True once each pid is gone, waiting up to the deadline.
[[nodiscard]] bool all_gone(const std::vector<pid_t>& pids);

}  // namespace agenthub::agents::testing
