// codex-a2a-agent over fake-cli, driven through our A2A client over HTTP.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include "agents/common/run_event_wire.h"
#include "tests/integration/wrappers/wrapper_fixture.h"

namespace agenthub::agents::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

using CodexWrapperTest = WrapperTest;

TEST_F(CodexWrapperTest, ReadyLineAndCard) {
  WrapperProcess* w = start_codex(fake_sample("codex_simple.jsonl"));
  ASSERT_NE(w, nullptr);
  const Json& ready = w->ready();
  EXPECT_EQ(ready["backend"], "codex");
  EXPECT_EQ(ready["pid"], w->pid());
  EXPECT_EQ(w->token().size(), 64u);  // generated
  EXPECT_THAT(json_string(ready, "agent_url"), ::testing::StartsWith("http://127.0.0.1:"));
  EXPECT_EQ(json_string(ready, "rpc_url"), json_string(ready, "agent_url") + "/a2a/jsonrpc");
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  const a2a::AgentCard& card = client->card();
  EXPECT_EQ(card.name, "codex-a2a-agent");
  EXPECT_TRUE(card.capabilities.streaming);
  ASSERT_EQ(card.capabilities.extensions.size(), 1u);
  EXPECT_EQ(card.capabilities.extensions[0].uri, kRunEventExtensionUri);
  ASSERT_EQ(card.skills.size(), 1u);
  EXPECT_EQ(card.skills[0].id, "code");
  ASSERT_EQ(card.security_schemes.count("bearer"), 1u);
  EXPECT_EQ(card.security_schemes.at("bearer").scheme, "Bearer");
  client.reset();  // an idle keep-alive connection would only make the shutdown wait for it
  EXPECT_EQ(w->stop().exit_code, 0);
}

TEST_F(CodexWrapperTest, StreamsEveryEventInOrderThenTheResult) {
  WrapperProcess* w = start_codex(fake_sample("codex_tools.jsonl"));
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult r = stream(*client, user_message("add a changelog", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  EXPECT_EQ(r.outcome, a2a::StreamOutcome::kFinal);
  EXPECT_THAT(r.types,
              ElementsAre("status_changed", "reasoning", "command_started", "command_finished",
                          "todo_updated", "file_changed", "todo_updated", "tool_started",
                          "tool_finished", "tool_finished", "agent_message"));
  EXPECT_EQ(r.run_events[0]["thread_id"], "0199f0a1-7c3e-7d52-9a41-5b2c8e0d1f02");
  EXPECT_EQ(r.find("command_finished")->at("aggregated_output"), "README.md\nsrc\n");
  ASSERT_TRUE(r.result.has_value());
  EXPECT_EQ(r.result->parts[0].text, "Added CHANGELOG.md with an Unreleased section.");
  EXPECT_EQ(r.result->metadata[std::string(kMetaResultMarker)], true);
  EXPECT_EQ(r.result->metadata["usage"]["output_tokens"], 311);
  EXPECT_EQ(r.status_text, "Added CHANGELOG.md with an Unreleased section.");

  // What codex was given.
  auto starts = record_events(record_, "start");
  ASSERT_EQ(starts.size(), 1u);
  EXPECT_EQ(starts[0]["cwd"], work_);
  std::vector<std::string> argv = starts[0]["argv"];
  EXPECT_THAT(std::vector<std::string>(argv.begin() + 1, argv.end()),
              ElementsAre("exec", "--experimental-json", "--skip-git-repo-check", "--cd", work_,
                          "--sandbox", "workspace-write", "-c", "approval_policy=\"never\"", "-"));
  auto stdin_data = record_events(record_, "stdin");
  ASSERT_EQ(stdin_data.size(), 1u);
  EXPECT_EQ(stdin_data[0]["data"], "add a changelog");
  EXPECT_EQ(record_events(record_, "stdin_eof").size(), 1u);
  EXPECT_TRUE(all_gone(recorded_pids(record_)));
}

TEST_F(CodexWrapperTest, ResumesTheThreadInTheSameContext) {
  WrapperProcess* w = start_codex(
      recording_path("codex/resume_first.jsonl"),
      {"FAKE_CLI_REPLAY_RESUME=" + recording_path("codex/resume_second.jsonl").string()},
      {"--model", "gpt-5.5", "-c", "features.plugins=false"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult first = stream(*client, user_message("say: first answer", work_));
  ASSERT_EQ(first.state, a2a::TaskState::kCompleted) << first.dump();
  const std::string thread = json_string(first.run_events[0], "thread_id");
  ASSERT_FALSE(thread.empty());
  // No cwd needed on later messages of the context.
  StreamResult second = stream(*client, user_message("run: echo resumed", "", first.context_id));
  ASSERT_EQ(second.state, a2a::TaskState::kCompleted) << second.dump();
  EXPECT_NE(second.task_id, first.task_id);
  EXPECT_EQ(second.context_id, first.context_id);
  EXPECT_THAT(second.types, Contains("command_finished"));

  auto starts = record_events(record_, "start");
  ASSERT_EQ(starts.size(), 2u);
  std::vector<std::string> argv = starts[1]["argv"];
  ASSERT_GE(argv.size(), 3u);
  EXPECT_THAT(std::vector<std::string>(argv.end() - 3, argv.end()),
              ElementsAre("resume", thread, "-"));
  EXPECT_THAT(argv, Contains("gpt-5.5"));
  EXPECT_THAT(argv, Contains("features.plugins=false"));
  EXPECT_EQ(starts[1]["cwd"], work_);
  EXPECT_EQ(starts[1]["resuming"], true);
  EXPECT_EQ(starts[0]["resuming"], false);
}

TEST_F(CodexWrapperTest, RestartKeepsResumingTheRightThreadInTheRightCwd) {
  std::string context_id;
  std::string thread;
  {
    WrapperProcess* w = start_codex(recording_path("codex/resume_first.jsonl"));
    ASSERT_NE(w, nullptr);
    auto client = w->client();
    ASSERT_NE(client, nullptr);
    StreamResult first = stream(*client, user_message("say: first answer", work_));
    ASSERT_EQ(first.state, a2a::TaskState::kCompleted) << first.dump();
    context_id = first.context_id;
    thread = json_string(first.run_events[0], "thread_id");
    client.reset();
    EXPECT_EQ(w->stop().exit_code, 0);
  }
  WrapperProcess* again = start_codex(recording_path("codex/resume_second.jsonl"));
  ASSERT_NE(again, nullptr);
  auto client = again->client();
  ASSERT_NE(client, nullptr);
  StreamResult second = stream(*client, user_message("run: echo resumed", "", context_id));
  ASSERT_EQ(second.state, a2a::TaskState::kCompleted) << second.dump();
  auto starts = record_events(record_, "start");
  ASSERT_EQ(starts.size(), 2u);
  EXPECT_EQ(starts[1]["cwd"], work_);
  std::vector<std::string> argv = starts[1]["argv"];
  EXPECT_THAT(std::vector<std::string>(argv.end() - 3, argv.end()),
              ElementsAre("resume", thread, "-"));
  // Another directory is still refused for that context after the restart.
  ASSERT_TRUE(ensure_dir(root_ / "elsewhere").ok());
  StreamResult moved =
      stream(*client, user_message("hi", (root_ / "elsewhere").string(), context_id));
  ASSERT_TRUE(moved.error.has_value());
  EXPECT_THAT(moved.error->message, HasSubstr("works in " + work_));
}

TEST_F(CodexWrapperTest, OutputSchemaBecomesStructuredOutput) {
  WrapperProcess* w = start_codex(recording_path("codex/output_schema.jsonl"));
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  const Json schema =
      Json::parse(R"({"type":"object","properties":{"verdict":{"type":"string"}}})");
  StreamResult r =
      stream(*client, user_message("judge", work_, {}, Json{{"output_schema", schema}}));
  ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  ASSERT_TRUE(r.result.has_value());
  ASSERT_EQ(r.result->parts.size(), 2u);
  EXPECT_EQ(r.result->parts[1].media_type, "application/json");
  EXPECT_EQ(r.result->parts[1].data, Json::parse(R"({"verdict":"ok","score":7})"));
  // The schema file existed for codex and is gone now.
  auto starts = record_events(record_, "start");
  ASSERT_EQ(starts.size(), 1u);
  std::vector<std::string> argv = starts[0]["argv"];
  auto it = std::find(argv.begin(), argv.end(), "--output-schema");
  ASSERT_NE(it, argv.end());
  EXPECT_FALSE(std::filesystem::exists(*(it + 1)));
}

TEST_F(CodexWrapperTest, ProfileIsPrependedToTheFirstTurnOnly) {
  WrapperProcess* w = start_codex(fake_sample("codex_simple.jsonl"));
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult first =
      stream(*client, user_message("review", work_, {}, Json{{"profile", "You are a reviewer."}}));
  ASSERT_EQ(first.state, a2a::TaskState::kCompleted) << first.dump();
  StreamResult second = stream(*client, user_message("again", "", first.context_id,
                                                     Json{{"profile", "You are a reviewer."}}));
  ASSERT_EQ(second.state, a2a::TaskState::kCompleted) << second.dump();
  auto stdin_data = record_events(record_, "stdin");
  ASSERT_EQ(stdin_data.size(), 2u);
  EXPECT_EQ(stdin_data[0]["data"], "You are a reviewer.\n\nreview");
  EXPECT_EQ(stdin_data[1]["data"], "again");
}

TEST_F(CodexWrapperTest, SandboxRequestsMayOnlyTighten) {
  WrapperProcess* w =
      start_codex(fake_sample("codex_simple.jsonl"), {}, {"--sandbox", "read-only"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult refused =
      stream(*client, user_message("hi", work_, {}, Json{{"sandbox", "workspace-write"}}));
  ASSERT_TRUE(refused.error.has_value());
  EXPECT_EQ(refused.error->code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(refused.error->message, HasSubstr("more permissive"));
  StreamResult ok = stream(*client, user_message("hi", work_, {}, Json{{"sandbox", "read-only"}}));
  EXPECT_EQ(ok.state, a2a::TaskState::kCompleted) << ok.dump();
  auto starts = record_events(record_, "start");
  ASSERT_EQ(starts.size(), 1u);
  EXPECT_THAT(std::vector<std::string>(starts[0]["argv"]), Contains("read-only"));
}

TEST_F(CodexWrapperTest, AuthFailureAsksForCredentialsAndCanBeContinued) {
  WrapperProcess* w =
      start_codex(recording_path("codex/auth_failure.jsonl"), {"FAKE_CLI_EXIT_CODE=1"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult r = stream(*client, user_message("fail: auth", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kAuthRequired) << r.dump();
  EXPECT_THAT(r.status_text, HasSubstr("codex could not authenticate: unexpected status 401"));
  EXPECT_THAT(r.status_text, HasSubstr("codex login"));
  // Continuing runs the original request again (here it fails the same way).
  a2a::Message retry = a2a::user_text_message("logged in, retry", r.context_id, r.task_id);
  StreamResult again = stream(*client, retry);
  EXPECT_EQ(again.state, a2a::TaskState::kAuthRequired) << again.dump();
  auto stdin_data = record_events(record_, "stdin");
  ASSERT_EQ(stdin_data.size(), 2u);
  EXPECT_EQ(stdin_data[1]["data"], "fail: auth");
  auto starts = record_events(record_, "start");
  ASSERT_EQ(starts.size(), 2u);
  EXPECT_THAT(std::vector<std::string>(starts[1]["argv"]), Contains("resume"));
}

TEST_F(CodexWrapperTest, TurnFailedIsFailedWithTheMessageAndStderr) {
  WrapperProcess* w =
      start_codex(fake_sample("codex_turn_failed.jsonl"),
                  {"FAKE_CLI_EXIT_CODE=1", "FAKE_CLI_STDERR=ERROR codex_core: boom"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult r = stream(*client, user_message("hi", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kFailed) << r.dump();
  EXPECT_THAT(r.status_text, HasSubstr("codex failed: stream disconnected"));
  EXPECT_THAT(r.status_text, HasSubstr("ERROR codex_core: boom"));
  EXPECT_THAT(r.types, Contains("message_added"));
}

TEST_F(CodexWrapperTest, UnknownThreadIsForgottenSoTheNextTurnStartsAfresh) {
  WrapperProcess* w = start_codex(
      fake_sample("codex_simple.jsonl"),
      {"FAKE_CLI_REPLAY_RESUME=" + recording_path("codex/resume_unknown_thread.jsonl").string(),
       "FAKE_CLI_STDERR=Error: thread/resume: thread/resume failed: no rollout found "
       "for thread id x (code -32600)"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult first = stream(*client, user_message("hi", work_));
  ASSERT_EQ(first.state, a2a::TaskState::kCompleted) << first.dump();
  // The fake answers the resume with nothing (like codex for a thread whose rollout is gone).
  StreamResult second = stream(*client, user_message("again", "", first.context_id));
  ASSERT_EQ(second.state, a2a::TaskState::kFailed) << second.dump();
  EXPECT_THAT(second.status_text, HasSubstr("could not resume thread"));
  StreamResult third = stream(*client, user_message("once more", "", first.context_id));
  EXPECT_EQ(third.state, a2a::TaskState::kCompleted) << third.dump();
  auto starts = record_events(record_, "start");
  ASSERT_EQ(starts.size(), 3u);
  EXPECT_EQ(starts[1]["resuming"], true);
  EXPECT_EQ(starts[2]["resuming"], false);
}

TEST_F(CodexWrapperTest, TheCliGetsACleanProcessAndNoToken) {
  WrapperProcess* w =
      start_codex(fake_sample("codex_simple.jsonl"),
                  {"FAKE_CLI_REPORT=1", "FAKE_CLI_REPORT_ENV=AGENTHUB_AGENT_TOKEN,IS_SANDBOX,HOME",
                   "AGENTHUB_AGENT_TOKEN=secret-from-env"});
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->token(), "secret-from-env");
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult r = stream(*client, user_message("hi", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  const Json* report = nullptr;
  for (const Json& e : r.run_events) {
    if (e.contains("event") && e["event"].value("type", "") == "fake.report") report = &e["event"];
  }
  ASSERT_NE(report, nullptr) << r.dump();
  EXPECT_TRUE((*report)["env"]["AGENTHUB_AGENT_TOKEN"].is_null());
  EXPECT_FALSE((*report)["env"]["HOME"].is_null());
  EXPECT_EQ((*report)["pgid"], (*report)["pid"]);  // its own process group
  EXPECT_EQ((*report)["cwd"], work_);
  EXPECT_THAT((*report)["signals_blocked"], IsEmpty());  // the wrapper's blocked SIGTERM is not
  EXPECT_THAT((*report)["signals_ignored"], Not(Contains(SIGPIPE)));
  EXPECT_EQ((*report)["fds"], Json::parse("[0,1,2]"));
}

}  // namespace
}  // namespace agenthub::agents::testing
