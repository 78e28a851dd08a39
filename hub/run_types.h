#pragma once

// The hub's closed vocabularies: run statuses, backends, roles and event types, with their wire
// spellings (seed-behaviour.md). Parsing never fails: an unknown spelling gives kUnknown, so a
// file written by an older or newer tool still loads.

#include <span>
#include <string_view>

namespace agenthub::hub {

enum class RunStatus {
  kUnknown = 0,
  kQueued,
  kRunning,
  kInputRequired,
  kAuthRequired,
  kCompleted,
  kFailed,
  kCancelled,
  kRejected,
};

enum class Backend { kUnknown = 0, kCodex, kClaudeCode, kRemoteA2a };

enum class Role { kUnknown = 0, kPlanner, kWorker, kReviewer };

// The 18 event types of a run's event log.
enum class EventType {
  kUnknown = 0,
  kRunStarted,
  kStatusChanged,
  kAgentMessage,
  kMessageAdded,
  kReasoning,
  kCommandStarted,
  kCommandUpdated,
  kCommandFinished,
  kFileChanged,
  kToolStarted,
  kToolFinished,
  kArtifactAdded,
  kTodoUpdated,
  kInputRequired,
  kAuthRequired,
  kRejected,
  kRunCompleted,
  kRunFailed,
};

// Wire names ("input_required", "claude_code", ...). kUnknown spells "unknown".
[[nodiscard]] std::string_view run_status_name(RunStatus status);
[[nodiscard]] std::string_view backend_name(Backend backend);
[[nodiscard]] std::string_view role_name(Role role);
[[nodiscard]] std::string_view event_type_name(EventType type);

// Exact, case-sensitive wire names; anything else is kUnknown.
[[nodiscard]] RunStatus parse_run_status(std::string_view name);
[[nodiscard]] Backend parse_backend(std::string_view name);
[[nodiscard]] Role parse_role(std::string_view name);
[[nodiscard]] EventType parse_event_type(std::string_view name);

// Every known value (kUnknown excluded), in declaration order: for validation messages and tests.
[[nodiscard]] std::span<const RunStatus> all_run_statuses();
[[nodiscard]] std::span<const Backend> all_backends();
[[nodiscard]] std::span<const Role> all_roles();
[[nodiscard]] std::span<const EventType> all_event_types();

// completed, failed, cancelled, rejected: the run will never change again.
[[nodiscard]] bool is_terminal(RunStatus status);
// input_required, auth_required: the run waits for continue_run.
[[nodiscard]] bool is_waiting_for_input(RunStatus status);

}  // namespace agenthub::hub
