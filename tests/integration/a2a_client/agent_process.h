#pragma once

// Runs an agent executable for a test: spawned in its own process group with stdout on a
// pipe, its first stdout line taken as its URL, SIGTERM (then SIGKILL) and reaped on
// destruction. stderr is inherited so the agent's logs land in the test output.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

extern char** environ;

namespace agenthub::a2a::testing {

class AgentProcess {
 public:
  static Result<std::unique_ptr<AgentProcess>> start(
      std::vector<std::string> argv,
      std::chrono::milliseconds ready_deadline = std::chrono::seconds(30)) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return Error{ErrorCode::kIo, "pipe failed"};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    pid_t pid = -1;
    int rc = posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    close(fds[1]);
    if (rc != 0) {
      close(fds[0]);
      return Error{ErrorCode::kIo, "cannot start " + argv[0]};
    }
    auto proc = std::unique_ptr<AgentProcess>(new AgentProcess(pid, fds[0]));
    auto line = proc->read_line(ready_deadline);
    if (!line.ok()) return std::move(line).take_error();
    proc->url_ = *line;
    return proc;
  }

  ~AgentProcess() { stop(); }

  [[nodiscard]] const std::string& url() const { return url_; }

  // SIGTERM to the group, up to 10 s grace, then SIGKILL; always reaped.
  void stop() {
    if (pid_ <= 0) return;
    // A pidfd becomes readable when the child exits: wait on it with a deadline.
    int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
    kill(-pid_, SIGTERM);
    pollfd p{pidfd, POLLIN, 0};
    if (pidfd < 0 || poll(&p, 1, 10000) <= 0) kill(-pid_, SIGKILL);
    if (pidfd >= 0) close(pidfd);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    if (out_fd_ >= 0) close(out_fd_);
    out_fd_ = -1;
  }

 private:
  AgentProcess(pid_t pid, int out_fd) : pid_(pid), out_fd_(out_fd) {}

  Result<std::string> read_line(std::chrono::milliseconds deadline_in) {
    const auto deadline = std::chrono::steady_clock::now() + deadline_in;
    std::string line;
    while (true) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return Error{ErrorCode::kDeadlineExceeded, "agent printed no URL"};
      pollfd p{out_fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char c;
      ssize_t n = read(out_fd_, &c, 1);
      if (n <= 0) return Error{ErrorCode::kUnavailable, "agent exited before printing its URL"};
      if (c == '\n') return line;
      line += c;
    }
  }

  pid_t pid_;
  int out_fd_;
  std::string url_;
};

}  // namespace agenthub::a2a::testing
