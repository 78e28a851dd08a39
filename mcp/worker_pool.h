#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace agenthub::mcp {

// Threads for requests that may block. Grows on demand up to max_threads and never queues a
// task behind a busy thread: a task either starts at once or is refused, so a long
// poll_events wait can never delay a cancel_run sent after it.
class WorkerPool {
 public:
  explicit WorkerPool(std::size_t max_threads);
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  // Lets running tasks finish, then joins every thread.
  ~WorkerPool();

  // False when max_threads tasks are already running. A task that throws is logged.
  [[nodiscard]] bool try_submit(std::function<void()> task);

  // Blocks until no task is running, or until the deadline; true when idle.
  [[nodiscard]] bool wait_idle(std::chrono::steady_clock::time_point deadline);

 private:
  void worker_loop(std::stop_token stop);

  const std::size_t max_threads_;
  std::mutex mutex_;
  std::condition_variable_any work_cv_;
  std::condition_variable idle_cv_;
  std::deque<std::function<void()>> queue_;
  std::size_t idle_ = 0;  // threads waiting for work
  std::vector<std::jthread> threads_;
};

}  // namespace agenthub::mcp
