#include "tests/fakes/fake_cli/fake_cli_config.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace agenthub::fakes {
namespace {

std::string env_string(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

long env_long(const char* name, long fallback) {
  std::string v = env_string(name);
  if (v.empty()) return fallback;
  return std::strtol(v.c_str(), nullptr, 10);
}

bool env_flag(const char* name) {
  std::string v = env_string(name);
  return !v.empty() && v != "0" && v != "false";
}

bool has_arg(const std::vector<std::string>& argv, std::string_view arg) {
  return std::find(argv.begin() + 1, argv.end(), arg) != argv.end();
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t comma = std::min(s.find(',', start), s.size());
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

FakeCliConfig load_fake_cli_config(int argc, char** argv) {
  FakeCliConfig c;
  c.argv.assign(argv, argv + argc);
  if (c.argv.empty()) c.argv.emplace_back("fake-cli");

  std::string mode = env_string("FAKE_CLI_MODE");
  std::string program = c.argv[0].substr(c.argv[0].rfind('/') + 1);
  if (mode == "claude") {
    c.mode = FakeCliConfig::Mode::kClaude;
  } else if (mode == "codex") {
    c.mode = FakeCliConfig::Mode::kCodex;
  } else if (has_arg(c.argv, "exec")) {
    c.mode = FakeCliConfig::Mode::kCodex;
  } else if (has_arg(c.argv, "-p") || has_arg(c.argv, "--print") ||
             has_arg(c.argv, "--input-format") || program.find("claude") != std::string::npos) {
    c.mode = FakeCliConfig::Mode::kClaude;
  }
  c.resuming = c.mode == FakeCliConfig::Mode::kCodex
                   ? has_arg(c.argv, "resume")
                   : has_arg(c.argv, "--resume") || has_arg(c.argv, "-r");

  c.replay_path = env_string("FAKE_CLI_REPLAY");
  std::string resume_replay = env_string("FAKE_CLI_REPLAY_RESUME");
  if (c.resuming && !resume_replay.empty()) c.replay_path = resume_replay;
  for (std::size_t i = 1; i + 1 < c.argv.size(); ++i) {
    if (c.argv[i] == "--replay") c.replay_path = c.argv[i + 1];
  }
  c.record_path = env_string("FAKE_CLI_RECORD");
  c.pace_ms = env_long("FAKE_CLI_PACE_MS", 0);
  c.record_env = env_flag("FAKE_CLI_RECORD_ENV");
  c.report = env_flag("FAKE_CLI_REPORT");
  c.report_env = split_commas(env_string("FAKE_CLI_REPORT_ENV"));
  c.ignore_stdin = env_string("FAKE_CLI_STDIN") == "ignore";
  c.crash_after = env_long("FAKE_CLI_CRASH_AFTER", -1);
  c.crash_signal = env_string("FAKE_CLI_CRASH_SIGNAL");
  c.hang_after = env_long("FAKE_CLI_HANG_AFTER", -1);
  if (c.hang_after < 0 && env_flag("FAKE_CLI_HANG")) c.hang_after = 1L << 40;
  c.ignore_sigterm = env_flag("FAKE_CLI_IGNORE_SIGTERM");
  c.grandchild_escape = env_flag("FAKE_CLI_GRANDCHILD_ESCAPE");
  c.grandchild = c.grandchild_escape || env_flag("FAKE_CLI_GRANDCHILD");
  c.garbage = env_flag("FAKE_CLI_GARBAGE");
  c.invalid_utf8 = env_flag("FAKE_CLI_INVALID_UTF8");
  c.huge_line_mib = env_long("FAKE_CLI_HUGE_LINE_MIB", 0);
  c.huge_total_mib = env_long("FAKE_CLI_HUGE_TOTAL_MIB", 0);
  c.events = env_long("FAKE_CLI_EVENTS", 0);
  c.large_every = env_long("FAKE_CLI_LARGE_EVERY", 0);
  c.large_bytes = env_long("FAKE_CLI_LARGE_BYTES", c.large_bytes);
  c.start_gate = env_string("FAKE_CLI_START_GATE");
  c.no_result = env_flag("FAKE_CLI_NO_RESULT");
  c.exit_code = static_cast<int>(env_long("FAKE_CLI_EXIT_CODE", 0));
  c.interrupt_exit_code = static_cast<int>(env_long("FAKE_CLI_INTERRUPT_EXIT_CODE", 0));
  c.stderr_text = env_string("FAKE_CLI_STDERR");
  c.stderr_bytes = env_long("FAKE_CLI_STDERR_BYTES", 0);
  return c;
}

}  // namespace agenthub::fakes
