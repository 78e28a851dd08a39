#pragma once

// The HTTP connection pool given to cpp-httplib (Server::new_task_queue). httplib's own pool
// has a fixed handful of threads and every open SSE stream pins one, so a few streams would
// starve every other request. This pool grows a thread per waiting connection up to a
// maximum, reuses idle threads, and retires threads idle for longer than `idle_timeout`.
// Connections beyond the maximum wait in FIFO order for a free thread.

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

#include "a2a/server/thread_group.h"

namespace agenthub::a2a {

class WorkerPool final : public httplib::TaskQueue {
 public:
  WorkerPool(std::size_t max_threads, std::chrono::milliseconds idle_timeout);
  ~WorkerPool() override;

  void enqueue(std::function<void()> fn) override;
  // Runs the jobs already queued, then joins every worker. Called by httplib when it stops.
  void shutdown() override;

  [[nodiscard]] std::size_t threads() const;

 private:
  void work(const std::stop_token& stop);

  const std::size_t max_threads_;
  const std::chrono::milliseconds idle_timeout_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::size_t threads_ = 0;
  std::size_t idle_ = 0;
  std::size_t starting_ = 0;  // spawned, not yet waiting for jobs
  bool shutdown_ = false;
  ThreadGroup group_;
};

}  // namespace agenthub::a2a
