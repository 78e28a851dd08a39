#include "tests/fakes/mock_model/thread_per_connection.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <thread>

namespace agenthub::mock_model {

void ThreadPerConnection::enqueue(std::function<void()> fn) {
  {
    std::lock_guard lock(state_->mu);
    ++state_->active;
  }
  std::thread([state = state_, fn = std::move(fn)] {
    try {
      fn();
    } catch (const std::exception& e) {
      spdlog::error("connection thread failed: {}", e.what());
    } catch (...) {
      spdlog::error("connection thread failed");
    }
    std::lock_guard lock(state->mu);
    --state->active;
    state->idle.notify_all();
  }).detach();
}

void ThreadPerConnection::shutdown() {
  std::unique_lock lock(state_->mu);
  state_->idle.wait(lock, [this] { return state_->active == 0; });
}

}  // namespace agenthub::mock_model
