#include "agents/common/deferred_actions.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace agenthub::agents {

DeferredActions::DeferredActions() : thread_([this](std::stop_token stop) { loop(stop); }) {}

DeferredActions::~DeferredActions() {
  flush();
  thread_.request_stop();
  cv_.notify_all();
  thread_.join();
}

void DeferredActions::run_at(Clock::time_point when, std::function<void()> action) {
  {
    std::lock_guard lock(mu_);
    queue_.emplace(when, std::move(action));
  }
  cv_.notify_all();
}

void DeferredActions::flush() {
  std::unique_lock lock(mu_);
  ++flushing_;
  cv_.notify_all();
  cv_.wait(lock, [this] { return queue_.empty() && !running_action_; });
  --flushing_;
}

void DeferredActions::loop(std::stop_token stop) {
  std::unique_lock lock(mu_);
  while (true) {
    const bool due = !queue_.empty() && (flushing_ > 0 || queue_.begin()->first <= Clock::now());
    if (!due) {
      if (stop.stop_requested()) return;
      if (queue_.empty()) {
        cv_.wait(lock, stop, [this] { return !queue_.empty(); });
      } else {
        // Woken early by an earlier deadline, a flush or a stop; the loop then looks again.
        const Clock::time_point deadline = queue_.begin()->first;
        cv_.wait_until(lock, stop, deadline, [this, deadline] {
          return flushing_ > 0 || queue_.begin()->first != deadline;
        });
      }
      continue;
    }
    auto action = std::move(queue_.begin()->second);
    queue_.erase(queue_.begin());
    running_action_ = true;
    lock.unlock();
    try {
      action();
    } catch (const std::exception& e) {
      spdlog::error("deferred action failed: {}", e.what());
    } catch (...) {
      spdlog::error("deferred action failed");
    }
    action = nullptr;  // destroy what it captured before reporting idle
    lock.lock();
    running_action_ = false;
    cv_.notify_all();
  }
}

}  // namespace agenthub::agents
