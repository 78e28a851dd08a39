#include "tests/integration/mcp/mcp_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include "core/fs.h"

extern char** environ;

namespace agenthub::mcp::testing {

McpProcess::McpProcess(const std::string& path, const std::vector<std::string>& args) {
  int to_child[2];
  int from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(path.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int rc = ::posix_spawn(&pid_, path.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(to_child[0]);
  ::close(from_child[1]);
  in_.reset(to_child[1]);
  out_.reset(from_child[0]);
  if (rc != 0) throw std::runtime_error("posix_spawn " + path + " failed");
  ::signal(SIGPIPE, SIG_IGN);
}

McpProcess::~McpProcess() {
  if (!reaped_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

void McpProcess::send(std::string_view line) {
  std::string data(line);
  data += '\n';
  (void)write_all(in_.get(), data);
}

void McpProcess::send_json(const Json& message) { send(dump_json(message)); }

void McpProcess::close_stdin() { in_.reset(); }

std::optional<std::string> McpProcess::read_line(std::chrono::milliseconds deadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return line;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd fd{out_.get(), POLLIN, 0};
    int n = ::poll(&fd, 1, static_cast<int>(left.count()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    char chunk[65536];
    ssize_t got = ::read(out_.get(), chunk, sizeof chunk);
    if (got <= 0) return std::nullopt;
    buffer_.append(chunk, static_cast<std::size_t>(got));
  }
}

Json McpProcess::read_json(std::chrono::milliseconds deadline) {
  auto line = read_line(deadline);
  if (!line) return nullptr;
  auto parsed = parse_json(*line);
  return parsed.ok() ? *parsed : Json();
}

void McpProcess::signal(int sig) { ::kill(pid_, sig); }

std::optional<int> McpProcess::wait_exit(std::chrono::milliseconds deadline) {
  // A pidfd becomes readable when the child exits, so we can wait with a deadline.
  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0)));
  if (pidfd) {
    pollfd fd{pidfd.get(), POLLIN, 0};
    int n;
    do {
      n = ::poll(&fd, 1, static_cast<int>(deadline.count()));
    } while (n < 0 && errno == EINTR);
    if (n == 0) return std::nullopt;
  }
  int status = 0;
  if (::waitpid(pid_, &status, 0) != pid_) return std::nullopt;
  reaped_ = true;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

}  // namespace agenthub::mcp::testing
