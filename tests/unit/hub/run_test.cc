#include "hub/run.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "hub/event_file_reader.h"
#include "temp_dir.h"

namespace agenthub::hub {
namespace {

using testing::TempDir;

class RunTest : public ::testing::Test {
 protected:
  std::shared_ptr<hub::Run> make_run() {
    RunRecord record;
    record.run_id = new_uuid_v7();
    record.backend = Backend::kRemoteA2a;
    record.role = Role::kWorker;
    record.session_id = new_uuid_v4();
    record.status = RunStatus::kQueued;
    record.cwd = (root_.path() / "cwd").string();
    record.started_at = iso8601_now();
    record.updated_at = record.started_at;
    auto run = Run::create(record, store_, {{"prompt", "p"}});
    EXPECT_TRUE(run.ok()) << run.error().message;
    return run.ok() ? std::move(run).value() : nullptr;
  }

  std::vector<RunEvent> all_events(const hub::Run& run) {
    auto events = read_events_after(run.dir(), 0, 100000);
    EXPECT_TRUE(events.ok());
    return events.ok() ? std::move(events).value() : std::vector<RunEvent>{};
  }

  static int terminal_events(const std::vector<RunEvent>& events) {
    int n = 0;
    for (const auto& e : events) {
      const bool cancelled = e.type == EventType::kStatusChanged &&
                             e.data.value("status", "") == std::string("cancelled");
      n += (e.type == EventType::kRunCompleted || e.type == EventType::kRunFailed ||
            e.type == EventType::kRejected || cancelled)
               ? 1
               : 0;
    }
    return n;
  }

  TempDir root_{"hub-run"};
  RunStore store_{RunIndex(root_.path() / "index")};
};

TEST_F(RunTest, CreateWritesRunJsonAndRunStarted) {
  auto run = make_run();
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status(), RunStatus::kQueued);
  EXPECT_FALSE(run->terminal());
  auto events = all_events(*run);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].seq, 1);
  EXPECT_EQ(events[0].type, EventType::kRunStarted);
  EXPECT_EQ(events[0].data["prompt"], "p");
  auto stored = store_.find_run(run->id());
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_EQ(stored->status, RunStatus::kQueued);
  EXPECT_EQ(run->snapshot().last_seq, 1);  // run.json's copy is refreshed on status changes
}

TEST_F(RunTest, ApplyMovesStatusAndStatusChangedGetsTheTruePreviousStatus) {
  auto run = make_run();
  ASSERT_TRUE(run);
  ASSERT_TRUE(run->apply({}, RunStatus::kRunning));
  EXPECT_EQ(run->status(), RunStatus::kRunning);
  ASSERT_TRUE(run->apply(
      {{EventType::kStatusChanged, {{"status", "input_required"}, {"previous_status", "queued"}}},
       {EventType::kInputRequired, {{"message", "which?"}}}},
      RunStatus::kUnknown));
  EXPECT_EQ(run->status(), RunStatus::kInputRequired);
  auto events = all_events(*run);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].data["previous_status"], "running");  // not the agent's claim
  EXPECT_EQ(events[2].type, EventType::kInputRequired);
  EXPECT_EQ(store_.find_run(run->id())->status, RunStatus::kInputRequired);
}

TEST_F(RunTest, ApplyDoesNotAcceptATerminalStatus) {
  auto run = make_run();
  ASSERT_TRUE(run);
  ASSERT_TRUE(
      run->apply({{EventType::kStatusChanged, {{"status", "completed"}}}}, RunStatus::kCompleted));
  EXPECT_FALSE(run->terminal());
}

TEST_F(RunTest, FinishCompletedWritesResultAndOneTerminalEvent) {
  auto run = make_run();
  ASSERT_TRUE(run);
  RunResult result;
  result.final_response = "done\nwell";
  result.usage = {{"tokens", 5}};
  ASSERT_TRUE(run->finish(RunStatus::kCompleted, result, ""));
  EXPECT_FALSE(run->finish(RunStatus::kFailed, std::nullopt, "late"));
  EXPECT_FALSE(run->emit(EventType::kAgentMessage, {{"text", "after the end"}}));
  EXPECT_FALSE(run->apply({{EventType::kAgentMessage, {{"text", "x"}}}}, RunStatus::kRunning));

  auto events = all_events(*run);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].type, EventType::kRunCompleted);
  EXPECT_EQ(events[1].data["final_response"], "done\nwell");
  EXPECT_EQ(events[1].data["usage"]["tokens"], 5);
  EXPECT_EQ(events[1].data["status"], "completed");

  RunRecord record = run->snapshot();
  EXPECT_EQ(record.status, RunStatus::kCompleted);
  EXPECT_FALSE(record.completed_at.empty());
  EXPECT_TRUE(record.error.empty());
  EXPECT_EQ(record.summary, "done well");
  EXPECT_EQ(record.last_seq, 2);
  auto stored = store_.load_result(record.cwd, run->id());
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->final_response, "done\nwell");
}

TEST_F(RunTest, FinishShapesOfEachTerminalStatus) {
  struct Case {
    RunStatus status;
    EventType type;
    const char* key;
  };
  for (const Case& c : {Case{RunStatus::kFailed, EventType::kRunFailed, "error"},
                        Case{RunStatus::kRejected, EventType::kRejected, "reason"},
                        Case{RunStatus::kCancelled, EventType::kStatusChanged, "reason"}}) {
    auto run = make_run();
    ASSERT_TRUE(run);
    ASSERT_TRUE(run->finish(c.status, std::nullopt, "because"));
    auto events = all_events(*run);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[1].type, c.type);
    EXPECT_EQ(events[1].data[c.key], "because");
    EXPECT_EQ(events[1].data["status"], run_status_name(c.status));
    RunRecord record = run->snapshot();
    EXPECT_EQ(record.status, c.status);
    EXPECT_EQ(record.error, "because");
    EXPECT_EQ(record.cancelled_at.empty(), c.status != RunStatus::kCancelled);
  }
}

// Regression (old tool: cancel racing with completion reported completed after the cancel was
// acknowledged): many threads end the run at once; exactly one wins and the log holds exactly
// one terminal event, the winner's.
TEST_F(RunTest, ConcurrentFinishHasOneWinnerAndOneTerminalEvent) {
  for (int round = 0; round < 20; ++round) {
    auto run = make_run();
    ASSERT_TRUE(run);
    ASSERT_TRUE(run->apply({}, RunStatus::kRunning));
    const RunStatus statuses[] = {RunStatus::kCompleted, RunStatus::kCancelled, RunStatus::kFailed,
                                  RunStatus::kCancelled};
    std::atomic<int> winners{0};
    std::atomic<int> winner_index{-1};
    std::atomic<bool> go{false};
    {
      std::vector<std::jthread> threads;
      for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
          while (!go.load()) std::this_thread::yield();
          RunResult result;
          result.final_response = "r";
          if (run->finish(statuses[i], result, "e")) {
            ++winners;
            winner_index = i;
          }
        });
      }
      go = true;
    }
    EXPECT_EQ(winners.load(), 1);
    ASSERT_GE(winner_index.load(), 0);
    EXPECT_EQ(run->status(), statuses[winner_index.load()]);
    auto events = all_events(*run);
    EXPECT_EQ(terminal_events(events), 1);
    EXPECT_EQ(store_.find_run(run->id())->status, statuses[winner_index.load()]);
  }
}

// Regression (old tool: duplicate seq possible under concurrent writers).
TEST_F(RunTest, ConcurrentWritersGetContiguousUniqueSeqs) {
  auto run = make_run();
  ASSERT_TRUE(run);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          if (i % 2 == 0) {
            EXPECT_TRUE(run->emit(EventType::kAgentMessage, {{"text", std::to_string(t)}}));
          } else {
            EXPECT_TRUE(
                run->apply({{EventType::kReasoning, {{"text", "r"}}}}, RunStatus::kRunning));
          }
        }
      });
    }
  }
  ASSERT_TRUE(run->finish(RunStatus::kCompleted, RunResult{}, ""));
  auto events = all_events(*run);
  ASSERT_EQ(events.size(), static_cast<std::size_t>(kThreads * kPerThread + 2));
  for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].seq, std::int64_t(i + 1));
  EXPECT_EQ(events.back().type, EventType::kRunCompleted);
  EXPECT_EQ(run->snapshot().last_seq, std::int64_t(events.size()));
}

TEST(SummarizeText, OneLineAndBounded) {
  EXPECT_EQ(summarize_text("a\nb\tc\rd"), "a b c d");
  std::string long_text(500, 'x');
  std::string summary = summarize_text(long_text);
  EXPECT_EQ(summary, std::string(200, 'x') + "...");
  // Cut on a character boundary.
  std::string accents;
  for (int i = 0; i < 300; ++i) accents += "é";
  summary = summarize_text(accents);
  EXPECT_EQ(summary.size(), 400u + 3u);
}

}  // namespace
}  // namespace agenthub::hub
