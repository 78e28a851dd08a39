#include "agents/common/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <spdlog/spdlog.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>

namespace agenthub::agents {

namespace detail {
// Test hook: pretend pidfd_open is unavailable (old kernels, restrictive seccomp profiles) so
// the polling fallback of the exit watcher is exercised.
std::atomic<bool> g_pidfd_disabled{false};
void disable_pidfd_for_testing(bool disabled) { g_pidfd_disabled = disabled; }
}  // namespace detail

namespace {

using Clock = std::chrono::steady_clock;

// Without a pidfd the watcher checks for the child's exit this often.
constexpr std::chrono::milliseconds kExitPollInterval{20};
// Longest stderr line piece handed to on_stderr_line.
constexpr std::size_t kMaxStderrLine = 8 * 1024;
// Caps grace periods so deadlines never overflow.
constexpr std::chrono::milliseconds kMaxGrace = std::chrono::hours(24);

Error sys_error(ErrorCode code, std::string_view what, int err) {
  return Error{code, std::string(what) + ": " + std::strerror(err)};
}

// Moves fd above stdin/stdout/stderr: dup2 onto the same number would keep close-on-exec.
Status lift_fd(UniqueFd& fd) {
  if (fd.get() > 2) return {};
  int lifted = ::fcntl(fd.get(), F_DUPFD_CLOEXEC, 3);
  if (lifted < 0) return sys_error(ErrorCode::kIo, "fcntl(F_DUPFD_CLOEXEC)", errno);
  fd.reset(lifted);
  return {};
}

Status make_pipe(UniqueFd& read_end, UniqueFd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return sys_error(ErrorCode::kIo, "pipe2", errno);
  read_end.reset(fds[0]);
  write_end.reset(fds[1]);
  AGENTHUB_RETURN_IF_ERROR(lift_fd(read_end));
  return lift_fd(write_end);
}

void set_nonblocking(int fd) {
  int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

class SpawnAttr {
 public:
  SpawnAttr() { ::posix_spawnattr_init(&attr_); }
  ~SpawnAttr() { ::posix_spawnattr_destroy(&attr_); }
  SpawnAttr(const SpawnAttr&) = delete;
  SpawnAttr& operator=(const SpawnAttr&) = delete;
  posix_spawnattr_t* get() { return &attr_; }

 private:
  posix_spawnattr_t attr_;
};

class SpawnActions {
 public:
  SpawnActions() { ::posix_spawn_file_actions_init(&actions_); }
  ~SpawnActions() { ::posix_spawn_file_actions_destroy(&actions_); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

// Blocks SIGPIPE in this thread for its lifetime, so a write to a pipe whose reader is gone
// fails with EPIPE instead of killing the process, and discards the SIGPIPE that write raised.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&pipe_set_);
    sigaddset(&pipe_set_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set_, &old_mask_);
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
  }
  ~SigpipeGuard() { pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr); }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

  void consume() {
    if (was_pending_) return;
    timespec zero{};
    while (sigtimedwait(&pipe_set_, nullptr, &zero) < 0 && errno == EINTR) {
    }
  }

 private:
  sigset_t pipe_set_;
  sigset_t old_mask_;
  bool was_pending_ = false;
};

int poll_timeout_ms(Clock::time_point deadline) {
  if (deadline == Clock::time_point::max()) return -1;
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<std::int64_t>(left, 0, 60'000));
}

Clock::time_point deadline_after(std::chrono::milliseconds timeout) {
  if (timeout == Process::kNoTimeout) return Clock::time_point::max();
  return Clock::now() + std::clamp(timeout, std::chrono::milliseconds(0), kMaxGrace);
}

}  // namespace

std::string ExitStatus::to_string() const {
  if (term_signal == 0) return "exit code " + std::to_string(exit_code);
  const char* abbrev = sigabbrev_np(term_signal);
  std::string out = "killed by signal " + std::to_string(term_signal);
  if (abbrev != nullptr) out += std::string(" (SIG") + abbrev + ")";
  return out;
}

ExitStatus ExitStatus::from_wait_status(int status) {
  ExitStatus out;
  if (WIFEXITED(status)) {
    out.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    out.term_signal = WTERMSIG(status);
  }
  return out;
}

Result<std::unique_ptr<Process>> Process::spawn(SpawnOptions options) {
  if (options.argv.empty()) return Error{ErrorCode::kInvalidArgument, "empty argv"};
  EnvList env = options.env ? std::move(*options.env) : current_env();
  Result<std::filesystem::path> program =
      find_executable(options.argv[0], env_value(env, "PATH").value_or(""));
  if (!program.ok()) return std::move(program).take_error();
  if (!options.cwd.empty()) {
    struct stat st {};
    if (::stat(options.cwd.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      return Error{ErrorCode::kNotFound, "working directory not found: " + options.cwd.string()};
    }
  }

  UniqueFd in_read, in_write, out_read, out_write, err_read, err_write;
  AGENTHUB_RETURN_IF_ERROR(make_pipe(in_read, in_write));
  AGENTHUB_RETURN_IF_ERROR(make_pipe(out_read, out_write));
  AGENTHUB_RETURN_IF_ERROR(make_pipe(err_read, err_write));

  SpawnActions actions;
  ::posix_spawn_file_actions_adddup2(actions.get(), in_read.get(), STDIN_FILENO);
  ::posix_spawn_file_actions_adddup2(actions.get(), out_write.get(), STDOUT_FILENO);
  ::posix_spawn_file_actions_adddup2(actions.get(), err_write.get(), STDERR_FILENO);
  // Our own pipes are close-on-exec already; this also catches descriptors other threads (or
  // libraries) opened without O_CLOEXEC.
  ::posix_spawn_file_actions_addclosefrom_np(actions.get(), 3);
  if (!options.cwd.empty()) {
    ::posix_spawn_file_actions_addchdir_np(actions.get(), options.cwd.c_str());
  }

  SpawnAttr attr;
  sigset_t no_signals;
  sigemptyset(&no_signals);
  sigset_t all_signals;
  sigfillset(&all_signals);
  ::posix_spawnattr_setpgroup(attr.get(), 0);
  // A wrapper may block or ignore signals (SIGPIPE, SIGTERM handled by a thread); the CLI
  // must start with the defaults.
  ::posix_spawnattr_setsigmask(attr.get(), &no_signals);
  ::posix_spawnattr_setsigdefault(attr.get(), &all_signals);
  ::posix_spawnattr_setflags(
      attr.get(), POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> argv;
  for (std::string& arg : options.argv) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (std::string& entry : env) envp.push_back(entry.data());
  envp.push_back(nullptr);

  pid_t pid = -1;
  int rc =
      ::posix_spawn(&pid, program->c_str(), actions.get(), attr.get(), argv.data(), envp.data());
  if (rc != 0) {
    if (rc == ENOENT) return Error{ErrorCode::kNotFound, "not found: " + program->string()};
    if (rc == EACCES || rc == EPERM) {
      return Error{ErrorCode::kPermissionDenied, "cannot execute " + program->string()};
    }
    return sys_error(ErrorCode::kIo, "spawn " + program->string(), rc);
  }

  std::unique_ptr<Process> proc(new Process());
  proc->pid_ = pid;
  proc->program_ = std::move(*program);
  proc->stderr_tail_ = TailBuffer(options.stderr_tail_bytes);
  proc->on_stderr_line_ = std::move(options.on_stderr_line);
  proc->drain_timeout_ = options.drain_timeout;
  proc->stdin_fd_ = std::move(in_write);
  proc->stdout_fd_ = std::move(out_read);
  proc->stderr_fd_ = std::move(err_read);
  set_nonblocking(proc->stdin_fd_.get());
  set_nonblocking(proc->stdout_fd_.get());
  set_nonblocking(proc->stderr_fd_.get());
  if (!detail::g_pidfd_disabled) {
    proc->pidfd_.reset(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  }
  proc->wake_fd_.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  proc->stop_read_fd_.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!proc->wake_fd_ || !proc->stop_read_fd_) {
    // The destructor kills and reaps the child.
    return sys_error(ErrorCode::kIo, "eventfd", errno);
  }
  spdlog::debug("spawned pid={} program={} cwd={}", pid, proc->program_.string(),
                options.cwd.string());
  Process* raw = proc.get();
  raw->stderr_thread_ = std::jthread([raw] { raw->drain_stderr(); });
  raw->watcher_thread_ = std::jthread([raw](std::stop_token stop) { raw->watch_exit(stop); });
  return proc;
}

Process::~Process() {
  if (pid_ <= 0) return;
  bool detached = false;
  {
    std::lock_guard lock(mu_);
    detached = detached_;
  }
  if (detached) return;  // detach() already stopped our threads
  kill();
  watcher_thread_.request_stop();
  poke_watcher();
  if (watcher_thread_.joinable()) {
    watcher_thread_.join();
  } else {
    // spawn() failed after the child started and before the watcher did: reap it here.
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  stop_reading();
  if (stderr_thread_.joinable()) stderr_thread_.join();
}

// --- stdin -------------------------------------------------------------------------------

Status Process::write_stdin(std::string_view data, std::chrono::milliseconds timeout) {
  Clock::time_point deadline = deadline_after(timeout);
  if (!acquire_stdin(deadline)) {
    return Error{ErrorCode::kDeadlineExceeded, "timed out waiting for another stdin writer"};
  }
  struct Release {
    Process* self;
    ~Release() { self->release_stdin(); }
  } release{this};
  if (!stdin_fd_) return Error{ErrorCode::kFailedPrecondition, "stdin is closed"};
  SigpipeGuard sigpipe_guard;
  while (!data.empty()) {
    ssize_t n = ::write(stdin_fd_.get(), data.data(), data.size());
    if (n >= 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (errno == EINTR) continue;
    if (errno == EPIPE) {
      sigpipe_guard.consume();
      return Error{ErrorCode::kUnavailable, "the process no longer reads its stdin"};
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) return sys_error(ErrorCode::kIo, "write", errno);
    pollfd p{stdin_fd_.get(), POLLOUT, 0};
    int ready = ::poll(&p, 1, poll_timeout_ms(deadline));
    if (ready == 0 && Clock::now() >= deadline) {
      return Error{ErrorCode::kDeadlineExceeded, "timed out writing to the process's stdin"};
    }
  }
  return {};
}

void Process::close_stdin() {
  acquire_stdin(Clock::time_point::max());
  stdin_fd_.reset();
  release_stdin();
}

bool Process::acquire_stdin(Clock::time_point deadline) {
  std::unique_lock lock(stdin_mu_);
  auto idle = [this] { return !stdin_busy_; };
  if (deadline == Clock::time_point::max()) {
    stdin_cv_.wait(lock, idle);
  } else if (!stdin_cv_.wait_until(lock, deadline, idle)) {
    return false;
  }
  stdin_busy_ = true;
  return true;
}

void Process::release_stdin() {
  {
    std::lock_guard lock(stdin_mu_);
    stdin_busy_ = false;
  }
  stdin_cv_.notify_one();
}

// --- stdout / stderr -----------------------------------------------------------------------

Result<std::size_t> Process::read_pipe(int fd, std::span<char> buf) {
  for (;;) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return sys_error(ErrorCode::kIo, "read", errno);
    pollfd fds[2] = {{fd, POLLIN, 0}, {stop_read_fd_.get(), POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0 && errno != EINTR) return sys_error(ErrorCode::kIo, "poll", errno);
    if ((fds[1].revents & POLLIN) != 0 && (fds[0].revents & (POLLIN | POLLHUP)) == 0) {
      return std::size_t{0};  // stopped and the pipe is empty
    }
  }
}

Result<std::size_t> Process::read_stdout(std::span<char> buf) {
  Result<std::size_t> n = read_pipe(stdout_fd_.get(), buf);
  if (!n.ok() || *n == 0) mark_stream_done(true);
  return n;
}

ByteSource Process::stdout_source() {
  return [this](std::span<char> buf) { return read_stdout(buf); };
}

void Process::stop_reading() {
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(stop_read_fd_.get(), &one, sizeof one);
}

void Process::mark_stream_done(bool is_stdout) {
  {
    std::lock_guard lock(mu_);
    (is_stdout ? stdout_done_ : stderr_done_) = true;
  }
  cv_.notify_all();
}

void Process::drain_stderr() {
  std::string partial;
  auto emit = [this](std::string_view line) {
    try {
      on_stderr_line_(line);
    } catch (const std::exception& e) {
      spdlog::warn("pid={} stderr callback threw: {}", pid_, e.what());
    } catch (...) {
      spdlog::warn("pid={} stderr callback threw", pid_);
    }
  };
  char buf[16 * 1024];
  for (;;) {
    Result<std::size_t> n = read_pipe(stderr_fd_.get(), buf);
    if (!n.ok()) spdlog::warn("pid={} stderr: {}", pid_, n.error().to_string());
    if (!n.ok() || *n == 0) break;
    std::string_view chunk(buf, *n);
    {
      std::lock_guard lock(mu_);
      stderr_tail_.append(chunk);
    }
    if (!on_stderr_line_) continue;
    partial.append(chunk);
    std::size_t start = 0;
    for (std::size_t nl; (nl = partial.find('\n', start)) != std::string::npos; start = nl + 1) {
      emit(std::string_view(partial).substr(start, nl - start));
    }
    partial.erase(0, start);
    while (partial.size() > kMaxStderrLine) {
      emit(std::string_view(partial).substr(0, kMaxStderrLine));
      partial.erase(0, kMaxStderrLine);
    }
  }
  if (on_stderr_line_ && !partial.empty()) emit(partial);
  mark_stream_done(false);
}

std::string Process::stderr_tail() const {
  std::lock_guard lock(mu_);
  return stderr_tail_.text();
}

std::size_t Process::stderr_total_bytes() const {
  std::lock_guard lock(mu_);
  return stderr_tail_.total_bytes();
}

// --- lifetime ------------------------------------------------------------------------------

bool Process::reap_if_exited() {
  if (status_) return true;
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    if (errno == EINTR) return false;
    // ECHILD: somebody else reaped our child (SIGCHLD ignored, or a waitpid(-1) elsewhere).
    spdlog::error("pid={} cannot be waited for: {}", pid_, std::strerror(errno));
    status_ = ExitStatus{};
    return true;
  }
  if (info.si_pid == 0) return false;
  // The child is a zombie: its pid, and so its process group id, cannot be reused until we
  // reap it, so this kill can only reach what it left behind in its group.
  ::kill(-pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  status_ = ExitStatus::from_wait_status(status);
  kill_deadline_.reset();
  spdlog::debug("pid={} ended: {}", pid_, status_->to_string());
  return true;
}

void Process::poke_watcher() const {
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_fd_.get(), &one, sizeof one);
}

void Process::watch_exit(std::stop_token stop) {
  for (;;) {
    int timeout_ms = -1;
    {
      std::lock_guard lock(mu_);
      if (reap_if_exited()) break;
      if (detached_) return;  // the child is no longer ours to watch
      if (kill_deadline_ && Clock::now() >= *kill_deadline_) {
        spdlog::info("pid={} did not stop within its grace period; killing its process group",
                     pid_);
        ::kill(-pid_, SIGKILL);
        ::kill(pid_, SIGKILL);
        kill_deadline_.reset();
      }
      if (kill_deadline_) timeout_ms = poll_timeout_ms(*kill_deadline_);
    }
    if (!pidfd_ && (timeout_ms < 0 || timeout_ms > kExitPollInterval.count())) {
      timeout_ms = static_cast<int>(kExitPollInterval.count());
    }
    pollfd fds[2] = {{wake_fd_.get(), POLLIN, 0}, {pidfd_.get(), POLLIN, 0}};
    ::poll(fds, pidfd_ ? 2 : 1, timeout_ms);
    std::uint64_t drained = 0;
    [[maybe_unused]] ssize_t n = ::read(wake_fd_.get(), &drained, sizeof drained);
  }
  cv_.notify_all();
  // Give the readers the drain timeout to see end-of-stream; a descendant that left our
  // process group may still hold the pipes open.
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, stop, drain_timeout_, [this] { return stdout_done_ && stderr_done_; });
  lock.unlock();
  stop_reading();
}

ExitStatus Process::wait() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return status_.has_value() && stderr_done_; });
  return *status_;
}

std::optional<ExitStatus> Process::wait_for(std::chrono::milliseconds timeout) {
  if (timeout == kNoTimeout) return wait();
  std::unique_lock lock(mu_);
  if (!cv_.wait_until(lock, deadline_after(timeout),
                      [this] { return status_.has_value() && stderr_done_; })) {
    return std::nullopt;
  }
  return *status_;
}

std::optional<ExitStatus> Process::exit_status() const {
  std::lock_guard lock(mu_);
  return status_;
}

Status Process::signal_group(int sig) {
  std::lock_guard lock(mu_);
  if (status_) return Error{ErrorCode::kFailedPrecondition, "the process has already ended"};
  if (detached_) return Error{ErrorCode::kFailedPrecondition, "the process was detached"};
  if (::kill(-pid_, sig) != 0 && errno != ESRCH) {
    return sys_error(ErrorCode::kIo, "kill", errno);
  }
  // A child that moved itself into another group still gets the signal.
  if (::getpgid(pid_) != pid_) ::kill(pid_, sig);
  return {};
}

void Process::kill() { (void)signal_group(SIGKILL); }

void Process::detach() {
  {
    std::lock_guard lock(mu_);
    if (status_ || detached_) return;
    detached_ = true;
    kill_deadline_.reset();
  }
  watcher_thread_.request_stop();
  poke_watcher();
  if (watcher_thread_.joinable()) watcher_thread_.join();
  stop_reading();
  if (stderr_thread_.joinable()) stderr_thread_.join();
}

void Process::request_terminate(std::chrono::milliseconds grace, std::function<bool()> graceful) {
  {
    std::lock_guard lock(mu_);
    if (status_ || detached_) return;
    Clock::time_point deadline = deadline_after(std::min(grace, kMaxGrace));
    if (!kill_deadline_ || deadline < *kill_deadline_) kill_deadline_ = deadline;
  }
  bool delivered = false;
  if (graceful) {
    try {
      delivered = graceful();
    } catch (const std::exception& e) {
      spdlog::warn("pid={} graceful stop failed: {}", pid_, e.what());
    } catch (...) {
      spdlog::warn("pid={} graceful stop failed", pid_);
    }
  }
  if (!delivered) (void)signal_group(SIGTERM);
  poke_watcher();
}

ExitStatus Process::terminate(std::chrono::milliseconds grace, std::function<bool()> graceful) {
  request_terminate(grace, std::move(graceful));
  return wait();
}

}  // namespace agenthub::agents
