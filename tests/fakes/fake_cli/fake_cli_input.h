#pragma once

// fake-cli's view of its stdin. Codex mode: the prompt, read until EOF. Claude mode: a thread
// reads stream-json lines as they come and notes user messages, interrupt control requests
// and control responses (answers to can_use_tool), so the replay can react between lines.

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "tests/fakes/fake_cli/fake_cli_record.h"

namespace agenthub::fakes {

class StdinWatcher {
 public:
  explicit StdinWatcher(const Recorder& recorder) : recorder_(recorder) {}
  // The reading thread is detached on purpose: fake-cli ends with _exit and must not wait for
  // stdin to close.
  void start_line_reader();
  // Reads all of stdin on this thread; returns it.
  std::string read_all();

  // Waits until a user message arrived; false when stdin ended first.
  bool wait_user_message();
  // Waits up to `timeout` for an interrupt; returns its request_id when there is one.
  std::optional<std::string> wait_interrupt_for(std::chrono::milliseconds timeout);
  // Waits for the control_response to `request_id`, an interrupt, or EOF.
  void wait_control_response(const std::string& request_id);
  // Waits for EOF or an interrupt; returns the interrupt's request_id, if any.
  std::optional<std::string> wait_eof_or_interrupt();

 private:
  void read_lines();
  void handle_line(const std::string& line);

  const Recorder& recorder_;
  std::mutex mu_;
  std::condition_variable cv_;
  int user_messages_ = 0;
  bool eof_ = false;
  std::optional<std::string> interrupt_id_;
  std::map<std::string, bool> responses_;
};

}  // namespace agenthub::fakes
