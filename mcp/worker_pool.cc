#include "mcp/worker_pool.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace agenthub::mcp {

WorkerPool::WorkerPool(std::size_t max_threads) : max_threads_(max_threads) {}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    for (auto& t : threads_) t.request_stop();
  }
  work_cv_.notify_all();
  threads_.clear();  // joins
}

bool WorkerPool::try_submit(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    if (idle_ > queue_.size()) {
      queue_.push_back(std::move(task));
    } else if (threads_.size() < max_threads_) {
      queue_.push_back(std::move(task));
      threads_.emplace_back([this](std::stop_token stop) { worker_loop(stop); });
      return true;
    } else {
      return false;
    }
  }
  work_cv_.notify_one();
  return true;
}

bool WorkerPool::wait_idle(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  return idle_cv_.wait_until(lock, deadline,
                             [this] { return queue_.empty() && idle_ == threads_.size(); });
}

void WorkerPool::worker_loop(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  for (;;) {
    ++idle_;
    idle_cv_.notify_all();
    bool has_work = work_cv_.wait(lock, stop, [this] { return !queue_.empty(); });
    --idle_;
    if (!has_work) return;
    auto task = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    try {
      task();
    } catch (const std::exception& e) {
      spdlog::error("mcp: request handler threw: {}", e.what());
    } catch (...) {
      spdlog::error("mcp: request handler threw an unknown exception");
    }
    lock.lock();
  }
}

}  // namespace agenthub::mcp
