#include "mcp/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace agenthub::mcp {
namespace {

constexpr auto kDeadline = std::chrono::seconds(20);

// A latch the tasks wait on until the test opens it.
struct Gate {
  void wait() {
    std::unique_lock lock(mutex);
    ++waiting;
    cv.notify_all();
    cv.wait(lock, [&] { return open; });
  }
  bool wait_for_waiters(int n) {
    std::unique_lock lock(mutex);
    return cv.wait_for(lock, kDeadline, [&] { return waiting >= n; });
  }
  void release() {
    std::lock_guard lock(mutex);
    open = true;
    cv.notify_all();
  }
  std::mutex mutex;
  std::condition_variable cv;
  int waiting = 0;
  bool open = false;
};

TEST(WorkerPool, RunsTasksConcurrentlyUpToTheLimitThenRefuses) {
  Gate gate;
  WorkerPool pool(3);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(pool.try_submit([&] { gate.wait(); }));
  // All three run at once: none is queued behind another.
  ASSERT_TRUE(gate.wait_for_waiters(3));
  EXPECT_FALSE(pool.try_submit([] {}));
  EXPECT_FALSE(pool.wait_idle(std::chrono::steady_clock::now()));
  gate.release();
  EXPECT_TRUE(pool.wait_idle(std::chrono::steady_clock::now() + kDeadline));
  // Threads are reused once idle.
  std::atomic<int> ran = 0;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(pool.try_submit([&] { ++ran; }));
  EXPECT_TRUE(pool.wait_idle(std::chrono::steady_clock::now() + kDeadline));
  EXPECT_EQ(ran, 3);
}

TEST(WorkerPool, SurvivesThrowingTasks) {
  WorkerPool pool(1);
  ASSERT_TRUE(pool.try_submit([] { throw std::runtime_error("boom"); }));
  ASSERT_TRUE(pool.wait_idle(std::chrono::steady_clock::now() + kDeadline));
  std::atomic<bool> ran = false;
  ASSERT_TRUE(pool.try_submit([&] { ran = true; }));
  ASSERT_TRUE(pool.wait_idle(std::chrono::steady_clock::now() + kDeadline));
  EXPECT_TRUE(ran);
}

TEST(WorkerPool, IdleWhenNothingWasSubmitted) {
  WorkerPool pool(2);
  EXPECT_TRUE(pool.wait_idle(std::chrono::steady_clock::now()));
}

}  // namespace
}  // namespace agenthub::mcp
