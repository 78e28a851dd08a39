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
  room_cv_.notify_all();
}

std::uint64_t EventQueue::attach(std::uint64_t after_seq) {
  std::lock_guard lock(mu_);
  const std::uint64_t id = next_reader_++;
  readers_[id] = after_seq;
  return id;
}

void EventQueue::detach(std::uint64_t reader) {
  {
    std::lock_guard lock(mu_);
    readers_.erase(reader);
  }
  room_cv_.notify_all();
}

void EventQueue::release() {
  {
    std::lock_guard lock(mu_);
    released_ = true;
  }
  room_cv_.notify_all();
}

bool EventQueue::has_room_locked() const {
  if (closed_ || released_ || events_.size() < capacity_) return true;
  // The next push drops event first_seq_: every reader must have read it.
  for (const auto& [id, read] : readers_) {
    if (read < first_seq_) return false;
  }
  return true;
}

void EventQueue::wait_for_room(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  if (room_cv_.wait_for(lock, timeout, [this] { return has_room_locked(); })) return;
  // Whoever is still in the way has not read for the whole wait: let it lag instead.
  std::erase_if(readers_, [this](const auto& reader) { return reader.second < first_seq_; });
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

EventQueue::Read EventQueue::wait_next(std::uint64_t after_seq, std::chrono::milliseconds timeout,
                                       std::uint64_t reader) {
  std::unique_lock lock(mu_);
  if (auto it = readers_.find(reader); it != readers_.end() && it->second != after_seq) {
    it->second = after_seq;
    room_cv_.notify_all();
  }
  std::optional<Read> read;
  cv_.wait_for(lock, timeout, [&] {
    read = try_read_locked(after_seq);
    return read.has_value();
  });
  if (read) return std::move(*read);
  return Read{Read::Kind::kTimeout, 0, std::nullopt};
}

}  // namespace agenthub::a2a
