#include "mcp/line_reader.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

namespace agenthub::mcp {
namespace {

constexpr std::size_t kReadChunk = 64 * 1024;

}  // namespace

LineReader::LineReader(int fd, int stop_fd, std::size_t max_line_bytes)
    : fd_(fd), stop_fd_(stop_fd), max_line_bytes_(max_line_bytes) {}

bool LineReader::take_line(std::string& line, Status& status) {
  std::size_t newline = buffer_.find('\n', start_ + scanned_);
  if (newline == std::string::npos) {
    scanned_ = buffer_.size() - start_;
    if (!discarding_ && scanned_ > max_line_bytes_) discarding_ = true;
    if (discarding_) {
      buffer_.clear();
      start_ = scanned_ = 0;
    }
    return false;
  }
  if (discarding_) {
    discarding_ = false;
    status = Status::kTooLong;
  } else if (newline - start_ > max_line_bytes_) {
    status = Status::kTooLong;
  } else {
    std::size_t end = newline;
    if (end > start_ && buffer_[end - 1] == '\r') --end;
    line.assign(buffer_, start_, end - start_);
    status = Status::kLine;
  }
  start_ = newline + 1;
  scanned_ = 0;
  return true;
}

LineReader::Status LineReader::fill() {
  pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
  int n = ::poll(fds, stop_fd_ >= 0 ? 2 : 1, -1);
  if (n < 0) return errno == EINTR ? Status::kLine : Status::kError;
  if (stop_fd_ >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
    return Status::kStopped;
  }
  if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) == 0) return Status::kLine;
  if (start_ > 0) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + kReadChunk);
  ssize_t got = ::read(fd_, buffer_.data() + old_size, kReadChunk);
  buffer_.resize(old_size + (got > 0 ? static_cast<std::size_t>(got) : 0));
  if (got > 0) return Status::kLine;
  if (got == 0) {
    eof_ = true;
    return Status::kLine;
  }
  return errno == EINTR || errno == EAGAIN ? Status::kLine : Status::kError;
}

LineReader::Status LineReader::next(std::string& line) {
  for (;;) {
    Status status = Status::kLine;
    if (take_line(line, status)) return status;
    if (eof_) {
      if (discarding_) {
        discarding_ = false;
        return Status::kTooLong;
      }
      if (start_ < buffer_.size()) {
        line.assign(buffer_, start_, std::string::npos);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        start_ = buffer_.size();
        return Status::kLine;
      }
      return Status::kEof;
    }
    Status filled = fill();
    if (filled != Status::kLine) return filled;
  }
}

}  // namespace agenthub::mcp
