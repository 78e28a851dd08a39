#pragma once

// Runs start-a2a-agent for a test, in front of fake-a2a-wrapper (via AGENTHUB_WRAPPER_BIN),
// with its stdin, stdout and stderr on pipes (so it is not on a terminal). Everything is
// waited for with a generous deadline; a Launcher's destructor kills whatever still runs.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "agents/common/process.h"
#include "core/json.h"
#include "core/result.h"

namespace agenthub::agents::testing {

inline constexpr std::chrono::seconds kDeadline{30};

std::filesystem::path bin_path(const std::string& name);

// A fresh private directory, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Our environment minus anything that would steer the launcher or the fake, plus `extra`.
EnvList test_env(const EnvList& extra);

class Launcher {
 public:
  // start-a2a-agent `args` with test_env(AGENTHUB_WRAPPER_BIN=fake-a2a-wrapper + `extra_env`);
  // without `fake_wrapper` it finds the real wrappers itself (next to it in the bin dir).
  static std::unique_ptr<Launcher> start(std::vector<std::string> args, EnvList extra_env = {},
                                         bool fake_wrapper = true);
  ~Launcher();
  Launcher(const Launcher&) = delete;
  Launcher& operator=(const Launcher&) = delete;

  [[nodiscard]] pid_t pid() const { return process_->pid(); }
  // The next stdout line (without its newline); nullopt at end of output or after kDeadline.
  std::optional<std::string> next_line();
  // The next stdout line parsed as JSON, else an Error saying what came instead.
  Result<Json> next_json();
  // Reads stdout lines until one contains `text`; false at end of output or after kDeadline.
  bool read_until(const std::string& text);
  // Waits (up to kDeadline) until the launcher's stderr contains `text`.
  bool stderr_has(const std::string& text);
  // Waits for the launcher to exit (killing it after kDeadline, which fails the test).
  ExitStatus wait();
  // Everything the launcher wrote on stderr so far.
  [[nodiscard]] std::string stderr_text() const;
  // Every stdout line returned so far, joined with newlines.
  [[nodiscard]] const std::string& stdout_text() const { return stdout_seen_; }
  // `sig` to the launcher alone (not to its wrapper, which has its own process group).
  void signal(int sig);

 private:
  struct Shared {
    std::mutex mu;
    std::condition_variable cv;
    std::string stdout_buf;  // read, not yet returned as a line
    bool stdout_ended = false;
    std::string stderr_buf;
  };

  Launcher() = default;

  std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
  std::unique_ptr<Process> process_;
  std::jthread reader_;
  std::string stdout_seen_;
};

// True when no process `pid` exists (checked once: a launcher reaps its wrapper before it
// exits, so after Launcher::wait() the wrapper's pid must be gone).
bool pid_gone(pid_t pid);

// The record fake-a2a-wrapper wrote (FAKE_WRAPPER_RECORD), or an Error when there is none.
Result<Json> read_record(const std::filesystem::path& path);

}  // namespace agenthub::agents::testing
