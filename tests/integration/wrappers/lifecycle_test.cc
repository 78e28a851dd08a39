// A wrapper's life: the concurrency limit, SIGTERM with work in flight, the idle exit.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/integration/wrappers/wrapper_fixture.h"

namespace agenthub::agents::testing {
namespace {

using LifecycleTest = WrapperTest;

TEST_F(LifecycleTest, FifthTaskWaitsInSubmittedUntilOneEnds) {
  WrapperProcess* w =
      start_codex(fake_sample("codex_simple.jsonl"), {"FAKE_CLI_HANG=1"}, {"--max-tasks", "4"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  std::vector<std::string> tasks;
  for (int i = 0; i < 4; ++i) {
    tasks.push_back(submit(*client, user_message("task " + std::to_string(i), work_)));
    // Running: its CLI has announced its thread.
    ASSERT_TRUE(wait_for_run_event(*client, tasks.back(), "status_changed")) << i;
  }
  // Every slot is taken by a CLI that never ends: the fifth cannot start.
  const std::string fifth = submit(*client, user_message("task 4", work_));
  EXPECT_EQ(task_state(*client, fifth), a2a::TaskState::kSubmitted);
  EXPECT_EQ(record_events(record_, "start").size(), 4u);

  ASSERT_TRUE(cancel(*client, tasks[0]).ok());
  EXPECT_TRUE(wait_for_run_event(*client, fifth, "status_changed"));
  for (std::size_t i = 1; i < tasks.size(); ++i) ASSERT_TRUE(cancel(*client, tasks[i]).ok());
  ASSERT_TRUE(cancel(*client, fifth).ok());
  EXPECT_EQ(record_events(record_, "start").size(), 5u);
  EXPECT_TRUE(all_gone(recorded_pids(record_)));
}

TEST_F(LifecycleTest, SigtermStopsRunningAndWaitingTasksThenExitsZero) {
  WrapperProcess* codex = start_codex(fake_sample("codex_simple.jsonl"), {"FAKE_CLI_HANG=1"});
  ASSERT_NE(codex, nullptr);
  auto client = codex->client();
  const std::string task = submit(*client, user_message("hi", work_));
  ASSERT_TRUE(wait_for_run_event(*client, task, "status_changed"));
  client.reset();  // an idle keep-alive connection would only make the shutdown wait for it
  EXPECT_EQ(codex->stop().exit_code, 0);

  WrapperProcess* claude =
      start_claude(fake_sample("claude_permission.jsonl"), {}, {"--permission", "relay"});
  ASSERT_NE(claude, nullptr);
  StreamResult asked = stream(*claude->client(), user_message("hi", work_));
  ASSERT_EQ(asked.state, a2a::TaskState::kInputRequired) << asked.dump();
  EXPECT_EQ(claude->stop().exit_code, 0);

  EXPECT_EQ(record_events(record_, "start").size(), 2u);
  EXPECT_TRUE(all_gone(recorded_pids(record_)));
}

TEST_F(LifecycleTest, IdleExit) {
  WrapperProcess* w =
      start_codex(fake_sample("codex_simple.jsonl"), {}, {"--idle-exit-after", "1"});
  ASSERT_NE(w, nullptr);
  StreamResult r = stream(*w->client(), user_message("hi", work_));
  EXPECT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  // Nothing else comes: it leaves on its own.
  auto status = w->process().wait_for(kWrapperDeadline);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->exit_code, 0);
  EXPECT_EQ(status->term_signal, 0);
}

}  // namespace
}  // namespace agenthub::agents::testing
