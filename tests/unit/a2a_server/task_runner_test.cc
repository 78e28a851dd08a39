#include "a2a/server/task_runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <vector>

#include "scripted_executor.h"

namespace agenthub::a2a {
namespace {

using testing::Gate;

TEST(TaskRunner, RunsEachSubmittedBody) {
  Gate a_ran, b_ran;
  // Declared last: destroyed (joining its threads) before what the bodies use.
  TaskRunner runner(0);
  ASSERT_TRUE(runner.submit("a", [&](std::stop_token) { a_ran.open(); }));
  ASSERT_TRUE(runner.submit("b", [&](std::stop_token) { b_ran.open(); }));
  EXPECT_TRUE(a_ran.wait());
  EXPECT_TRUE(b_ran.wait());
}

TEST(TaskRunner, LimitsConcurrencyAndStartsInOrder) {
  Gate release_first, first_started, third_done;
  std::mutex mu;
  std::vector<std::string> order;
  auto record = [&](const std::string& name) {
    std::lock_guard lock(mu);
    order.push_back(name);
  };
  // Declared last: destroyed (joining its threads) before what the bodies use.
  TaskRunner runner(1);
  runner.submit("first", [&](std::stop_token) {
    record("first");
    first_started.open();
    release_first.wait();
  });
  ASSERT_TRUE(first_started.wait());
  runner.submit("second", [&](std::stop_token) { record("second"); });
  runner.submit("third", [&](std::stop_token) {
    record("third");
    third_done.open();
  });
  EXPECT_EQ(runner.running(), 1U);
  EXPECT_EQ(runner.queued(), 2U);
  release_first.open();
  ASSERT_TRUE(third_done.wait());
  std::lock_guard lock(mu);
  EXPECT_EQ(order, (std::vector<std::string>{"first", "second", "third"}));
}

TEST(TaskRunner, NeverRunsTwoRunsOfOneTaskAtOnce) {
  Gate release, first_started, second_done;
  std::atomic<int> concurrent{0};
  std::atomic<int> max_seen{0};
  auto body = [&](Gate* started, Gate* wait_for, Gate* done) {
    return [&, started, wait_for, done](std::stop_token) {
      int now = ++concurrent;
      max_seen = std::max(max_seen.load(), now);
      if (started) started->open();
      if (wait_for) wait_for->wait();
      --concurrent;
      if (done) done->open();
    };
  };
  // Declared last: destroyed (joining its threads) before what the bodies use.
  TaskRunner runner(0);
  runner.submit("t", body(&first_started, &release, nullptr));
  ASSERT_TRUE(first_started.wait());
  runner.submit("t", body(nullptr, nullptr, &second_done));
  EXPECT_EQ(runner.queued(), 1U);  // waits for the first run of "t"
  release.open();
  ASSERT_TRUE(second_done.wait());
  EXPECT_EQ(max_seen.load(), 1);
}

TEST(TaskRunner, DropQueuedRemovesRunsThatNeverStart) {
  Gate release, started;
  std::atomic<bool> dropped_ran{false};
  // Declared last: destroyed (joining its threads) before what the bodies use.
  TaskRunner runner(1);
  runner.submit("busy", [&](std::stop_token) {
    started.open();
    release.wait();
  });
  ASSERT_TRUE(started.wait());
  runner.submit("queued", [&](std::stop_token) { dropped_ran = true; });
  EXPECT_TRUE(runner.drop_queued("queued"));
  EXPECT_FALSE(runner.drop_queued("queued"));
  release.open();
  runner.shutdown();
  EXPECT_FALSE(dropped_ran.load());
}

TEST(TaskRunner, StopRunningFiresTheRunsStopToken) {
  Gate started, stopped;
  // Declared last: destroyed (joining its threads) before what the bodies use.
  TaskRunner runner(0);
  runner.submit("t", [&](std::stop_token stop) {
    started.open();
    std::mutex mu;
    std::condition_variable_any cv;
    std::unique_lock lock(mu);
    cv.wait_for(lock, stop, testing::kDeadline, [] { return false; });
    if (stop.stop_requested()) stopped.open();
  });
  ASSERT_TRUE(started.wait());
  EXPECT_FALSE(runner.stop_running("other"));
  EXPECT_TRUE(runner.stop_running("t"));
  EXPECT_TRUE(stopped.wait());
}

TEST(TaskRunner, ShutdownStopsRunsAndRefusesNewOnes) {
  Gate started;
  std::atomic<bool> saw_stop{false};
  // Declared last: destroyed (joining its threads) before what the bodies use.
  TaskRunner runner(0);
  runner.submit("t", [&](std::stop_token stop) {
    started.open();
    std::mutex mu;
    std::condition_variable_any cv;
    std::unique_lock lock(mu);
    cv.wait_for(lock, stop, testing::kDeadline, [] { return false; });
    saw_stop = stop.stop_requested();
  });
  ASSERT_TRUE(started.wait());
  runner.shutdown();
  EXPECT_TRUE(saw_stop.load());
  EXPECT_EQ(runner.running(), 0U);
  EXPECT_FALSE(runner.submit("late", [](std::stop_token) {}));
}

TEST(TaskRunner, ABodyThatThrowsFreesItsSlot) {
  Gate next_ran;
  // Declared last: destroyed (joining its threads) before what the bodies use.
  TaskRunner runner(1);
  runner.submit("bad", [](std::stop_token) { throw std::runtime_error("boom"); });
  runner.submit("good", [&](std::stop_token) { next_ran.open(); });
  EXPECT_TRUE(next_ran.wait());
}

}  // namespace
}  // namespace agenthub::a2a
