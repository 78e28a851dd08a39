#pragma once

// The TaskUpdater the server hands to executors: stamps updates with ids and timestamps and
// publishes them through the TaskStore, which drops anything after a terminal state.

#include <atomic>
#include <string>

#include "a2a/server/agent_executor.h"
#include "a2a/server/task_store.h"

namespace agenthub::a2a {

class StoreTaskUpdater final : public TaskUpdater {
 public:
  // `store` must outlive the updater.
  StoreTaskUpdater(TaskStore& store, std::string task_id, std::string context_id);

  [[nodiscard]] const std::string& task_id() const override { return task_id_; }
  [[nodiscard]] const std::string& context_id() const override { return context_id_; }
  bool update_status(TaskState state, std::optional<Message> message = std::nullopt,
                     Json metadata = nullptr) override;
  bool add_artifact(Artifact artifact, bool append = false, bool last_chunk = true,
                    Json metadata = nullptr) override;
  [[nodiscard]] bool is_final() const override;

  // The state of the last status update this updater published (kUnknown before the first):
  // tells the server whether the executor settled its task before returning.
  [[nodiscard]] TaskState last_published_state() const { return last_state_.load(); }

 private:
  TaskStore& store_;
  const std::string task_id_;
  const std::string context_id_;
  std::atomic<TaskState> last_state_{TaskState::kUnknown};
};

}  // namespace agenthub::a2a
