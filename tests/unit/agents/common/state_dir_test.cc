#include "agents/common/state_dir.h"

#include <gtest/gtest.h>

namespace agenthub::agents {
namespace {

TEST(StateDirTest, PrefersAbsoluteXdgStateHome) {
  auto dir = default_state_dir("codex-a2a-agent", "/x/state", "/home/u");
  ASSERT_TRUE(dir.ok());
  EXPECT_EQ(dir->string(), "/x/state/agenthub/codex-a2a-agent");
}

TEST(StateDirTest, FallsBackToHomeForUnsetOrRelativeXdg) {
  for (const char* xdg : {static_cast<const char*>(nullptr), "", "relative/state"}) {
    auto dir = default_state_dir("claude-a2a-agent", xdg, "/home/u/");
    ASSERT_TRUE(dir.ok());
    EXPECT_EQ(dir->string(), "/home/u/.local/state/agenthub/claude-a2a-agent");
  }
}

TEST(StateDirTest, FailsClearlyWithoutHome) {
  auto dir = default_state_dir("w", nullptr, nullptr);
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(dir.error().message.find("--state-dir"), std::string::npos);
}

TEST(StateDirTest, RefusesNamesThatAreNotOneComponent) {
  for (const char* name : {"", ".", "..", "a/b"}) {
    auto dir = default_state_dir(name, "/x", "/home/u");
    ASSERT_FALSE(dir.ok()) << name;
    EXPECT_EQ(dir.error().code, ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace agenthub::agents
