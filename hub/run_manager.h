#pragma once

// The hub: RunService over A2A. Every backend is an A2A agent — codex and claude_code are our
// local wrappers (local_agent_pool.h), remote_a2a any agent by URL. Runs are persisted under
// their cwd (storage_layout.h) and indexed by id, so get_run / poll_events / list_runs /
// get_event_artifact also answer for runs of earlier hub processes.
//
// At most max_concurrent_runs turns run at once; later spawns wait as `queued` and start in
// order. A run waiting for input does not hold a slot.
//
// Restarts: each unfinished run is leased to the hub process driving it (run_lease.h). A hub
// that stops while runs are still on their agents leaves them there (local wrappers keep
// running, see LocalAgentPool::detach_all) and gives up their leases; a hub that dies loses
// them with its process. Every hub, when it starts, takes the unfinished runs whose lease
// nobody holds and reattaches them (GetTask, then SubscribeToTask), so their events continue
// with the next seq; a run whose agent or task is gone fails as `orphaned`. The hub's own
// state (leases, the wrapper registry) lives next to the run index.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/result.h"
#include "hub/live_run.h"
#include "hub/local_agent_pool.h"
#include "hub/run_service.h"
#include "hub/run_store.h"
#include "hub/spawn_plan.h"

namespace agenthub::hub {

struct RunManagerOptions {
  LocalAgentOptions local_agents;
  // The run index (run_id -> cwd); empty: RunIndex::default_dir().
  std::filesystem::path run_index_dir;
  // Where bundled personas are looked up by name (profile/ of the installation).
  std::vector<std::filesystem::path> profile_dirs;
  std::size_t max_concurrent_runs = 8;
  // Live runs kept in memory after they ended (older ones are served from disk).
  std::size_t retained_finished_runs = 64;
  // A running run whose agent sends nothing for this long fails as `stalled` (0: never).
  std::chrono::seconds stall_timeout{1800};
};

class RunManager final : public RunService {
 public:
  [[nodiscard]] static Result<std::unique_ptr<RunManager>> create(RunManagerOptions options);
  // Stops every turn. Queued runs fail as orphaned; runs already on their agents are left
  // there for the next hub to reattach.
  ~RunManager() override;
  RunManager(const RunManager&) = delete;
  RunManager& operator=(const RunManager&) = delete;

  Result<Json> spawn_run(const SpawnRunRequest& request) override;
  Result<Json> get_run(const std::string& run_id) override;
  Result<Json> poll_events(const PollEventsRequest& request) override;
  Result<Json> cancel_run(const std::string& run_id) override;
  Result<Json> continue_run(const std::string& run_id, const Json& input_message) override;
  Result<Json> list_runs(const ListRunsRequest& request) override;
  Result<Json> get_event_artifact(const EventArtifactRequest& request) override;

 private:
  struct PendingTurn {
    std::shared_ptr<LiveRun> live;
    a2a::SendMessageRequest request;
    bool reattach = false;  // follow the run's existing task instead of sending `request`
  };

  RunManager(RunManagerOptions options, RunStore store, std::filesystem::path state_dir);

  // Takes over the unfinished runs nobody drives (at start, on its own thread).
  void recover_orphans(std::stop_token stop);
  void recover_unleased(std::stop_token stop);
  void recover(RunLease lease);
  // How to reach a taken-over run's agent: the wrapper registry, or the endpoint its lease kept
  // (`saved_endpoint`, null when none).
  [[nodiscard]] std::optional<AgentEndpoint> recovered_endpoint(const RunRecord& record,
                                                               const Json& saved_endpoint) const;

  [[nodiscard]] std::shared_ptr<LiveRun> find_live(const std::string& run_id);
  // find_live, or else takes the run over now when its hub is gone (so cancel_run and
  // continue_run right after a restart need not wait for the recovery thread).
  [[nodiscard]] std::shared_ptr<LiveRun> find_or_take_over(const std::string& run_id);
  // The record of a run this process does not drive; kNotFound names the id.
  [[nodiscard]] Result<RunRecord> find_stored(const std::string& run_id) const;
  [[nodiscard]] Result<SessionRecord> resume_session(const SpawnPlan& plan) const;
  [[nodiscard]] Result<AgentEndpoint> resolve_endpoint(Backend backend);

  // Queues a turn; the dispatcher starts it when a slot is free.
  void enqueue(std::shared_ptr<LiveRun> live, a2a::SendMessageRequest request,
               bool reattach = false);
  void dispatch(std::stop_token stop);
  void turn_finished();
  void forget_old_runs();  // mu_ held
  // Stops the run's current turn: its worker and its stream.
  static void interrupt_turn(LiveRun& live);
  // Ends the run with `status` (cancelled, or failed by a watchdog), stops its turn and asks
  // the agent to cancel the task. False when the run had already ended.
  bool end_run(const std::shared_ptr<LiveRun>& live, RunStatus status, std::string reason);
  // Once a second: fails runs past their timeout_s deadline or silent past stall_timeout.
  void watch(std::stop_token stop);

  const RunManagerOptions options_;
  LocalAgentPool agents_;
  const RunStore store_;
  const std::filesystem::path lease_dir_;

  std::mutex recover_mu_;  // one take-over at a time (the recovery thread, cancel, continue)
  std::mutex mu_;
  std::condition_variable_any changed_;
  std::map<std::string, std::shared_ptr<LiveRun>> runs_;
  std::deque<PendingTurn> pending_;
  std::size_t active_turns_ = 0;
  // Remote secrets of sessions created by this process, so resume needs no backend_config.
  std::map<std::string, AgentEndpoint> session_endpoints_;
  struct Canceller {
    std::jthread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::vector<Canceller> cancellers_;  // CancelTask calls in flight (pruned once done)

  std::jthread dispatcher_;  // last: stopped and joined first
  std::jthread watchdog_;
  std::jthread recovery_;
};

}  // namespace agenthub::hub
