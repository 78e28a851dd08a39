#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <unordered_map>

#include "core/json.h"

namespace agenthub::mcp {

// Requests being handled on worker threads, by id, so notifications/cancelled can reach them.
class InflightRequests {
 public:
  struct Entry {
    std::string key;
    std::stop_source stop;
    // Set by a client cancel: the response must not be sent (MCP cancellation rules).
    std::atomic<bool> cancelled{false};
  };

  [[nodiscard]] std::shared_ptr<Entry> add(const Json& id);
  void remove(const std::shared_ptr<Entry>& entry);

  // Stops the request's waits and drops its response. False when no such request is in flight
  // (already answered, or never sent): the notification is then ignored.
  bool cancel(const Json& id);
  // Shutdown: stops every wait; responses are still sent.
  void stop_all();
  [[nodiscard]] std::size_t size() const;

 private:
  // 1 and "1" are different ids: the key keeps the JSON type.
  static std::string key_of(const Json& id) { return dump_json(id); }

  mutable std::mutex mutex_;
  std::unordered_multimap<std::string, std::shared_ptr<Entry>> entries_;
};

}  // namespace agenthub::mcp
