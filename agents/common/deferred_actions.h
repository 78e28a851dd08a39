#pragma once

// Runs callbacks at given times on one background thread: how a wrapper escalates a stop
// (SIGTERM a while after a graceful interrupt), expires a permission request nobody answered,
// and reaps a CLI process off the thread that canceled it. Actions run one at a time, in
// deadline order; an action that throws is logged and dropped.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace agenthub::agents {

class DeferredActions {
 public:
  using Clock = std::chrono::steady_clock;

  DeferredActions();
  DeferredActions(const DeferredActions&) = delete;
  DeferredActions& operator=(const DeferredActions&) = delete;
  // flush(), then joins the thread.
  ~DeferredActions();

  void run_at(Clock::time_point when, std::function<void()> action);
  void run_soon(std::function<void()> action) { run_at(Clock::now(), std::move(action)); }

  // Runs every queued action now, deadlines ignored (also those queued meanwhile), and returns
  // once none is queued or running.
  void flush();

 private:
  void loop(std::stop_token stop);

  std::mutex mu_;
  std::condition_variable_any cv_;
  std::multimap<Clock::time_point, std::function<void()>> queue_;
  int flushing_ = 0;
  bool running_action_ = false;
  std::jthread thread_;  // last: started after the members above exist
};

}  // namespace agenthub::agents
