#include "a2a/server/task_runner.h"

#include <algorithm>

namespace agenthub::a2a {

TaskRunner::TaskRunner(std::size_t max_concurrent) : max_concurrent_(max_concurrent) {}

TaskRunner::~TaskRunner() { shutdown(); }

bool TaskRunner::submit(const std::string& task_id, Body body) {
  std::lock_guard lock(mu_);
  if (shutdown_) return false;
  queue_.push_back(Pending{task_id, std::move(body)});
  start_ready_locked();
  return true;
}

bool TaskRunner::drop_queued(const std::string& task_id) {
  std::deque<Pending> dropped;  // destroyed outside the lock
  std::lock_guard lock(mu_);
  auto it = std::stable_partition(queue_.begin(), queue_.end(),
                                  [&](const Pending& p) { return p.task_id != task_id; });
  if (it == queue_.end()) return false;
  std::move(it, queue_.end(), std::back_inserter(dropped));
  queue_.erase(it, queue_.end());
  return true;
}

bool TaskRunner::stop_running(const std::string& task_id) {
  std::lock_guard lock(mu_);
  auto it = running_.find(task_id);
  if (it == running_.end()) return false;
  it->second.request_stop();
  return true;
}

void TaskRunner::shutdown() {
  std::deque<Pending> dropped;
  {
    std::lock_guard lock(mu_);
    shutdown_ = true;
    dropped.swap(queue_);
    for (auto& [id, stop] : running_) stop.request_stop();
  }
  threads_.join();
}

std::size_t TaskRunner::running() const {
  std::lock_guard lock(mu_);
  return running_.size();
}

std::size_t TaskRunner::queued() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void TaskRunner::start_ready_locked() {
  for (auto it = queue_.begin(); it != queue_.end();) {
    if (max_concurrent_ != 0 && running_.size() >= max_concurrent_) return;
    if (running_.contains(it->task_id)) {
      ++it;  // its task is still running: keep its place in line
      continue;
    }
    std::stop_source stop;
    running_.emplace(it->task_id, stop);
    threads_.spawn([this, id = it->task_id, body = std::move(it->body),
                    token = stop.get_token()](std::stop_token) {
      struct Finish {
        TaskRunner* runner;
        const std::string& id;
        ~Finish() { runner->finish(id); }
      } finish_even_if_body_throws{this, id};
      body(token);
    });
    it = queue_.erase(it);
  }
}

void TaskRunner::finish(const std::string& task_id) {
  std::lock_guard lock(mu_);
  running_.erase(task_id);
  if (!shutdown_) start_ready_locked();
}

}  // namespace agenthub::a2a
