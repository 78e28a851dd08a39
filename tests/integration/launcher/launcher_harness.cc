#include "launcher_harness.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <cerrno>
#include <system_error>

#include "core/fs.h"

namespace agenthub::agents::testing {

namespace fsys = std::filesystem;

fsys::path bin_path(const std::string& name) { return fsys::path(AGENTHUB_BIN_DIR) / name; }

TempDir::TempDir() {
  std::string pattern = (fsys::temp_directory_path() / "launcher-it-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fsys::remove_all(path_, ec);
}

EnvList test_env(const EnvList& extra) {
  return inherited_env({"AGENTHUB_*", "FAKE_WRAPPER_*", "CODEX_BIN", "CLAUDE_BIN"}, extra);
}

std::unique_ptr<Launcher> Launcher::start(std::vector<std::string> args, EnvList extra_env,
                                          bool fake_wrapper) {
  auto launcher = std::unique_ptr<Launcher>(new Launcher());
  if (fake_wrapper) {
    extra_env.insert(extra_env.begin(),
                     "AGENTHUB_WRAPPER_BIN=" + bin_path("fake-a2a-wrapper").string());
  }
  SpawnOptions spawn;
  spawn.argv = {bin_path("start-a2a-agent").string()};
  spawn.argv.insert(spawn.argv.end(), args.begin(), args.end());
  spawn.env = test_env(extra_env);
  std::shared_ptr<Shared> shared = launcher->shared_;
  spawn.on_stderr_line = [shared](std::string_view line) {
    std::lock_guard lock(shared->mu);
    shared->stderr_buf.append(line).push_back('\n');
    shared->cv.notify_all();
  };
  auto process = Process::spawn(std::move(spawn));
  if (!process.ok()) {
    ADD_FAILURE() << "cannot start start-a2a-agent: " << process.error().to_string();
    return nullptr;
  }
  launcher->process_ = std::move(process).value();
  Process* proc = launcher->process_.get();
  launcher->reader_ = std::jthread([proc, shared] {
    char buf[4096];
    while (true) {
      auto n = proc->read_stdout(buf);
      std::lock_guard lock(shared->mu);
      if (!n.ok() || *n == 0) {
        shared->stdout_ended = true;
        shared->cv.notify_all();
        return;
      }
      shared->stdout_buf.append(buf, *n);
      shared->cv.notify_all();
    }
  });
  return launcher;
}

Launcher::~Launcher() {
  if (!process_) return;
  if (!process_->exit_status()) process_->kill();
  process_->stop_reading();
  if (reader_.joinable()) reader_.join();
}

std::optional<std::string> Launcher::next_line() {
  std::unique_lock lock(shared_->mu);
  std::size_t nl = std::string::npos;
  shared_->cv.wait_for(lock, kDeadline, [&] {
    nl = shared_->stdout_buf.find('\n');
    return nl != std::string::npos || shared_->stdout_ended;
  });
  if (nl == std::string::npos) return std::nullopt;
  std::string line = shared_->stdout_buf.substr(0, nl);
  shared_->stdout_buf.erase(0, nl + 1);
  stdout_seen_ += line + "\n";
  return line;
}

Result<Json> Launcher::next_json() {
  auto line = next_line();
  if (!line) {
    return Error{ErrorCode::kUnavailable,
                 "no stdout line from start-a2a-agent; its stderr:\n" + stderr_text()};
  }
  auto json = parse_json(*line);
  if (!json.ok()) return Error{ErrorCode::kParseError, "not JSON: " + *line};
  return json;
}

bool Launcher::read_until(const std::string& text) {
  while (auto line = next_line()) {
    if (line->find(text) != std::string::npos) return true;
  }
  return false;
}

bool Launcher::stderr_has(const std::string& text) {
  std::unique_lock lock(shared_->mu);
  return shared_->cv.wait_for(lock, kDeadline,
                              [&] { return shared_->stderr_buf.find(text) != std::string::npos; });
}

std::string Launcher::stderr_text() const {
  std::lock_guard lock(shared_->mu);
  return shared_->stderr_buf;
}

ExitStatus Launcher::wait() {
  if (auto status = process_->wait_for(kDeadline)) return *status;
  ADD_FAILURE() << "start-a2a-agent did not exit within the deadline; its stderr:\n"
                << stderr_text();
  return process_->terminate(std::chrono::milliseconds(0));
}

void Launcher::signal(int sig) { ::kill(process_->pid(), sig); }

bool pid_gone(pid_t pid) { return ::kill(pid, 0) != 0 && errno == ESRCH; }

Result<Json> read_record(const fsys::path& path) {
  auto text = read_file(path);
  if (!text.ok()) return text.error();
  return parse_json(*text);
}

}  // namespace agenthub::agents::testing
