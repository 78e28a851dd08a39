#include "hub/run_types.h"

#include <array>
#include <utility>

namespace agenthub::hub {
namespace {

template <typename E>
using NameTable = std::span<const std::pair<E, std::string_view>>;

constexpr std::array<std::pair<RunStatus, std::string_view>, 8> kRunStatusNames{{
    {RunStatus::kQueued, "queued"},
    {RunStatus::kRunning, "running"},
    {RunStatus::kInputRequired, "input_required"},
    {RunStatus::kAuthRequired, "auth_required"},
    {RunStatus::kCompleted, "completed"},
    {RunStatus::kFailed, "failed"},
    {RunStatus::kCancelled, "cancelled"},
    {RunStatus::kRejected, "rejected"},
}};

constexpr std::array<std::pair<Backend, std::string_view>, 3> kBackendNames{{
    {Backend::kCodex, "codex"},
    {Backend::kClaudeCode, "claude_code"},
    {Backend::kRemoteA2a, "remote_a2a"},
}};

constexpr std::array<std::pair<Role, std::string_view>, 3> kRoleNames{{
    {Role::kPlanner, "planner"},
    {Role::kWorker, "worker"},
    {Role::kReviewer, "reviewer"},
}};

constexpr std::array<std::pair<EventType, std::string_view>, 18> kEventTypeNames{{
    {EventType::kRunStarted, "run_started"},
    {EventType::kStatusChanged, "status_changed"},
    {EventType::kAgentMessage, "agent_message"},
    {EventType::kMessageAdded, "message_added"},
    {EventType::kReasoning, "reasoning"},
    {EventType::kCommandStarted, "command_started"},
    {EventType::kCommandUpdated, "command_updated"},
    {EventType::kCommandFinished, "command_finished"},
    {EventType::kFileChanged, "file_changed"},
    {EventType::kToolStarted, "tool_started"},
    {EventType::kToolFinished, "tool_finished"},
    {EventType::kArtifactAdded, "artifact_added"},
    {EventType::kTodoUpdated, "todo_updated"},
    {EventType::kInputRequired, "input_required"},
    {EventType::kAuthRequired, "auth_required"},
    {EventType::kRejected, "rejected"},
    {EventType::kRunCompleted, "run_completed"},
    {EventType::kRunFailed, "run_failed"},
}};

template <typename E>
std::string_view name_of(NameTable<E> table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "unknown";
}

template <typename E>
E parse_name(NameTable<E> table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return E::kUnknown;
}

template <typename E, std::size_t N>
constexpr std::array<E, N> values_of(const std::array<std::pair<E, std::string_view>, N>& table) {
  std::array<E, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = table[i].first;
  return out;
}

constexpr auto kRunStatuses = values_of(kRunStatusNames);
constexpr auto kBackends = values_of(kBackendNames);
constexpr auto kRoles = values_of(kRoleNames);
constexpr auto kEventTypes = values_of(kEventTypeNames);

}  // namespace

std::string_view run_status_name(RunStatus status) {
  return name_of<RunStatus>(kRunStatusNames, status);
}
std::string_view backend_name(Backend backend) { return name_of<Backend>(kBackendNames, backend); }
std::string_view role_name(Role role) { return name_of<Role>(kRoleNames, role); }
std::string_view event_type_name(EventType type) {
  return name_of<EventType>(kEventTypeNames, type);
}

RunStatus parse_run_status(std::string_view name) {
  return parse_name<RunStatus>(kRunStatusNames, name);
}
Backend parse_backend(std::string_view name) { return parse_name<Backend>(kBackendNames, name); }
Role parse_role(std::string_view name) { return parse_name<Role>(kRoleNames, name); }
EventType parse_event_type(std::string_view name) {
  return parse_name<EventType>(kEventTypeNames, name);
}

std::span<const RunStatus> all_run_statuses() { return kRunStatuses; }
std::span<const Backend> all_backends() { return kBackends; }
std::span<const Role> all_roles() { return kRoles; }
std::span<const EventType> all_event_types() { return kEventTypes; }

bool is_terminal(RunStatus status) {
  return status == RunStatus::kCompleted || status == RunStatus::kFailed ||
         status == RunStatus::kCancelled || status == RunStatus::kRejected;
}

bool is_waiting_for_input(RunStatus status) {
  return status == RunStatus::kInputRequired || status == RunStatus::kAuthRequired;
}

}  // namespace agenthub::hub
