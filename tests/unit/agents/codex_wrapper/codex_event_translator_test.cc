// The codex translator fed the real codex 0.171.0 recordings and the fake-cli samples.
#include "agents/codex-wrapper/codex_event_translator.h"

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

TEST(CodexEventTranslatorTest, PlainAnswer) {
  CodexEventTranslator tr(false, "");
  auto t = translate(tr, recording("codex/plain_answer.jsonl"));
  EXPECT_THAT(t.types, ElementsAre("status_changed", "agent_message")) << t.dump();
  ASSERT_EQ(t.count(Kind::kSession), 1u);
  const Json& session = t.events[0];
  EXPECT_EQ(session["status"], "running");
  EXPECT_EQ(session["backend_session_id"], "01a22073-4775-7952-b527-9f833ee79c5b");
  EXPECT_EQ(session["thread_id"], session["backend_session_id"]);
  EXPECT_EQ(t.outputs[0].session_id, "01a22073-4775-7952-b527-9f833ee79c5b");
  EXPECT_EQ(t.events[1]["text"], "mock answer: hello codex");
  EXPECT_THAT(t.texts, ElementsAre("mock answer: hello codex"));
  EXPECT_EQ(t.count(Kind::kTurnEnded), 1u);

  TurnOutcome outcome = tr.finish(exited(0), "");
  EXPECT_EQ(outcome.kind, TurnOutcome::Kind::kCompleted);
  EXPECT_EQ(outcome.final_text, "mock answer: hello codex");
  EXPECT_EQ(outcome.usage["input_tokens"], 9528);
  EXPECT_EQ(outcome.usage["reasoning_output_tokens"], 0);
  EXPECT_TRUE(outcome.structured_output.is_null());
  EXPECT_FALSE(outcome.cost_usd.has_value());
}

TEST(CodexEventTranslatorTest, CommandStartedAndFinished) {
  CodexEventTranslator tr(false, "");
  auto t = translate(tr, recording("codex/run_command.jsonl"));
  EXPECT_THAT(t.types, ElementsAre("status_changed", "command_started", "command_finished",
                                   "agent_message"));
  const Json* started = t.find("command_started");
  ASSERT_NE(started, nullptr);
  EXPECT_EQ((*started)["command"], "/bin/bash -lc 'echo hi from $(pwd); ls'");
  EXPECT_EQ((*started)["status"], "in_progress");
  EXPECT_EQ((*started)["item_id"], "item_0");
  const Json* done = t.find("command_finished");
  ASSERT_NE(done, nullptr);
  EXPECT_EQ((*done)["exit_code"], 0);
  EXPECT_EQ((*done)["status"], "completed");
  EXPECT_EQ((*done)["aggregated_output"], "hi from /tmp/agenthub-rec/codex/run_command/work\n");
  EXPECT_EQ(tr.finish(exited(0), "").kind, TurnOutcome::Kind::kCompleted);
}

TEST(CodexEventTranslatorTest, FailingCommandKeepsItsExitCode) {
  CodexEventTranslator tr(false, "");
  auto t = translate(tr, recording("codex/run_command_fails.jsonl"));
  const Json* done = t.find("command_finished");
  ASSERT_NE(done, nullptr);
  EXPECT_EQ((*done)["exit_code"], 3);
  EXPECT_EQ((*done)["status"], "failed");
  EXPECT_EQ((*done)["aggregated_output"], "partial\noops\n");
  // A failing command is not a failing turn.
  EXPECT_EQ(tr.finish(exited(0), "").kind, TurnOutcome::Kind::kCompleted);
}

TEST(CodexEventTranslatorTest, FileChangesReportedOnceEach) {
  CodexEventTranslator tr(false, "");
  auto t = translate(tr, recording("codex/edit_file.jsonl"));
  EXPECT_THAT(t.types,
              ElementsAre("status_changed", "file_changed", "file_changed", "agent_message"));
  const std::string path = "/tmp/agenthub-rec/codex/edit_file/work/notes.txt";
  EXPECT_EQ(t.events[1]["file_path"], path);
  EXPECT_EQ(t.events[1]["changes"], Json::parse(R"([{"path":")" + path + R"(","kind":"add"}])"));
  EXPECT_EQ(t.events[1]["status"], "completed");
  EXPECT_EQ(t.events[2]["changes"][0]["kind"], "update");
}

TEST(CodexEventTranslatorTest, Reasoning) {
  CodexEventTranslator tr(false, "");
  auto t = translate(tr, recording("codex/reasoning.jsonl"));
  EXPECT_THAT(t.types, ElementsAre("status_changed", "reasoning", "agent_message"));
  EXPECT_EQ(t.events[1]["text"], "looking at the request");
  EXPECT_EQ(tr.finish(exited(0), "").final_text, "done");
}

TEST(CodexEventTranslatorTest, McpToolCall) {
  CodexEventTranslator tr(false, "");
  auto t = translate(tr, recording("codex/mcp_tool_call.jsonl"));
  EXPECT_THAT(t.types,
              ElementsAre("status_changed", "tool_started", "tool_finished", "agent_message"));
  const Json* started = t.find("tool_started");
  ASSERT_NE(started, nullptr);
  EXPECT_EQ((*started)["tool"], "echo");
  EXPECT_EQ((*started)["server"], "orch");
  EXPECT_EQ((*started)["arguments"], Json::parse(R"({"text":"hi"})"));
  const Json* done = t.find("tool_finished");
  ASSERT_NE(done, nullptr);
  EXPECT_EQ((*done)["result"]["structured_content"], Json::parse(R"({"echoed":"hi"})"));
  EXPECT_EQ((*done)["is_error"], false);
  EXPECT_TRUE((*done)["error"].is_null());
  EXPECT_EQ((*done)["status"], "completed");
}

TEST(CodexEventTranslatorTest, McpToolErrorIsMarked) {
  CodexEventTranslator tr(false, "");
  auto t = translate(tr, recording("codex/mcp_tool_error.jsonl"));
  const Json* done = t.find("tool_finished");
  ASSERT_NE(done, nullptr);
  EXPECT_EQ((*done)["tool"], "spawn_run");
  EXPECT_EQ((*done)["is_error"], true);
  EXPECT_EQ((*done)["status"], "failed");
  EXPECT_EQ((*done)["result"]["content"][0]["text"], "boom");
}

TEST(CodexEventTranslatorTest, SampleWithEveryItemType) {
  CodexEventTranslator tr(false, "");
  auto t = translate(tr, sample("codex_tools.jsonl"));
  EXPECT_THAT(t.types,
              ElementsAre("status_changed", "reasoning", "command_started", "command_finished",
                          "todo_updated", "file_changed", "todo_updated", "tool_started",
                          "tool_finished", "tool_finished", "agent_message"))
      << t.dump();
  EXPECT_EQ(t.events[4]["items"].size(), 2u);
  EXPECT_EQ(t.events[6]["items"][1]["completed"], true);
  const Json* search = t.find("tool_finished", "web_search");
  ASSERT_NE(search, nullptr);
  EXPECT_EQ((*search)["arguments"]["query"], "keep a changelog 1.1.0");
  TurnOutcome outcome = tr.finish(exited(0), "");
  EXPECT_EQ(outcome.final_text, "Added CHANGELOG.md with an Unreleased section.");
  EXPECT_EQ(outcome.usage["output_tokens"], 311);
}

TEST(CodexEventTranslatorTest, OutputSchemaParsesTheFinalMessage) {
  CodexEventTranslator tr(true, "");
  (void)translate(tr, recording("codex/output_schema.jsonl"));
  TurnOutcome outcome = tr.finish(exited(0), "");
  ASSERT_EQ(outcome.kind, TurnOutcome::Kind::kCompleted);
  EXPECT_EQ(outcome.structured_output, Json::parse(R"({"verdict":"ok","score":7})"));
  EXPECT_EQ(outcome.final_text, R"({"verdict":"ok","score":7})");
  EXPECT_TRUE(outcome.structured_note.empty());
}

TEST(CodexEventTranslatorTest, OutputSchemaWithProseKeepsTextAndSaysWhy) {
  CodexEventTranslator tr(true, "");
  (void)translate(tr, recording("codex/plain_answer.jsonl"));
  TurnOutcome outcome = tr.finish(exited(0), "");
  ASSERT_EQ(outcome.kind, TurnOutcome::Kind::kCompleted);
  EXPECT_TRUE(outcome.structured_output.is_null());
  EXPECT_EQ(outcome.final_text, "mock answer: hello codex");
  EXPECT_THAT(outcome.structured_note, HasSubstr("not valid JSON"));
}

TEST(CodexEventTranslatorTest, AuthFailureNeedsCredentials) {
  for (const char* name : {"codex/auth_failure.jsonl", "codex/auth_failure_default_retries.jsonl",
                           "codex/missing_api_key.jsonl"}) {
    CodexEventTranslator tr(false, "");
    auto t = translate(tr, recording(name));
    // The error lines are reported on the way, not fatal by themselves.
    EXPECT_NE(t.find("message_added"), nullptr) << name;
    TurnOutcome outcome = tr.finish(exited(1), "");
    EXPECT_EQ(outcome.kind, TurnOutcome::Kind::kAuthRequired) << name;
    EXPECT_THAT(outcome.message, HasSubstr("codex could not authenticate: "));
    EXPECT_THAT(outcome.message, HasSubstr("codex login"));
  }
}

TEST(CodexEventTranslatorTest, ServerAndStreamErrorsFail) {
  for (const char* name : {"codex/server_error.jsonl", "codex/stream_error.jsonl"}) {
    CodexEventTranslator tr(false, "");
    auto t = translate(tr, recording(name));
    const Json* error = t.find("message_added");
    ASSERT_NE(error, nullptr) << name;
    EXPECT_EQ((*error)["is_error"], true);
    TurnOutcome outcome = tr.finish(exited(1), "");
    EXPECT_EQ(outcome.kind, TurnOutcome::Kind::kFailed) << name;
    EXPECT_THAT(outcome.message, HasSubstr("codex failed: "));
    EXPECT_TRUE(outcome.include_stderr);
  }
  CodexEventTranslator tr(false, "");
  (void)translate(tr, sample("codex_turn_failed.jsonl"));
  TurnOutcome outcome = tr.finish(exited(1), "");
  EXPECT_EQ(outcome.kind, TurnOutcome::Kind::kFailed);
  EXPECT_THAT(outcome.message, HasSubstr("model provider returned 500"));
}

TEST(CodexEventTranslatorTest, KilledMidTurnFails) {
  CodexEventTranslator tr(false, "");
  auto t = translate(tr, recording("codex/cancel_sigterm_during_command.jsonl"));
  EXPECT_THAT(t.types, ElementsAre("status_changed", "command_started"));
  TurnOutcome outcome = tr.finish(killed(SIGTERM), "");
  EXPECT_EQ(outcome.kind, TurnOutcome::Kind::kFailed);
  EXPECT_THAT(outcome.message, HasSubstr("before finishing the turn"));
  EXPECT_THAT(outcome.message, HasSubstr("SIGTERM"));
}

TEST(CodexEventTranslatorTest, ResumeKeepsTheThread) {
  CodexEventTranslator first(false, "");
  auto a = translate(first, recording("codex/resume_first.jsonl"));
  CodexEventTranslator second(false, a.outputs[0].session_id);
  auto b = translate(second, recording("codex/resume_second.jsonl"));
  ASSERT_EQ(b.count(Kind::kSession), 1u);
  EXPECT_EQ(b.outputs[0].session_id, a.outputs[0].session_id);
  EXPECT_THAT(b.types, ElementsAre("status_changed", "command_started", "command_finished",
                                   "agent_message"));
}

TEST(CodexEventTranslatorTest, UnknownThreadIsForgotten) {
  CodexEventTranslator tr(false, "01a2205e-0000-7000-8000-000000000000");
  auto t = translate(tr, recording("codex/resume_unknown_thread.jsonl"));
  EXPECT_TRUE(t.outputs.empty());
  const std::string stderr_text =
      "Error: thread/resume: thread/resume failed: no rollout found for thread id "
      "01a2205e-0000-7000-8000-000000000000 (code -32600)\n";
  TurnOutcome outcome = tr.finish(exited(1), stderr_text);
  EXPECT_EQ(outcome.kind, TurnOutcome::Kind::kFailed);
  EXPECT_TRUE(outcome.forget_session);
  EXPECT_THAT(outcome.message, HasSubstr("could not resume thread 01a2205e"));
}

TEST(CodexEventTranslatorTest, OddLinesNeverThrowAndUnknownOnesArePassedOn) {
  CodexEventTranslator tr(false, "");
  const std::vector<Json> lines = {
      Json::parse(R"({"type":"item.completed"})"),
      Json::parse(R"({"type":"item.completed","item":"nope"})"),
      Json::parse(R"({"type":"item.completed","item":{"type":"command_execution"}})"),
      Json::parse(R"({"type":"item.completed","item":{"type":"file_change","changes":7}})"),
      Json::parse(R"({"type":"item.completed","item":{"type":"brand_new","x":1}})"),
      Json::parse(R"({"type":"turn.failed"})"),
      Json::parse(R"({"type":"thread.started","thread_id":42})"),
      Json::parse(R"({"type":"fake.report","pid":1})"),
      Json::parse(R"({"no_type":true})"),
  };
  auto t = translate(tr, lines);
  const Json* unknown_item = t.find("message_added");
  ASSERT_NE(unknown_item, nullptr) << t.dump();
  EXPECT_EQ((*unknown_item)["item"]["type"], "brand_new");
  bool saw_report = false;
  for (const Json& e : t.events) {
    if (e.contains("event") && e["event"].value("type", "") == "fake.report") saw_report = true;
  }
  EXPECT_TRUE(saw_report) << t.dump();
  EXPECT_EQ(t.count(Kind::kSession), 0u);
  EXPECT_EQ(tr.finish(exited(1), "").kind, TurnOutcome::Kind::kFailed);
}

TEST(CodexEventTranslatorTest, AuthErrorWording) {
  EXPECT_TRUE(is_codex_auth_error(
      "unexpected status 401 Unauthorized: Incorrect API key provided. (mock), url: x"));
  EXPECT_TRUE(is_codex_auth_error("Missing environment variable: `OPENAI_API_KEY`."));
  EXPECT_FALSE(is_codex_auth_error("exceeded retry limit, last status: 429 Too Many Requests"));
  EXPECT_FALSE(is_codex_auth_error("stream disconnected before completion: mock stream failure"));
}

}  // namespace
}  // namespace agenthub::agents
