#pragma once

// Keeps the last `capacity` bytes of a stream (a child's stderr) so an error message can quote
// how a process ended without holding everything it ever printed. Not thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

namespace agenthub::agents {

class TailBuffer {
 public:
  explicit TailBuffer(std::size_t capacity) : capacity_(capacity) {}

  void append(std::string_view data);

  // The kept tail as valid UTF-8: a character cut in half at the front is dropped, invalid
  // bytes become U+FFFD.
  [[nodiscard]] std::string text() const;
  // Bytes appended over the buffer's lifetime.
  [[nodiscard]] std::size_t total_bytes() const { return total_; }
  // True when older bytes were dropped.
  [[nodiscard]] bool truncated() const { return total_ > capacity_; }
  [[nodiscard]] std::size_t capacity() const { return capacity_; }

 private:
  std::size_t capacity_;
  std::size_t total_ = 0;
  // Holds at most 2 * capacity_ bytes; trimmed in bulk so appends stay amortised O(n).
  std::string data_;
};

}  // namespace agenthub::agents
