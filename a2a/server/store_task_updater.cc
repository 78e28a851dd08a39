#include "a2a/server/store_task_updater.h"

#include "core/clock.h"
#include "core/ids.h"

namespace agenthub::a2a {

StoreTaskUpdater::StoreTaskUpdater(TaskStore& store, std::string task_id, std::string context_id)
    : store_(store), task_id_(std::move(task_id)), context_id_(std::move(context_id)) {}

bool StoreTaskUpdater::update_status(TaskState state, std::optional<Message> message,
                                     Json metadata) {
  if (state == TaskState::kUnknown) return false;
  TaskStatusUpdateEvent event;
  event.task_id = task_id_;
  event.context_id = context_id_;
  event.status.state = state;
  event.status.timestamp = iso8601_now();
  if (message) {
    // Status messages come from the agent, whatever the executor left in the field.
    message->role = Role::kAgent;
    if (message->message_id.empty()) message->message_id = new_uuid_v4();
    if (message->task_id.empty()) message->task_id = task_id_;
    if (message->context_id.empty()) message->context_id = context_id_;
    event.status.message = std::move(message);
  }
  event.metadata = std::move(metadata);
  if (!store_.publish_status(std::move(event))) return false;
  last_state_.store(state);
  return true;
}

bool StoreTaskUpdater::add_artifact(Artifact artifact, bool append, bool last_chunk,
                                    Json metadata) {
  if (artifact.artifact_id.empty()) artifact.artifact_id = new_uuid_v4();
  TaskArtifactUpdateEvent event;
  event.task_id = task_id_;
  event.context_id = context_id_;
  event.artifact = std::move(artifact);
  event.append = append;
  event.last_chunk = last_chunk;
  event.metadata = std::move(metadata);
  return store_.publish_artifact(std::move(event));
}

bool StoreTaskUpdater::is_final() const {
  auto state = store_.state(task_id_);
  return !state || is_terminal(*state);
}

}  // namespace agenthub::a2a
