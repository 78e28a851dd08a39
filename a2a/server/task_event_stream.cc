#include "a2a/server/task_event_stream.h"

namespace agenthub::a2a {
namespace {

bool final_state(TaskState s) { return is_terminal(s) || is_interrupted(s); }

}  // namespace

bool ends_stream(const StreamResponse& item) {
  if (const auto* task = std::get_if<Task>(&item)) return final_state(task->status.state);
  if (const auto* update = std::get_if<TaskStatusUpdateEvent>(&item)) {
    return final_state(update->status.state);
  }
  return false;
}

TaskEventStream::TaskEventStream(const TaskStore& store, TaskStore::Snapshot first)
    : store_(store),
      task_id_(first.task.id),
      pending_(std::move(first.task)),
      cursor_(first.seq),
      queue_(std::move(first.queue)),
      reader_(queue_->attach(cursor_)) {}

TaskEventStream::~TaskEventStream() { queue_->detach(reader_); }

TaskEventStream::Next TaskEventStream::next(std::chrono::milliseconds timeout,
                                            StreamResponse& out) {
  if (ended_) return Next::kEnd;
  if (pending_) {
    out = std::move(*pending_);
    pending_.reset();
    ended_ = ends_stream(out);
    return Next::kItem;
  }
  EventQueue::Read read = queue_->wait_next(cursor_, timeout, reader_);
  switch (read.kind) {
    case EventQueue::Read::Kind::kEvent:
      cursor_ = read.seq;
      out = std::move(*read.event);
      ended_ = ends_stream(out);
      return Next::kItem;
    case EventQueue::Read::Kind::kLagged: {
      // Events were dropped before this reader got them: resend the whole task instead.
      auto snap = store_.subscribe(task_id_);
      if (!snap.ok()) {
        ended_ = true;
        return Next::kEnd;
      }
      queue_->detach(reader_);
      cursor_ = snap->seq;
      queue_ = snap->queue;
      reader_ = queue_->attach(cursor_);
      out = std::move(snap->task);
      ended_ = ends_stream(out);
      return Next::kItem;
    }
    case EventQueue::Read::Kind::kTimeout:
      return Next::kTimeout;
    case EventQueue::Read::Kind::kClosed:
      break;
  }
  ended_ = true;
  return Next::kEnd;
}

}  // namespace agenthub::a2a
