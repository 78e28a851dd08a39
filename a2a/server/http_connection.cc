#include "a2a/server/http_connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <string_view>

#include "core/error.h"
#include "core/json.h"
#include "core/jsonrpc.h"

namespace agenthub::a2a {
namespace {

using namespace std::chrono_literals;

// poll() for `events` on `fd`, retrying on EINTR: > 0 ready, 0 timed out, < 0 error.
int wait_for(int fd, short events, std::chrono::milliseconds timeout) {
  pollfd p{fd, events, 0};
  while (true) {
    const int n = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (n >= 0 || errno != EINTR) return n;
  }
}

void ip_and_port(const sockaddr_storage& addr, std::string& ip, int& port) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (addr.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &in->sin_addr, text.data(), text.size());
    port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &in6->sin6_addr, text.data(), text.size());
    port = ntohs(in6->sin6_port);
  }
  ip = text.data();
}

// A socket stream like httplib's own (buffered reads, poll-based timeouts, no SIGPIPE) that
// also watches the head of each request as httplib reads it.
class HeadLimitedStream final : public httplib::Stream {
 public:
  HeadLimitedStream(int sock, const HttpConnectionLimits& limits) : sock_(sock), limits_(limits) {}

  // A new request starts: its head is counted from zero.
  void begin_request() {
    in_head_ = true;
    head_bytes_ = 0;
    line_bytes_ = 0;
    lines_ = 0;
    written_ = 0;
    exceeded_.reset();
  }
  [[nodiscard]] const std::optional<std::string>& exceeded() const { return exceeded_; }
  [[nodiscard]] std::size_t written() const { return written_; }
  [[nodiscard]] bool has_buffered() const { return offset_ < size_; }

  bool is_readable() const override {
    return has_buffered() || wait_for(sock_, POLLIN, limits_.read_timeout) > 0;
  }
  bool is_writable() const override { return wait_for(sock_, POLLOUT, limits_.write_timeout) > 0; }

  ssize_t read(char* ptr, size_t size) override {
    if (exceeded_) return -1;
    if (!has_buffered()) {
      if (!is_readable()) return -1;
      ssize_t n = 0;
      do {
        n = ::recv(sock_, buffer_.data(), buffer_.size(), 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      offset_ = 0;
      size_ = static_cast<std::size_t>(n);
    }
    const std::size_t take = std::min(size, size_ - offset_);
    if (in_head_ && !count_head(std::string_view(buffer_.data() + offset_, take))) return -1;
    std::copy_n(buffer_.data() + offset_, take, ptr);
    offset_ += take;
    return static_cast<ssize_t>(take);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n = 0;
    do {
      n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n > 0) written_ += static_cast<std::size_t>(n);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      ip_and_port(addr, ip, port);
    }
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      ip_and_port(addr, ip, port);
    }
  }
  int socket() const override { return sock_; }

 private:
  // Counts `bytes` (about to be handed to httplib) against the head limits; false, with
  // exceeded_ set, once one is passed. The head ends with its first empty line.
  bool count_head(std::string_view bytes) {
    for (char c : bytes) {
      ++head_bytes_;
      ++line_bytes_;
      // The request line has its own limit in httplib (414 URI Too Long); header lines ours.
      if (lines_ > 0 && line_bytes_ > limits_.max_header_line_bytes) {
        exceeded_ = "a header line is longer than " +
                    std::to_string(limits_.max_header_line_bytes) + " bytes";
        return false;
      }
      if (head_bytes_ > limits_.max_head_bytes) {
        exceeded_ = "the request line and headers exceed the limit of " +
                    std::to_string(limits_.max_head_bytes) + " bytes";
        return false;
      }
      if (c != '\n') continue;
      const bool empty_line = line_bytes_ <= 2;
      line_bytes_ = 0;
      if (empty_line && lines_ > 0) {
        in_head_ = false;  // the body (if any) follows; httplib bounds it
        return true;
      }
      ++lines_;
    }
    return true;
  }

  const int sock_;
  const HttpConnectionLimits& limits_;
  std::array<char, 4096> buffer_{};
  std::size_t offset_ = 0;
  std::size_t size_ = 0;

  bool in_head_ = true;
  std::size_t head_bytes_ = 0;
  std::size_t line_bytes_ = 0;
  std::size_t lines_ = 0;
  std::size_t written_ = 0;
  std::optional<std::string> exceeded_;
};

thread_local const HeadLimitedStream* t_current = nullptr;

// Waits until the next request arrives (true) or the keep-alive time is up, the client went
// away or the server stops (false). Looks at the server every 100 ms so stop() is not held up.
bool wait_next_request(const HeadLimitedStream& stream, int sock, const std::atomic<int>& listening,
                       std::chrono::milliseconds keep_alive) {
  if (stream.has_buffered()) return true;
  const auto deadline = std::chrono::steady_clock::now() + keep_alive;
  while (listening.load() != INVALID_SOCKET) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left <= 0ms) return false;
    const int n = wait_for(sock, POLLIN, std::min<std::chrono::milliseconds>(left, 100ms));
    if (n != 0) return n > 0;
  }
  return false;
}

// The answer to a request whose head httplib could not even start on (its request line was
// cut off): written by hand, httplib having given up on the request.
std::string head_too_large_response(const std::string& why) {
  const std::string body =
      dump_json(make_jsonrpc_error(nullptr, Error{ErrorCode::kInvalidRequest, why}));
  return "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json\r\n"
         "Content-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

// Closes a connection whose client may still be sending (the rest of an oversized head):
// closing with unread input would reset the connection and could destroy the answer before
// the client reads it. So: end our side, discard what still comes for a bounded time and
// amount, then close.
void lingering_close(int sock) {
  ::shutdown(sock, SHUT_WR);
  std::array<char, 4096> sink{};
  std::size_t discarded = 0;
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (discarded < (1u << 20)) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left <= 0ms || wait_for(sock, POLLIN, left) <= 0) break;
    const ssize_t n = ::recv(sock, sink.data(), sink.size(), 0);
    if (n <= 0) break;
    discarded += static_cast<std::size_t>(n);
  }
  ::close(sock);
}

}  // namespace

void serve_http_connection(int sock, const std::atomic<int>& listening,
                           const HttpConnectionLimits& limits, const ServeOne& serve_one) {
  HeadLimitedStream stream(sock, limits);
  t_current = &stream;
  bool over_limit = false;
  for (std::size_t left = std::max<std::size_t>(limits.keep_alive_max_count, 1); left > 0; --left) {
    if (!wait_next_request(stream, sock, listening, limits.keep_alive_timeout)) break;
    stream.begin_request();
    bool connection_closed = false;
    const bool ok = serve_one(stream, left == 1, connection_closed);
    if (stream.exceeded()) {
      over_limit = true;
      if (stream.written() == 0) {
        const std::string answer = head_too_large_response(*stream.exceeded());
        (void)::send(sock, answer.data(), answer.size(), MSG_NOSIGNAL);
      }
      break;
    }
    if (!ok || connection_closed) break;
  }
  t_current = nullptr;
  if (over_limit) {
    lingering_close(sock);
  } else {
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
  }
}

std::optional<std::string> head_limit_error_on_this_thread() {
  if (t_current == nullptr) return std::nullopt;
  return t_current->exceeded();
}

}  // namespace agenthub::a2a
