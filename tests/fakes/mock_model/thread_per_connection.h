#pragma once

#include <httplib.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace agenthub::mock_model {

// httplib task queue that gives every connection its own thread, so a `slow:` answer never
// holds up other requests, however many are in flight. shutdown() waits for all of them.
class ThreadPerConnection : public httplib::TaskQueue {
 public:
  ThreadPerConnection() : state_(std::make_shared<State>()) {}

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

 private:
  // Shared with the connection threads so none touches a destroyed queue.
  struct State {
    std::mutex mu;
    std::condition_variable idle;
    int active = 0;
  };
  std::shared_ptr<State> state_;
};

}  // namespace agenthub::mock_model
