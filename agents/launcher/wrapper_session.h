#pragma once

// One running wrapper, watched: its first stdout line (the ready line), the rest of its stdout
// (handed to `on_line` as it comes, though a wrapper prints nothing more), its stderr lines
// (to `on_line` too), and its exit. Every change of state() makes notify_fd() readable, so the
// caller can poll it next to a signalfd.
//
// Destroying a session kills the wrapper's process group if it still runs, reaps it and joins
// the threads: nothing is left behind.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "agents/common/process.h"
#include "agents/launcher/ready_line.h"
#include "agents/launcher/wrapper_command.h"
#include "core/result.h"
#include "core/unique_fd.h"

namespace agenthub::agents {

class WrapperSession {
 public:
  enum class Stream { kStdout, kStderr };
  // Called from the session's threads, one line at a time per stream; must not block long.
  using LineSink = std::function<void(Stream stream, std::string_view line)>;

  struct State {
    std::optional<ReadyLine> ready;
    // Set instead of `ready` when the first stdout line was not a ready line: says why.
    std::optional<std::string> bad_ready_line;
    bool stdout_ended = false;
    // Once the wrapper is reaped and its stderr drained.
    std::optional<ExitStatus> exit;

    // Exited, and everything it printed has been seen.
    [[nodiscard]] bool ended() const { return exit.has_value() && stdout_ended; }
  };

  // Starts the wrapper. Errors are Process::spawn's (say, kNotFound / kPermissionDenied).
  [[nodiscard]] static Result<std::unique_ptr<WrapperSession>> start(WrapperCommand command,
                                                                     LineSink on_line);
  ~WrapperSession();
  WrapperSession(const WrapperSession&) = delete;
  WrapperSession& operator=(const WrapperSession&) = delete;

  [[nodiscard]] pid_t pid() const { return process_->pid(); }
  [[nodiscard]] State state() const;
  // Readable after each change of state(); clear_notifications() empties it.
  [[nodiscard]] int notify_fd() const { return notify_fd_.get(); }
  void clear_notifications();
  // The end of the wrapper's stderr (complete once state().exit is set).
  [[nodiscard]] std::string stderr_tail() const { return process_->stderr_tail(); }

  // SIGTERM to the wrapper's process group now, SIGKILL `grace` later if it still runs.
  // Returns at once; state().exit tells when it is over.
  void request_stop(std::chrono::milliseconds grace);
  // SIGKILL to the group now.
  void kill();

 private:
  WrapperSession() = default;
  void read_stdout(const LineSink& on_line);
  void notify();

  std::unique_ptr<Process> process_;
  UniqueFd notify_fd_;  // eventfd
  mutable std::mutex mu_;
  State state_;
  std::jthread stdout_thread_;
  std::jthread exit_thread_;
};

}  // namespace agenthub::agents
