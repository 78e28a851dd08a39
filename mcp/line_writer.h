#pragma once

#include <atomic>
#include <mutex>

#include "core/json.h"

namespace agenthub::mcp {

// Writes JSON messages to a file descriptor, one line each, whole lines only: concurrent
// writers never interleave. Unbuffered (one write per message), so nothing waits in a buffer.
class LineWriter {
 public:
  explicit LineWriter(int fd) : fd_(fd) {}

  // False once the peer is gone (EPIPE etc.); later writes are dropped quietly.
  bool write(const Json& message);

 private:
  int fd_;
  std::mutex mutex_;
  std::atomic<bool> broken_{false};
};

}  // namespace agenthub::mcp
