#pragma once

#include <cstddef>
#include <string>

namespace agenthub::mcp {

// Reads newline-delimited messages from a file descriptor. A line longer than max_line_bytes is
// skipped up to its newline and reported once as kTooLong, so memory stays bounded. A trailing
// "\r" is dropped; a last line without a newline before EOF still counts.
class LineReader {
 public:
  enum class Status { kLine, kTooLong, kEof, kStopped, kError };

  // `stop_fd` (or -1): when it becomes readable, next() returns kStopped.
  LineReader(int fd, int stop_fd, std::size_t max_line_bytes);

  [[nodiscard]] Status next(std::string& line);

 private:
  // Moves a complete line out of the buffer when there is one.
  bool take_line(std::string& line, Status& status);
  // One poll + read. kLine means "data arrived, look again".
  Status fill();

  int fd_;
  int stop_fd_;
  std::size_t max_line_bytes_;
  std::string buffer_;
  std::size_t start_ = 0;    // first unconsumed byte
  std::size_t scanned_ = 0;  // bytes from start_ known to hold no '\n'
  bool discarding_ = false;  // inside an over-long line
  bool eof_ = false;
};

}  // namespace agenthub::mcp
