#pragma once

// Test doubles for the server's unit tests: an AgentExecutor whose behaviour each test
// scripts, and a Gate to hold an executor until the test lets it go.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "a2a/server/agent_executor.h"

namespace agenthub::a2a::testing {

// Generous: tests wait on conditions, never on time; this only bounds a broken test.
inline constexpr std::chrono::seconds kDeadline{20};

// A one-shot latch with a deadline.
class Gate {
 public:
  // Notifies under the lock: a waiter may destroy the gate as soon as it sees it open.
  void open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  // True once opened; false if the deadline passed first.
  bool wait(std::chrono::milliseconds deadline = kDeadline) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, deadline, [&] { return open_; });
  }
  bool is_open() {
    std::lock_guard lock(mu_);
    return open_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

class ScriptedExecutor : public AgentExecutor {
 public:
  using Execute = std::function<void(const RequestContext&, TaskUpdater&)>;
  using Admit = std::function<Status(const RequestContext&)>;

  explicit ScriptedExecutor(Execute execute) : execute_(std::move(execute)) {}

  Admit on_admit;

  Status admit(const RequestContext& ctx) override { return on_admit ? on_admit(ctx) : Status{}; }
  void execute(const RequestContext& ctx, TaskUpdater& updater) override {
    {
      std::lock_guard lock(mu_);
      started_.push_back(ctx.task_id);
      contexts_.push_back(ctx);
    }
    cv_.notify_all();
    execute_(ctx, updater);
  }
  void cancel(const std::string& task_id) override {
    std::lock_guard lock(mu_);
    canceled_.push_back(task_id);
  }

  // Waits until execute() has been entered `n` times.
  bool wait_started(std::size_t n) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, kDeadline, [&] { return started_.size() >= n; });
  }
  std::vector<std::string> started() {
    std::lock_guard lock(mu_);
    return started_;
  }
  std::vector<RequestContext> contexts() {
    std::lock_guard lock(mu_);
    return contexts_;
  }
  std::vector<std::string> canceled() {
    std::lock_guard lock(mu_);
    return canceled_;
  }

 private:
  Execute execute_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> started_;
  std::vector<RequestContext> contexts_;
  std::vector<std::string> canceled_;
};

// Blocks until the run's stop token fires (cancel or shutdown) or the deadline passes.
inline void wait_for_stop(const RequestContext& ctx) {
  std::mutex mu;
  std::condition_variable_any cv;
  std::unique_lock lock(mu);
  cv.wait_for(lock, ctx.stop, kDeadline, [] { return false; });
}

inline Message user_text(std::string text, std::string task_id = {}, std::string context_id = {}) {
  Message m;
  m.message_id = "m-" + text;
  m.role = Role::kUser;
  m.task_id = std::move(task_id);
  m.context_id = std::move(context_id);
  m.parts.push_back(Part::text_part(std::move(text)));
  return m;
}

inline SendMessageRequest send_request(Message m, bool return_immediately = false) {
  SendMessageRequest r;
  r.message = std::move(m);
  r.configuration.return_immediately = return_immediately;
  return r;
}

}  // namespace agenthub::a2a::testing
