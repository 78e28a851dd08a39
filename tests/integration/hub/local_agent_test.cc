// The codex / claude_code backends through LocalAgentPool, with fake_wrapper.sh standing in for
// codex-a2a-agent and claude-a2a-agent (the real wrappers with the real CLIs are e2e tests).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fake_wrapper.h"
#include "hub_fixture.h"

namespace agenthub::hub::testing {
namespace {

namespace fsys = std::filesystem;
using ::testing::HasSubstr;

class LocalAgentTest : public HubTest {
 protected:
  void SetUp() override {
    fake_ = install_fake_wrapper(root_.path() / "wrappers", "fake-agent");
    RunManagerOptions o = options();
    o.local_agents.codex_agent_bin = fake_;
    o.local_agents.claude_agent_bin = fake_;
    o.local_agents.codex_agent_args = fake_wrapper_args(codex_report_);
    o.local_agents.claude_agent_args = fake_wrapper_args(claude_report_);
    start_manager(o);
  }

  fsys::path fake_;
  fsys::path codex_report_ = root_.path() / "codex-report.txt";
  fsys::path claude_report_ = root_.path() / "claude-report.txt";
};

TEST_F(LocalAgentTest, CodexRunsThroughItsWrapperWhichIsStartedOnceAndReused) {
  const std::string first = spawn(local("codex", "hello"));
  ASSERT_EQ(wait_terminal(first), "completed");
  EXPECT_EQ(get_run(first)["result"]["final_response"], "echo: hello");
  EXPECT_EQ(get_run(first)["backend"], "codex");
  const std::string second = spawn(local("codex", "again"));
  ASSERT_EQ(wait_terminal(second), "completed");
  EXPECT_EQ(get_run(second)["result"]["final_response"], "echo: again");

  auto starts = wrapper_starts(codex_report_);
  ASSERT_EQ(starts.size(), 1u);
  EXPECT_THAT(starts[0]["argv"], HasSubstr("--host 127.0.0.1 --port 0"));
  EXPECT_EQ(get_run(first)["remote_ref"]["agent_url"], get_run(second)["remote_ref"]["agent_url"]);
  EXPECT_TRUE(wrapper_starts(claude_report_).empty());
}

TEST_F(LocalAgentTest, ClaudeCodeHasItsOwnWrapper) {
  const std::string id = spawn(local("claude_code", "hi claude"));
  ASSERT_EQ(wait_terminal(id), "completed");
  EXPECT_EQ(get_run(id)["result"]["final_response"], "echo: hi claude");
  EXPECT_EQ(wrapper_starts(claude_report_).size(), 1u);
  EXPECT_TRUE(wrapper_starts(codex_report_).empty());
}

TEST_F(LocalAgentTest, ConcurrentFirstUsesStartOneWrapper) {
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(spawn(local("codex", "n" + std::to_string(i))));
  for (const auto& id : ids) EXPECT_EQ(wait_terminal(id), "completed");
  EXPECT_EQ(wrapper_starts(codex_report_).size(), 1u);
}

TEST_F(LocalAgentTest, InputRequiredAndResumeThroughTheWrapper) {
  const std::string asking = spawn(local("codex", "ask: which test?"));
  ASSERT_EQ(wait_for(asking, {"input_required"}), "input_required");
  ok_json(manager_->continue_run(
              asking, {{"role", "user"}, {"parts", {{{"type", "text"}, {"text", "unit"}}}}}),
          "continue_run");
  ASSERT_EQ(wait_terminal(asking), "completed");
  EXPECT_EQ(get_run(asking)["result"]["final_response"], "echo: unit");

  SpawnRunRequest resume = local("codex", "and now?");
  resume.session_mode = "resume";
  resume.session_id = get_run(asking)["session_id"];
  const std::string resumed = spawn(resume);
  ASSERT_EQ(wait_terminal(resumed), "completed");
  EXPECT_EQ(get_run(resumed)["remote_ref"]["context_id"],
            get_run(asking)["remote_ref"]["context_id"]);
}

TEST_F(LocalAgentTest, CwdTravelsInTheFirstMessageMetadata) {
  // The echo agent ignores metadata, so this checks what the hub records it sent.
  const std::string id = spawn(local("codex", "where am I?"));
  ASSERT_EQ(wait_terminal(id), "completed");
  EXPECT_EQ(events(id).front()["data"]["cwd"], cwd_.string());
}

TEST_F(LocalAgentTest, WrapperThatDiesBeforeReadyFailsTheRun) {
  RunManagerOptions o = options();
  o.local_agents.codex_agent_bin = "/bin/false";
  start_manager(o);
  const std::string id = spawn(local("codex", "hello"));
  ASSERT_EQ(wait_terminal(id), "failed");
  EXPECT_THAT(get_run(id)["error"].get<std::string>(), HasSubstr("exited before it was ready"));
}

TEST_F(LocalAgentTest, WrapperWithoutReadyLineFailsTheRun) {
  RunManagerOptions o = options();
  o.local_agents.codex_agent_bin = "/bin/true";
  start_manager(o);
  const std::string id = spawn(local("codex", "hello"));
  ASSERT_EQ(wait_terminal(id), "failed");
  EXPECT_THAT(get_run(id)["error"].get<std::string>(), HasSubstr("codex-a2a-agent"));
}

}  // namespace
}  // namespace agenthub::hub::testing
