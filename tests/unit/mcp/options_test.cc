#include "mcp/options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

namespace agenthub::mcp {
namespace {

using ::testing::HasSubstr;

Result<Options> parse(std::vector<const char*> args) {
  args.insert(args.begin(), "orchestration-mcp");
  return parse_options(static_cast<int>(args.size()), args.data());
}

TEST(Options, DefaultsWithoutFlags) {
  auto o = parse({});
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->help);
  EXPECT_FALSE(o->version);
  EXPECT_EQ(o->state_dir, "");
  EXPECT_EQ(o->max_concurrent_calls, 32);
}

TEST(Options, BothFlagForms) {
  auto o = parse({"--state-dir", "/s", "--codex-agent-bin=/c", "--claude-agent-bin", "/k",
                  "--log-level=debug", "--max-concurrent-calls", "4", "--help", "-V"});
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->state_dir, "/s");
  EXPECT_EQ(o->codex_agent_bin, "/c");
  EXPECT_EQ(o->claude_agent_bin, "/k");
  EXPECT_EQ(o->log_level, "debug");
  EXPECT_EQ(o->max_concurrent_calls, 4);
  EXPECT_TRUE(o->help);
  EXPECT_TRUE(o->version);
}

TEST(Options, ErrorsNameTheFlag) {
  EXPECT_THAT(parse({"--bogus"}).error().message, HasSubstr("unknown option \"--bogus\""));
  EXPECT_THAT(parse({"--state-dir"}).error().message, HasSubstr("--state-dir: missing value"));
  EXPECT_THAT(parse({"--log-level=loud"}).error().message, HasSubstr("--log-level: expected"));
  EXPECT_THAT(parse({"--max-concurrent-calls=0"}).error().message,
              HasSubstr("--max-concurrent-calls: expected a number from 1 to 1024"));
  EXPECT_FALSE(parse({"--max-concurrent-calls=4x"}).ok());
}

TEST(Options, UsageShowsHowToRegister) {
  std::string usage = usage_text("/opt/bin/orchestration-mcp");
  EXPECT_THAT(
      usage,
      HasSubstr(
          "[mcp_servers.orchestration]\n  command = \"/opt/bin/orchestration-mcp\"\n  args = []"));
  EXPECT_THAT(usage, HasSubstr("claude mcp add orchestration -- /opt/bin/orchestration-mcp"));
  EXPECT_THAT(usage, HasSubstr("--codex-agent-bin"));
}

}  // namespace
}  // namespace agenthub::mcp
