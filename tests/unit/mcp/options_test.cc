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
  // Unset hub limits leave the hub's defaults alone.
  EXPECT_FALSE(o->max_concurrent_runs.has_value());
  EXPECT_FALSE(o->stall_timeout_s.has_value());
  EXPECT_FALSE(o->wrapper_max_tasks.has_value());
}

TEST(Options, HubLimits) {
  auto o =
      parse({"--max-concurrent-runs", "50", "--stall-timeout-s=0", "--wrapper-max-tasks", "64"});
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->max_concurrent_runs, 50);
  EXPECT_EQ(o->stall_timeout_s, 0);
  EXPECT_EQ(o->wrapper_max_tasks, 64);
  EXPECT_EQ(o->max_concurrent_calls, 32);  // a separate limit

  EXPECT_EQ(parse({"--stall-timeout-s", "604800"})->stall_timeout_s, 604800);
  EXPECT_EQ(parse({"--max-concurrent-runs=1024"})->max_concurrent_runs, 1024);
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
  EXPECT_THAT(parse({"--max-concurrent-runs=0"}).error().message,
              HasSubstr("--max-concurrent-runs: expected a number from 1 to 1024, got \"0\""));
  EXPECT_THAT(parse({"--wrapper-max-tasks", "1025"}).error().message,
              HasSubstr("--wrapper-max-tasks: expected a number from 1 to 1024"));
  EXPECT_THAT(parse({"--stall-timeout-s=-1"}).error().message,
              HasSubstr("--stall-timeout-s: expected a number from 0 to 604800"));
  EXPECT_FALSE(parse({"--stall-timeout-s=604801"}).ok());
  EXPECT_FALSE(parse({"--stall-timeout-s=1.5"}).ok());
  EXPECT_THAT(parse({"--wrapper-max-tasks"}).error().message,
              HasSubstr("--wrapper-max-tasks: missing value"));
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

TEST(Options, UsageListsTheHubLimitsWithTheirDefaults) {
  std::string usage = usage_text("orchestration-mcp");
  EXPECT_THAT(usage, HasSubstr("--max-concurrent-runs N"));
  EXPECT_THAT(usage, HasSubstr("(default 8)"));
  EXPECT_THAT(usage, HasSubstr("--stall-timeout-s N"));
  EXPECT_THAT(usage, HasSubstr("(default 1800; 0: never)"));
  EXPECT_THAT(usage, HasSubstr("--wrapper-max-tasks N"));
  EXPECT_THAT(usage, HasSubstr("(default 4)"));
}

}  // namespace
}  // namespace agenthub::mcp
