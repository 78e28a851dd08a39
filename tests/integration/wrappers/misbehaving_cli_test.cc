// CLIs that crash, hang, ignore SIGTERM, leave grandchildren, print garbage, invalid UTF-8 or
// huge lines, end without a result, or are missing: every task ends in a sensible state and no
// process is left behind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include "agents/common/jsonl_reader.h"
#include "tests/integration/wrappers/wrapper_fixture.h"

namespace agenthub::agents::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

using MisbehavingCliTest = WrapperTest;

// Streams `message`, cancels the task once the CLI announced its session, then reads the
// stream to its end.
StreamResult cancel_after_session(a2a::Client& client, const a2a::Message& message) {
  a2a::SendMessageRequest request;
  request.message = message;
  auto events = client.open_stream(request);
  EXPECT_TRUE(events.ok()) << events.error().to_string();
  StreamResult r;
  if (!events.ok()) return r;
  std::string task_id;
  bool canceled = false;
  while (true) {
    auto item = (*events)->next();
    if (!item.ok() || !item->has_value()) break;
    const a2a::StreamResponse& it = **item;
    task_id = a2a::stream_task_id(it);
    r.items.push_back(it);
    if (const auto* update = std::get_if<a2a::TaskStatusUpdateEvent>(&it)) {
      r.state = update->status.state;
      const bool announced =
          update->status.message &&
          dump_json(update->status.message->parts[0].data).find("backend_session_id") !=
              std::string::npos;
      if (announced && !canceled) {
        canceled = true;
        auto answer = cancel(client, task_id);
        EXPECT_TRUE(answer.ok()) << answer.error().to_string();
      }
    }
  }
  r.task_id = task_id;
  r.state = task_state(client, task_id);
  return r;
}

TEST_F(MisbehavingCliTest, CrashMidwayFails) {
  WrapperProcess* w = start_codex(fake_sample("codex_tools.jsonl"), {"FAKE_CLI_CRASH_AFTER=3"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  StreamResult r = stream(*client, user_message("hi", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kFailed) << r.dump();
  EXPECT_THAT(r.status_text, HasSubstr("before finishing the turn"));
  EXPECT_THAT(r.status_text, HasSubstr("killed by signal 6"));
  EXPECT_THAT(r.types, Contains("reasoning"));  // what came before the crash was streamed
  EXPECT_EQ(record_events(record_, "crash").size(), 1u);
  EXPECT_TRUE(all_gone(recorded_pids(record_)));
}

TEST_F(MisbehavingCliTest, HangingCliIsCanceled) {
  WrapperProcess* w = start_codex(fake_sample("codex_simple.jsonl"), {"FAKE_CLI_HANG_AFTER=1"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  StreamResult r = cancel_after_session(*client, user_message("hi", work_));
  EXPECT_EQ(r.state, a2a::TaskState::kCanceled);
  EXPECT_EQ(record_events(record_, "hang").size(), 1u);
  EXPECT_TRUE(all_gone(recorded_pids(record_)));
  EXPECT_TRUE(record_events(record_, "exit").empty());  // died of SIGTERM
}

TEST_F(MisbehavingCliTest, SigtermIgnoredEscalatesToSigkill) {
  WrapperProcess* w = start_codex(fake_sample("codex_simple.jsonl"),
                                  {"FAKE_CLI_HANG_AFTER=1", "FAKE_CLI_IGNORE_SIGTERM=1"},
                                  {"--cancel-grace-ms", "300"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  StreamResult r = cancel_after_session(*client, user_message("hi", work_));
  EXPECT_EQ(r.state, a2a::TaskState::kCanceled);
  EXPECT_TRUE(all_gone(recorded_pids(record_)));
  // The wrapper is still fine.
  EXPECT_EQ(task_state(*client, r.task_id), a2a::TaskState::kCanceled);
}

TEST_F(MisbehavingCliTest, ClaudeIsInterruptedOnCancel) {
  WrapperProcess* w = start_claude(fake_sample("claude_tools.jsonl"), {"FAKE_CLI_PACE_MS=60000"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  StreamResult r = cancel_after_session(*client, user_message("hi", work_));
  EXPECT_EQ(r.state, a2a::TaskState::kCanceled);
  EXPECT_TRUE(all_gone(recorded_pids(record_)));
  // The graceful way: an interrupt on stdin, which the CLI answered by exiting.
  EXPECT_EQ(record_events(record_, "interrupt").size(), 1u);
  EXPECT_EQ(record_events(record_, "exit").size(), 1u);
}

TEST_F(MisbehavingCliTest, ClaudeIgnoringTheInterruptIsTerminated) {
  WrapperProcess* w = start_claude(fake_sample("claude_tools.jsonl"), {"FAKE_CLI_HANG_AFTER=1"},
                                   {"--cancel-grace-ms", "1000"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  StreamResult r = cancel_after_session(*client, user_message("hi", work_));
  EXPECT_EQ(r.state, a2a::TaskState::kCanceled);
  EXPECT_TRUE(all_gone(recorded_pids(record_)));
  EXPECT_EQ(record_events(record_, "interrupt").size(), 1u);
  EXPECT_TRUE(record_events(record_, "exit").empty());
}

TEST_F(MisbehavingCliTest, GrandchildInTheGroupIsKilled) {
  WrapperProcess* w = start_codex(fake_sample("codex_simple.jsonl"), {"FAKE_CLI_GRANDCHILD=1"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  StreamResult r = stream(*client, user_message("hi", work_));
  EXPECT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  ASSERT_EQ(record_events(record_, "grandchild").size(), 1u);
  EXPECT_TRUE(all_gone(recorded_pids(record_)));
}

TEST_F(MisbehavingCliTest, EscapedGrandchildDoesNotHoldTheTask) {
  WrapperProcess* w =
      start_codex(fake_sample("codex_simple.jsonl"), {"FAKE_CLI_GRANDCHILD_ESCAPE=1"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  StreamResult r = stream(*client, user_message("hi", work_));
  EXPECT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  auto grandchildren = record_events(record_, "grandchild");
  ASSERT_EQ(grandchildren.size(), 1u);
  // It left the group on purpose, so it is ours to clean up.
  const pid_t escaped = grandchildren[0].value("pid", -1);
  ASSERT_GT(escaped, 0);
  ::kill(escaped, SIGKILL);
  EXPECT_TRUE(all_gone({escaped}));
}

TEST_F(MisbehavingCliTest, GarbageLinesAreSkipped) {
  WrapperProcess* w = start_codex(fake_sample("codex_tools.jsonl"), {"FAKE_CLI_GARBAGE=1"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  StreamResult r = stream(*client, user_message("hi", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  EXPECT_EQ(r.types.size(), 11u) << r.dump();
  ASSERT_TRUE(r.result.has_value());
  EXPECT_EQ(r.result->parts[0].text, "Added CHANGELOG.md with an Unreleased section.");
}

TEST_F(MisbehavingCliTest, InvalidUtf8IsRepaired) {
  WrapperProcess* w = start_claude(fake_sample("claude_simple.jsonl"), {"FAKE_CLI_INVALID_UTF8=1"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  StreamResult r = stream(*client, user_message("hi", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  bool repaired = false;
  for (const Json& e : r.run_events) {
    const std::string text = json_string(e, "text");
    if (text.find("bad bytes: \xEF\xBF\xBD") != std::string::npos) repaired = true;
  }
  EXPECT_TRUE(repaired) << r.dump();
}

TEST_F(MisbehavingCliTest, OversizedLineIsReportedAndSkipped) {
  WrapperProcess* w = start_codex(fake_sample("codex_simple.jsonl"), {"FAKE_CLI_HUGE_LINE_MIB=9"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  StreamResult r = stream(*client, user_message("hi", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  const Json* note = r.find("message_added");
  ASSERT_NE(note, nullptr) << r.dump();
  EXPECT_THAT(json_string(*note, "content"), HasSubstr("more than the wrapper accepts"));
}

TEST_F(MisbehavingCliTest, HugeOutputStreamsThrough) {
  WrapperProcess* w = start_codex(fake_sample("codex_simple.jsonl"), {"FAKE_CLI_HUGE_TOTAL_MIB=8"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  StreamResult r = stream(*client, user_message("hi", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump().substr(0, 2000);
  std::size_t outputs = 0;
  for (const Json& e : r.run_events) {
    if (json_string(e, "type") == "command_finished") {
      ++outputs;
      EXPECT_EQ(json_string(e, "aggregated_output").size(), 64u * 1024);
    }
  }
  EXPECT_EQ(outputs, 128u);
}

TEST_F(MisbehavingCliTest, ExitWithoutAResultFails) {
  WrapperProcess* codex = start_codex(fake_sample("codex_simple.jsonl"), {"FAKE_CLI_NO_RESULT=1"});
  ASSERT_NE(codex, nullptr);
  StreamResult a = stream(*codex->client(), user_message("hi", work_));
  ASSERT_EQ(a.state, a2a::TaskState::kFailed) << a.dump();
  EXPECT_THAT(a.status_text, HasSubstr("codex exited (exit code 0) before finishing the turn"));

  WrapperProcess* claude = start_claude(fake_sample("claude_simple.jsonl"),
                                        {"FAKE_CLI_NO_RESULT=1", "FAKE_CLI_STDIN=ignore"});
  ASSERT_NE(claude, nullptr);
  StreamResult b = stream(*claude->client(), user_message("hi", work_));
  ASSERT_EQ(b.state, a2a::TaskState::kFailed) << b.dump();
  EXPECT_THAT(b.status_text, HasSubstr("claude exited (exit code 0) without a result"));
}

TEST_F(MisbehavingCliTest, FailureQuotesTheEndOfStderr) {
  WrapperProcess* w =
      start_codex(fake_sample("codex_simple.jsonl"),
                  {"FAKE_CLI_NO_RESULT=1", "FAKE_CLI_EXIT_CODE=2", "FAKE_CLI_STDERR_BYTES=200000",
                   "FAKE_CLI_STDERR=fatal: the real reason"});
  ASSERT_NE(w, nullptr);
  StreamResult r = stream(*w->client(), user_message("hi", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kFailed) << r.dump();
  EXPECT_THAT(r.status_text, HasSubstr("exit code 2"));
  EXPECT_THAT(r.status_text, HasSubstr("fatal: the real reason"));
  EXPECT_LT(r.status_text.size(), 8000u);
}

TEST_F(MisbehavingCliTest, MissingCliIsAStartupError) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--codex-bin", (root_ / "no-such-codex").string()},
        std::vector<std::string>{}}) {
    SpawnOptions options;
    options.argv = {bin_path("codex-a2a-agent").string(), "--state-dir",
                    (root_ / "state").string()};
    options.argv.insert(options.argv.end(), args.begin(), args.end());
    // No codex on this PATH, and no CODEX_BIN.
    options.env = inherited_env({"CODEX_BIN", "PATH"}, {"PATH=" + (root_ / "empty").string()});
    auto process = Process::spawn(std::move(options));
    ASSERT_TRUE(process.ok());
    JsonlReader reader((*process)->stdout_source());
    EXPECT_FALSE(reader.next().has_value());  // no ready line
    ExitStatus status = (*process)->wait();
    EXPECT_EQ(status.exit_code, 1);
    const std::string err = (*process)->stderr_tail();
    EXPECT_THAT(err, HasSubstr("--codex-bin"));
    EXPECT_THAT(err, HasSubstr("CODEX_BIN"));
  }
}

TEST_F(MisbehavingCliTest, CliThatVanishedFailsTheTask) {
  const auto copy = root_ / "codex";
  std::filesystem::copy_file(bin_path("fake-cli"), copy);
  auto w = WrapperProcess::start(
      "codex-a2a-agent", {"--codex-bin", copy.string(), "--state-dir", (root_ / "state").string()},
      {"FAKE_CLI_REPLAY=" + fake_sample("codex_simple.jsonl").string()});
  ASSERT_NE(w, nullptr);
  std::filesystem::remove(copy);
  StreamResult r = stream(*w->client(), user_message("hi", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kFailed) << r.dump();
  EXPECT_THAT(r.status_text, HasSubstr("could not start codex"));
  EXPECT_THAT(r.status_text, HasSubstr(copy.string()));
}

}  // namespace
}  // namespace agenthub::agents::testing
