// Issue 6, crash safety through the hub: a codex run goes through the real codex-a2a-agent
// over fake-cli, which streams a burst of events; mid-burst the CLI, or the wrapper itself, is
// killed with SIGKILL. The run must end `failed` (not stay running) with a reason that says
// what died, its seqs must stay 1..n with the terminal event last, every event a poller was
// shown must still be there unchanged, and (wrapper killed) the next run must start a new
// wrapper and complete.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <sstream>

#include "core/fs.h"
#include "hub_fixture.h"

namespace agenthub::hub::testing {
namespace {

namespace fsys = std::filesystem;
using ::testing::HasSubstr;

constexpr int kBurstItems = 3000;
// Events the hub must have shown before the kill: well inside the burst.
constexpr std::int64_t kKillAfterEvents = 200;

std::string bin(const std::string& name) { return std::string(AGENTHUB_BIN_DIR) + "/" + name; }

std::string read_text(const fsys::path& path) {
  std::ifstream in(path);
  std::stringstream all;
  all << in.rdbuf();
  return all.str();
}

// A codex transcript: a thread, then kBurstItems finished commands (every 50th with an output
// large enough to become an artifact), then turn.completed, which the CLI never reaches
// (FAKE_CLI_HANG_AFTER stops it just before).
std::string burst_transcript() {
  std::string out = R"({"type":"thread.started","thread_id":"burst-thread"})"
                    "\n"
                    R"({"type":"turn.started"})"
                    "\n";
  for (int i = 0; i < kBurstItems; ++i) {
    const std::string output =
        i % 50 == 0 ? std::string(20000, 'x') : "line " + std::to_string(i) + "\\n";
    out += R"({"type":"item.completed","item":{"id":"item_)" + std::to_string(i) +
           R"(","type":"command_execution","command":"echo )" + std::to_string(i) +
           R"(","aggregated_output":")" + output + R"(","exit_code":0,"status":"completed"}})" +
           "\n";
  }
  out += R"({"type":"turn.completed","usage":{"input_tokens":1,"output_tokens":1}})"
         "\n";
  return out;
}

// Lines of the form key=value... appended by the CLI script: one per CLI start.
std::vector<pid_t> pids_in(const fsys::path& file) {
  std::vector<pid_t> out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(static_cast<pid_t>(std::stol(line)));
  }
  return out;
}

// True when `pid` is still a fake-cli process (not exited and reused by something else).
bool is_fake_cli(pid_t pid) {
  return read_text("/proc/" + std::to_string(pid) + "/cmdline").find("fake-cli") !=
         std::string::npos;
}

class KilledProcessTest : public HubTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ensure_dir(work_).ok());
    ASSERT_TRUE(write_file_atomic(work_ / "burst.jsonl", burst_transcript()).ok());
    set_mode("burst");
    // The wrapper runs this as its codex: it records its parent (the wrapper) and its own pid,
    // then becomes fake-cli replaying what `mode` says.
    const std::string w = work_.string();
    const std::string samples = std::string(AGENTHUB_SOURCE_DIR) + "/tests/fakes/fake_cli/samples";
    std::string script = "#!/bin/sh\n";
    script += "echo \"$PPID\" >> '" + w + "/wrapper-pids'\n";
    script += "echo \"$$\" >> '" + w + "/cli-pids'\n";
    script += "export FAKE_CLI_MODE=codex\n";
    script += "if [ \"$(cat '" + w + "/mode')\" = burst ]; then\n";
    script += "  export FAKE_CLI_REPLAY='" + w + "/burst.jsonl'\n";
    script += "  export FAKE_CLI_HANG_AFTER=" + std::to_string(kBurstItems + 2) + "\n";
    script += "else\n";
    script += "  export FAKE_CLI_REPLAY='" + samples + "/codex_simple.jsonl'\n";
    script += "fi\n";
    script += "exec '" + bin("fake-cli") + "' \"$@\"\n";
    ASSERT_TRUE(write_file_atomic(work_ / "fake-codex", script, 0700).ok());

    RunManagerOptions o = options();
    o.local_agents.codex_agent_bin = bin("codex-a2a-agent");
    o.local_agents.codex_agent_args = {"--codex-bin", (work_ / "fake-codex").string(),
                                       "--cancel-grace-ms", "1000"};
    start_manager(o);
  }

  void TearDown() override {
    HubTest::TearDown();  // stops the wrappers it started
    // A CLI orphaned by its wrapper's death would hang forever: it is ours, end it.
    for (pid_t pid : pids_in(work_ / "cli-pids")) {
      if (is_fake_cli(pid)) ::kill(-pid, SIGKILL);  // it leads its own process group
    }
  }

  void set_mode(const std::string& mode) {
    ASSERT_TRUE(write_file_atomic(work_ / "mode", mode + "\n").ok());
  }

  // Polls (waiting, never sleeping) until at least `count` events were shown; returns them.
  std::vector<Json> poll_until(const std::string& run_id, std::int64_t count) {
    std::vector<Json> shown;
    const auto deadline = std::chrono::steady_clock::now() + kDeadline;
    while (static_cast<std::int64_t>(shown.size()) < count &&
           std::chrono::steady_clock::now() < deadline) {
      PollEventsRequest poll;
      poll.run_id = run_id;
      poll.after_seq = static_cast<std::int64_t>(shown.size());
      poll.limit = 1000;
      poll.wait_ms = 2000;
      Json page = ok_json(manager_->poll_events(poll), "poll_events");
      if (!page.is_object()) break;
      for (const auto& e : page["events"]) shown.push_back(e);
      const std::string status = page["status"].get<std::string>();
      const bool terminal = status == "completed" || status == "failed" || status == "cancelled" ||
                            status == "rejected";
      if (terminal && page["events"].empty()) {
        ADD_FAILURE() << "run ended (" << page["status"] << ") before the kill";
        break;
      }
    }
    EXPECT_GE(static_cast<std::int64_t>(shown.size()), count);
    return shown;
  }

  // Every event of a finished run, page by page.
  std::vector<Json> all_events(const std::string& run_id) {
    std::vector<Json> out;
    for (;;) {
      PollEventsRequest poll;
      poll.run_id = run_id;
      poll.after_seq = static_cast<std::int64_t>(out.size());
      poll.limit = 1000;
      poll.wait_ms = 0;
      Json page = ok_json(manager_->poll_events(poll), "poll_events");
      if (!page.is_object() || page["events"].empty()) return out;
      for (const auto& e : page["events"]) out.push_back(e);
    }
  }

  // The run's whole story is truthful: seqs 1..n, one terminal event and it is the last, and
  // the events shown before the kill are still there, unchanged.
  void expect_log_intact(const std::string& run_id, const std::vector<Json>& shown) {
    const std::vector<Json> all = all_events(run_id);
    ASSERT_FALSE(all.empty());
    EXPECT_TRUE(contiguous_from_one(all));
    EXPECT_EQ(terminal_event_count(all), 1);
    EXPECT_EQ(all.back()["type"], "run_failed");
    ASSERT_GE(all.size(), shown.size());
    for (std::size_t i = 0; i < shown.size(); ++i) {
      ASSERT_EQ(all[i], shown[i]) << "event " << i + 1 << " changed after it was shown";
    }
    EXPECT_EQ(get_run(run_id)["last_seq"], static_cast<std::int64_t>(all.size()));
  }

  fsys::path work_ = root_.path() / "cli";
};

TEST_F(KilledProcessTest, CliKilledMidBurstFailsTheRunNamingItsDeath) {
  const std::string id = spawn(local("codex", "burst, then be killed"));
  const std::vector<Json> shown = poll_until(id, kKillAfterEvents);
  const std::vector<pid_t> cli = pids_in(work_ / "cli-pids");
  ASSERT_EQ(cli.size(), 1u);
  ASSERT_TRUE(is_fake_cli(cli[0]));
  ASSERT_EQ(::kill(cli[0], SIGKILL), 0);

  ASSERT_EQ(wait_terminal(id), "failed");
  const std::string error = get_run(id)["error"].get<std::string>();
  EXPECT_THAT(error, HasSubstr("killed by signal 9"));
  expect_log_intact(id, shown);
  EXPECT_THAT(all_events(id).back()["data"]["error"].get<std::string>(),
              HasSubstr("killed by signal 9"));

  // The wrapper survived its CLI: the next run goes through the same one and completes.
  set_mode("simple");
  const std::string next = spawn(local("codex", "and now a quiet one"));
  ASSERT_EQ(wait_terminal(next), "completed");
  EXPECT_EQ(get_run(next)["result"]["final_response"], "Hello! What should we work on?");
  const std::vector<pid_t> wrappers = pids_in(work_ / "wrapper-pids");
  ASSERT_EQ(wrappers.size(), 2u);
  EXPECT_EQ(wrappers[0], wrappers[1]);
}

TEST_F(KilledProcessTest, WrapperKilledMidBurstFailsTheRunAndTheNextRunStartsANewOne) {
  const std::string id = spawn(local("codex", "burst, then lose the wrapper"));
  const std::vector<Json> shown = poll_until(id, kKillAfterEvents);
  const std::vector<pid_t> wrappers = pids_in(work_ / "wrapper-pids");
  ASSERT_EQ(wrappers.size(), 1u);
  ASSERT_THAT(read_text("/proc/" + std::to_string(wrappers[0]) + "/cmdline"),
              HasSubstr("codex-a2a-agent"));
  ASSERT_EQ(::kill(wrappers[0], SIGKILL), 0);

  ASSERT_EQ(wait_terminal(id), "failed");
  // The reason names the agent that went away. (It does not say yet that the wrapper died,
  // although the hub's pool knows: the run follows the task by GetTask until ~30 refused
  // connections in a row give up.)
  const Json run = get_run(id);
  const std::string agent_url = run["remote_ref"]["agent_url"].get<std::string>();
  ASSERT_FALSE(agent_url.empty());
  EXPECT_THAT(run["error"].get<std::string>(), HasSubstr(agent_url));
  EXPECT_THAT(run["error"].get<std::string>(), HasSubstr("lost the task"));
  expect_log_intact(id, shown);

  set_mode("simple");
  const std::string next = spawn(local("codex", "after the crash"));
  ASSERT_EQ(wait_terminal(next), "completed");
  EXPECT_EQ(get_run(next)["result"]["final_response"], "Hello! What should we work on?");
  const std::vector<pid_t> after = pids_in(work_ / "wrapper-pids");
  ASSERT_EQ(after.size(), 2u);
  EXPECT_NE(after[1], wrappers[0]) << "the next run must go through a new wrapper";
}

}  // namespace
}  // namespace agenthub::hub::testing
