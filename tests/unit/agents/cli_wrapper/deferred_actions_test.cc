#include "agents/common/deferred_actions.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace agenthub::agents {
namespace {

using namespace std::chrono_literals;
using Clock = DeferredActions::Clock;

TEST(DeferredActionsTest, RunsDueActionsInDeadlineOrder) {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<int> order;
  DeferredActions actions;
  const auto now = Clock::now();
  auto record = [&](int n) {
    return [&, n] {
      std::lock_guard lock(mu);
      order.push_back(n);
      cv.notify_all();
    };
  };
  actions.run_at(now + 30ms, record(3));
  actions.run_at(now + 10ms, record(2));
  actions.run_soon(record(1));
  std::unique_lock lock(mu);
  ASSERT_TRUE(cv.wait_for(lock, 30s, [&] { return order.size() == 3; }));
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(DeferredActionsTest, AnEarlierActionIsNotHeldUpByALaterOne) {
  std::mutex mu;
  std::condition_variable cv;
  bool ran = false;
  DeferredActions actions;
  actions.run_at(Clock::now() + std::chrono::hours(1), [] {});
  actions.run_soon([&] {
    std::lock_guard lock(mu);
    ran = true;
    cv.notify_all();
  });
  std::unique_lock lock(mu);
  EXPECT_TRUE(cv.wait_for(lock, 30s, [&] { return ran; }));
  lock.unlock();
  actions.flush();  // the hour-long one runs now
}

TEST(DeferredActionsTest, FlushRunsEverythingNowAndDestructionFlushes) {
  std::atomic<int> count{0};
  {
    DeferredActions actions;
    actions.run_at(Clock::now() + std::chrono::hours(1), [&] { ++count; });
    actions.run_at(Clock::now() + std::chrono::hours(2), [&] {
      ++count;
      throw std::runtime_error("ignored");
    });
    actions.flush();
    EXPECT_EQ(count.load(), 2);
    actions.run_at(Clock::now() + std::chrono::hours(3), [&] { ++count; });
    actions.flush();  // an empty queue in between: flush must not spin or hang
    EXPECT_EQ(count.load(), 3);
    actions.run_at(Clock::now() + std::chrono::hours(3), [&] { ++count; });
  }
  EXPECT_EQ(count.load(), 4);
}

TEST(DeferredActionsTest, FlushOnAnIdleQueueReturns) {
  DeferredActions actions;
  actions.flush();
  actions.flush();
  SUCCEED();
}

}  // namespace
}  // namespace agenthub::agents
