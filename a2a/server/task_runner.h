#pragma once

// Runs task executions on server-owned threads: in submission order, at most
// `max_concurrent` at once (0 = no limit), and never two runs of the same task at once (a
// continuation waits for the previous run of its task to return). Each run gets a stop token
// that fires when the task is stopped or the runner shuts down.

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <unordered_map>

#include "a2a/server/thread_group.h"

namespace agenthub::a2a {

class TaskRunner {
 public:
  using Body = std::function<void(std::stop_token)>;

  explicit TaskRunner(std::size_t max_concurrent);
  TaskRunner(const TaskRunner&) = delete;
  TaskRunner& operator=(const TaskRunner&) = delete;
  ~TaskRunner();

  // Queues a run of `task_id`. False (and `body` is dropped) after shutdown().
  bool submit(const std::string& task_id, Body body);
  // Removes the queued, not yet started runs of this task. True when one was removed.
  bool drop_queued(const std::string& task_id);
  // Fires the stop token of this task's running run. True when one is running.
  bool stop_running(const std::string& task_id);
  // Drops queued runs, stops running ones and waits for them to return.
  void shutdown();

  [[nodiscard]] std::size_t running() const;
  [[nodiscard]] std::size_t queued() const;

 private:
  struct Pending {
    std::string task_id;
    Body body;
  };

  void start_ready_locked();
  void finish(const std::string& task_id);

  const std::size_t max_concurrent_;
  mutable std::mutex mu_;
  std::deque<Pending> queue_;
  std::unordered_map<std::string, std::stop_source> running_;
  bool shutdown_ = false;
  ThreadGroup threads_;  // last: its destructor joins before the members above go away
};

}  // namespace agenthub::a2a
