#include "a2a/server/thread_group.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace agenthub::a2a {

ThreadGroup::~ThreadGroup() {
  request_stop();
  join();
}

void ThreadGroup::spawn(std::function<void(std::stop_token)> body) {
  std::lock_guard lock(mu_);
  reap_locked();
  auto self = live_.emplace(live_.end());
  // The new thread cannot reach the lock before this assignment completes, so `self` is
  // always valid when it moves itself to finished_.
  *self = std::jthread([this, self, body = std::move(body)](std::stop_token stop) mutable {
    try {
      // Run from a local so the body's captures are destroyed before the lock below is taken.
      auto run = std::move(body);
      run(stop);
    } catch (const std::exception& e) {
      spdlog::error("thread body threw: {}", e.what());
    } catch (...) {
      spdlog::error("thread body threw a non-standard exception");
    }
    std::lock_guard lock(mu_);
    finished_.splice(finished_.end(), live_, self);
    // Notified under the lock: join() may destroy this group as soon as it can see the list
    // empty, which it only can after this lock is released.
    all_done_.notify_all();
  });
}

void ThreadGroup::request_stop() {
  std::lock_guard lock(mu_);
  for (auto& t : live_) t.request_stop();
}

void ThreadGroup::join() {
  std::list<std::jthread> done;
  {
    std::unique_lock lock(mu_);
    all_done_.wait(lock, [&] { return live_.empty(); });
    done.swap(finished_);
  }
  // Each of these has left its body; joining returns once it has unwound.
  done.clear();
}

std::size_t ThreadGroup::running() const {
  std::lock_guard lock(mu_);
  return live_.size();
}

void ThreadGroup::reap_locked() {
  // Threads in finished_ only need to leave their final lock scope, which they did before
  // this lock could be taken, so these joins return promptly.
  finished_.clear();
}

}  // namespace agenthub::a2a
