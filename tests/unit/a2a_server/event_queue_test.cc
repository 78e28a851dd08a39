#include "a2a/server/event_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "scripted_executor.h"

namespace agenthub::a2a {
namespace {

using testing::kDeadline;
using Kind = EventQueue::Read::Kind;
constexpr std::chrono::milliseconds kNoWait{0};

StreamResponse status(TaskState state) {
  TaskStatusUpdateEvent e;
  e.task_id = "t";
  e.status.state = state;
  return e;
}

TaskState state_of(const EventQueue::Read& read) {
  return std::get<TaskStatusUpdateEvent>(*read.event).status.state;
}

TEST(EventQueue, NumbersEventsAndReadsThemInOrder) {
  EventQueue q(8);
  EXPECT_EQ(q.last_seq(), 0U);
  EXPECT_EQ(q.push(status(TaskState::kSubmitted)), 1U);
  EXPECT_EQ(q.push(status(TaskState::kWorking)), 2U);
  EXPECT_EQ(q.last_seq(), 2U);

  auto first = q.wait_next(0, kNoWait);
  ASSERT_EQ(first.kind, Kind::kEvent);
  EXPECT_EQ(first.seq, 1U);
  EXPECT_EQ(state_of(first), TaskState::kSubmitted);
  auto second = q.wait_next(1, kNoWait);
  ASSERT_EQ(second.kind, Kind::kEvent);
  EXPECT_EQ(state_of(second), TaskState::kWorking);
  EXPECT_EQ(q.wait_next(2, kNoWait).kind, Kind::kTimeout);
}

TEST(EventQueue, KeepsOnlyTheNewestEventsAndReportsLaggingReaders) {
  EventQueue q(3);
  for (int i = 0; i < 5; ++i) q.push(status(TaskState::kWorking));
  EXPECT_EQ(q.size(), 3U);
  EXPECT_EQ(q.last_seq(), 5U);
  EXPECT_EQ(q.wait_next(0, kNoWait).kind, Kind::kLagged);
  EXPECT_EQ(q.wait_next(1, kNoWait).kind, Kind::kLagged);
  auto oldest_kept = q.wait_next(2, kNoWait);
  ASSERT_EQ(oldest_kept.kind, Kind::kEvent);
  EXPECT_EQ(oldest_kept.seq, 3U);
}

// Backpressure: a publisher that waits for room before each push never outruns an attached
// reader, however small the window: the slow reader gets every event, in order, no lag.
TEST(EventQueue, AttachedSlowReaderGetsEveryEventThroughASmallWindow) {
  EventQueue q(2);
  const std::uint64_t reader = q.attach(0);
  constexpr int kEvents = 200;
  std::jthread publisher([&] {
    for (int i = 0; i < kEvents; ++i) {
      q.wait_for_room(std::chrono::hours(1));
      q.push(status(TaskState::kWorking));
    }
  });
  std::uint64_t cursor = 0;
  while (cursor < kEvents) {
    auto read = q.wait_next(cursor, kDeadline, reader);
    ASSERT_EQ(read.kind, Kind::kEvent) << "after " << cursor;
    ASSERT_EQ(read.seq, cursor + 1);
    cursor = read.seq;
  }
  publisher.join();
  EXPECT_LE(q.size(), 2U);
}

// A reader that stops reading is let go when the wait runs out: the publisher goes on and the
// reader learns it lagged (and would resynchronise from the snapshot).
TEST(EventQueue, ReaderThatDoesNotReadIsLetGoAfterTheWait) {
  EventQueue q(2);
  const std::uint64_t reader = q.attach(0);
  for (int i = 0; i < 5; ++i) {
    q.wait_for_room(std::chrono::milliseconds(1));
    q.push(status(TaskState::kWorking));
  }
  EXPECT_EQ(q.last_seq(), 5U);
  EXPECT_EQ(q.wait_next(0, kNoWait, reader).kind, Kind::kLagged);
}

// Detaching (the subscriber went away) and release (the task ended) free a waiting publisher.
TEST(EventQueue, DetachAndReleaseFreeAWaitingPublisher) {
  for (const bool by_release : {false, true}) {
    EventQueue q(1);
    const std::uint64_t reader = q.attach(0);
    q.push(status(TaskState::kWorking));  // the window is full, the reader has read nothing
    std::atomic<bool> waited{false};
    std::jthread publisher([&] {
      q.wait_for_room(std::chrono::hours(1));
      waited = true;
    });
    if (by_release) {
      q.release();
    } else {
      q.detach(reader);
    }
    publisher.join();  // would hang (and the test time out) if the publisher stayed blocked
    EXPECT_TRUE(waited.load());
  }
}

TEST(EventQueue, CloseDeliversWhatIsLeftThenClosed) {
  EventQueue q(4);
  q.push(status(TaskState::kWorking));
  q.close();
  EXPECT_TRUE(q.closed());
  EXPECT_EQ(q.push(status(TaskState::kCompleted)), 0U);
  EXPECT_EQ(q.wait_next(0, kNoWait).kind, Kind::kEvent);
  EXPECT_EQ(q.wait_next(1, kDeadline).kind, Kind::kClosed);
}

TEST(EventQueue, WaitingReaderWakesOnPush) {
  EventQueue q(4);
  EventQueue::Read read;
  std::jthread reader([&] { read = q.wait_next(0, kDeadline); });
  q.push(status(TaskState::kCompleted));
  reader.join();
  ASSERT_EQ(read.kind, Kind::kEvent);
  EXPECT_EQ(state_of(read), TaskState::kCompleted);
}

TEST(EventQueue, WaitingReaderWakesOnClose) {
  EventQueue q(4);
  EventQueue::Read read;
  std::jthread reader([&] { read = q.wait_next(0, kDeadline); });
  q.close();
  reader.join();
  EXPECT_EQ(read.kind, Kind::kClosed);
}

}  // namespace
}  // namespace agenthub::a2a
