#include "mcp/inflight_requests.h"

namespace agenthub::mcp {

std::shared_ptr<InflightRequests::Entry> InflightRequests::add(const Json& id) {
  auto entry = std::make_shared<Entry>();
  entry->key = key_of(id);
  std::lock_guard lock(mutex_);
  entries_.emplace(entry->key, entry);
  return entry;
}

void InflightRequests::remove(const std::shared_ptr<Entry>& entry) {
  std::lock_guard lock(mutex_);
  auto [first, last] = entries_.equal_range(entry->key);
  for (auto it = first; it != last; ++it) {
    if (it->second == entry) {
      entries_.erase(it);
      return;
    }
  }
}

bool InflightRequests::cancel(const Json& id) {
  std::lock_guard lock(mutex_);
  auto [first, last] = entries_.equal_range(key_of(id));
  bool found = first != last;
  for (auto it = first; it != last; ++it) {
    it->second->cancelled = true;
    it->second->stop.request_stop();
  }
  return found;
}

void InflightRequests::stop_all() {
  std::lock_guard lock(mutex_);
  for (auto& [key, entry] : entries_) entry->stop.request_stop();
}

std::size_t InflightRequests::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace agenthub::mcp
