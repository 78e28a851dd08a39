#pragma once

// What fake-cli does, taken from FAKE_CLI_* environment variables (so a wrapper can point
// --codex-bin / --claude-bin at it and pass its usual argv, which is only recorded) plus the
// one flag `--replay FILE`. See README.md in this folder for every variable.

#include <string>
#include <vector>

namespace agenthub::fakes {

struct FakeCliConfig {
  enum class Mode { kUnknown = 0, kCodex, kClaude };

  Mode mode = Mode::kCodex;
  bool resuming = false;  // argv asks to continue a session (codex `resume`, claude --resume)
  std::vector<std::string> argv;

  std::string
      replay_path;  // --replay FILE or FAKE_CLI_REPLAY (FAKE_CLI_REPLAY_RESUME when resuming)
  std::string record_path;  // FAKE_CLI_RECORD
  bool record_env = false;  // FAKE_CLI_RECORD_ENV: the start record lists our whole environment
  long pace_ms = 0;         // FAKE_CLI_PACE_MS: pause between replayed lines

  bool report = false;                  // FAKE_CLI_REPORT: first line describes the process
  std::vector<std::string> report_env;  // FAKE_CLI_REPORT_ENV=KEY1,KEY2: values in the report
  bool ignore_stdin = false;            // FAKE_CLI_STDIN=ignore: start replay without input

  long crash_after = -1;           // FAKE_CLI_CRASH_AFTER=N replayed lines
  std::string crash_signal;        // FAKE_CLI_CRASH_SIGNAL=abort|segv (default abort)
  long hang_after = -1;            // FAKE_CLI_HANG_AFTER=N; FAKE_CLI_HANG=1 hangs after the replay
  bool ignore_sigterm = false;     // FAKE_CLI_IGNORE_SIGTERM (also SIGINT)
  bool grandchild = false;         // FAKE_CLI_GRANDCHILD: fork a child that holds stdout open
  bool grandchild_escape = false;  // FAKE_CLI_GRANDCHILD_ESCAPE: ... and leaves the group
  bool garbage = false;            // FAKE_CLI_GARBAGE: non-JSON lines after the first line
  bool invalid_utf8 = false;       // FAKE_CLI_INVALID_UTF8: an event carrying invalid UTF-8
  long huge_line_mib = 0;          // FAKE_CLI_HUGE_LINE_MIB: one event line this large
  long huge_total_mib = 0;         // FAKE_CLI_HUGE_TOTAL_MIB: this much in 64 KiB event lines
  long events = 0;                 // FAKE_CLI_EVENTS: this many command output events (load)
  long large_every = 0;            // FAKE_CLI_LARGE_EVERY=K: every K-th of them is large
  long large_bytes = 20 * 1024;    // FAKE_CLI_LARGE_BYTES: output size of a large one
  std::string start_gate;          // FAKE_CLI_START_GATE=FILE: replay once FILE exists
  bool no_result = false;          // FAKE_CLI_NO_RESULT: drop result / turn.completed lines
  int exit_code = 0;               // FAKE_CLI_EXIT_CODE
  int interrupt_exit_code = 0;     // FAKE_CLI_INTERRUPT_EXIT_CODE (claude interrupt)
  std::string stderr_text;         // FAKE_CLI_STDERR: printed to stderr before exiting
  long stderr_bytes = 0;           // FAKE_CLI_STDERR_BYTES: bulk stderr before exiting
};

// Reads the environment and argv (argv[0] included).
FakeCliConfig load_fake_cli_config(int argc, char** argv);

}  // namespace agenthub::fakes
