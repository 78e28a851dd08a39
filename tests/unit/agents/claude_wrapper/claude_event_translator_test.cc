// The claude translator fed the real claude 2.1.332 recordings and the fake-cli samples.
#include "agents/claude-wrapper/claude_event_translator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include "tests/unit/agents/cli_wrapper/translator_harness.h"

namespace agenthub::agents {
namespace {

using ::testing::ElementsAre;
using testing::exited;
using ::testing::HasSubstr;
using testing::killed;
using testing::recording;
using testing::sample;
using testing::translate;
using Kind = CliOutput::Kind;

TEST(ClaudeEventTranslatorTest, PlainAnswer) {
  ClaudeEventTranslator tr(false, false, "");
  auto t = translate(tr, recording("claude/plain_answer.jsonl"));
  EXPECT_THAT(t.types, ElementsAre("status_changed", "agent_message")) << t.dump();
  ASSERT_EQ(t.count(Kind::kSession), 1u);
  const Json& session = t.events[0];
  EXPECT_EQ(session["status"], "running");
  EXPECT_FALSE(json_string(session, "backend_session_id").empty());
  EXPECT_EQ(session["session_id"], session["backend_session_id"]);
  EXPECT_EQ(session["permission_mode"], "bypassPermissions");
  EXPECT_EQ(t.events[1]["text"], "mock answer: hello claude");
  EXPECT_THAT(t.texts, ElementsAre("mock answer: hello claude"));
  EXPECT_EQ(t.count(Kind::kTurnEnded), 1u);

  TurnOutcome outcome = tr.finish(exited(0), "");
  ASSERT_EQ(outcome.kind, TurnOutcome::Kind::kCompleted);
  EXPECT_EQ(outcome.final_text, "mock answer: hello claude");
  ASSERT_TRUE(outcome.cost_usd.has_value());
  EXPECT_GT(*outcome.cost_usd, 0.0);
  EXPECT_GT(outcome.usage["input_tokens"].get<int>(), 0);
}

TEST(ClaudeEventTranslatorTest, BashToolBecomesCommandEvents) {
  ClaudeEventTranslator tr(false, false, "");
  auto t = translate(tr, recording("claude/run_command.jsonl"));
  EXPECT_THAT(t.types, ElementsAre("status_changed", "tool_started", "command_started",
                                   "tool_finished", "command_finished", "agent_message"));
  const Json* started = t.find("tool_started");
  ASSERT_NE(started, nullptr);
  EXPECT_EQ((*started)["tool"], "Bash");
  EXPECT_EQ((*started)["arguments"]["command"], "echo hi from $(pwd); ls");
  const std::string id = json_string(*started, "tool_use_id");
  EXPECT_FALSE(id.empty());
  const Json* command = t.find("command_started");
  ASSERT_NE(command, nullptr);
  EXPECT_EQ((*command)["command"], "echo hi from $(pwd); ls");
  EXPECT_EQ((*command)["tool_use_id"], id);

  const Json* finished = t.find("tool_finished");
  ASSERT_NE(finished, nullptr);
  EXPECT_EQ((*finished)["tool"], "Bash");
  EXPECT_EQ((*finished)["tool_use_id"], id);
  EXPECT_EQ((*finished)["is_error"], false);
  EXPECT_EQ((*finished)["result"], "hi from /tmp/agenthub-rec/claude/run_command/work");
  EXPECT_EQ((*finished)["raw_tool_use_result"]["stdout"],
            "hi from /tmp/agenthub-rec/claude/run_command/work");
  const Json* done = t.find("command_finished");
  ASSERT_NE(done, nullptr);
  EXPECT_EQ((*done)["exit_code"], 0);
  EXPECT_EQ((*done)["status"], "completed");
  EXPECT_EQ((*done)["stdout"], "hi from /tmp/agenthub-rec/claude/run_command/work");
  EXPECT_EQ((*done)["stderr"], "");
  EXPECT_EQ((*done)["interrupted"], false);
}

TEST(ClaudeEventTranslatorTest, FailingCommandExitCodeFromTheResultText) {
  ClaudeEventTranslator tr(false, false, "");
  auto t = translate(tr, recording("claude/run_command_fails.jsonl"));
  const Json* done = t.find("command_finished");
  ASSERT_NE(done, nullptr);
  EXPECT_EQ((*done)["exit_code"], 3);
  EXPECT_EQ((*done)["status"], "failed");
  EXPECT_EQ((*done)["aggregated_output"], "partial\noops");
  const Json* finished = t.find("tool_finished");
  ASSERT_NE(finished, nullptr);
  EXPECT_EQ((*finished)["is_error"], true);
  EXPECT_EQ((*finished)["raw_tool_use_result"], "Error: Exit code 3\npartial\noops");
  EXPECT_EQ(tr.finish(exited(0), "").kind, TurnOutcome::Kind::kCompleted);
}

TEST(ClaudeEventTranslatorTest, WriteReadEdit) {
  ClaudeEventTranslator tr(false, false, "");
  auto t = translate(tr, recording("claude/edit_file.jsonl"));
  EXPECT_THAT(t.types, ElementsAre("status_changed", "tool_started", "tool_finished",
                                   "file_changed", "tool_started", "tool_finished", "tool_started",
                                   "tool_finished", "file_changed", "agent_message"))
      << t.dump();
  const std::string path = "/tmp/agenthub-rec/claude/edit_file/work/notes.txt";
  std::vector<const Json*> changes;
  for (const Json& e : t.events) {
    if (e["type"] == "file_changed") changes.push_back(&e);
  }
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ((*changes[0])["file_path"], path);
  EXPECT_EQ((*changes[0])["tool"], "Write");
  EXPECT_EQ((*changes[0])["changes"], Json::parse(R"([{"path":")" + path + R"(","kind":"add"}])"));
  EXPECT_EQ((*changes[1])["tool"], "Edit");
  EXPECT_EQ((*changes[1])["changes"][0]["kind"], "update");
  const Json* edit = nullptr;
  for (const Json& e : t.events) {
    if (e["type"] == "tool_finished" && e["tool"] == "Edit") edit = &e;
  }
  ASSERT_NE(edit, nullptr);
  EXPECT_EQ((*edit)["raw_tool_use_result"]["newString"], "line 2 edited");
}

TEST(ClaudeEventTranslatorTest, ThinkingIsReasoning) {
  ClaudeEventTranslator tr(false, false, "");
  auto t = translate(tr, recording("claude/thinking.jsonl"));
  EXPECT_THAT(t.types, ElementsAre("status_changed", "reasoning", "agent_message"));
  EXPECT_EQ(t.events[1]["text"], "looking at the request");
  EXPECT_EQ(tr.finish(exited(0), "").final_text, "done");
}

TEST(ClaudeEventTranslatorTest, SampleWithThinkingBashAndWrite) {
  ClaudeEventTranslator tr(false, false, "");
  auto t = translate(tr, sample("claude_tools.jsonl"));
  EXPECT_THAT(t.types, ElementsAre("status_changed", "reasoning", "tool_started", "command_started",
                                   "tool_finished", "command_finished", "tool_started",
                                   "tool_finished", "file_changed", "agent_message"))
      << t.dump();
}

TEST(ClaudeEventTranslatorTest, TodoWriteUpdatesTodos) {
  ClaudeEventTranslator tr(false, false, "");
  auto t = translate(tr, std::vector<Json>{Json::parse(R"({"type":"assistant","message":{
      "content":[{"type":"tool_use","id":"toolu_9","name":"TodoWrite","input":{"todos":[
      {"content":"write tests","status":"in_progress","activeForm":"Writing tests"}]}}]}})")});
  EXPECT_THAT(t.types, ElementsAre("tool_started", "todo_updated"));
  EXPECT_EQ(t.events[1]["items"][0]["content"], "write tests");
  EXPECT_EQ(t.events[1]["tool_use_id"], "toolu_9");
}

TEST(ClaudeEventTranslatorTest, StructuredOutput) {
  ClaudeEventTranslator tr(false, true, "");
  auto t = translate(tr, recording("claude/output_schema.jsonl"));
  const Json* so = t.find("tool_started", "StructuredOutput");
  ASSERT_NE(so, nullptr);
  TurnOutcome outcome = tr.finish(exited(0), "");
  ASSERT_EQ(outcome.kind, TurnOutcome::Kind::kCompleted);
  EXPECT_EQ(outcome.structured_output, Json::parse(R"({"verdict":"ok","score":7})"));
  EXPECT_EQ(outcome.final_text, R"({"verdict":"ok","score":7})");
  EXPECT_TRUE(outcome.structured_note.empty());
}

TEST(ClaudeEventTranslatorTest, StructuredOutputNotCalledIsExplained) {
  ClaudeEventTranslator tr(false, true, "");
  auto t = translate(tr, recording("claude/output_schema_not_called.jsonl"));
  // The CLI's own reminder shows up as a user message.
  const Json* reminder = t.find("message_added");
  ASSERT_NE(reminder, nullptr);
  EXPECT_THAT(json_string(*reminder, "content"), HasSubstr("[structured-output-enforce]"));
  TurnOutcome outcome = tr.finish(exited(0), "");
  ASSERT_EQ(outcome.kind, TurnOutcome::Kind::kCompleted);
  EXPECT_TRUE(outcome.structured_output.is_null());
  EXPECT_EQ(outcome.final_text, "plain text instead of the StructuredOutput tool");
  EXPECT_THAT(outcome.structured_note, HasSubstr("StructuredOutput"));
}

TEST(ClaudeEventTranslatorTest, AuthFailuresNeedCredentials) {
  for (const char* name : {"claude/auth_failure.jsonl", "claude/missing_api_key.jsonl"}) {
    ClaudeEventTranslator tr(false, false, "");
    auto t = translate(tr, recording(name));
    // The synthetic API error message is not an answer.
    EXPECT_EQ(t.find("agent_message"), nullptr) << name;
    const Json* error = t.find("message_added");
    ASSERT_NE(error, nullptr) << name;
    EXPECT_EQ((*error)["error"], "authentication_failed");
    TurnOutcome outcome = tr.finish(exited(1), "");
    EXPECT_EQ(outcome.kind, TurnOutcome::Kind::kAuthRequired) << name;
    EXPECT_THAT(outcome.message, HasSubstr("claude could not authenticate: "));
    EXPECT_THAT(outcome.message, HasSubstr("ANTHROPIC_API_KEY"));
    EXPECT_THAT(outcome.message, HasSubstr("claude login"));
  }
  ClaudeEventTranslator sample_tr(false, false, "");
  (void)translate(sample_tr, sample("claude_error.jsonl"));
  EXPECT_EQ(sample_tr.finish(exited(1), "").kind, TurnOutcome::Kind::kAuthRequired);
}

TEST(ClaudeEventTranslatorTest, ApiErrorsFailOnIsErrorDespiteSubtypeSuccess) {
  for (const char* name :
       {"claude/server_error.jsonl", "claude/overloaded.jsonl", "claude/stream_error.jsonl"}) {
    ClaudeEventTranslator tr(false, false, "");
    auto t = translate(tr, recording(name));
    EXPECT_EQ(t.find("agent_message"), nullptr) << name;
    TurnOutcome outcome = tr.finish(exited(1), "");
    EXPECT_EQ(outcome.kind, TurnOutcome::Kind::kFailed) << name;
    EXPECT_THAT(outcome.message, HasSubstr("claude failed: API Error: 5"));
  }
}

TEST(ClaudeEventTranslatorTest, ResumeKeepsTheSessionAndUnknownSessionIsForgotten) {
  ClaudeEventTranslator first(false, false, "");
  auto a = translate(first, recording("claude/resume_first.jsonl"));
  ClaudeEventTranslator second(false, false, a.outputs[0].session_id);
  auto b = translate(second, recording("claude/resume_second.jsonl"));
  ASSERT_GE(b.outputs.size(), 1u);
  EXPECT_EQ(b.outputs[0].session_id, a.outputs[0].session_id);

  ClaudeEventTranslator gone(false, false, "11111111-2222-4333-8444-555555555555");
  auto c = translate(gone, recording("claude/resume_unknown_session.jsonl"));
  TurnOutcome outcome = gone.finish(exited(1), "");
  EXPECT_EQ(outcome.kind, TurnOutcome::Kind::kFailed);
  EXPECT_TRUE(outcome.forget_session);
  EXPECT_THAT(outcome.message, HasSubstr("could not resume session 11111111"));
}

TEST(ClaudeEventTranslatorTest, InterruptedTurn) {
  ClaudeEventTranslator tr(false, false, "");
  // Only the interrupted first turn: up to its result.
  std::vector<Json> lines = testing::read_jsonl(recording("claude/interrupt_during_command.jsonl"));
  std::vector<Json> first_turn;
  for (const Json& line : lines) {
    first_turn.push_back(line);
    if (line["type"] == "result") break;
  }
  auto t = translate(tr, first_turn);
  const Json* done = t.find("command_finished");
  ASSERT_NE(done, nullptr);
  EXPECT_EQ((*done)["status"], "failed");
  const Json* note = t.find("message_added");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ((*note)["content"], "[Request interrupted by user for tool use]");
  TurnOutcome outcome = tr.finish(exited(0), "");
  EXPECT_EQ(outcome.kind, TurnOutcome::Kind::kFailed);
  EXPECT_THAT(outcome.message, HasSubstr("ede_diagnostic"));
}

TEST(ClaudeEventTranslatorTest, PermissionRequestRelayed) {
  ClaudeEventTranslator tr(true, false, "");
  auto t = translate(tr, recording("claude/permission_allow.jsonl"));
  ASSERT_EQ(t.count(Kind::kInputRequest), 1u);
  const CliOutput* ask = nullptr;
  for (const CliOutput& o : t.outputs) {
    if (o.kind == Kind::kInputRequest) ask = &o;
  }
  ASSERT_NE(ask, nullptr);
  EXPECT_EQ(ask->event["tool"], "Bash");
  EXPECT_EQ(ask->event["request_id"], "efe688ce-d624-4867-8097-6c29f9b58851");
  EXPECT_EQ(ask->event["input"]["command"], "touch relayed.txt && echo created");
  EXPECT_FALSE(json_string(ask->event, "tool_use_id").empty());
  EXPECT_EQ(ask->text,
            "claude wants to use Bash: touch relayed.txt && echo created. Reply with "
            "{\"decision\":\"allow\"} or {\"decision\":\"deny\"}");
  EXPECT_EQ(tr.finish(exited(0), "").kind, TurnOutcome::Kind::kCompleted);
}

TEST(ClaudeEventTranslatorTest, PermissionRequestDeniedWithoutRelay) {
  ClaudeEventTranslator tr(false, false, "");
  auto t = translate(tr, sample("claude_permission.jsonl"));
  EXPECT_EQ(t.count(Kind::kInputRequest), 0u);
  ASSERT_EQ(t.count(Kind::kWriteStdin), 1u);
  for (const CliOutput& o : t.outputs) {
    if (o.kind != Kind::kWriteStdin) continue;
    Json answer = Json::parse(o.text);
    EXPECT_EQ(answer["type"], "control_response");
    EXPECT_EQ(answer["response"]["request_id"], "perm-1");
    EXPECT_EQ(answer["response"]["response"]["behavior"], "deny");
  }
}

TEST(ClaudeEventTranslatorTest, PermissionDeniedWithoutPromptTool) {
  ClaudeEventTranslator tr(false, false, "");
  auto t = translate(tr, recording("claude/permission_denied_without_prompt_tool.jsonl"));
  const Json* denied = t.find("message_added");
  ASSERT_NE(denied, nullptr);
  EXPECT_EQ((*denied)["tool"], "Bash");
  EXPECT_EQ((*denied)["is_error"], true);
}

TEST(ClaudeEventTranslatorTest, OtherControlRequestsAreAnsweredWithAnError) {
  ClaudeEventTranslator tr(true, false, "");
  auto t = translate(tr, std::vector<Json>{Json::parse(
                             R"({"type":"control_request","request_id":"r9",
                                 "request":{"subtype":"hook_callback"}})")});
  ASSERT_EQ(t.outputs.size(), 1u);
  ASSERT_EQ(t.outputs[0].kind, Kind::kWriteStdin);
  Json answer = Json::parse(t.outputs[0].text);
  EXPECT_EQ(answer["response"]["subtype"], "error");
  EXPECT_EQ(answer["response"]["request_id"], "r9");
}

TEST(ClaudeEventTranslatorTest, ExitWithoutResultFails) {
  ClaudeEventTranslator tr(false, false, "");
  auto t = translate(tr, recording("claude/root_bypass_without_is_sandbox.jsonl"));
  EXPECT_TRUE(t.outputs.empty());
  TurnOutcome outcome = tr.finish(
      exited(1), "--dangerously-skip-permissions cannot be used with root/sudo privileges");
  EXPECT_EQ(outcome.kind, TurnOutcome::Kind::kFailed);
  EXPECT_THAT(outcome.message, HasSubstr("without a result"));
  EXPECT_THAT(outcome.message, HasSubstr("IS_SANDBOX=1"));
  EXPECT_THAT(tr.finish(killed(SIGKILL), "").message, HasSubstr("SIGKILL"));
}

TEST(ClaudeEventTranslatorTest, OddLinesNeverThrow) {
  ClaudeEventTranslator tr(true, false, "");
  const std::vector<Json> lines = {
      Json::parse(R"({"type":"assistant"})"),
      Json::parse(R"({"type":"assistant","message":{"content":"text"}})"),
      Json::parse(R"({"type":"assistant","message":{"content":[1,{"type":"tool_use"}]}})"),
      Json::parse(R"({"type":"user","message":{"content":[{"type":"tool_result"}]}})"),
      Json::parse(R"({"type":"user","message":{"content":"plain user text"}})"),
      Json::parse(R"({"type":"control_request"})"),
      Json::parse(R"({"type":"control_request","request":{"subtype":"can_use_tool"}})"),
      Json::parse(R"({"type":"system","subtype":"init","session_id":7})"),
      Json::parse(R"({"type":"result","is_error":"yes","usage":5,"total_cost_usd":"x"})"),
      Json::parse(R"({"type":"fake.report"})"),
  };
  auto t = translate(tr, lines);
  EXPECT_EQ(t.count(Kind::kSession), 0u);
  (void)tr.finish(exited(0), "");
}

}  // namespace
}  // namespace agenthub::agents
