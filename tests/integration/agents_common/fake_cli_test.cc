// fake-cli driven through Process and JsonlReader, the way a wrapper drives a real CLI.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <thread>

#include "agents/common/jsonl_reader.h"
#include "agents/common/process.h"
#include "tests/integration/agents_common/test_support.h"

namespace agenthub::agents {
namespace {

using testing::read_items;
using testing::read_record;
using testing::sample_path;
using testing::spawn_fake;
using testing::TempDir;

constexpr std::string_view kUserMessage =
    R"({"type":"user","message":{"role":"user","content":[{"type":"text","text":"go"}]}})"
    "\n";

// True once the record file holds `event`, waiting up to kDeadline.
bool wait_record_event(const std::filesystem::path& record, std::string_view event) {
  const auto until = std::chrono::steady_clock::now() + testing::kDeadline;
  while (std::chrono::steady_clock::now() < until) {
    for (const Json& e : read_record(record)) {
      if (e["event"] == event) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

std::size_t count_lines(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) n += line.empty() ? 0 : 1;
  return n;
}

TEST(FakeCliTest, ReplaysEveryCodexSample) {
  for (const char* name : {"codex_simple.jsonl", "codex_tools.jsonl", "codex_turn_failed.jsonl"}) {
    SCOPED_TRACE(name);
    auto proc = spawn_fake({"FAKE_CLI_REPLAY=" + sample_path(name).string()},
                           {"exec", "--experimental-json", "--skip-git-repo-check", "-"});
    ASSERT_NE(proc, nullptr);
    ASSERT_TRUE(proc->write_stdin("say hello\n").ok());
    proc->close_stdin();  // codex reads its prompt until EOF before answering
    auto items = read_items(*proc);
    EXPECT_EQ(items.size(), count_lines(sample_path(name)));
    for (const JsonlItem& item : items) EXPECT_TRUE(item.ok()) << item.error;
    ASSERT_FALSE(items.empty());
    EXPECT_EQ(items[0].value["type"], "thread.started");
    EXPECT_TRUE(proc->wait().success());
  }
}

TEST(FakeCliTest, ReplaysEveryClaudeSampleAndAnswersPermissionRequests) {
  for (const char* name : {"claude_simple.jsonl", "claude_tools.jsonl", "claude_permission.jsonl",
                           "claude_error.jsonl"}) {
    SCOPED_TRACE(name);
    TempDir dir;
    auto record = dir.path() / "record.jsonl";
    auto proc = spawn_fake(
        {"FAKE_CLI_REPLAY=" + sample_path(name).string(), "FAKE_CLI_RECORD=" + record.string()},
        {"-p", "--output-format", "stream-json", "--verbose", "--input-format", "stream-json"});
    ASSERT_NE(proc, nullptr);
    ASSERT_TRUE(proc->write_stdin(kUserMessage).ok());
    JsonlReader reader(proc->stdout_source());
    std::size_t count = 0;
    bool saw_result = false;
    while (!saw_result) {
      auto item = reader.next();
      ASSERT_TRUE(item.has_value());
      ASSERT_TRUE(item->ok()) << item->error;
      ++count;
      const Json& event = item->value;
      if (event["type"] == "control_request") {
        // The fake waits for our answer, as the real CLI does with --permission-prompt-tool stdio.
        Json answer = {
            {"type", "control_response"},
            {"response",
             {{"subtype", "success"},
              {"request_id", event["request_id"]},
              {"response", {{"behavior", "allow"}, {"updatedInput", event["request"]["input"]}}}}}};
        ASSERT_TRUE(proc->write_stdin(dump_json(answer) + "\n").ok());
      }
      saw_result = event["type"] == "result";
    }
    EXPECT_EQ(count, count_lines(sample_path(name)));
    // Like the real CLI in stream-json mode it keeps serving until stdin closes.
    EXPECT_FALSE(proc->wait_for(std::chrono::milliseconds(0)).has_value());
    proc->close_stdin();
    EXPECT_FALSE(reader.next().has_value());
    EXPECT_TRUE(proc->wait().success());
    bool answered = false;
    for (const Json& event : read_record(record)) {
      if (event["event"] == "stdin" &&
          event["data"].get<std::string>().find("control_response") != std::string::npos) {
        answered = true;
      }
    }
    EXPECT_EQ(answered, std::string(name) == "claude_permission.jsonl");
  }
}

TEST(FakeCliTest, ClaudeModeWithoutAUserMessageFails) {
  auto proc =
      spawn_fake({"FAKE_CLI_REPLAY=" + sample_path("claude_simple.jsonl").string()}, {"-p"});
  ASSERT_NE(proc, nullptr);
  proc->close_stdin();
  EXPECT_TRUE(read_items(*proc).empty());
  EXPECT_EQ(proc->wait().exit_code, 1);
  EXPECT_NE(proc->stderr_tail().find("before any user message"), std::string::npos);
}

TEST(FakeCliTest, RecordsArgvAndStdinAndReplaysTheResumeTranscript) {
  TempDir dir;
  auto record = dir.path() / "record.jsonl";
  auto proc = spawn_fake({"FAKE_CLI_REPLAY=" + sample_path("codex_simple.jsonl").string(),
                          "FAKE_CLI_REPLAY_RESUME=" + sample_path("codex_tools.jsonl").string(),
                          "FAKE_CLI_RECORD=" + record.string()},
                         {"exec", "--experimental-json", "resume", "thread-123", "-"});
  ASSERT_NE(proc, nullptr);
  ASSERT_TRUE(proc->write_stdin("continue please").ok());
  proc->close_stdin();
  auto items = read_items(*proc);
  EXPECT_EQ(items.size(), count_lines(sample_path("codex_tools.jsonl")));
  EXPECT_TRUE(proc->wait().success());
  auto events = read_record(record);
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events[0]["event"], "start");
  EXPECT_EQ(events[0]["argv"][3], "resume");
  EXPECT_EQ(events[0]["argv"][4], "thread-123");
  EXPECT_EQ(events[0]["resuming"], true);
  EXPECT_EQ(events[1]["event"], "stdin");
  EXPECT_EQ(events[1]["data"], "continue please");
  EXPECT_EQ(events.back()["event"], "exit");
}

TEST(FakeCliTest, ReplayFlagOverridesEnvironment) {
  auto proc = spawn_fake(
      {"FAKE_CLI_STDIN=ignore", "FAKE_CLI_REPLAY=" + sample_path("codex_tools.jsonl").string()},
      {"exec", "--replay", sample_path("codex_simple.jsonl").string()});
  ASSERT_NE(proc, nullptr);
  EXPECT_EQ(read_items(*proc).size(), count_lines(sample_path("codex_simple.jsonl")));
  EXPECT_TRUE(proc->wait().success());
}

TEST(FakeCliTest, MisbehavingOutputIsSurvivable) {
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_GARBAGE=1", "FAKE_CLI_INVALID_UTF8=1",
                          "FAKE_CLI_HUGE_LINE_MIB=20", "FAKE_CLI_HUGE_TOTAL_MIB=4",
                          "FAKE_CLI_REPLAY=" + sample_path("codex_simple.jsonl").string()},
                         {"exec"});
  ASSERT_NE(proc, nullptr);
  std::size_t objects = 0, bad = 0, oversized = 0, repaired = 0;
  JsonlReader reader(proc->stdout_source());
  while (auto item = reader.next()) {
    switch (item->kind) {
      case JsonlItem::Kind::kObject:
        ++objects;
        repaired += item->repaired_utf8 ? 1 : 0;
        break;
      case JsonlItem::Kind::kBadLine:
        ++bad;
        break;
      case JsonlItem::Kind::kOversizedLine:
        ++oversized;
        EXPECT_GT(item->line_bytes, 20u << 20);
        EXPECT_FALSE(item->preview.empty());
        break;
      default:
        ADD_FAILURE() << "unexpected item " << jsonl_kind_name(item->kind);
    }
  }
  EXPECT_TRUE(proc->wait().success());
  EXPECT_EQ(oversized, 1u);
  EXPECT_EQ(bad, 5u);  // six garbage lines, one of them blank
  EXPECT_EQ(repaired, 1u);
  // 5 replayed + 1 invalid-UTF-8 event + 4 MiB in 64 KiB lines.
  EXPECT_EQ(objects, 5u + 1u + 64u);
}

TEST(FakeCliTest, LoadEventsAfterTheFirstLineWithEveryKthLarge) {
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_EVENTS=7", "FAKE_CLI_LARGE_EVERY=3",
                          "FAKE_CLI_LARGE_BYTES=5000",
                          "FAKE_CLI_REPLAY=" + sample_path("codex_simple.jsonl").string()},
                         {"exec"});
  ASSERT_NE(proc, nullptr);
  auto items = read_items(*proc);
  EXPECT_TRUE(proc->wait().success());
  const std::size_t replayed = count_lines(sample_path("codex_simple.jsonl"));
  ASSERT_EQ(items.size(), replayed + 7);
  EXPECT_EQ(items.front().value["type"], "thread.started");
  EXPECT_EQ(items.back().value["type"], "turn.completed");  // the replay goes on afterwards
  for (std::size_t i = 0; i < 7; ++i) {
    SCOPED_TRACE(i);
    const JsonlItem& item = items[1 + i];
    ASSERT_TRUE(item.ok()) << item.error;
    const Json& event = item.value["item"];
    EXPECT_EQ(item.value["type"], "item.completed");
    EXPECT_EQ(event["type"], "command_execution");
    EXPECT_EQ(event["id"], "fake_load_" + std::to_string(i));
    const bool large = i == 2 || i == 5;
    EXPECT_EQ(event["aggregated_output"].get<std::string>().size(), large ? 5000u : 100u);
  }
}

TEST(FakeCliTest, LoadEventsInClaudeModeAreToolResults) {
  auto proc = spawn_fake(
      {"FAKE_CLI_STDIN=ignore", "FAKE_CLI_MODE=claude", "FAKE_CLI_EVENTS=2",
       "FAKE_CLI_LARGE_EVERY=2", "FAKE_CLI_REPLAY=" + sample_path("claude_simple.jsonl").string()},
      {"-p"});
  ASSERT_NE(proc, nullptr);
  auto items = read_items(*proc);
  EXPECT_TRUE(proc->wait().success());
  ASSERT_EQ(items.size(), count_lines(sample_path("claude_simple.jsonl")) + 2);
  const Json& second = items[2].value["message"]["content"][0];
  EXPECT_EQ(second["type"], "tool_result");
  EXPECT_EQ(second["tool_use_id"], "fake_load_1");
  EXPECT_EQ(second["content"].get<std::string>().size(), 20u * 1024);  // the default size
}

TEST(FakeCliTest, StartGateHoldsTheReplayUntilItsFileExists) {
  TempDir dir;
  const auto gate = dir.path() / "gate";
  const auto record = dir.path() / "record.jsonl";
  auto proc =
      spawn_fake({"FAKE_CLI_START_GATE=" + gate.string(), "FAKE_CLI_RECORD=" + record.string(),
                  "FAKE_CLI_REPLAY=" + sample_path("codex_simple.jsonl").string()},
                 {"exec", "-"});
  ASSERT_NE(proc, nullptr);
  proc->close_stdin();
  // Input read, gate shut: no output, and the fake is still there.
  ASSERT_TRUE(wait_record_event(record, "stdin_eof"));
  EXPECT_FALSE(proc->wait_for(std::chrono::milliseconds(0)).has_value());

  std::ofstream(gate) << "opened by the test\n";
  EXPECT_EQ(read_items(*proc).size(), count_lines(sample_path("codex_simple.jsonl")));
  EXPECT_TRUE(proc->wait().success());
  // It replayed after reading what the test wrote into the gate.
  std::vector<std::string> events;
  for (const Json& event : read_record(record)) {
    events.push_back(event["event"]);
    if (event["event"] == "start_gate") {
      EXPECT_EQ(event["content"], "opened by the test");
    }
  }
  EXPECT_THAT(events, ::testing::Contains("start_gate"));
}

TEST(FakeCliTest, CrashMidway) {
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_CRASH_AFTER=2",
                          "FAKE_CLI_REPLAY=" + sample_path("codex_tools.jsonl").string()},
                         {"exec"});
  ASSERT_NE(proc, nullptr);
  EXPECT_EQ(read_items(*proc).size(), 2u);
  EXPECT_EQ(proc->wait().term_signal, SIGABRT);
}

TEST(FakeCliTest, ExitWithoutResultAndWithAnError) {
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_NO_RESULT=1", "FAKE_CLI_EXIT_CODE=2",
                          "FAKE_CLI_STDERR=Error: model provider unreachable",
                          "FAKE_CLI_REPLAY=" + sample_path("codex_simple.jsonl").string()},
                         {"exec"});
  ASSERT_NE(proc, nullptr);
  auto items = read_items(*proc);
  ASSERT_EQ(items.size(), count_lines(sample_path("codex_simple.jsonl")) - 1);
  for (const JsonlItem& item : items) EXPECT_NE(item.value["type"], "turn.completed");
  EXPECT_EQ(proc->wait().exit_code, 2);
  EXPECT_EQ(proc->stderr_tail(), "Error: model provider unreachable\n");
}

TEST(FakeCliTest, HangIgnoresStdinEof) {
  auto proc = spawn_fake(
      {"FAKE_CLI_HANG=1", "FAKE_CLI_REPLAY=" + sample_path("codex_simple.jsonl").string()},
      {"exec", "-"});
  ASSERT_NE(proc, nullptr);
  proc->close_stdin();
  JsonlReader reader(proc->stdout_source());
  for (std::size_t i = 0; i < count_lines(sample_path("codex_simple.jsonl")); ++i) {
    auto item = reader.next();
    ASSERT_TRUE(item && item->ok());
  }
  EXPECT_FALSE(proc->wait_for(std::chrono::milliseconds(0)).has_value());
  EXPECT_EQ(proc->terminate(testing::kDeadline).term_signal, SIGTERM);
}

}  // namespace
}  // namespace agenthub::agents
