#pragma once

// One task's ordered updates for its subscribers. Keeps a bounded window of the newest
// events, each numbered (1, 2, ...), and wakes readers waiting for the next one. A reader
// that falls behind the window is told so (kLagged) and resynchronises from the task
// snapshot instead of receiving a gap silently. Thread-safe.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
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

  struct Read {
    enum class Kind { kEvent, kLagged, kTimeout, kClosed };
    Kind kind = Kind::kTimeout;
    std::uint64_t seq = 0;  // kEvent: its number
    std::optional<StreamResponse> event;
  };
  // The event numbered after_seq + 1, waiting up to `timeout` for it. kLagged when it has
  // already left the window; kClosed when the queue is closed and holds nothing newer.
  [[nodiscard]] Read wait_next(std::uint64_t after_seq, std::chrono::milliseconds timeout);

 private:
  [[nodiscard]] std::optional<Read> try_read_locked(std::uint64_t after_seq) const;

  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<StreamResponse> events_;
  std::uint64_t first_seq_ = 1;  // number of events_.front()
  bool closed_ = false;
};

}  // namespace agenthub::a2a
