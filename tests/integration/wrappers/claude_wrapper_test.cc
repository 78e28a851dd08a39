// claude-a2a-agent over fake-cli, driven through our A2A client over HTTP.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "agents/common/run_event_wire.h"
#include "tests/integration/wrappers/wrapper_fixture.h"

namespace agenthub::agents::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using ClaudeWrapperTest = WrapperTest;

a2a::Message decision(const StreamResult& asked, Json data) {
  a2a::Message m = a2a::user_text_message("", asked.context_id, asked.task_id);
  m.parts = {a2a::Part::data_part(std::move(data))};
  return m;
}

// The stdin lines the fake received, parsed.
std::vector<Json> stdin_lines(const std::filesystem::path& record) {
  std::vector<Json> out;
  for (const Json& e : record_events(record, "stdin")) {
    auto parsed = parse_json(json_string(e, "data"));
    if (parsed.ok()) out.push_back(std::move(parsed).value());
  }
  return out;
}

TEST_F(ClaudeWrapperTest, StreamsEveryEventInOrderThenTheResult) {
  WrapperProcess* w = start_claude(fake_sample("claude_tools.jsonl"));
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->ready()["backend"], "claude_code");
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult r = stream(*client, user_message("add a changelog", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  EXPECT_THAT(r.types, ElementsAre("status_changed", "reasoning", "tool_started", "command_started",
                                   "tool_finished", "command_finished", "tool_started",
                                   "tool_finished", "file_changed", "agent_message"));
  EXPECT_EQ(r.run_events[0]["session_id"], "5b3f3c9e-2d0a-4c53-9a55-0f4a9c1e7a02");
  ASSERT_TRUE(r.result.has_value());
  EXPECT_EQ(r.result->parts[0].text, "Added CHANGELOG.md with an Unreleased section.");
  EXPECT_EQ(r.result->metadata["cost_usd"], 0.0123);
  EXPECT_EQ(r.result->metadata["usage"]["input_tokens"], 180);

  auto starts = record_events(record_, "start");
  ASSERT_EQ(starts.size(), 1u);
  EXPECT_EQ(starts[0]["cwd"], work_);
  std::vector<std::string> argv = starts[0]["argv"];
  EXPECT_THAT(std::vector<std::string>(argv.begin() + 1, argv.end()),
              ElementsAre("-p", "--output-format", "stream-json", "--verbose", "--input-format",
                          "stream-json", "--permission-mode", "bypassPermissions"));
  auto lines = stdin_lines(record_);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["message"]["content"][0]["text"], "add a changelog");
  // stdin was closed after the result, so the CLI could exit.
  EXPECT_EQ(record_events(record_, "stdin_eof").size(), 1u);
  EXPECT_TRUE(all_gone(recorded_pids(record_)));
}

TEST_F(ClaudeWrapperTest, ResumesTheSessionAndRunsInTheCwd) {
  WrapperProcess* w = start_claude(
      recording_path("claude/resume_first.jsonl"),
      {"FAKE_CLI_REPLAY_RESUME=" + recording_path("claude/resume_second.jsonl").string()},
      {"--model", "claude-opus-5-5"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult first = stream(*client, user_message("say: first answer", work_));
  ASSERT_EQ(first.state, a2a::TaskState::kCompleted) << first.dump();
  const std::string session = json_string(first.run_events[0], "session_id");
  StreamResult second = stream(*client, user_message("run: echo resumed", "", first.context_id));
  ASSERT_EQ(second.state, a2a::TaskState::kCompleted) << second.dump();
  auto starts = record_events(record_, "start");
  ASSERT_EQ(starts.size(), 2u);
  std::vector<std::string> argv = starts[1]["argv"];
  auto it = std::find(argv.begin(), argv.end(), "--resume");
  ASSERT_NE(it, argv.end());
  EXPECT_EQ(*(it + 1), session);
  EXPECT_THAT(argv, Contains("claude-opus-5-5"));
  EXPECT_EQ(starts[1]["cwd"], work_);
}

TEST_F(ClaudeWrapperTest, ProfileSchemaAndStructuredOutput) {
  WrapperProcess* w = start_claude(recording_path("claude/output_schema.jsonl"));
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  const Json schema = Json::parse(R"({"type":"object"})");
  StreamResult r = stream(
      *client, user_message("judge", work_, {},
                            Json{{"output_schema", schema}, {"profile", "You are a judge."}}));
  ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  ASSERT_TRUE(r.result.has_value());
  ASSERT_EQ(r.result->parts.size(), 2u);
  EXPECT_EQ(r.result->parts[1].data, Json::parse(R"({"verdict":"ok","score":7})"));
  std::vector<std::string> argv = record_events(record_, "start")[0]["argv"];
  EXPECT_THAT(argv, Contains(R"({"type":"object"})"));
  EXPECT_THAT(argv, Contains("You are a judge."));
}

TEST_F(ClaudeWrapperTest, AuthFailureAsksForCredentials) {
  WrapperProcess* w =
      start_claude(recording_path("claude/auth_failure.jsonl"), {"FAKE_CLI_EXIT_CODE=1"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult r = stream(*client, user_message("fail: auth", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kAuthRequired) << r.dump();
  EXPECT_THAT(r.status_text, HasSubstr("claude could not authenticate: Invalid API key"));
  EXPECT_THAT(r.status_text, HasSubstr("ANTHROPIC_API_KEY"));
}

TEST_F(ClaudeWrapperTest, ApiErrorFails) {
  WrapperProcess* w =
      start_claude(recording_path("claude/server_error.jsonl"), {"FAKE_CLI_EXIT_CODE=1"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult r = stream(*client, user_message("fail: 500", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kFailed) << r.dump();
  EXPECT_THAT(r.status_text, HasSubstr("claude failed: API Error: 500"));
}

TEST_F(ClaudeWrapperTest, PermissionRelayAllow) {
  WrapperProcess* w =
      start_claude(fake_sample("claude_permission.jsonl"), {}, {"--permission", "relay"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult asked = stream(*client, user_message("clean up", work_));
  ASSERT_EQ(asked.state, a2a::TaskState::kInputRequired) << asked.dump();
  EXPECT_EQ(asked.outcome, a2a::StreamOutcome::kFinal);
  EXPECT_EQ(asked.status_text,
            "claude wants to use Bash: rm -rf build. Reply with {\"decision\":\"allow\"} or "
            "{\"decision\":\"deny\"}");
  EXPECT_EQ(asked.status_data["tool"], "Bash");
  EXPECT_EQ(asked.status_data["request_id"], "perm-1");
  EXPECT_EQ(asked.status_data["input"]["command"], "rm -rf build");
  EXPECT_THAT(asked.types, ElementsAre("status_changed", "tool_started", "command_started"));

  // A reply that is not a decision is refused and the question stays open.
  StreamResult vague =
      stream(*client, a2a::user_text_message("hmm", asked.context_id, asked.task_id));
  ASSERT_TRUE(vague.error.has_value());
  EXPECT_EQ(vague.error->code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(task_state(*client, asked.task_id), a2a::TaskState::kInputRequired);
  // So is a new task in the context while it waits.
  StreamResult busy = stream(*client, user_message("other", "", asked.context_id));
  ASSERT_TRUE(busy.error.has_value());
  EXPECT_THAT(busy.error->message, HasSubstr("already has a task in progress"));

  StreamResult done = stream(*client, decision(asked, {{"decision", "allow"}}));
  ASSERT_EQ(done.state, a2a::TaskState::kCompleted) << done.dump();
  EXPECT_EQ(done.task_id, asked.task_id);
  EXPECT_THAT(done.types, ElementsAre("tool_finished", "command_finished", "agent_message"));
  ASSERT_TRUE(done.result.has_value());
  EXPECT_EQ(done.result->parts[0].text, "Removed the build directory.");

  // One process served the question and the rest of the turn.
  ASSERT_EQ(record_events(record_, "start").size(), 1u);
  auto lines = stdin_lines(record_);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], Json::parse(R"({"type":"control_response","response":{"subtype":"success",
      "request_id":"perm-1","response":{"behavior":"allow","updatedInput":{"command":"rm -rf build",
      "description":"Remove the build directory"}}}})"));
  std::vector<std::string> argv = record_events(record_, "start")[0]["argv"];
  EXPECT_THAT(argv, Contains("--permission-prompt-tool"));
  EXPECT_TRUE(all_gone(recorded_pids(record_)));
}

TEST_F(ClaudeWrapperTest, PermissionRelayDeny) {
  WrapperProcess* w =
      start_claude(fake_sample("claude_permission.jsonl"), {}, {"--permission", "relay"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult asked = stream(*client, user_message("clean up", work_));
  ASSERT_EQ(asked.state, a2a::TaskState::kInputRequired) << asked.dump();
  StreamResult done =
      stream(*client, decision(asked, {{"decision", "deny"}, {"message", "keep the build"}}));
  ASSERT_EQ(done.state, a2a::TaskState::kCompleted) << done.dump();
  auto lines = stdin_lines(record_);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1]["response"]["response"],
            Json::parse(R"({"behavior":"deny","message":"keep the build"})"));
}

TEST_F(ClaudeWrapperTest, CancelWhileAskingStopsTheProcess) {
  WrapperProcess* w =
      start_claude(fake_sample("claude_permission.jsonl"), {}, {"--permission", "relay"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult asked = stream(*client, user_message("clean up", work_));
  ASSERT_EQ(asked.state, a2a::TaskState::kInputRequired) << asked.dump();
  auto canceled = cancel(*client, asked.task_id);
  ASSERT_TRUE(canceled.ok()) << canceled.error().to_string();
  EXPECT_EQ(canceled->status.state, a2a::TaskState::kCanceled);
  EXPECT_TRUE(all_gone(recorded_pids(record_)));
  // The context is free again.
  StreamResult next = stream(*client, user_message("next", "", asked.context_id));
  EXPECT_EQ(next.state, a2a::TaskState::kInputRequired) << next.dump();
}

TEST_F(ClaudeWrapperTest, UnansweredQuestionTimesOut) {
  WrapperProcess* w = start_claude(fake_sample("claude_permission.jsonl"), {},
                                   {"--permission", "relay", "--permission-timeout", "1"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult asked = stream(*client, user_message("clean up", work_));
  ASSERT_EQ(asked.state, a2a::TaskState::kInputRequired) << asked.dump();
  EXPECT_TRUE(all_gone(recorded_pids(record_)));  // stopped after the timeout
  StreamResult late = stream(*client, decision(asked, {{"decision", "allow"}}));
  ASSERT_EQ(late.state, a2a::TaskState::kFailed) << late.dump();
  EXPECT_THAT(late.status_text, HasSubstr("no longer waiting"));
}

TEST_F(ClaudeWrapperTest, WithoutRelayAPermissionRequestIsDenied) {
  WrapperProcess* w = start_claude(fake_sample("claude_permission.jsonl"));
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult r = stream(*client, user_message("clean up", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  auto lines = stdin_lines(record_);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1]["response"]["response"]["behavior"], "deny");
}

}  // namespace
}  // namespace agenthub::agents::testing
