#pragma once

// What one subscriber sees of one task: the task as it stood when the stream began, then its
// updates in order, ending after the first item whose state is terminal or interrupted
// (input-required, auth-required), or when the server closes the task's queue. Used for
// SendStreamingMessage, SubscribeToTask, and to wait for a blocking SendMessage. Not
// thread-safe: one reader.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "a2a/server/task_store.h"

namespace agenthub::a2a {

class TaskEventStream {
 public:
  // `store` must outlive the stream. While it exists, the stream is an attached reader of the
  // task's queue (its pace holds the task's publisher back: see EventQueue).
  TaskEventStream(const TaskStore& store, TaskStore::Snapshot first);
  ~TaskEventStream();
  TaskEventStream(const TaskEventStream&) = delete;
  TaskEventStream& operator=(const TaskEventStream&) = delete;

  enum class Next { kItem, kTimeout, kEnd };
  // kItem: `out` holds the next item. kTimeout: nothing new within `timeout` (a heartbeat is
  // due). kEnd: the stream is over.
  [[nodiscard]] Next next(std::chrono::milliseconds timeout, StreamResponse& out);
  [[nodiscard]] const std::string& task_id() const { return task_id_; }
  [[nodiscard]] bool ended() const { return ended_; }

 private:
  const TaskStore& store_;
  std::string task_id_;
  std::optional<Task> pending_;  // a snapshot to deliver before reading the queue
  std::uint64_t cursor_ = 0;     // last sequence number delivered
  std::shared_ptr<EventQueue> queue_;
  std::uint64_t reader_ = 0;  // our id in queue_
  bool ended_ = false;
};

// True when a stream ends after this item: its task state is terminal or interrupted.
[[nodiscard]] bool ends_stream(const StreamResponse& item);

}  // namespace agenthub::a2a
