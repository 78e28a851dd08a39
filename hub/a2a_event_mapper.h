#pragma once

// Turns what an A2A agent streams (or what GetTask shows) into run events, and accumulates the
// run's result. Works for our own wrappers, whose run-event data parts become the typed events
// (command_started, tool_finished, ...; see agents/common/run_event_wire.h), and for any other
// agent, whose messages, artifacts and state changes become agent_message / message_added,
// artifact_added, status_changed, input_required and auth_required.
//
// Terminal states are not turned into events here: the run emits exactly one terminal event
// itself (run_completed / run_failed / rejected / the cancellation), reading state() and
// result() from the mapper. Pure: no I/O, no clock, no locks.

#include <cstddef>
#include <deque>
#include <string>
#include <unordered_set>
#include <vector>

#include "a2a/types.h"
#include "core/json.h"
#include "hub/run_types.h"

namespace agenthub::hub {

struct MappedEvent {
  EventType type = EventType::kUnknown;
  Json data = Json::object();
};

// A2A task state -> run status (submitted is queued, canceled is cancelled, ...).
[[nodiscard]] RunStatus run_status_from(a2a::TaskState state);

class A2aEventMapper {
 public:
  // Events for one stream item, in order.
  [[nodiscard]] std::vector<MappedEvent> map(const a2a::StreamResponse& item);

  // The task's current A2A state as last reported (kUnknown before anything arrived).
  [[nodiscard]] a2a::TaskState state() const { return state_; }
  [[nodiscard]] const std::string& task_id() const { return task_id_; }
  [[nodiscard]] const std::string& context_id() const { return context_id_; }
  // The CLI's session (Codex thread / Claude session) when a wrapper reported it.
  [[nodiscard]] const std::string& backend_session_id() const { return backend_session_id_; }
  // Text of the latest status message: the question of an input-required task, the reason of
  // a failed or rejected one.
  [[nodiscard]] const std::string& status_text() const { return status_text_; }
  // {final_response, structured_output, usage, artifacts}
  [[nodiscard]] Json result() const;

  // The hub moved the task on itself (continue_run sent the awaited message): the next report
  // of this state is not a change, and a report of an interruption again is one.
  void assume_state(a2a::TaskState state) { state_ = state; }
  // A hub took the run over from an earlier process: the task it follows and the state the
  // run's storage last showed.
  void resume_task(std::string task_id, std::string context_id, a2a::TaskState state) {
    task_id_ = std::move(task_id);
    context_id_ = std::move(context_id);
    state_ = state;
  }

 private:
  void on_task(const a2a::Task& task, std::vector<MappedEvent>& out);
  void on_status(const a2a::TaskStatus& status, const Json& metadata,
                 std::vector<MappedEvent>& out);
  void on_message(const a2a::Message& message, bool is_status_message,
                  std::vector<MappedEvent>& out);
  void on_artifact(const a2a::Artifact& artifact, bool append, bool last_chunk,
                   std::vector<MappedEvent>& out);
  void on_run_event(const Json& data, std::vector<MappedEvent>& out);
  void note_ids(const std::string& task_id, const std::string& context_id);
  void take_usage(const Json& metadata);
  // False when this message id was seen before (GetTask snapshots repeat history).
  bool first_sight(const std::string& message_id);

  a2a::TaskState state_ = a2a::TaskState::kUnknown;
  std::string task_id_;
  std::string context_id_;
  std::string backend_session_id_;
  std::string status_text_;
  std::string last_agent_text_;
  bool has_result_artifact_ = false;
  std::string result_text_;
  Json structured_output_;
  Json usage_;
  Json artifacts_ = Json::array();  // result.artifacts, in arrival order
  std::unordered_set<std::string> seen_message_ids_;
  std::deque<std::string> seen_order_;  // bounds seen_message_ids_
};

}  // namespace agenthub::hub
