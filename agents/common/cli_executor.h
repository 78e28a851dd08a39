#pragma once

// The A2A executor shared by our CLI wrappers. Give it a CliBackend (how to start and read one
// CLI) and a ContextRegistry; it does the rest:
//
// - admit(): the first message of a context must carry metadata.cwd, an absolute path to an
//   existing directory; later messages may repeat it (compared after resolving symlinks) but
//   not name another one. A context runs one task at a time: a new task while another of the
//   same context still runs or waits for input is refused. The reply to a question must be
//   one the backend accepts. Everything refused here is a JSON-RPC error; nothing is stored.
// - execute(): binds the context to its cwd, starts the CLI for one turn (resuming the
//   context's CLI session when one is known), streams every translated CLI event as a WORKING
//   status update, records the session the CLI reports, and ends the task: COMPLETED with the
//   result artifact, FAILED with the CLI's message and stderr tail, or AUTH_REQUIRED with how
//   to fix the credentials. A backend question (claude's permission request) ends execute()
//   in INPUT_REQUIRED while the CLI process stays alive; the client's answer continues the
//   same process. Continuing an AUTH_REQUIRED task runs its original request again.
// - cancel() / stop token: the backend's interrupt line on stdin (or SIGTERM), SIGTERM at half
//   the grace period, SIGKILL of the process group at the end of it. A question left
//   unanswered for `input_timeout` stops its process the same way.
//
// Thread-safety: all public methods may be called from any thread.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <vector>

#include "a2a/server/agent_executor.h"
#include "agents/common/cli_backend.h"
#include "agents/common/context_registry.h"
#include "agents/common/deferred_actions.h"
#include "agents/common/jsonl_reader.h"

namespace agenthub::agents {

struct CliExecutorOptions {
  // From a stop request to SIGKILL of the CLI's process group.
  std::chrono::milliseconds cancel_grace{5000};
  // How long a question to the client may wait for its answer.
  std::chrono::milliseconds input_timeout{std::chrono::minutes(10)};
  // The CLI runs with this process's environment minus these variables (a '*' suffix drops a
  // prefix), plus what the backend adds.
  std::vector<std::string> env_drop;
  JsonlOptions jsonl;
};

class CliExecutor final : public a2a::AgentExecutor {
 public:
  CliExecutor(std::unique_ptr<CliBackend> backend, std::unique_ptr<ContextRegistry> registry,
              CliExecutorOptions options = {});
  CliExecutor(const CliExecutor&) = delete;
  CliExecutor& operator=(const CliExecutor&) = delete;
  ~CliExecutor() override;  // shutdown()

  [[nodiscard]] Status admit(const a2a::RequestContext& ctx) override;
  void execute(const a2a::RequestContext& ctx, a2a::TaskUpdater& updater) override;
  void cancel(const std::string& task_id) override;

  // Stops every CLI process still alive (those of tasks waiting for an answer, and any other
  // left) and waits until they are reaped. Idempotent; call after the server stopped.
  void shutdown();

  // How long no task has run, waited for an answer or been admitted; zero while one does.
  [[nodiscard]] std::chrono::steady_clock::duration idle_for() const;
  // CLI processes currently alive (running or waiting for an answer).
  [[nodiscard]] std::size_t live_runs() const;

  [[nodiscard]] const CliBackend& backend() const { return *backend_; }
  [[nodiscard]] const ContextRegistry& registry() const { return *registry_; }

 private:
  struct LiveRun;
  class BusyScope;

  void start_turn(const a2a::RequestContext& ctx, const a2a::Message& request,
                  a2a::TaskUpdater& updater);
  void continue_with_answer(const a2a::RequestContext& ctx, a2a::TaskUpdater& updater);
  // Reads the CLI's output until it ends (then settles the task) or asks a question.
  void pump(const std::shared_ptr<LiveRun>& run, const a2a::RequestContext& ctx,
            a2a::TaskUpdater& updater);
  // True when the run now waits for the client's answer.
  bool handle_outputs(LiveRun& run, std::vector<CliOutput> outputs, a2a::TaskUpdater& updater);
  void report_bad_line(LiveRun& run, const JsonlItem& item, a2a::TaskUpdater& updater);
  void finish(const std::shared_ptr<LiveRun>& run, const a2a::RequestContext& ctx,
              a2a::TaskUpdater& updater);

  [[nodiscard]] Status admit_continuation(const a2a::RequestContext& ctx);
  [[nodiscard]] Result<ContextRecord> bind_context(const std::string& context_id,
                                                   const std::optional<std::string>& cwd);
  // Waits until no other task of the context runs. False when `stop` fired first.
  bool acquire_context(const std::string& context_id, const std::string& task_id,
                       const std::stop_token& stop);
  void unregister(const LiveRun& run);
  void unregister_locked(const LiveRun& run);
  // Asks the CLI to stop (once): interrupt line or SIGTERM, escalating to SIGKILL.
  void stop_run(LiveRun& run);
  void schedule_input_timeout(const std::shared_ptr<LiveRun>& run, std::uint64_t serial);
  void touch();

  const std::unique_ptr<CliBackend> backend_;
  const std::unique_ptr<ContextRegistry> registry_;
  const CliExecutorOptions options_;

  mutable std::mutex mu_;
  std::condition_variable_any context_cv_;
  std::unordered_map<std::string, std::shared_ptr<LiveRun>> runs_;  // by task id
  std::unordered_map<std::string, std::string> context_owner_;      // context id -> task id
  std::size_t busy_ = 0;                                            // execute() calls in progress
  std::chrono::steady_clock::time_point last_activity_;
  bool shut_down_ = false;

  DeferredActions deferred_;  // last: destroyed first, its pending actions use the members above
};

}  // namespace agenthub::agents
