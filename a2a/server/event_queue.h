#pragma once

// One task's ordered updates for its subscribers. Keeps a bounded window of the newest
// events, each numbered (1, 2, ...), and wakes readers waiting for the next one. A reader
// that falls behind the window is told so (kLagged) and resynchronises from the task
// snapshot instead of receiving a gap silently. Thread-safe.
//
// Backpressure: readers attach with their position, and the task's publisher calls
// wait_for_room() before each push, so an attached reader that is slower than the agent (a
// hub writing every event durably while a CLI prints thousands of lines) holds the publisher
// back rather than losing events to a snapshot. Memory stays bounded by the window. A reader
// that does not move for the whole wait is let go (it lags and resynchronises), so a stuck
// client cannot stall the task for good.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>

#include "a2a/types.h"

namespace agenthub::a2a {

class EventQueue {
 public:
  // `capacity`: events kept for readers that are behind (at least 1).
  explicit EventQueue(std::size_t capacity);

  // Appends an event, returns its sequence number and wakes waiting readers. Ignored (returns
  // 0) once closed.
  std::uint64_t push(StreamResponse event);
  // Sequence number of the newest event, 0 when none was pushed.
  [[nodiscard]] std::uint64_t last_seq() const;
  // No more events: readers get what is left, then kClosed. Idempotent.
  void close();
  [[nodiscard]] bool closed() const;
  // Events currently kept.
  [[nodiscard]] std::size_t size() const;

  // A reader positioned after event `after_seq`; returns its id for wait_next and detach.
  [[nodiscard]] std::uint64_t attach(std::uint64_t after_seq);
  void detach(std::uint64_t reader);
  // Waits until the next push drops no event an attached reader still needs, the queue is
  // closed or released, or `timeout` passed (then the readers in the way are let go).
  void wait_for_room(std::chrono::milliseconds timeout);
  // The task ended: publishers stop waiting for room, now and later.
  void release();

  struct Read {
    enum class Kind { kEvent, kLagged, kTimeout, kClosed };
    Kind kind = Kind::kTimeout;
    std::uint64_t seq = 0;  // kEvent: its number
    std::optional<StreamResponse> event;
  };
  // The event numbered after_seq + 1, waiting up to `timeout` for it. kLagged when it has
  // already left the window; kClosed when the queue is closed and holds nothing newer.
  // `reader` (from attach; 0: none) has read everything up to after_seq.
  [[nodiscard]] Read wait_next(std::uint64_t after_seq, std::chrono::milliseconds timeout,
                               std::uint64_t reader = 0);

 private:
  [[nodiscard]] std::optional<Read> try_read_locked(std::uint64_t after_seq) const;
  [[nodiscard]] bool has_room_locked() const;

  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable cv_;       // readers: a new event or the end
  std::condition_variable room_cv_;  // publishers: a reader moved on or left
  std::deque<StreamResponse> events_;
  std::uint64_t first_seq_ = 1;  // number of events_.front()
  bool closed_ = false;
  bool released_ = false;
  std::map<std::uint64_t, std::uint64_t> readers_;  // id -> last event read
  std::uint64_t next_reader_ = 1;
};

}  // namespace agenthub::a2a
