#include "agents/common/byte_source.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace agenthub::agents {

ByteSource fd_source(int fd) {
  return [fd](std::span<char> buf) -> Result<std::size_t> {
    for (;;) {
      ssize_t n = ::read(fd, buf.data(), buf.size());
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, -1) < 0 && errno != EINTR) {
          return Error{ErrorCode::kIo, std::string("poll: ") + std::strerror(errno)};
        }
        continue;
      }
      return Error{ErrorCode::kIo, std::string("read: ") + std::strerror(errno)};
    }
  };
}

ByteSource string_source(std::string data, std::size_t chunk) {
  auto state = std::make_shared<std::pair<std::string, std::size_t>>(std::move(data), 0);
  chunk = std::max<std::size_t>(chunk, 1);
  return [state, chunk](std::span<char> buf) -> Result<std::size_t> {
    auto& [bytes, pos] = *state;
    std::size_t n = std::min({chunk, buf.size(), bytes.size() - pos});
    std::memcpy(buf.data(), bytes.data() + pos, n);
    pos += n;
    return n;
  };
}

}  // namespace agenthub::agents
