#include "a2a/server/worker_pool.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace agenthub::a2a {

WorkerPool::WorkerPool(std::size_t max_threads, std::chrono::milliseconds idle_timeout)
    : max_threads_(max_threads == 0 ? 1 : max_threads), idle_timeout_(idle_timeout) {}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::enqueue(std::function<void()> fn) {
  bool spawn = false;
  {
    std::unique_lock lock(mu_);
    if (shutdown_) {
      // Still run it: the job owns an accepted socket that only it closes.
      lock.unlock();
      fn();
      return;
    }
    jobs_.push_back(std::move(fn));
    // A new thread only when no idle or starting one will pick this job up.
    if (idle_ + starting_ < jobs_.size() && threads_ < max_threads_) {
      ++threads_;
      ++starting_;
      spawn = true;
    }
  }
  if (spawn) {
    group_.spawn([this](std::stop_token stop) { work(stop); });
  } else {
    cv_.notify_one();
  }
}

void WorkerPool::shutdown() {
  {
    std::lock_guard lock(mu_);
    if (shutdown_ && threads_ == 0) return;
    shutdown_ = true;
  }
  cv_.notify_all();
  group_.join();
}

std::size_t WorkerPool::threads() const {
  std::lock_guard lock(mu_);
  return threads_;
}

void WorkerPool::work(const std::stop_token& /*stop*/) {
  std::unique_lock lock(mu_);
  --starting_;
  while (true) {
    ++idle_;
    bool has_job = cv_.wait_for(lock, idle_timeout_, [&] { return !jobs_.empty() || shutdown_; });
    --idle_;
    if (jobs_.empty()) {
      // Idle too long, or shutting down with nothing left to run.
      if (!has_job || shutdown_) break;
      continue;
    }
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    try {
      job();
    } catch (const std::exception& e) {
      spdlog::error("http worker: connection handler threw: {}", e.what());
    } catch (...) {
      spdlog::error("http worker: connection handler threw a non-standard exception");
    }
    job = nullptr;
    lock.lock();
  }
  --threads_;
}

}  // namespace agenthub::a2a
