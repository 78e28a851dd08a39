#pragma once

// An in-memory RunService with a fixed script, for driving orchestration-mcp's protocol layer
// end to end (orchestration-mcp-fake) before and independently of the real hub.
//
// Script, per spawn_run:
//   prompt starting "[running]": run_started, then status running with no more events until
//     cancel_run (appends status_changed, status cancelled).
//   otherwise: run_started, agent_message, command_finished (its /stdout moved to an artifact
//     of kArtifactBytes), input_required; status input_required. continue_run then appends
//     message_added, agent_message, run_completed and completes the run with a result.
// Errors mirror the hub's: unknown run -> kNotFound, cwd not an existing directory or resume
// of an unknown session -> kInvalidArgument, continue/cancel in the wrong state ->
// kFailedPrecondition, unknown artifact -> kNotFound.

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "hub/run_service.h"

namespace agenthub::mcp::testing {

class ScriptedRunService final : public hub::RunService {
 public:
  static constexpr std::size_t kArtifactBytes = 100000;

  Result<Json> spawn_run(const hub::SpawnRunRequest& request) override;
  Result<Json> get_run(const std::string& run_id) override;
  Result<Json> poll_events(const hub::PollEventsRequest& request) override;
  Result<Json> cancel_run(const std::string& run_id) override;
  Result<Json> continue_run(const std::string& run_id, const Json& input_message) override;
  Result<Json> list_runs(const hub::ListRunsRequest& request) override;
  Result<Json> get_event_artifact(const hub::EventArtifactRequest& request) override;

  // The full text behind every moved /stdout: "line 00001\n" ... up to kArtifactBytes.
  [[nodiscard]] static std::string artifact_text();

 private:
  struct Run {
    Json summary;  // run summary fields
    std::vector<Json> events;
  };

  void append_event(Run& run, std::string type, Json data);
  void set_status(Run& run, const std::string& status);
  Result<Run*> find(const std::string& run_id);

  std::mutex mutex_;
  std::condition_variable_any changed_;
  std::map<std::string, Run> runs_;
  std::map<std::string, std::string> sessions_;  // session_id -> backend
  int next_id_ = 1;
};

}  // namespace agenthub::mcp::testing
