#include "a2a/server/event_queue.h"

namespace agenthub::a2a {

EventQueue::EventQueue(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

std::uint64_t EventQueue::push(StreamResponse event) {
  std::uint64_t seq = 0;
  {
    std::lock_guard lock(mu_);
    if (closed_) return 0;
    events_.push_back(std::move(event));
    if (events_.size() > capacity_) {
      events_.pop_front();
      ++first_seq_;
    }
    seq = first_seq_ + events_.size() - 1;
  }
  cv_.notify_all();
  return seq;
}

std::uint64_t EventQueue::last_seq() const {
  std::lock_guard lock(mu_);
  return first_seq_ + events_.size() - 1;
}

void EventQueue::close() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  cv_.notify_all();
}

bool EventQueue::closed() const {
  std::lock_guard lock(mu_);
  return closed_;
}

std::size_t EventQueue::size() const {
  std::lock_guard lock(mu_);
  return events_.size();
}

std::optional<EventQueue::Read> EventQueue::try_read_locked(std::uint64_t after_seq) const {
  const std::uint64_t want = after_seq + 1;
  const std::uint64_t end = first_seq_ + events_.size();  // one past the newest
  if (want < first_seq_) return Read{Read::Kind::kLagged, 0, std::nullopt};
  if (want < end) return Read{Read::Kind::kEvent, want, events_[want - first_seq_]};
  if (closed_) return Read{Read::Kind::kClosed, 0, std::nullopt};
  return std::nullopt;
}

EventQueue::Read EventQueue::wait_next(std::uint64_t after_seq, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  std::optional<Read> read;
  cv_.wait_for(lock, timeout, [&] {
    read = try_read_locked(after_seq);
    return read.has_value();
  });
  if (read) return std::move(*read);
  return Read{Read::Kind::kTimeout, 0, std::nullopt};
}

}  // namespace agenthub::a2a
