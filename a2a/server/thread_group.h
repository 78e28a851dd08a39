#pragma once

// A set of std::jthreads that come and go. A thread whose body returns is joined by the next
// spawn() or by join(), so short-lived threads do not pile up. Used for task runs and for the
// HTTP worker pool.

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <stop_token>
#include <thread>

namespace agenthub::a2a {

class ThreadGroup {
 public:
  ThreadGroup() = default;
  ThreadGroup(const ThreadGroup&) = delete;
  ThreadGroup& operator=(const ThreadGroup&) = delete;
  // Requests stop on every thread and joins them all.
  ~ThreadGroup();

  // Starts `body` on a new thread. The body's exceptions are caught and logged; a thread body
  // that must report failure somewhere does so itself.
  void spawn(std::function<void(std::stop_token)> body);
  // Requests stop on every running thread (their stop tokens fire).
  void request_stop();
  // Waits until every thread has returned and joins them. No spawn() may run concurrently.
  void join();
  // Threads whose bodies have not returned yet.
  [[nodiscard]] std::size_t running() const;

 private:
  void reap_locked();

  mutable std::mutex mu_;
  std::condition_variable all_done_;
  std::list<std::jthread> live_;
  std::list<std::jthread> finished_;  // bodies returned; joined at the next reap
};

}  // namespace agenthub::a2a
