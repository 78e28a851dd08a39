#pragma once

// Runs one child process (a coding-agent CLI) under supervision.
//
// Contract:
// - The child is spawned from an argv vector (never a shell string) with an explicit
//   environment and working directory, as the leader of a new process group, with its signal
//   mask and dispositions reset, and with no descriptor of ours except its three pipes.
// - Its stderr is drained by our own thread (a full pipe would hang the child); the last
//   `stderr_tail_bytes` are kept for error messages.
// - When the child exits, whatever it left in its process group is killed (grandchildren that
//   would otherwise keep running and keep stdout open), then the child is reaped.
// - The destructor kills the group and reaps the child if it is still running, and joins every
//   thread: a Process never leaves a zombie, a running descendant in its group or a thread.
// - Signals go to the group only while the leader is not yet reaped (its pid is then still
//   reserved), so a recycled pid can never be signalled.
//
// Thread-safety: every method may be called from any thread, except that stdout is meant to
// be read by one thread at a time. The object must outlive every call into it.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "agents/common/byte_source.h"
#include "agents/common/environment.h"
#include "agents/common/tail_buffer.h"
#include "core/result.h"
#include "core/unique_fd.h"

namespace agenthub::agents {

// How a process ended.
struct ExitStatus {
  int exit_code = -1;   // meaningful when term_signal == 0
  int term_signal = 0;  // the signal that killed it, 0 when it exited normally

  [[nodiscard]] bool exited() const { return term_signal == 0; }
  [[nodiscard]] bool success() const { return term_signal == 0 && exit_code == 0; }
  // "exit code 3" or "killed by signal 9 (Killed)".
  [[nodiscard]] std::string to_string() const;
  // From a waitpid() status word.
  [[nodiscard]] static ExitStatus from_wait_status(int status);
};

struct SpawnOptions {
  // argv[0] is the program: a path (absolute, or relative to our cwd) or a bare name looked up
  // in the PATH of `env` (or ours when `env` is unset). It is passed to the child as given.
  std::vector<std::string> argv;
  // The child's whole environment ("KEY=VALUE"); unset means a copy of ours. See
  // inherited_env() for "mine minus these plus these".
  std::optional<EnvList> env;
  // The child's working directory; empty means ours. Must exist.
  std::filesystem::path cwd;
  // How much of the end of stderr to keep for stderr_tail().
  std::size_t stderr_tail_bytes = 64 * 1024;
  // Called on the stderr thread for each stderr line (without its newline; lines longer than
  // 8 KiB arrive in pieces). Must not block for long or call back into the Process.
  std::function<void(std::string_view line)> on_stderr_line;
  // After the child exited and its group was killed, how long a descendant that escaped the
  // group may keep stdout/stderr open before reads are cut off (the pipes are still emptied).
  std::chrono::milliseconds drain_timeout{2000};
};

class Process {
 public:
  static constexpr std::chrono::milliseconds kDefaultGrace{5000};
  static constexpr std::chrono::milliseconds kNoTimeout = std::chrono::milliseconds::max();

  // Starts the child. kNotFound names the missing program or working directory;
  // kPermissionDenied a program that is not executable; kInvalidArgument an empty argv.
  [[nodiscard]] static Result<std::unique_ptr<Process>> spawn(SpawnOptions options);

  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  // Kills the process group if the child still runs, reaps it, joins the threads.
  ~Process();

  [[nodiscard]] pid_t pid() const { return pid_; }
  // The resolved absolute path that was executed.
  [[nodiscard]] const std::filesystem::path& program() const { return program_; }

  // --- stdin ---
  // Writes all of `data`, waiting at most `timeout` for the child to make room (and for
  // another writer to finish: concurrent writes never interleave). kFailedPrecondition once
  // stdin is closed, kUnavailable when the child no longer reads it, kDeadlineExceeded on
  // timeout (part of `data` may have been written). Never raises SIGPIPE.
  [[nodiscard]] Status write_stdin(std::string_view data,
                                   std::chrono::milliseconds timeout = kNoTimeout);
  // Closes our end of the child's stdin (the child sees EOF). Idempotent. Waits for an
  // in-flight write_stdin to finish.
  void close_stdin();

  // --- stdout ---
  // Reads up to buf.size() bytes of the child's stdout. Blocks until data arrives; returns 0
  // at end of stream, which also comes once stop_reading() was called (or drain_timeout
  // passed after exit) and everything already in the pipe has been read.
  [[nodiscard]] Result<std::size_t> read_stdout(std::span<char> buf);
  // read_stdout as a ByteSource (for JsonlReader). The Process must outlive it.
  [[nodiscard]] ByteSource stdout_source();
  // Makes pending and future reads of stdout and stderr end once the pipes are empty, even if
  // a descendant still holds them open. Idempotent.
  void stop_reading();

  // --- stderr ---
  // The kept end of stderr (valid UTF-8). Complete once wait() returned.
  [[nodiscard]] std::string stderr_tail() const;
  [[nodiscard]] std::size_t stderr_total_bytes() const;

  // --- lifetime ---
  // Blocks until the child is reaped and its stderr fully drained.
  ExitStatus wait();
  // wait() with a limit; nullopt when the child is still running after `timeout`.
  [[nodiscard]] std::optional<ExitStatus> wait_for(std::chrono::milliseconds timeout);
  // The exit status once reaped (without waiting for stderr), else nullopt.
  [[nodiscard]] std::optional<ExitStatus> exit_status() const;

  // Asks the child to stop and returns at once: runs `graceful` (default: SIGTERM to the
  // group), then SIGKILLs the group if the child has not exited `grace` later. `graceful`
  // returns false when it could not deliver its request (say stdin is already closed); SIGTERM
  // is sent instead. A second request can only bring the kill deadline closer.
  void request_terminate(std::chrono::milliseconds grace = kDefaultGrace,
                         std::function<bool()> graceful = nullptr);
  // request_terminate() then wait().
  ExitStatus terminate(std::chrono::milliseconds grace = kDefaultGrace,
                       std::function<bool()> graceful = nullptr);
  // Sends `sig` to the child's process group (and to the child itself should it have left
  // the group). kFailedPrecondition once the child has been reaped or detached.
  [[nodiscard]] Status signal_group(int sig);
  // SIGKILL to the group now.
  void kill();
  // Lets the child run on without us (a server another process will reach later): our
  // threads stop, reads end, and the destructor neither kills nor reaps it; whoever inherits
  // it when we exit reaps it. No-op once it has exited.
  void detach();

 private:
  Process() = default;

  void watch_exit(std::stop_token stop);
  void drain_stderr();
  bool reap_if_exited();  // true once reaped; requires mu_ held
  void poke_watcher() const;
  Result<std::size_t> read_pipe(int fd, std::span<char> buf);
  bool acquire_stdin(std::chrono::steady_clock::time_point deadline);
  void release_stdin();
  void mark_stream_done(bool is_stdout);

  pid_t pid_ = -1;
  std::filesystem::path program_;
  std::size_t stderr_tail_bytes_ = 0;
  std::function<void(std::string_view)> on_stderr_line_;
  std::chrono::milliseconds drain_timeout_{0};

  UniqueFd stdin_fd_;
  UniqueFd stdout_fd_;
  UniqueFd stderr_fd_;
  UniqueFd pidfd_;         // readable when the child exits; invalid where pidfd_open is refused
  UniqueFd wake_fd_;       // eventfd: wakes the exit watcher (new kill deadline, shutdown)
  UniqueFd stop_read_fd_;  // eventfd: readers stop once their pipe is empty

  // One stdin writer (or closer) at a time, waited for with a deadline. A flag under a mutex
  // rather than std::timed_mutex, whose timed lock ThreadSanitizer cannot follow.
  std::mutex stdin_mu_;
  std::condition_variable stdin_cv_;
  bool stdin_busy_ = false;

  mutable std::mutex mu_;  // guards everything below
  std::condition_variable_any cv_;
  std::optional<ExitStatus> status_;
  std::optional<std::chrono::steady_clock::time_point> kill_deadline_;
  bool stdout_done_ = false;
  bool stderr_done_ = false;
  bool detached_ = false;
  TailBuffer stderr_tail_{0};

  std::jthread stderr_thread_;
  std::jthread watcher_thread_;
};

}  // namespace agenthub::agents
