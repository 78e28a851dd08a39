// How orchestration-mcp's flags become the hub's options (no hub is started).

#include "mcp/run_service_factory.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

namespace agenthub::mcp {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Options parse(std::vector<const char*> args) {
  args.insert(args.begin(), "orchestration-mcp");
  auto options = parse_options(static_cast<int>(args.size()), args.data());
  EXPECT_TRUE(options.ok()) << options.error().message;
  return options.ok() ? *options : Options{};
}

TEST(RunManagerOptions, DefaultsAreTheHubsOwn) {
  const hub::RunManagerOptions defaults;
  hub::RunManagerOptions o = run_manager_options(parse({}));
  EXPECT_EQ(o.max_concurrent_runs, defaults.max_concurrent_runs);
  EXPECT_EQ(o.stall_timeout, defaults.stall_timeout);
  EXPECT_THAT(o.local_agents.codex_agent_args, IsEmpty());
  EXPECT_THAT(o.local_agents.claude_agent_args, IsEmpty());
  EXPECT_TRUE(o.run_index_dir.empty());
  EXPECT_FALSE(o.profile_dirs.empty());  // the bundled personas, at least
}

TEST(RunManagerOptions, LimitsReachTheHubAndBothWrappers) {
  hub::RunManagerOptions o = run_manager_options(
      parse({"--max-concurrent-runs", "50", "--stall-timeout-s", "0", "--wrapper-max-tasks", "64",
             "--state-dir", "/s", "--codex-agent-bin", "/bin/c", "--claude-agent-bin", "/bin/k"}));
  EXPECT_EQ(o.max_concurrent_runs, 50u);
  EXPECT_EQ(o.stall_timeout, std::chrono::seconds(0));
  EXPECT_EQ(o.run_index_dir, "/s/run-index");
  EXPECT_EQ(o.local_agents.codex_agent_bin, "/bin/c");
  EXPECT_EQ(o.local_agents.claude_agent_bin, "/bin/k");
  EXPECT_THAT(o.local_agents.codex_agent_args,
              ElementsAre("--state-dir", "/s/codex-a2a-agent", "--max-tasks", "64"));
  EXPECT_THAT(o.local_agents.claude_agent_args,
              ElementsAre("--state-dir", "/s/claude-a2a-agent", "--max-tasks", "64"));
}

TEST(RunManagerOptions, WrapperTasksWithoutAStateDir) {
  hub::RunManagerOptions o = run_manager_options(parse({"--wrapper-max-tasks=2"}));
  EXPECT_THAT(o.local_agents.codex_agent_args, ElementsAre("--max-tasks", "2"));
  EXPECT_THAT(o.local_agents.claude_agent_args, ElementsAre("--max-tasks", "2"));
}

}  // namespace
}  // namespace agenthub::mcp
