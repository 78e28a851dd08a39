// Hub restarts: a run that is on its agent when its hub stops (or dies) is taken over by the
// next hub, whose events continue with the next seq; runs whose agent or task is gone, and
// runs that never reached their agent, fail as orphaned; a run a live hub drives is left to it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>

#include "fake_wrapper.h"
#include "hub/run_lease.h"
#include "hub_fixture.h"
#include "tests/integration/mcp/mcp_process.h"

namespace agenthub::hub::testing {
namespace {

namespace fsys = std::filesystem;
using ::testing::HasSubstr;

class Restart : public HubTest {
 protected:
  void SetUp() override {
    auto agent = AgentProcess::echo_agent("restart-token");
    ASSERT_TRUE(agent.ok()) << agent.error().message;
    echo_ = std::move(agent).value();
  }

  // A slow task (about ten seconds of working updates) on the echo agent, already started.
  std::string spawn_slow(const std::string& text) {
    const std::string id =
        spawn_prompt("slow: " + text, echo_->url(), {{"auth_token", "restart-token"}});
    EXPECT_FALSE(wait_task_id(id).empty());
    // Its first progress report: the agent works on it (SUBMITTED shows as queued before).
    EXPECT_TRUE(wait_event(id, "agent_message").is_object());
    return id;
  }

  void expect_one_clean_history(const std::string& id) {
    auto all = events(id);
    ASSERT_FALSE(all.empty());
    EXPECT_TRUE(contiguous_from_one(all));
    EXPECT_EQ(all.front()["type"], "run_started");
    EXPECT_EQ(terminal_event_count(all), 1);
  }

  std::unique_ptr<AgentProcess> echo_;
};

TEST_F(Restart, RunOnItsAgentIsTakenOverAndCompletes) {
  const std::string id = spawn_slow("across a restart");
  const std::size_t before = events(id).size();
  restart();
  ASSERT_EQ(wait_terminal(id), "completed") << get_run(id);
  Json run = get_run(id);
  EXPECT_THAT(run["result"]["final_response"].get<std::string>(), HasSubstr("across a restart"));
  expect_one_clean_history(id);
  auto all = events(id);
  EXPECT_GT(all.size(), before);
  EXPECT_EQ(all.back()["type"], "run_completed");
  // The lease went with the run's end.
  EXPECT_FALSE(fsys::exists(root_.path() / "run-leases" / (id + ".lock")));
}

TEST_F(Restart, TakenOverRunCanBeCancelledAtOnce) {
  const std::string id = spawn_slow("cancel me later");
  restart();
  // No waiting for the recovery thread: cancel_run takes the run over itself.
  Json cancelled = ok_json(manager_->cancel_run(id), "cancel_run");
  EXPECT_EQ(cancelled["status"], "cancelled");
  EXPECT_EQ(wait_terminal(id), "cancelled") << get_run(id);
  expect_one_clean_history(id);
}

TEST_F(Restart, RunWhoseAgentIsGoneFailsAsOrphaned) {
  const std::string id = spawn_slow("agent dies");
  manager_.reset();
  echo_->stop();
  start_manager(options());
  ASSERT_EQ(wait_terminal(id), "failed");
  EXPECT_THAT(get_run(id)["error"].get<std::string>(), HasSubstr("orphaned"));
  EXPECT_EQ(events(id).back()["type"], "run_failed");
  expect_one_clean_history(id);
}

TEST_F(Restart, QueuedRunFailsAsOrphanedWhenItsHubStops) {
  RunManagerOptions one_at_a_time = options();
  one_at_a_time.max_concurrent_runs = 1;
  start_manager(one_at_a_time);
  const std::string busy = spawn_slow("holds the only slot");
  const std::string queued = spawn_prompt("never started", echo_->url());
  EXPECT_EQ(get_run(queued)["status"], "queued");
  restart();
  EXPECT_EQ(get_run(queued)["status"], "failed");
  EXPECT_THAT(get_run(queued)["error"].get<std::string>(), HasSubstr("orphaned"));
  expect_one_clean_history(queued);
  ok_json(manager_->cancel_run(busy), "cancel_run");
  EXPECT_EQ(wait_terminal(busy), "cancelled");
}

// Data of older versions (or of the TypeScript tool) has no leases: an unfinished run found
// in storage without one is taken over too, once per state directory.
TEST_F(Restart, UnfinishedRunWithoutALeaseIsTakenOverToo) {
  const std::string id = spawn_slow("from an older hub");
  manager_.reset();
  const fsys::path leases = root_.path() / "run-leases";
  fsys::remove(leases / (id + ".lock"));
  fsys::remove(leases / (id + ".endpoint.json"));  // its token is lost with it
  fsys::remove(leases / ".unleased-runs-checked");
  start_manager(options());
  // Without the token the agent refuses GetTask: the run cannot be followed and says so.
  ASSERT_EQ(wait_terminal(id), "failed") << get_run(id);
  EXPECT_THAT(get_run(id)["error"].get<std::string>(), HasSubstr("orphaned"));
  expect_one_clean_history(id);
  EXPECT_TRUE(fsys::exists(leases / ".unleased-runs-checked"));
}

TEST_F(Restart, RunOfALiveHubIsLeftToIt) {
  const std::string id = spawn_slow("owned elsewhere");
  auto other = RunManager::create(options());
  ASSERT_TRUE(other.ok());
  auto refused = (*other)->cancel_run(id);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("another hub process"));
  EXPECT_EQ(ok_json((*other)->get_run(id), "get_run")["status"], "running");
  other->reset();
  ok_json(manager_->cancel_run(id), "cancel_run");
  EXPECT_EQ(wait_terminal(id), "cancelled") << get_run(id);
}

class LocalRestart : public HubTest {
 protected:
  void SetUp() override {
    RunManagerOptions o = options();
    o.local_agents.codex_agent_bin = install_fake_wrapper(root_.path() / "bin", "fake-agent");
    o.local_agents.codex_agent_args = fake_wrapper_args(root_.path() / "report.txt");
    options_ = o;
    start_manager(o);
  }
  void TearDown() override {
    HubTest::TearDown();
    // A wrapper left running for the next hub is no test's to keep.
    for (pid_t pid : left_running_) ::kill(-pid, SIGKILL);
  }

  RunManagerOptions options_;
  std::vector<pid_t> left_running_;
};

TEST_F(LocalRestart, WrapperOutlivesItsHubAndTheRunIsTakenOver) {
  const std::string id = spawn(local("codex", "slow: on a local wrapper"));
  ASSERT_FALSE(wait_task_id(id).empty());
  const fsys::path registry = root_.path() / "wrapper-registry";
  std::vector<fsys::path> entries;
  for (const auto& e : fsys::directory_iterator(registry)) entries.push_back(e.path());
  ASSERT_EQ(entries.size(), 1u);
  left_running_.push_back(std::stoi(entries[0].stem().string()));
  EXPECT_EQ(fsys::status(entries[0]).permissions() & fsys::perms::all, fsys::perms::owner_read | fsys::perms::owner_write);

  start_manager(options_);  // the old hub stops; its wrapper stays
  ASSERT_EQ(wait_terminal(id), "completed") << get_run(id);
  EXPECT_THAT(get_run(id)["result"]["final_response"].get<std::string>(),
              HasSubstr("on a local wrapper"));
  auto all = events(id);
  EXPECT_TRUE(contiguous_from_one(all));
  EXPECT_EQ(terminal_event_count(all), 1);
  // Only one wrapper was ever started: the new hub reached the old one.
  EXPECT_EQ(wrapper_starts(root_.path() / "report.txt").size(), 1u);
}

// The real thing: orchestration-mcp killed with SIGKILL in the middle of a run, then started
// again on the same state directory. Nothing a poller was shown is lost, the seqs go on, and
// the run ends truthfully.
class KilledHub : public Restart {
 protected:
  static Json call(mcp::testing::McpProcess& p, int id, std::string_view tool, Json arguments) {
    p.send_json({{"jsonrpc", "2.0"},
                 {"id", id},
                 {"method", "tools/call"},
                 {"params", {{"name", tool}, {"arguments", std::move(arguments)}}}});
    Json reply = p.read_json();
    EXPECT_EQ(reply["id"], id) << reply;
    return reply["result"]["structuredContent"];
  }
  static void initialize(mcp::testing::McpProcess& p) {
    p.send_json({{"jsonrpc", "2.0"},
                  {"id", 0},
                  {"method", "initialize"},
                  {"params",
                   {{"protocolVersion", "2025-06-18"},
                    {"capabilities", Json::object()},
                    {"clientInfo", {{"name", "restart-test"}, {"version", "1"}}}}}});
    EXPECT_EQ(p.read_json()["id"], 0);
    p.send(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  }
  [[nodiscard]] std::vector<std::string> hub_args() const {
    return {"--state-dir", (root_.path() / "state").string()};
  }
};

TEST_F(KilledHub, RunSurvivesSigkillOfItsHub) {
  const std::string mcp_bin = std::string(AGENTHUB_BIN_DIR) + "/orchestration-mcp";
  std::string run_id;
  std::vector<Json> shown;  // events the first hub acknowledged to its poller
  {
    mcp::testing::McpProcess first(mcp_bin, hub_args());
    initialize(first);
    Json spawned = call(first, 1, "spawn_run",
                        {{"backend", "remote_a2a"},
                         {"role", "worker"},
                         {"prompt", "slow: survive a kill"},
                         {"cwd", cwd_.string()},
                         {"session_mode", "new"},
                         {"backend_config",
                          {{"agent_url", echo_->url()}, {"auth_token", "restart-token"}}}});
    run_id = spawned.value("run_id", std::string());
    ASSERT_FALSE(run_id.empty()) << spawned;
    // Follow it until the agent's working updates flow.
    for (int id = 2; shown.size() < 4 && id < 40; ++id) {
      Json page = call(first, id, "poll_events",
                       {{"run_id", run_id},
                        {"after_seq", shown.empty() ? 0 : shown.back()["seq"].get<int>()},
                        {"wait_ms", 5000}});
      for (const Json& e : page["events"]) shown.push_back(e);
    }
    ASSERT_GE(shown.size(), 4u);
    first.signal(SIGKILL);
    EXPECT_EQ(first.wait_exit(), 128 + SIGKILL);
  }
  mcp::testing::McpProcess second(mcp_bin, hub_args());
  initialize(second);
  std::vector<Json> all;
  // Until the terminal event itself arrived (a page's status may already be newer than its
  // events).
  for (int id = 1; id < 100 && terminal_event_count(all) == 0; ++id) {
    Json page = call(second, id, "poll_events",
                     {{"run_id", run_id},
                      {"after_seq", all.empty() ? 0 : all.back()["seq"].get<int>()},
                      {"wait_ms", 5000}});
    for (const Json& e : page["events"]) all.push_back(e);
  }
  EXPECT_TRUE(contiguous_from_one(all));
  EXPECT_EQ(terminal_event_count(all), 1);
  EXPECT_EQ(all.back()["type"], "run_completed");
  ASSERT_GE(all.size(), shown.size());
  for (std::size_t i = 0; i < shown.size(); ++i) EXPECT_EQ(all[i], shown[i]) << i;
  Json run = call(second, 200, "get_run", {{"run_id", run_id}});
  EXPECT_EQ(run["status"], "completed");
  EXPECT_THAT(run["result"]["final_response"].get<std::string>(), HasSubstr("survive a kill"));
}

}  // namespace
}  // namespace agenthub::hub::testing
