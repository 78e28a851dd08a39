#include "agents/launcher/wrapper_session.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "agents/common/jsonl_reader.h"

namespace agenthub::agents {

Result<std::unique_ptr<WrapperSession>> WrapperSession::start(WrapperCommand command,
                                                              LineSink on_line) {
  auto session = std::unique_ptr<WrapperSession>(new WrapperSession());
  session->notify_fd_ = UniqueFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!session->notify_fd_) {
    return Error{ErrorCode::kIo, std::string("eventfd: ") + std::strerror(errno)};
  }
  SpawnOptions spawn;
  spawn.argv = std::move(command.argv);
  spawn.env = std::move(command.env);
  spawn.on_stderr_line = [on_line](std::string_view line) {
    if (on_line) on_line(Stream::kStderr, line);
  };
  auto process = Process::spawn(std::move(spawn));
  if (!process.ok()) return process.error();
  session->process_ = std::move(process).value();

  WrapperSession* self = session.get();
  self->stdout_thread_ =
      std::jthread([self, on_line = std::move(on_line)] { self->read_stdout(on_line); });
  self->exit_thread_ = std::jthread([self] {
    ExitStatus status = self->process_->wait();
    {
      std::lock_guard lock(self->mu_);
      self->state_.exit = status;
    }
    self->notify();
  });
  return session;
}

WrapperSession::~WrapperSession() {
  if (!process_) return;
  if (!process_->exit_status()) process_->kill();
  if (exit_thread_.joinable()) exit_thread_.join();
  process_->stop_reading();
  if (stdout_thread_.joinable()) stdout_thread_.join();
}

void WrapperSession::read_stdout(const LineSink& on_line) {
  try {
    JsonlReader reader(process_->stdout_source());
    bool first = true;
    while (auto item = reader.next()) {
      if (first) {
        first = false;
        std::lock_guard lock(mu_);
        if (item->ok()) {
          auto ready = parse_ready_line(item->value);
          if (ready.ok()) {
            state_.ready = std::move(ready).value();
          } else {
            state_.bad_ready_line =
                ready.error().message + ": " + dump_json(item->value).substr(0, 200);
          }
        } else {
          state_.bad_ready_line = "it printed \"" + item->preview + "\" (" + item->error + ")";
        }
        notify();
        continue;
      }
      if (on_line) on_line(Stream::kStdout, item->ok() ? dump_json(item->value) : item->preview);
    }
  } catch (const std::exception& e) {
    // The reader allocates; should that fail, the wrapper is still supervised by its exit.
    if (on_line)
      on_line(Stream::kStderr, std::string("reading the wrapper's stdout failed: ") + e.what());
  }
  {
    std::lock_guard lock(mu_);
    state_.stdout_ended = true;
  }
  notify();
}

WrapperSession::State WrapperSession::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

void WrapperSession::notify() {
  const std::uint64_t one = 1;
  // A full counter (never in practice) still leaves the fd readable, which is all we need.
  [[maybe_unused]] ssize_t n = ::write(notify_fd_.get(), &one, sizeof one);
}

void WrapperSession::clear_notifications() {
  std::uint64_t count = 0;
  [[maybe_unused]] ssize_t n = ::read(notify_fd_.get(), &count, sizeof count);
}

void WrapperSession::request_stop(std::chrono::milliseconds grace) {
  process_->request_terminate(grace);
}

void WrapperSession::kill() { process_->kill(); }

}  // namespace agenthub::agents
