#include "agents/common/run_event_parts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "agents/common/run_event_wire.h"
#include "agents/common/temp_file.h"
#include "core/fs.h"

namespace agenthub::agents {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(RunEventPartsTest, DataPartThenOptionalText) {
  auto parts = run_event_parts({{"type", "agent_message"}, {"text", "hi"}}, "hi");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].kind, a2a::Part::Kind::kData);
  EXPECT_EQ(parts[0].media_type, kRunEventMediaType);
  EXPECT_EQ(parts[0].data["type"], "agent_message");
  EXPECT_EQ(parts[1].kind, a2a::Part::Kind::kText);
  EXPECT_EQ(parts[1].text, "hi");
  EXPECT_EQ(run_event_parts({{"type", "reasoning"}}).size(), 1u);
}

TEST(RunEventPartsTest, ResultArtifact) {
  TurnOutcome outcome;
  outcome.kind = TurnOutcome::Kind::kCompleted;
  outcome.final_text = R"({"ok":true})";
  outcome.structured_output = Json::parse(R"({"ok":true})");
  outcome.usage = Json::parse(R"({"input_tokens":5})");
  outcome.cost_usd = 0.25;
  a2a::Artifact a = result_artifact(outcome, "claude_code", "s-1");
  EXPECT_EQ(a.name, kResultArtifactName);
  EXPECT_FALSE(a.artifact_id.empty());
  ASSERT_EQ(a.parts.size(), 2u);
  EXPECT_EQ(a.parts[0].text, R"({"ok":true})");
  EXPECT_EQ(a.parts[1].media_type, "application/json");
  EXPECT_EQ(a.parts[1].data, outcome.structured_output);
  EXPECT_EQ(a.metadata[std::string(kMetaResultMarker)], true);
  EXPECT_EQ(a.metadata["usage"]["input_tokens"], 5);
  EXPECT_EQ(a.metadata["cost_usd"], 0.25);
  EXPECT_EQ(a.metadata["backend"], "claude_code");
  EXPECT_EQ(a.metadata["backend_session_id"], "s-1");
  EXPECT_FALSE(a.metadata.contains("structured_output_error"));

  TurnOutcome plain;
  plain.kind = TurnOutcome::Kind::kCompleted;
  plain.final_text = "prose";
  plain.structured_note = "not JSON";
  a2a::Artifact b = result_artifact(plain, "codex", "");
  ASSERT_EQ(b.parts.size(), 1u);
  EXPECT_EQ(b.metadata["usage"], Json::object());
  EXPECT_FALSE(b.metadata.contains("cost_usd"));
  EXPECT_EQ(b.metadata["structured_output_error"], "not JSON");
}

TEST(RunEventPartsTest, StderrTail) {
  EXPECT_EQ(with_stderr_tail("failed", ""), "failed");
  EXPECT_EQ(with_stderr_tail("failed", "\n \n"), "failed");
  EXPECT_EQ(with_stderr_tail("failed", "boom\n"), "failed\n\nstderr (last lines):\nboom");
  std::string long_tail(10000, 'x');
  long_tail += "\nlast line\n";
  std::string message = with_stderr_tail("failed", long_tail, 100);
  EXPECT_THAT(message, StartsWith("failed\n\nstderr (last lines):\n"));
  EXPECT_THAT(message, HasSubstr("last line"));
  EXPECT_LT(message.size(), 200u);
  // Cut inside a multi-byte character: still valid UTF-8.
  std::string euros;
  for (int i = 0; i < 100; ++i) euros += "\xe2\x82\xac";
  message = with_stderr_tail("f", euros, 10);
  EXPECT_EQ(message, "f\n\nstderr (last lines):\n\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac");
}

TEST(TempFileTest, PrivateAndRemoved) {
  std::filesystem::path path;
  {
    auto file = TempFile::create("{}", ".json");
    ASSERT_TRUE(file.ok());
    path = file->path();
    EXPECT_EQ(path.extension(), ".json");
    EXPECT_EQ(read_file(path).value(), "{}");
    EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    TempFile moved = std::move(file).value();
    EXPECT_EQ(moved.path(), path);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_FALSE(TempFile::create("x", "", "/nonexistent-dir-for-agenthub").ok());
}

}  // namespace
}  // namespace agenthub::agents
