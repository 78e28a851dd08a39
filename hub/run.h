#pragma once

// One run while this hub process owns it: its record (run.json), its event log and its end.
// All writes of a run go through this object, which makes it the run's single writer:
//   - events are appended under the run's lock, so nothing is appended after the terminal event;
//   - the run ends once (finish()): the first caller wins, so a cancel acknowledged to the
//     caller can never be followed by a "completed" from a racing agent answer;
//   - run.json is rewritten on status changes and at the end, not per event.
// Thread-safe.

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "hub/a2a_event_mapper.h"
#include "hub/event_log.h"
#include "hub/run_lease.h"
#include "hub/run_record.h"
#include "hub/run_store.h"

namespace agenthub::hub {

class Run {
 public:
  // Creates the run directory, the event log and run.json; appends run_started.
  [[nodiscard]] static Result<std::shared_ptr<Run>> create(RunRecord record, const RunStore& store,
                                                           Json run_started_data);
  // Takes over a stored run (its previous writer is gone): the event log is opened with its
  // tail repaired, and events continue with the next seq.
  [[nodiscard]] static Result<std::shared_ptr<Run>> reopen(RunRecord record, const RunStore& store);

  [[nodiscard]] const std::string& id() const { return id_; }
  [[nodiscard]] std::filesystem::path dir() const;

  // A copy of the record with last_seq current.
  [[nodiscard]] RunRecord snapshot() const;
  [[nodiscard]] RunStatus status() const;
  [[nodiscard]] bool terminal() const;

  // Appends one event; dropped (returns false) once the run is terminal.
  bool emit(EventType type, Json data);
  // Appends the events, then moves the run to `status` when that differs (a terminal status is
  // not accepted here: use finish()). A status_changed event moves the run to the status it
  // reports and gets the run's true previous_status. Returns false when the run had ended.
  bool apply(const std::vector<MappedEvent>& events, RunStatus status);
  // Records where the run lives on its agent (task, context, agent) and persists it.
  void set_remote_ref(RemoteRef ref);

  // Ends the run: appends the one terminal event (synced), stores result.json and run.json.
  // Only the first call has an effect; it returns false for every later one.
  //   completed -> run_completed {final_response, structured_output, usage}
  //   failed    -> run_failed {error}
  //   rejected  -> rejected {reason}
  //   cancelled -> status_changed {status: cancelled, reason}
  bool finish(RunStatus status, std::optional<RunResult> result, std::string error);

  // This process owns the run (run_lease.h) until it ends: finish() removes the lease; a Run
  // dropped unfinished (the hub stopping) only unlocks it for the next hub.
  void hold_lease(RunLease lease);

  // Waits for events after `after_seq` (see EventLog::wait_after).
  [[nodiscard]] EventLog& log() { return *log_; }

 private:
  Run(RunRecord record, std::unique_ptr<EventLog> log, const RunStore& store);
  bool append_locked(EventType type, Json data, Durability durability);
  void save_locked();

  const std::string id_;
  const RunStore& store_;
  std::unique_ptr<EventLog> log_;
  mutable std::mutex mu_;
  RunRecord record_;
  std::optional<RunLease> lease_;
};

// One-line summary of a result or error for run.json / get_run ("summary" field).
[[nodiscard]] std::string summarize_text(const std::string& text);

}  // namespace agenthub::hub
