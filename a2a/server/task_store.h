#pragma once

// In-memory tasks: the current snapshot of every task plus its event queue, updated together
// under one lock so a subscriber's (snapshot, sequence number) pair is always consistent.
// Memory is bounded: each task keeps at most `max_history` messages and `max_events` queued
// events, and terminal tasks beyond `max_terminal_tasks` are evicted oldest first (their
// queues close; GetTask then answers TaskNotFound). Thread-safe.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "a2a/server/event_queue.h"
#include "a2a/types.h"
#include "core/result.h"

namespace agenthub::a2a {

struct TaskStoreOptions {
  std::size_t max_history = 256;          // messages kept per task (oldest dropped)
  std::size_t max_events = 256;           // events kept per task for lagging subscribers
  std::size_t max_terminal_tasks = 1000;  // terminal tasks kept (oldest evicted)
  // How long a publish waits for a subscriber that is behind by max_events before that
  // subscriber is let go (it then resynchronises from the task snapshot).
  std::chrono::milliseconds max_publish_wait{30000};
};

// Keeps the newest `history_length` messages: unset keeps all, <= 0 keeps none.
void apply_history_length(Task& task, std::optional<int> history_length);

// Whether a client message may continue this task: only an input-required or auth-required
// task can be continued. kUnsupportedOperation, with a message saying why, otherwise.
[[nodiscard]] Status check_resumable(const Task& task);

class TaskStore {
 public:
  // A task as of event `seq` of its queue: reading the queue after `seq` continues it.
  struct Snapshot {
    Task task;
    std::uint64_t seq = 0;
    std::shared_ptr<EventQueue> queue;
  };

  explicit TaskStore(TaskStoreOptions options = {});

  // Adds a new task (its history holds the first message). kAlreadyExists on a duplicate id.
  [[nodiscard]] Result<Snapshot> create(Task task);
  // kTaskNotFound for unknown (or evicted) ids.
  [[nodiscard]] Result<Task> get(const std::string& id,
                                 std::optional<int> history_length = std::nullopt) const;
  [[nodiscard]] Result<Snapshot> subscribe(const std::string& id) const;
  // The task's state, or nullopt when unknown.
  [[nodiscard]] std::optional<TaskState> state(const std::string& id) const;
  // True when some stored task belongs to this context.
  [[nodiscard]] bool has_context(const std::string& context_id) const;
  // Filtered by context and state, newest update first; pages of 1..100 (default 50) with an
  // opaque page token. kInvalidArgument for a bad page size or token.
  [[nodiscard]] Result<ListTasksResponse> list(const ListTasksRequest& request) const;

  // Apply an update to the snapshot and publish it. Return false and change nothing when the
  // task is unknown or already terminal: that is what makes terminal states final. First waits
  // (up to max_publish_wait) while a subscriber is a full window behind: backpressure on the
  // agent instead of lost updates.
  bool publish_status(TaskStatusUpdateEvent event);
  bool publish_artifact(TaskArtifactUpdateEvent event);

  // Continues an input-required / auth-required task with the client's message: appends it
  // to the history and moves the task back to submitted. kTaskNotFound; kUnsupportedOperation
  // when the task is terminal or still running.
  [[nodiscard]] Result<Snapshot> resume(const std::string& id, Message message);
  // Makes a task canceled and publishes that. kTaskNotFound; kTaskNotCancelable when terminal.
  [[nodiscard]] Result<Task> cancel(const std::string& id);

  // Ids of tasks that are not terminal.
  [[nodiscard]] std::vector<std::string> unfinished_task_ids() const;
  // Closes every queue: subscribers finish (server shutdown). Publishing still updates
  // snapshots.
  void close_all();
  [[nodiscard]] std::size_t size() const;

 private:
  struct Entry {
    Task task;
    std::shared_ptr<EventQueue> queue;
    std::uint64_t updated = 0;  // store-wide update counter: orders ListTasks
  };

  Entry* find_locked(const std::string& id);
  const Entry* find_locked(const std::string& id) const;
  void append_history_locked(Entry& entry, Message message);
  std::uint64_t publish_locked(Entry& entry, StreamResponse event);
  void on_terminal_locked(const std::string& id);
  // Backpressure before a publish (see EventQueue::wait_for_room); takes and drops mu_.
  void wait_for_room(const std::string& id) const;

  const TaskStoreOptions options_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> tasks_;
  std::unordered_map<std::string, std::size_t> contexts_;  // context id -> stored tasks
  std::deque<std::string> terminal_order_;                 // eviction order
  std::uint64_t update_counter_ = 0;
  bool closed_ = false;
};

}  // namespace agenthub::a2a
