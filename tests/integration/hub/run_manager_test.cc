// RunManager against real a2a-echo-agent processes on loopback (backend remote_a2a).

#include "hub/run_manager.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <future>
#include <set>
#include <thread>

#include "a2a/client/client.h"
#include "core/fs.h"
#include "hub/storage_layout.h"
#include "hub_fixture.h"

namespace agenthub::hub::testing {
namespace {

namespace fsys = std::filesystem;
using ::testing::HasSubstr;

Json text_message_json(const std::string& text) {
  return {{"role", "user"}, {"parts", {{{"type", "text"}, {"text", text}}}}};
}

class RunManagerTest : public HubTest {
 protected:
  void SetUp() override {
    auto agent = AgentProcess::echo_agent();
    ASSERT_TRUE(agent.ok()) << agent.error().message;
    echo_ = std::move(agent).value();
  }

  std::unique_ptr<AgentProcess> echo_;
};

TEST_F(RunManagerTest, CompletedRunEventsAndResult) {
  Json spawned = ok_json(manager_->spawn_run(remote("hello", echo_->url())), "spawn_run");
  ASSERT_TRUE(spawned.is_object());
  EXPECT_EQ(spawned["backend"], "remote_a2a");
  EXPECT_EQ(spawned["role"], "worker");
  EXPECT_FALSE(spawned["session_id"].get<std::string>().empty());
  EXPECT_THAT(spawned["status"].get<std::string>(),
              ::testing::AnyOf("queued", "running", "completed"));
  const std::string id = spawned["run_id"];
  ASSERT_EQ(wait_terminal(id), "completed");

  auto all = events(id);
  ASSERT_GE(all.size(), 3u);
  EXPECT_TRUE(contiguous_from_one(all));
  EXPECT_EQ(all.front()["type"], "run_started");
  EXPECT_EQ(all.front()["data"]["prompt"], "hello");
  EXPECT_EQ(all.front()["data"]["agent_url"], echo_->url());
  EXPECT_EQ(all.back()["type"], "run_completed");
  EXPECT_EQ(all.back()["data"]["final_response"], "echo: hello");
  EXPECT_EQ(terminal_event_count(all), 1);
  for (const auto& e : all) {
    EXPECT_EQ(e["run_id"], id);
    EXPECT_EQ(e["session_id"], spawned["session_id"]);
    EXPECT_EQ(e["backend"], "remote_a2a");
    EXPECT_FALSE(e["ts"].get<std::string>().empty());
  }
  const auto types = types_of(all);
  EXPECT_THAT(types, ::testing::Contains("agent_message"));  // the working updates
  EXPECT_THAT(types, ::testing::Contains("artifact_added"));
  EXPECT_THAT(types, ::testing::Contains("status_changed"));

  Json run = get_run(id);
  EXPECT_EQ(run["status"], "completed");
  EXPECT_EQ(run["result"]["final_response"], "echo: hello");
  ASSERT_EQ(run["result"]["artifacts"].size(), 1u);
  EXPECT_EQ(run["result"]["artifacts"][0]["name"], "echo");
  EXPECT_EQ(run["result"]["artifacts"][0]["text"], "echo: hello");
  EXPECT_TRUE(run["error"].is_null()) << run["error"];
  EXPECT_EQ(run["summary"], "echo: hello");
  EXPECT_EQ(run["last_seq"], all.back()["seq"]);
  EXPECT_EQ(run["cwd"], cwd_.string());
  EXPECT_EQ(run["remote_ref"]["agent_url"], echo_->url());
  EXPECT_EQ(run["remote_ref"]["agent_name"], "echo-agent");
  EXPECT_FALSE(run["remote_ref"]["task_id"].get<std::string>().empty());
  EXPECT_FALSE(run["remote_ref"]["context_id"].get<std::string>().empty());

  const fsys::path dir = run_dir(cwd_, id);
  Json result = read_json_file(dir / "result.json");
  EXPECT_EQ(result["final_response"], "echo: hello");
  EXPECT_EQ(result["artifacts"].size(), 1u);
  Json record = read_json_file(dir / "run.json");
  EXPECT_EQ(record["status"], "completed");
  EXPECT_FALSE(record["completed_at"].get<std::string>().empty());
  EXPECT_EQ(record["last_seq"], all.back()["seq"]);
  Json session = read_json_file(session_file(cwd_, spawned["session_id"].get<std::string>()));
  EXPECT_EQ(session["backend"], "remote_a2a");
  EXPECT_EQ(session["cwd"], cwd_.string());
  EXPECT_EQ(session["remote_ref"]["context_id"], run["remote_ref"]["context_id"]);
}

TEST_F(RunManagerTest, FailingAgentFailsTheRunWithItsReason) {
  const std::string id = spawn_prompt("fail: the disk is full", echo_->url());
  ASSERT_EQ(wait_terminal(id), "failed");
  auto all = events(id);
  EXPECT_EQ(all.back()["type"], "run_failed");
  EXPECT_EQ(terminal_event_count(all), 1);
  Json run = get_run(id);
  EXPECT_THAT(run["error"].get<std::string>(), HasSubstr("the disk is full"));
}

TEST_F(RunManagerTest, AgentThatThrowsFailsTheRunAndKeepsServing) {
  const std::string bad = spawn_prompt("throw: kaboom", echo_->url());
  ASSERT_EQ(wait_terminal(bad), "failed");
  const std::string good = spawn_prompt("fine", echo_->url());
  EXPECT_EQ(wait_terminal(good), "completed");
}

TEST_F(RunManagerTest, RejectedMessageFailsTheRunNamingTheAgent) {
  const std::string id = spawn_prompt("reject: not today", echo_->url());
  const std::string status = wait_terminal(id);
  EXPECT_THAT(status, ::testing::AnyOf("failed", "rejected"));
  Json run = get_run(id);
  EXPECT_THAT(run["error"].get<std::string>(), HasSubstr("not today"));
  EXPECT_THAT(run["error"].get<std::string>(), HasSubstr(echo_->url()));
  EXPECT_EQ(terminal_event_count(events(id)), 1);
}

TEST_F(RunManagerTest, PollReturnsAsSoonAsAnEventArrives) {
  // A slow run reports once a second for ten seconds: a poll that returns with the run still
  // running came back on the first new event, not at the end of its wait.
  const std::string id = spawn_prompt("slow: take your time", echo_->url());
  Json first = wait_event(id, "agent_message");
  ASSERT_TRUE(first.is_object());
  const std::int64_t after = first["seq"];
  auto waiting = std::async(std::launch::async, [&] {
    return manager_->poll_events({id, after, 1000, 30000, {}});
  });
  auto page = waiting.get();
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_FALSE((*page)["events"].empty());
  EXPECT_EQ((*page)["events"][0]["seq"], after + 1);
  EXPECT_EQ((*page)["status"], "running");
  EXPECT_EQ((*page)["next_after_seq"], (*page)["events"].back()["seq"]);
  ok_json(manager_->cancel_run(id), "cancel_run");
  EXPECT_EQ(wait_terminal(id), "cancelled");
}

TEST_F(RunManagerTest, WaitingPollWakesOnContinue) {
  const std::string id = spawn_prompt("ask: which colour?", echo_->url());
  ASSERT_EQ(wait_for(id, {"input_required"}), "input_required");
  const std::int64_t after = events(id).back()["seq"];
  // The poll starts waiting (nothing is newer than `after` while the run waits for input);
  // continue_run then appends status_changed, which must wake it.
  auto waiting = std::async(std::launch::async, [&] {
    return manager_->poll_events({id, after, 1000, 30000, {}});
  });
  ok_json(manager_->continue_run(id, text_message_json("blue")), "continue_run");
  auto page = waiting.get();
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_FALSE((*page)["events"].empty());
  EXPECT_EQ((*page)["events"][0]["seq"], after + 1);
  EXPECT_EQ((*page)["events"][0]["type"], "status_changed");
  EXPECT_EQ(wait_terminal(id), "completed");
}

TEST_F(RunManagerTest, PollRespectsLimitAndNextAfterSeq) {
  const std::string id = spawn_prompt("hello", echo_->url());
  ASSERT_EQ(wait_terminal(id), "completed");
  const auto all = events(id);
  ASSERT_GE(all.size(), 4u);

  Json page = ok_json(manager_->poll_events({id, 0, 2, 0, {}}), "poll");
  ASSERT_EQ(page["events"].size(), 2u);
  EXPECT_EQ(page["events"][0]["seq"], 1);
  EXPECT_EQ(page["events"][1]["seq"], 2);
  EXPECT_EQ(page["next_after_seq"], 2);
  page = ok_json(manager_->poll_events({id, 2, 2, 0, {}}), "poll");
  ASSERT_EQ(page["events"].size(), 2u);
  EXPECT_EQ(page["events"][0]["seq"], 3);
  EXPECT_EQ(page["next_after_seq"], 4);
  EXPECT_EQ(page["status"], "completed");

  // Nothing after the last event: empty, next_after_seq unchanged, and a terminal run does
  // not wait.
  const std::int64_t last = all.back()["seq"];
  page = ok_json(manager_->poll_events({id, last, 100, 30000, {}}), "poll");
  EXPECT_TRUE(page["events"].empty());
  EXPECT_EQ(page["next_after_seq"], last);
  // after_seq beyond the end behaves the same.
  page = ok_json(manager_->poll_events({id, last + 50, 100, 0, {}}), "poll");
  EXPECT_TRUE(page["events"].empty());
  EXPECT_EQ(page["next_after_seq"], last + 50);

  auto negative = manager_->poll_events({id, -1, 100, 0, {}});
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(negative.error().message, HasSubstr("after_seq"));

  auto unknown = manager_->poll_events({"no-such-run", 0, 100, 0, {}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(unknown.error().message, HasSubstr("no-such-run"));
  auto traversal = manager_->get_run("../../etc");
  ASSERT_FALSE(traversal.ok());
  EXPECT_EQ(traversal.error().code, ErrorCode::kNotFound);
}

TEST_F(RunManagerTest, StopTokenEndsAWaitingPoll) {
  const std::string id = spawn_prompt("ask: anyone?", echo_->url());
  ASSERT_EQ(wait_for(id, {"input_required"}), "input_required");
  const std::int64_t last = events(id).back()["seq"];
  std::stop_source stop;
  auto waiting = std::async(std::launch::async, [&] {
    return manager_->poll_events({id, last, 100, 30000, stop.get_token()});
  });
  stop.request_stop();
  auto page = waiting.get();
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_TRUE((*page)["events"].empty());
  EXPECT_EQ((*page)["status"], "input_required");
}

TEST_F(RunManagerTest, InputRequiredThenContinueWithBearerAuth) {
  auto secured = AgentProcess::echo_agent("tok-continue-1");
  ASSERT_TRUE(secured.ok()) << secured.error().message;
  const std::string url = (*secured)->url();
  const std::string id =
      spawn_prompt("ask: which colour?", url, {{"auth_token", "tok-continue-1"}});
  ASSERT_EQ(wait_for(id, {"input_required"}), "input_required");
  auto all = events(id);
  EXPECT_EQ(all.back()["type"], "input_required");
  EXPECT_EQ(all.back()["data"]["message"], "question: which colour? (reply to continue)");
  EXPECT_EQ(get_run(id)["status"], "input_required");

  Json continued = ok_json(manager_->continue_run(id, text_message_json("blue")), "continue_run");
  EXPECT_EQ(continued["run_id"], id);
  EXPECT_THAT(continued["status"].get<std::string>(), ::testing::AnyOf("running", "completed"));
  ASSERT_EQ(wait_terminal(id), "completed");
  Json run = get_run(id);
  EXPECT_EQ(run["result"]["final_response"], "echo: blue");
  all = events(id);
  EXPECT_TRUE(contiguous_from_one(all));
  EXPECT_EQ(terminal_event_count(all), 1);
  EXPECT_EQ(all.back()["type"], "run_completed");
}

TEST_F(RunManagerTest, MissingTokenFailsTheRunNamingTheUrl) {
  auto secured = AgentProcess::echo_agent("tok-needed");
  ASSERT_TRUE(secured.ok()) << secured.error().message;
  const std::string id = spawn_prompt("hello", (*secured)->url());
  ASSERT_EQ(wait_terminal(id), "failed");
  EXPECT_THAT(get_run(id)["error"].get<std::string>(), HasSubstr((*secured)->url()));
}

TEST_F(RunManagerTest, ContinueRunErrors) {
  const std::string done = spawn_prompt("hello", echo_->url());
  ASSERT_EQ(wait_terminal(done), "completed");
  auto not_waiting = manager_->continue_run(done, text_message_json("more"));
  ASSERT_FALSE(not_waiting.ok());
  EXPECT_EQ(not_waiting.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(not_waiting.error().message, HasSubstr("is completed"));
  EXPECT_THAT(not_waiting.error().message, HasSubstr("input_required"));

  const std::string busy = spawn_prompt("slow: working", echo_->url());
  ASSERT_TRUE(wait_event(busy, "agent_message").is_object());  // "working 1/10": running
  auto running = manager_->continue_run(busy, text_message_json("more"));
  ASSERT_FALSE(running.ok());
  EXPECT_EQ(running.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(running.error().message, HasSubstr("is running"));
  ok_json(manager_->cancel_run(busy), "cancel_run");

  auto unknown = manager_->continue_run("nope", text_message_json("x"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);

  const std::string asking = spawn_prompt("ask: q", echo_->url());
  ASSERT_EQ(wait_for(asking, {"input_required"}), "input_required");
  auto bad = manager_->continue_run(asking, {{"role", "user"}, {"parts", Json::array()}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(bad.error().message, HasSubstr("input_message.parts"));
  auto missing = manager_->continue_run(asking, nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(get_run(asking)["status"], "input_required");  // a refused continue changes nothing
}

TEST_F(RunManagerTest, ConcurrentContinuesAcceptOnlyOne) {
  // Two callers answer the same question at once: one answer is taken, the other is refused;
  // the run is never driven by two turns.
  constexpr int kRounds = 10;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE(round);
    const std::string id = spawn_prompt("ask: who answers?", echo_->url());
    ASSERT_EQ(wait_for(id, {"input_required"}), "input_required");
    std::atomic<int> accepted{0};
    std::atomic<bool> go{false};
    {
      std::vector<std::jthread> callers;
      for (int i = 0; i < 2; ++i) {
        callers.emplace_back([&, i] {
          while (!go.load()) std::this_thread::yield();
          auto r = manager_->continue_run(id, text_message_json("caller " + std::to_string(i)));
          if (r.ok()) {
            ++accepted;
          } else {
            EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition) << r.error().message;
          }
        });
      }
      go = true;
    }
    EXPECT_EQ(accepted.load(), 1);
    ASSERT_EQ(wait_terminal(id), "completed") << get_run(id)["error"];
    EXPECT_THAT(get_run(id)["result"]["final_response"].get<std::string>(),
                ::testing::StartsWith("echo: caller "));
  }
}

TEST_F(RunManagerTest, CancelSlowRunIsFinalAndReachesTheAgent) {
  const std::string id = spawn_prompt("slow: long job", echo_->url());
  Json first = wait_event(id, "agent_message");  // the task exists on the agent
  ASSERT_TRUE(first.is_object());
  Json cancelled = ok_json(manager_->cancel_run(id), "cancel_run");
  EXPECT_EQ(cancelled["run_id"], id);
  EXPECT_EQ(cancelled["status"], "cancelled");
  ASSERT_TRUE(cancelled["cancelled_at"].is_string());
  // Cancelling again answers the same.
  Json again = ok_json(manager_->cancel_run(id), "cancel_run");
  EXPECT_EQ(again["status"], "cancelled");
  EXPECT_EQ(again["cancelled_at"], cancelled["cancelled_at"]);

  const std::string task_id = get_run(id)["remote_ref"]["task_id"];
  // After every thread of the hub has stopped (the CancelTask call included), the agent has
  // cancelled its task and the run is still cancelled, ended once.
  restart();
  auto client = a2a::Client::connect(echo_->url());
  ASSERT_TRUE(client.ok()) << client.error().message;
  auto task = (*client)->get_task({task_id, std::nullopt});
  ASSERT_TRUE(task.ok()) << task.error().message;
  EXPECT_EQ(task->status.state, a2a::TaskState::kCanceled);

  Json run = get_run(id);
  EXPECT_EQ(run["status"], "cancelled");
  auto all = events(id);
  EXPECT_EQ(terminal_event_count(all), 1);
  EXPECT_EQ(all.back()["type"], "status_changed");
  EXPECT_EQ(all.back()["data"]["status"], "cancelled");
  EXPECT_THAT(types_of(all), ::testing::Not(::testing::Contains("run_completed")));
  Json record = read_json_file(run_dir(cwd_, id) / "run.json");
  EXPECT_EQ(record["cancelled_at"], cancelled["cancelled_at"]);
}

TEST_F(RunManagerTest, CancelUnknownRunIsNotFound) {
  auto missing = manager_->cancel_run("does-not-exist");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(missing.error().message, HasSubstr("does-not-exist"));
}

TEST_F(RunManagerTest, CancelWhileWaitingForInput) {
  const std::string id = spawn_prompt("ask: now?", echo_->url());
  ASSERT_EQ(wait_for(id, {"input_required"}), "input_required");
  Json cancelled = ok_json(manager_->cancel_run(id), "cancel_run");
  EXPECT_EQ(cancelled["status"], "cancelled");
  auto late = manager_->continue_run(id, text_message_json("too late"));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(terminal_event_count(events(id)), 1);
}

TEST_F(RunManagerTest, ResumeErrors) {
  const std::string first = spawn_prompt("hello", echo_->url());
  ASSERT_EQ(wait_terminal(first), "completed");
  const std::string session = get_run(first)["session_id"];

  ScratchDir other("agenthub-hub-it-other");
  SpawnRunRequest elsewhere = remote("again", echo_->url());
  elsewhere.session_mode = "resume";
  elsewhere.session_id = session;
  elsewhere.cwd = other.path().string();
  auto wrong_cwd = manager_->spawn_run(elsewhere);
  ASSERT_FALSE(wrong_cwd.ok());
  EXPECT_EQ(wrong_cwd.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(wrong_cwd.error().message, HasSubstr("not found under cwd " + other.path().string()));

  SpawnRunRequest other_backend = remote("again", echo_->url());
  other_backend.backend = "codex";
  other_backend.backend_config = nullptr;
  other_backend.session_mode = "resume";
  other_backend.session_id = session;
  auto wrong_backend = manager_->spawn_run(other_backend);
  ASSERT_FALSE(wrong_backend.ok());
  EXPECT_EQ(wrong_backend.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(wrong_backend.error().message, HasSubstr("belongs to backend remote_a2a, not codex"));

  auto another = AgentProcess::echo_agent();
  ASSERT_TRUE(another.ok());
  SpawnRunRequest other_agent = remote("again", (*another)->url());
  other_agent.session_mode = "resume";
  other_agent.session_id = session;
  auto wrong_agent = manager_->spawn_run(other_agent);
  ASSERT_FALSE(wrong_agent.ok());
  EXPECT_EQ(wrong_agent.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(wrong_agent.error().message, HasSubstr("lives on " + echo_->url()));

  SpawnRunRequest unknown = remote("again", echo_->url());
  unknown.session_mode = "resume";
  unknown.session_id = "no-such-session";
  auto missing = manager_->spawn_run(unknown);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(missing.error().message, HasSubstr("no-such-session"));

  // None of the refused spawns left a run behind.
  Json listed = ok_json(manager_->list_runs({}), "list_runs");
  EXPECT_EQ(listed["runs"].size(), 1u);
}

TEST_F(RunManagerTest, ResumeInTheSameProcessMayOmitBackendConfig) {
  auto secured = AgentProcess::echo_agent("tok-resume");
  ASSERT_TRUE(secured.ok()) << secured.error().message;
  const std::string first =
      spawn_prompt("hello", (*secured)->url(), {{"auth_token", "tok-resume"}});
  ASSERT_EQ(wait_terminal(first), "completed");
  SpawnRunRequest again;
  again.backend = "remote_a2a";
  again.role = "reviewer";
  again.prompt = "once more";
  again.cwd = cwd_.string();
  again.session_mode = "resume";
  again.session_id = get_run(first)["session_id"];
  const std::string second = spawn(again);
  ASSERT_EQ(wait_terminal(second), "completed");
  Json run = get_run(second);
  EXPECT_EQ(run["result"]["final_response"], "echo: once more");
  EXPECT_EQ(run["role"], "reviewer");
  EXPECT_EQ(run["remote_ref"]["context_id"], get_run(first)["remote_ref"]["context_id"]);
}

TEST_F(RunManagerTest, LargeOutputIsMovedAndPagedBackExactly) {
  std::string big;
  for (int i = 0; big.size() < 200 * 1024; ++i) big += "line " + std::to_string(i) + " ünïcödé ✓\n";
  const std::string expected = "echo: " + big;
  const std::string id = spawn_prompt(big, echo_->url());
  ASSERT_EQ(wait_terminal(id), "completed");

  Json artifact_event;
  Json completed_event;
  for (const auto& e : events(id)) {
    if (e["type"] == "artifact_added") artifact_event = e;
    if (e["type"] == "run_completed") completed_event = e;
    EXPECT_LE(dump_json(e).size(), 20u * 1024) << e["type"];
  }
  ASSERT_TRUE(artifact_event.is_object());
  ASSERT_TRUE(artifact_event["data"]["artifact_refs"].contains("/text"));
  const Json ref = artifact_event["data"]["artifact_refs"]["/text"];
  EXPECT_EQ(ref["total_bytes"], expected.size());
  EXPECT_LT(artifact_event["data"]["text"].get<std::string>().size(), expected.size());

  auto page_all = [&](std::int64_t seq, const std::string& field, std::int64_t limit) {
    std::string content;
    std::int64_t offset = 0;
    for (int pages = 0; pages < 1000; ++pages) {
      auto page = manager_->get_event_artifact({id, seq, field, offset, limit});
      if (!page.ok()) {
        ADD_FAILURE() << page.error().message;
        break;
      }
      EXPECT_EQ((*page)["run_id"], id);
      EXPECT_EQ((*page)["seq"], seq);
      EXPECT_EQ((*page)["field_path"], field);
      EXPECT_EQ((*page)["offset"], offset);
      EXPECT_EQ((*page)["total_bytes"], expected.size());
      EXPECT_EQ((*page)["encoding"], "utf-8");
      EXPECT_FALSE((*page)["relpath"].get<std::string>().empty());
      content += (*page)["content"].get<std::string>();
      offset += (*page)["returned_bytes"].get<std::int64_t>();
      if (!(*page)["has_more"].get<bool>()) break;
    }
    return content;
  };
  const std::int64_t artifact_seq = artifact_event["seq"];
  EXPECT_EQ(page_all(artifact_seq, "/text", 65536), expected);
  EXPECT_EQ(page_all(artifact_seq, "/text", 262144), expected);
  EXPECT_EQ(page_all(artifact_seq, "/text", 1000), expected);  // many pages, split characters
  ASSERT_TRUE(completed_event["data"]["artifact_refs"].contains("/final_response"));
  EXPECT_EQ(page_all(completed_event["seq"].get<std::int64_t>(), "/final_response", 65536),
            expected);
  EXPECT_EQ(get_run(id)["result"]["final_response"], expected);

  // Errors: a field that was not moved, not a pointer, offset past the end, bad limits/seqs.
  auto not_moved = manager_->get_event_artifact({id, artifact_seq, "/name", 0, 100});
  ASSERT_FALSE(not_moved.ok());
  EXPECT_THAT(not_moved.error().message, HasSubstr("/name"));
  auto not_pointer = manager_->get_event_artifact({id, artifact_seq, "text", 0, 100});
  ASSERT_FALSE(not_pointer.ok());
  auto past_end = manager_->get_event_artifact(
      {id, artifact_seq, "/text", static_cast<std::int64_t>(expected.size()) + 1, 100});
  ASSERT_FALSE(past_end.ok());
  EXPECT_THAT(past_end.error().message, HasSubstr("offset"));
  auto zero_limit = manager_->get_event_artifact({id, artifact_seq, "/text", 0, 0});
  ASSERT_FALSE(zero_limit.ok());
  EXPECT_EQ(zero_limit.error().code, ErrorCode::kInvalidArgument);
  auto huge_limit = manager_->get_event_artifact({id, artifact_seq, "/text", 0, 262145});
  ASSERT_FALSE(huge_limit.ok());
  EXPECT_EQ(huge_limit.error().code, ErrorCode::kInvalidArgument);
  auto seq_zero = manager_->get_event_artifact({id, 0, "/text", 0, 100});
  ASSERT_FALSE(seq_zero.ok());
  EXPECT_EQ(seq_zero.error().code, ErrorCode::kInvalidArgument);
  auto no_event = manager_->get_event_artifact({id, 100000, "/text", 0, 100});
  ASSERT_FALSE(no_event.ok());
  auto no_run = manager_->get_event_artifact({"nope", 1, "/text", 0, 100});
  ASSERT_FALSE(no_run.ok());
  EXPECT_EQ(no_run.error().code, ErrorCode::kNotFound);
}

// The limit itself: Regression.ConcurrencyLimitQueuesRuns.
TEST_F(RunManagerTest, AWaitingRunDoesNotHoldASlot) {
  RunManagerOptions one = options();
  one.max_concurrent_runs = 1;
  start_manager(one);
  const std::string asking = spawn_prompt("ask: later", echo_->url());
  ASSERT_EQ(wait_for(asking, {"input_required"}), "input_required");
  const std::string other = spawn_prompt("meanwhile", echo_->url());
  EXPECT_EQ(wait_terminal(other), "completed");
  ok_json(manager_->continue_run(asking, text_message_json("now")), "continue_run");
  EXPECT_EQ(wait_terminal(asking), "completed");
}

TEST_F(RunManagerTest, RestartedManagerFindsRunsById) {
  std::string big(50 * 1024, 'z');
  const std::string id = spawn_prompt(big, echo_->url());
  ASSERT_EQ(wait_terminal(id), "completed");
  const auto before = events(id);
  Json run_before = get_run(id);

  restart();
  Json run = get_run(id);
  EXPECT_EQ(run, run_before);
  EXPECT_EQ(run["result"]["final_response"], "echo: " + big);
  EXPECT_EQ(events(id), before);
  Json page = ok_json(manager_->poll_events({id, 1, 2, 20000, {}}), "poll_events");
  ASSERT_EQ(page["events"].size(), 2u);
  EXPECT_EQ(page["events"][0]["seq"], 2);
  EXPECT_EQ(page["next_after_seq"], 3);
  EXPECT_EQ(page["status"], "completed");

  const Json& last = before.back();
  ASSERT_TRUE(last["data"]["artifact_refs"].contains("/final_response"));
  Json slice = ok_json(manager_->get_event_artifact(
                           {id, last["seq"].get<std::int64_t>(), "/final_response", 0, 262144}),
                       "artifact");
  EXPECT_EQ(slice["content"], "echo: " + big);
  EXPECT_FALSE(slice["has_more"].get<bool>());
  auto bad = manager_->get_event_artifact({id, last["seq"].get<std::int64_t>(), "/nothing", 0, 10});
  EXPECT_FALSE(bad.ok());
  auto no_event = manager_->get_event_artifact({id, 9999, "/text", 0, 10});
  ASSERT_FALSE(no_event.ok());
  EXPECT_EQ(no_event.error().code, ErrorCode::kNotFound);

  Json cancelled = ok_json(manager_->cancel_run(id), "cancel_run");
  EXPECT_EQ(cancelled["status"], "completed");
  EXPECT_TRUE(cancelled["cancelled_at"].is_null());
  auto continued = manager_->continue_run(id, text_message_json("x"));
  ASSERT_FALSE(continued.ok());
  EXPECT_EQ(continued.error().code, ErrorCode::kFailedPrecondition);
  Json listed = ok_json(manager_->list_runs({}), "list_runs");
  ASSERT_EQ(listed["runs"].size(), 1u);
  EXPECT_EQ(listed["runs"][0], run);
}

TEST_F(RunManagerTest, ListRunsFilters) {
  ScratchDir other("agenthub-hub-it-list");
  const std::string ok_here = spawn_prompt("one", echo_->url());
  const std::string failed_here = spawn_prompt("fail: nope", echo_->url());
  SpawnRunRequest there = remote("two", echo_->url());
  there.cwd = other.path().string();
  there.role = "planner";
  const std::string ok_there = spawn(there);
  for (const auto& id : {ok_here, failed_here, ok_there}) wait_terminal(id);

  auto ids = [&](const ListRunsRequest& request) {
    Json listed = ok_json(manager_->list_runs(request), "list_runs");
    std::vector<std::string> out;
    for (const auto& r : listed["runs"]) out.push_back(r["run_id"]);
    return out;
  };
  // Newest first.
  EXPECT_EQ(ids({}), (std::vector<std::string>{ok_there, failed_here, ok_here}));
  EXPECT_EQ(ids({"failed", {}, {}}), (std::vector<std::string>{failed_here}));
  EXPECT_EQ(ids({"completed", {}, {}}), (std::vector<std::string>{ok_there, ok_here}));
  EXPECT_TRUE(ids({"running", {}, {}}).empty());
  EXPECT_TRUE(ids({{}, "codex", {}}).empty());
  EXPECT_EQ(ids({{}, "remote_a2a", {}}).size(), 3u);
  EXPECT_EQ(ids({{}, {}, other.path().string()}), (std::vector<std::string>{ok_there}));
  EXPECT_EQ(ids({{}, {}, other.path().string() + "/"}), (std::vector<std::string>{ok_there}));
  EXPECT_EQ(ids({"completed", "remote_a2a", cwd_.string()}), (std::vector<std::string>{ok_here}));

  Json listed = ok_json(manager_->list_runs({}), "list_runs");
  for (const auto& r : listed["runs"]) {
    for (const char* key :
         {"run_id", "backend", "role", "session_id", "status", "started_at", "updated_at",
          "summary", "last_seq", "cwd", "metadata", "remote_ref", "result", "error"}) {
      EXPECT_TRUE(r.contains(key)) << key;
    }
  }

  auto bad_status = manager_->list_runs({"finished", {}, {}});
  ASSERT_FALSE(bad_status.ok());
  EXPECT_EQ(bad_status.error().code, ErrorCode::kInvalidArgument);
  auto bad_backend = manager_->list_runs({{}, "gpt", {}});
  ASSERT_FALSE(bad_backend.ok());
  EXPECT_EQ(bad_backend.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(RunManagerTest, MetadataAndOutputSchemaKept) {
  SpawnRunRequest r = remote("{\"answer\": 42}", echo_->url());
  r.metadata = {{"ticket", "T-7"}};
  r.output_schema = {{"type", "object"}};
  const std::string id = spawn(r);
  ASSERT_EQ(wait_terminal(id), "completed");
  Json run = get_run(id);
  EXPECT_EQ(run["metadata"]["ticket"], "T-7");
  // The echo agent answers with text; it is not JSON ("echo: {...}"), which the result says.
  EXPECT_TRUE(run["result"]["structured_output"].is_null());
  EXPECT_TRUE(run["result"].contains("structured_output_error"));
  EXPECT_EQ(events(id).front()["data"]["output_schema"]["type"], "object");
}

TEST_F(RunManagerTest, StorageIsPrivateAndSecretsAreRedacted) {
  const std::string token = "s3cr3t-token-value";
  const std::string header_secret = "hdr-secret-value";
  auto secured = AgentProcess::echo_agent(token);
  ASSERT_TRUE(secured.ok()) << secured.error().message;
  const std::string id =
      spawn_prompt("ask: ready?", (*secured)->url(),
                   {{"auth_token", token}, {"headers", {{"X-Api-Key", header_secret}}}});
  ASSERT_EQ(wait_for(id, {"input_required"}), "input_required");
  ok_json(manager_->continue_run(id, text_message_json("yes")), "continue_run");
  ASSERT_EQ(wait_terminal(id), "completed");

  int files = 0;
  for (const fsys::path& root : {storage_root(cwd_), index_dir_}) {
    for (const auto& entry : fsys::recursive_directory_iterator(root)) {
      struct stat st {};
      ASSERT_EQ(::stat(entry.path().c_str(), &st), 0);
      if (entry.is_directory()) {
        EXPECT_EQ(st.st_mode & 0777, 0700u) << entry.path();
      } else {
        ++files;
        EXPECT_EQ(st.st_mode & 0777, 0600u) << entry.path();
        auto content = read_file(entry.path());
        ASSERT_TRUE(content.ok());
        EXPECT_EQ(content->find(token), std::string::npos) << entry.path();
        EXPECT_EQ(content->find(header_secret), std::string::npos) << entry.path();
      }
    }
  }
  EXPECT_GE(files, 5);  // run.json, events.jsonl, result.json, session, index entry
  Json record = read_json_file(run_dir(cwd_, id) / "run.json");
  EXPECT_EQ(record["backend_config"]["auth_token"], "[redacted]");
  EXPECT_EQ(record["backend_config"]["headers"]["X-Api-Key"], "[redacted]");
  EXPECT_EQ(record["backend_config"]["agent_url"], (*secured)->url());
  for (const Json& answer : {get_run(id), ok_json(manager_->list_runs({}), "list_runs")}) {
    EXPECT_EQ(dump_json(answer).find(token), std::string::npos);
  }
}

}  // namespace
}  // namespace agenthub::hub::testing
