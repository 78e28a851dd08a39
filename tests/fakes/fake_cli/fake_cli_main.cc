// fake-cli: stands in for the `codex` and `claude` CLIs in tests. It replays a recorded JSONL
// transcript on stdout, consumes stdin the way the real CLI does, records what it was given,
// and can misbehave on request. Configuration: README.md in this folder.

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/fakes/fake_cli/fake_cli_config.h"
#include "tests/fakes/fake_cli/fake_cli_input.h"
#include "tests/fakes/fake_cli/fake_cli_lines.h"
#include "tests/fakes/fake_cli/fake_cli_record.h"

namespace agenthub::fakes {
namespace {

using Json = nlohmann::json;
using Mode = FakeCliConfig::Mode;

// A grandchild never outlives a broken test by much.
constexpr unsigned kGrandchildLifetimeSeconds = 120;
constexpr std::size_t kBulkLineBytes = 64 * 1024;
// Output of an ordinary (not large) FAKE_CLI_EVENTS event: a line or two of a command.
constexpr std::size_t kLoadOutputBytes = 100;
// A start gate that never opens ends the fake rather than leave it hanging forever.
constexpr auto kStartGateLimit = std::chrono::minutes(10);

void write_out(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      ::_exit(3);  // our reader is gone
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

void emit(std::string_view line) {
  std::string out(line);
  out += '\n';
  write_out(STDOUT_FILENO, out);
}

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Descriptors open in this process, excluding the one used to list them.
std::vector<int> open_fds() {
  std::vector<int> fds;
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return fds;
  int own = ::dirfd(dir);
  while (dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    int fd = std::atoi(entry->d_name);
    if (fd != own) fds.push_back(fd);
  }
  ::closedir(dir);
  return fds;
}

// What a test may want to check about how we were started; taken before we change anything.
Json describe_process() {
  Json signals_blocked = Json::array();
  Json signals_ignored = Json::array();
  sigset_t mask;
  sigemptyset(&mask);
  ::sigprocmask(SIG_BLOCK, nullptr, &mask);
  for (int sig = 1; sig < 32; ++sig) {
    if (sigismember(&mask, sig) == 1) signals_blocked.push_back(sig);
    struct sigaction sa {};
    if (::sigaction(sig, nullptr, &sa) == 0 && sa.sa_handler == SIG_IGN) {
      signals_ignored.push_back(sig);
    }
  }
  std::error_code ec;
  return Json{{"type", "fake.report"},
              {"pid", ::getpid()},
              {"ppid", ::getppid()},
              {"pgid", ::getpgrp()},
              {"sid", ::getsid(0)},
              {"cwd", std::filesystem::current_path(ec).string()},
              {"fds", open_fds()},
              {"signals_blocked", signals_blocked},
              {"signals_ignored", signals_ignored}};
}

// Our environment as the kernel shows it to anyone listing processes (/proc/self/environ, the
// block we were started with), one "KEY=VALUE" per item.
std::vector<std::string> started_environment() {
  std::ifstream in("/proc/self/environ", std::ios::binary);
  std::vector<std::string> out;
  for (std::string item; std::getline(in, item, '\0');) out.push_back(item);
  return out;
}

std::vector<std::string> read_replay(const std::string& path) {
  std::vector<std::string> lines;
  if (path.empty()) return lines;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::string msg = "fake-cli: cannot read replay file " + path + "\n";
    write_out(STDERR_FILENO, msg);
    ::_exit(2);
  }
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

pid_t spawn_grandchild(bool escape) {
  int ready[2];
  if (::pipe2(ready, O_CLOEXEC) != 0) return -1;
  pid_t pid = ::fork();
  if (pid == 0) {
    // Keeps the inherited stdout/stderr open, like a background job a CLI forgot about.
    if (escape) ::setsid();
    ::alarm(kGrandchildLifetimeSeconds);
    char one = 1;
    [[maybe_unused]] ssize_t n = ::write(ready[1], &one, 1);
    ::close(ready[1]);
    for (;;) ::pause();
  }
  // Continue only once the grandchild is set up, so tests see a settled state.
  ::close(ready[1]);
  char byte = 0;
  while (pid > 0 && ::read(ready[0], &byte, 1) < 0 && errno == EINTR) {
  }
  ::close(ready[0]);
  return pid;
}

[[noreturn]] void crash(const FakeCliConfig& cfg, const Recorder& rec) {
  int sig = cfg.crash_signal == "segv" ? SIGSEGV : SIGABRT;
  rec.write("crash", {{"signal", sig}});
  rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
  ::_exit(128 + sig);
}

[[noreturn]] void hang(const Recorder& rec) {
  rec.write("hang");
  for (;;) ::pause();
}

[[noreturn]] void finish(const FakeCliConfig& cfg, const Recorder& rec, int code) {
  // Bulk first, so the message is what a stderr tail ends with.
  std::string chunk(4096, 'e');
  chunk.back() = '\n';
  for (long left = cfg.stderr_bytes; left > 0; left -= static_cast<long>(chunk.size())) {
    auto n = std::min<std::size_t>(chunk.size(), static_cast<std::size_t>(left));
    write_out(STDERR_FILENO, std::string_view(chunk).substr(0, n));
  }
  if (!cfg.stderr_text.empty()) write_out(STDERR_FILENO, cfg.stderr_text + "\n");
  rec.write("exit", {{"code", code}});
  ::_exit(code);
}

// Waits for `path` to exist, so that many fakes started one by one can start together.
void wait_start_gate(const FakeCliConfig& cfg, const Recorder& rec) {
  const auto give_up = std::chrono::steady_clock::now() + kStartGateLimit;
  std::error_code ec;
  while (!std::filesystem::exists(cfg.start_gate, ec)) {
    if (std::chrono::steady_clock::now() > give_up) {
      write_out(STDERR_FILENO, "fake-cli: start gate " + cfg.start_gate + " never opened\n");
      finish(cfg, rec, 4);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // a fake's own pace
  }
  // Its first line, recorded: proof for a test that we saw the file it wrote.
  std::ifstream in(cfg.start_gate);
  std::string first_line;
  std::getline(in, first_line);
  rec.write("start_gate", {{"path", cfg.start_gate}, {"content", first_line}});
}

[[noreturn]] void answer_interrupt(const FakeCliConfig& cfg, const Recorder& rec,
                                   const std::string& request_id) {
  emit(dump(Json{{"type", "control_response"},
                 {"response", {{"subtype", "success"}, {"request_id", request_id}}}}));
  finish(cfg, rec, cfg.interrupt_exit_code);
}

void emit_misbehaviour(const FakeCliConfig& cfg) {
  if (cfg.garbage) {
    for (const std::string& line : garbage_lines()) emit(line);
  }
  if (cfg.invalid_utf8) emit(invalid_utf8_line(cfg.mode));
  if (cfg.huge_line_mib > 0) {
    emit(bulky_output_line(cfg.mode, "fake_huge_line",
                           static_cast<std::size_t>(cfg.huge_line_mib) * 1024 * 1024));
  }
  if (cfg.huge_total_mib > 0) {
    std::size_t total = static_cast<std::size_t>(cfg.huge_total_mib) * 1024 * 1024;
    for (std::size_t sent = 0, i = 0; sent < total; sent += kBulkLineBytes, ++i) {
      emit(bulky_output_line(cfg.mode, "fake_bulk_" + std::to_string(i), kBulkLineBytes));
    }
  }
  // Load: ids fake_load_0.. in order, so a reader can check each arrives once and in place.
  for (long i = 0; i < cfg.events; ++i) {
    const bool large = cfg.large_every > 0 && (i + 1) % cfg.large_every == 0;
    emit(bulky_output_line(cfg.mode, "fake_load_" + std::to_string(i),
                           large ? static_cast<std::size_t>(cfg.large_bytes) : kLoadOutputBytes));
  }
}

// The request_id of a can_use_tool control request the CLI itself prints, else empty.
std::string permission_request_id(std::string_view line) {
  Json msg = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!msg.is_object() || msg.value("type", Json()) != "control_request") return {};
  const Json& request = msg.value("request", Json::object());
  if (!request.is_object() || request.value("subtype", Json()) != "can_use_tool") return {};
  Json id = msg.value("request_id", Json());
  return id.is_string() ? id.get<std::string>() : std::string();
}

int run(int argc, char** argv) {
  Json report = describe_process();
  FakeCliConfig cfg = load_fake_cli_config(argc, argv);
  if (cfg.ignore_sigterm) {
    ::signal(SIGTERM, SIG_IGN);
    ::signal(SIGINT, SIG_IGN);
  }
  if (const char* code = std::getenv("FAKE_CLI_SIGTERM_EXIT_CODE"); code != nullptr && *code) {
    static int sigterm_exit = std::atoi(code);
    ::signal(SIGTERM, [](int) { ::_exit(sigterm_exit); });
  }
  Recorder rec(cfg.record_path);
  std::error_code ec;
  Json start = {{"argv", cfg.argv},
                {"cwd", std::filesystem::current_path(ec).string()},
                {"pid", ::getpid()},
                {"pgid", ::getpgrp()},
                {"mode", cfg.mode == Mode::kClaude ? "claude" : "codex"},
                {"resuming", cfg.resuming},
                {"replay", cfg.replay_path}};
  if (cfg.record_env) start["env"] = started_environment();
  rec.write("start", start);
  std::vector<std::string> lines = read_replay(cfg.replay_path);

  pid_t grandchild = -1;
  if (cfg.grandchild) {
    grandchild = spawn_grandchild(cfg.grandchild_escape);
    rec.write("grandchild", {{"pid", grandchild}, {"escaped", cfg.grandchild_escape}});
  }
  if (cfg.report) {
    report["argv"] = cfg.argv;
    report["grandchild_pid"] = grandchild > 0 ? Json(grandchild) : Json();
    Json env = Json::object();
    for (const std::string& key : cfg.report_env) {
      const char* v = std::getenv(key.c_str());
      env[key] = v == nullptr ? Json() : Json(v);
    }
    report["env"] = env;
    emit(dump(report));
  }

  StdinWatcher input(rec);
  const bool claude = cfg.mode == Mode::kClaude;
  if (!cfg.ignore_stdin) {
    if (claude) {
      input.start_line_reader();
      if (!input.wait_user_message() && cfg.hang_after != 0) {
        write_out(STDERR_FILENO, "Error: stdin closed before any user message\n");
        finish(cfg, rec, 1);
      }
    } else {
      (void)input.read_all();
    }
  }

  if (!cfg.start_gate.empty()) wait_start_gate(cfg, rec);

  long emitted = 0;
  auto checkpoint = [&] {
    if (cfg.crash_after == emitted) crash(cfg, rec);
    if (cfg.hang_after == emitted) hang(rec);
  };
  checkpoint();
  bool misbehaved = false;
  for (const std::string& line : lines) {
    if (cfg.no_result && is_result_line(cfg.mode, line)) continue;
    if (emitted > 0 && cfg.pace_ms > 0) {
      if (claude && !cfg.ignore_stdin) {
        if (auto id = input.wait_interrupt_for(std::chrono::milliseconds(cfg.pace_ms))) {
          answer_interrupt(cfg, rec, *id);
        }
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(cfg.pace_ms));
      }
    }
    if (claude && !cfg.ignore_stdin) {
      if (auto id = input.wait_interrupt_for(std::chrono::milliseconds(0))) {
        answer_interrupt(cfg, rec, *id);
      }
    }
    emit(line);
    ++emitted;
    if (!misbehaved) {
      emit_misbehaviour(cfg);
      misbehaved = true;
    }
    if (claude && !cfg.ignore_stdin) {
      if (std::string id = permission_request_id(line); !id.empty()) {
        input.wait_control_response(id);
      }
    }
    checkpoint();
  }
  if (!misbehaved) emit_misbehaviour(cfg);
  if (cfg.crash_after >= 0) crash(cfg, rec);
  if (cfg.hang_after >= 0) hang(rec);
  if (claude && !cfg.ignore_stdin) {
    // Like the real CLI in stream-json mode: keep serving until stdin closes.
    if (auto id = input.wait_eof_or_interrupt()) answer_interrupt(cfg, rec, *id);
  }
  finish(cfg, rec, cfg.exit_code);
}

}  // namespace
}  // namespace agenthub::fakes

int main(int argc, char** argv) { return agenthub::fakes::run(argc, argv); }
