// One test per defect of the old tool (seed-behaviour.md, "Defects of the old tool"), each
// checked at the hub's level against real A2A agents (a2a-echo-agent, an in-process scripted
// agent, fake_wrapper.sh standing in for the local CLI wrappers).
//
// Not checkable at this level:
//   - "full filesystem access with no approvals": the wrappers choose the CLI's sandbox
//     (CodexBackendTest.NewThreadDefaults, CodexWrapperTest.SandboxRequestsMayOnlyTighten).
//   - "no retention": the hub keeps finished runs on disk without limit (not implemented).
//   - "no fsync": durability is the event log's (EventLog tests; hub_storage_integration_tests
//     kill a writer with SIGKILL); TornEventLogRepairedOnOpen checks the hub reads past a tear.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "a2a/client/client.h"
#include "agents/common/run_event_wire.h"
#include "core/fs.h"
#include "fake_wrapper.h"
#include "hub/event_log.h"
#include "hub/storage_layout.h"
#include "hub_fixture.h"
#include "mcp/tool_registry.h"
#include "scripted_agent.h"

namespace agenthub::hub::testing {
namespace {

namespace fsys = std::filesystem;
using ::testing::HasSubstr;

Json text_message_json(const std::string& text) {
  return {{"role", "user"}, {"parts", {{{"type", "text"}, {"text", text}}}}};
}

// The seqs of the lines in a run's events.jsonl, read straight from the file.
std::vector<std::int64_t> seqs_on_disk(const fsys::path& run_directory) {
  std::vector<std::int64_t> out;
  std::ifstream in(run_directory / kEventsFileName);
  for (std::string line; std::getline(in, line);) {
    auto json = parse_json(line);
    if (!json.ok()) {
      ADD_FAILURE() << "undecodable line in events.jsonl: " << line;
      continue;
    }
    out.push_back((*json)["seq"].get<std::int64_t>());
  }
  return out;
}

class Regression : public HubTest {
 protected:
  void SetUp() override {
    auto agent = AgentProcess::echo_agent();
    ASSERT_TRUE(agent.ok()) << agent.error().message;
    echo_ = std::move(agent).value();
  }

  std::unique_ptr<AgentProcess> echo_;
};

// Old tool: `resume` of an A2A run started a fresh remote conversation.
TEST_F(Regression, ResumeReusesRemoteContext) {
  const std::string first = spawn_prompt("first", echo_->url());
  ASSERT_EQ(wait_terminal(first), "completed");
  Json first_run = get_run(first);

  SpawnRunRequest again = remote("second", echo_->url());
  again.session_mode = "resume";
  again.session_id = first_run["session_id"];
  const std::string second = spawn(again);
  ASSERT_EQ(wait_terminal(second), "completed");
  Json second_run = get_run(second);

  EXPECT_EQ(second_run["session_id"], first_run["session_id"]);
  EXPECT_EQ(second_run["result"]["final_response"], "echo: second");
  const std::string context = first_run["remote_ref"]["context_id"];
  ASSERT_FALSE(context.empty());
  EXPECT_EQ(second_run["remote_ref"]["context_id"], context);
  EXPECT_NE(second_run["remote_ref"]["task_id"], first_run["remote_ref"]["task_id"]);

  // The agent agrees: both tasks live in one context.
  auto client = a2a::Client::connect(echo_->url());
  ASSERT_TRUE(client.ok()) << client.error().message;
  a2a::ListTasksRequest list;
  list.context_id = context;
  auto tasks = (*client)->list_tasks(list);
  ASSERT_TRUE(tasks.ok()) << tasks.error().message;
  std::set<std::string> ids;
  for (const auto& task : tasks->tasks) {
    EXPECT_EQ(task.context_id, context);
    ids.insert(task.id);
  }
  EXPECT_EQ(ids, (std::set<std::string>{first_run["remote_ref"]["task_id"],
                                        second_run["remote_ref"]["task_id"]}));

  // A restarted hub resumes into the same context too (the session file knows it).
  restart();
  again.prompt = "third";
  const std::string third = spawn(again);
  ASSERT_EQ(wait_terminal(third), "completed");
  EXPECT_EQ(get_run(third)["remote_ref"]["context_id"], context);
}

// Old tool: auth headers were dropped on continue. The agent requires the bearer token on every
// call, so the continuation only completes when the token travels with it.
TEST_F(Regression, AuthHeadersKeptOnContinue) {
  auto secured = AgentProcess::echo_agent("tok-regression");
  ASSERT_TRUE(secured.ok()) << secured.error().message;
  const std::string id =
      spawn_prompt("ask: proceed?", (*secured)->url(),
                   {{"auth_token", "tok-regression"}, {"headers", {{"X-Trace-Id", "trace-1"}}}});
  ASSERT_EQ(wait_for(id, {"input_required"}), "input_required");
  ok_json(manager_->continue_run(id, text_message_json("go on")), "continue_run");
  ASSERT_EQ(wait_terminal(id), "completed");
  EXPECT_EQ(get_run(id)["result"]["final_response"], "echo: go on");
  EXPECT_EQ(get_run(id)["error"], nullptr);
}

// Old tool: completed A2A runs lost their final result (null).
TEST_F(Regression, CompletedRunKeepsFinalResult) {
  const std::string id = spawn_prompt("keep me", echo_->url());
  ASSERT_EQ(wait_terminal(id), "completed");
  auto check = [&] {
    Json run = get_run(id);
    EXPECT_EQ(run["result"]["final_response"], "echo: keep me");
    EXPECT_EQ(run["result"]["artifacts"][0]["text"], "echo: keep me");
    auto all = events(id);
    EXPECT_EQ(all.back()["data"]["final_response"], "echo: keep me");
    auto file = read_file(run_dir(cwd_, id) / kResultFileName);
    ASSERT_TRUE(file.ok());
    EXPECT_EQ((*parse_json(*file))["final_response"], "echo: keep me");
  };
  check();
  restart();  // and from disk
  check();
}

// Old tool: get_run had no result or error at all.
TEST_F(Regression, GetRunHasResultAndError) {
  const std::string good = spawn_prompt("fine", echo_->url());
  const std::string bad = spawn_prompt("fail: out of memory", echo_->url());
  ASSERT_EQ(wait_terminal(good), "completed");
  ASSERT_EQ(wait_terminal(bad), "failed");
  for (bool restarted : {false, true}) {
    SCOPED_TRACE(restarted ? "after restart" : "live");
    if (restarted) restart();
    Json ok_run = get_run(good);
    ASSERT_TRUE(ok_run.contains("result"));
    ASSERT_TRUE(ok_run.contains("error"));
    EXPECT_EQ(ok_run["result"]["final_response"], "echo: fine");
    EXPECT_TRUE(ok_run["error"].is_null());
    Json bad_run = get_run(bad);
    ASSERT_TRUE(bad_run.contains("result"));
    ASSERT_TRUE(bad_run.contains("error"));
    EXPECT_THAT(bad_run["error"].get<std::string>(), HasSubstr("out of memory"));
    EXPECT_THAT(bad_run["summary"].get<std::string>(), HasSubstr("out of memory"));
  }
}

// Old tool: a cancel racing with completion reported completed after the cancel was
// acknowledged. Each round cancels a run that completes almost at once: whichever ended the
// run first decides, the answer to cancel_run tells which, and nothing changes afterwards.
// (The Run-level race with many threads: RunTest.ConcurrentFinishHasOneWinnerAndOneTerminalEvent.)
TEST_F(Regression, CancelRacingCompletionStaysCancelled) {
  constexpr int kRounds = 25;
  std::vector<std::pair<std::string, std::string>> answers;  // run_id, status cancel_run gave
  for (int i = 0; i < kRounds; ++i) {
    const std::string id = spawn_prompt("race " + std::to_string(i), echo_->url());
    Json cancelled = ok_json(manager_->cancel_run(id), "cancel_run");
    ASSERT_TRUE(cancelled.is_object());
    const std::string status = cancelled["status"];
    ASSERT_THAT(status, ::testing::AnyOf("cancelled", "completed"));
    EXPECT_EQ(cancelled["cancelled_at"].is_null(), status != "cancelled");
    answers.emplace_back(id, status);
  }
  int cancelled_count = 0;
  for (const auto& [id, status] : answers) {
    EXPECT_EQ(wait_terminal(id), status) << id;
    cancelled_count += status == "cancelled" ? 1 : 0;
  }
  EXPECT_GT(cancelled_count, 0);
  // Every thread of the first hub has stopped now: late agent answers had their chance.
  restart();
  for (const auto& [id, status] : answers) {
    SCOPED_TRACE(id);
    EXPECT_EQ(get_run(id)["status"], status);
    auto all = events(id);
    EXPECT_EQ(terminal_event_count(all), 1);
    EXPECT_TRUE(contiguous_from_one(all));
    if (status == "cancelled") {
      EXPECT_EQ(all.back()["type"], "status_changed");
      EXPECT_THAT(types_of(all), ::testing::Not(::testing::Contains("run_completed")));
    } else {
      EXPECT_EQ(all.back()["type"], "run_completed");
    }
  }
}

// Old tool: duplicate seq under concurrent writers. Many runs spawned from many threads, agent
// events, continue_run and cancel_run all writing while pollers read; every log on disk is
// 1..n without gaps or repeats, with one terminal event at its end.
// (Single-run writer stress: RunTest.ConcurrentWritersGetContiguousUniqueSeqs.)
TEST_F(Regression, NoDuplicateSeqUnderConcurrentWriters) {
  constexpr int kRuns = 8;
  std::vector<std::string> ids(kRuns);
  {
    std::vector<std::jthread> spawners;
    for (int i = 0; i < kRuns; ++i) {
      spawners.emplace_back([&, i] {
        const char* kind = i % 4 == 0 ? "slow: " : (i % 4 == 1 ? "ask: " : "");
        ids[i] = spawn_prompt(std::string(kind) + "run " + std::to_string(i), echo_->url());
      });
    }
  }
  for (int i = 0; i < kRuns; ++i) {
    ASSERT_FALSE(ids[i].empty());
    if (i % 4 == 0) {
      ASSERT_EQ(wait_for(ids[i], {"running"}), "running");
    } else if (i % 4 == 1) {
      ASSERT_EQ(wait_for(ids[i], {"input_required"}), "input_required");
    }
  }
  {
    std::vector<std::jthread> steerers;
    for (int i = 0; i < kRuns; ++i) {
      steerers.emplace_back([&, i] {
        if (i % 4 == 0) {
          (void)manager_->cancel_run(ids[i]);
        } else if (i % 4 == 1) {
          (void)manager_->continue_run(ids[i], text_message_json("answer " + std::to_string(i)));
        }
        (void)manager_->poll_events({ids[i], 0, 1000, 0, {}});
      });
    }
  }
  for (const auto& id : ids) wait_terminal(id);
  restart();
  for (const auto& id : ids) {
    SCOPED_TRACE(id);
    auto seqs = seqs_on_disk(run_dir(cwd_, id));
    ASSERT_FALSE(seqs.empty());
    for (std::size_t i = 0; i < seqs.size(); ++i) EXPECT_EQ(seqs[i], std::int64_t(i + 1));
    auto all = events(id);
    EXPECT_EQ(terminal_event_count(all), 1);
    EXPECT_EQ(get_run(id)["last_seq"], seqs.back());
  }
}

// Old tool: no fsync, torn files after a crash. A torn last line (a write cut short) is skipped
// by readers of a finished run and cut away when the log is opened for writing again.
// (SIGKILLed writers: hub_storage_integration_tests CrashRecovery.*.)
TEST_F(Regression, TornEventLogRepairedOnOpen) {
  const std::string id = spawn_prompt("durable", echo_->url());
  ASSERT_EQ(wait_terminal(id), "completed");
  const auto before = events(id);
  manager_.reset();

  const fsys::path dir = run_dir(cwd_, id);
  auto intact = read_file(dir / kEventsFileName);
  ASSERT_TRUE(intact.ok());
  {
    std::ofstream out(dir / kEventsFileName, std::ios::app | std::ios::binary);
    out << R"({"seq":)" << before.size() + 1 << R"(,"ts":"2025-01-01T00:00:00Z","run_id":")";
  }
  restart();
  EXPECT_EQ(events(id), before);
  EXPECT_EQ(get_run(id)["status"], "completed");

  auto log = EventLog::open(dir);
  ASSERT_TRUE(log.ok()) << log.error().message;
  EXPECT_EQ((*log)->last_seq(), std::int64_t(before.size()));
  (*log).reset();
  auto repaired = read_file(dir / kEventsFileName);
  ASSERT_TRUE(repaired.ok());
  EXPECT_EQ(*repaired, *intact);
}

// Old tool: an unreachable agent URL could crash the whole server. Here it fails its own run,
// with a message naming the URL, while another run on a live agent completes.
TEST_F(Regression, UnreachableAgentDoesNotCrashServer) {
  auto doomed = AgentProcess::echo_agent();
  ASSERT_TRUE(doomed.ok());
  const std::string dead_url = (*doomed)->url();
  (*doomed)->stop();  // its port is closed now

  const std::string live = spawn_prompt("slow: still here", echo_->url());
  const std::string dead = spawn_prompt("anyone?", dead_url);
  const std::string no_card =
      spawn_prompt("hello", echo_->url(), {{"agent_card_path", "/no/such/card.json"}});
  ASSERT_TRUE(wait_event(live, "agent_message").is_object());
  ASSERT_EQ(wait_terminal(dead), "failed");
  ASSERT_EQ(wait_terminal(no_card), "failed");
  EXPECT_THAT(get_run(dead)["error"].get<std::string>(), HasSubstr(dead_url));
  EXPECT_THAT(get_run(no_card)["error"].get<std::string>(), HasSubstr(echo_->url()));
  EXPECT_EQ(events(dead).back()["type"], "run_failed");

  EXPECT_EQ(get_run(live)["status"], "running");
  const std::string quick = spawn_prompt("quick", echo_->url());
  EXPECT_EQ(wait_terminal(quick), "completed");
  ok_json(manager_->cancel_run(live), "cancel_run");
}

// Old tool: runs orphaned by a restart stayed `running` forever. The next hub takes a run
// that is still on its agent over and follows it to its end (restart_test.cc has the cases).
TEST_F(Regression, RunInterruptedByARestartStillEnds) {
  const std::string id = spawn_prompt("slow: interrupted", echo_->url());
  ASSERT_FALSE(wait_task_id(id).empty());
  restart();
  EXPECT_EQ(wait_terminal(id), "completed");
  auto all = events(id);
  EXPECT_EQ(all.back()["type"], "run_completed");
  EXPECT_EQ(terminal_event_count(all), 1);
  EXPECT_TRUE(contiguous_from_one(all));
}

// Old tool: no timeouts. timeout_s ends a run that runs too long, and one that waits for input
// too long.
TEST_F(Regression, RunTimeoutEnforced) {
  SpawnRunRequest slow = remote("slow: too long", echo_->url());
  slow.timeout_s = 1;
  const std::string busy = spawn(slow);
  SpawnRunRequest asking = remote("ask: will you answer?", echo_->url());
  asking.timeout_s = 1;
  const std::string waiting = spawn(asking);
  for (const auto& id : {busy, waiting}) {
    SCOPED_TRACE(id);
    ASSERT_EQ(wait_terminal(id), "failed");
    EXPECT_THAT(get_run(id)["error"].get<std::string>(), HasSubstr("timeout_s"));
    EXPECT_EQ(terminal_event_count(events(id)), 1);
  }
  // A run within its deadline is unaffected.
  SpawnRunRequest quick = remote("quick", echo_->url());
  quick.timeout_s = 600;
  EXPECT_EQ(wait_terminal(spawn(quick)), "completed");
}

// Old tool: a hung agent kept its run `running` forever. An agent that goes silent past the
// stall timeout fails the run as stalled, and its task is cancelled on the agent.
TEST_F(Regression, SilentAgentFailsTheRunAsStalled) {
  std::mutex mu;
  std::condition_variable_any cv;
  std::atomic<bool> cancelled_on_agent{false};
  ScriptedAgent agent([&](const a2a::RequestContext& context, a2a::TaskUpdater& updater) {
    updater.working("starting, then silence");
    std::unique_lock lock(mu);
    std::stop_token stop = context.stop;
    cv.wait(lock, stop, [] { return false; });
    cancelled_on_agent = true;
    cv.notify_all();
  });
  ASSERT_TRUE(agent.started().ok()) << agent.started().error().message;
  RunManagerOptions impatient = options();
  impatient.stall_timeout = std::chrono::seconds(1);
  start_manager(impatient);
  const std::string id = spawn_prompt("hang", agent.url());
  ASSERT_EQ(wait_terminal(id), "failed");
  EXPECT_THAT(get_run(id)["error"].get<std::string>(), HasSubstr("stalled"));
  EXPECT_EQ(terminal_event_count(events(id)), 1);
  std::unique_lock lock(mu);
  EXPECT_TRUE(cv.wait_for(lock, kDeadline, [&] { return cancelled_on_agent.load(); }));
}

// Old tool: no concurrency limits. With max_concurrent_runs = 1 a second run waits as queued
// until the first one ends; a queued run can be cancelled and never starts.
TEST_F(Regression, ConcurrencyLimitQueuesRuns) {
  RunManagerOptions one = options();
  one.max_concurrent_runs = 1;
  start_manager(one);
  const std::string slow = spawn_prompt("slow: hogging the slot", echo_->url());
  // Its first progress report: the agent works on it (before that its task is SUBMITTED, which
  // the run reports as queued too).
  ASSERT_TRUE(wait_event(slow, "agent_message").is_object());
  const std::string second = spawn_prompt("second", echo_->url());
  const std::string dropped = spawn_prompt("never runs", echo_->url());
  const std::string third = spawn_prompt("third", echo_->url());
  // The slow run holds the only slot for ten seconds; the others wait.
  EXPECT_EQ(get_run(second)["status"], "queued");
  EXPECT_EQ(get_run(third)["status"], "queued");
  EXPECT_EQ(events(second).size(), 1u);  // run_started only
  Json listed = ok_json(manager_->list_runs({"queued", {}, {}}), "list_runs");
  EXPECT_EQ(listed["runs"].size(), 3u);
  ASSERT_EQ(get_run(slow)["status"], "running") << "the slow run ended early: inconclusive";

  Json cancelled = ok_json(manager_->cancel_run(dropped), "cancel_run");
  EXPECT_EQ(cancelled["status"], "cancelled");
  ok_json(manager_->cancel_run(slow), "cancel_run");
  EXPECT_EQ(wait_terminal(second), "completed");
  EXPECT_EQ(wait_terminal(third), "completed");
  EXPECT_EQ(get_run(dropped)["status"], "cancelled");
  EXPECT_TRUE(get_run(dropped)["remote_ref"]["task_id"].is_null());  // never reached the agent
  auto dropped_events = events(dropped);
  EXPECT_EQ(types_of(dropped_events), (std::vector<std::string>{"run_started", "status_changed"}));
}

// Old tool: wrappers dropped all tool/command events, so remote runs showed only the final
// message. Run-event parts (agents/common/run_event_wire.h) from an agent become typed events
// in poll_events, large outputs are paged back, and the session id and result travel too.
TEST_F(Regression, WrapperToolEventsReachPollEvents) {
  const std::string big_stdout(40 * 1024, 'o');
  ScriptedAgent agent([&](const a2a::RequestContext&, a2a::TaskUpdater& updater) {
    auto part = [](Json data) {
      a2a::Part p = a2a::Part::data_part(std::move(data));
      p.media_type = std::string(agents::kRunEventMediaType);
      return p;
    };
    updater.update_status(a2a::TaskState::kWorking,
                          updater.agent_message({part({{"type", "status_changed"},
                                                       {"status", "running"},
                                                       {"backend_session_id", "thread-77"}})}));
    updater.update_status(
        a2a::TaskState::kWorking,
        updater.agent_message({part({{"type", "command_started"}, {"command", "make test"}}),
                               part({{"type", "command_finished"},
                                     {"command", "make test"},
                                     {"exit_code", 0},
                                     {"stdout", big_stdout}}),
                               a2a::Part::text_part("ran make test")}));
    updater.update_status(
        a2a::TaskState::kWorking,
        updater.agent_message({part({{"type", "tool_started"},
                                     {"tool", "Edit"},
                                     {"tool_use_id", "tu-1"},
                                     {"arguments", {{"file", "a.cc"}}}}),
                               part({{"type", "tool_finished"},
                                     {"tool", "Edit"},
                                     {"tool_use_id", "tu-1"},
                                     {"is_error", false}}),
                               part({{"type", "file_changed"}, {"file_path", "a.cc"}}),
                               part({{"type", "todo_updated"}, {"items", {"x"}}}),
                               part({{"type", "reasoning"}, {"text", "thinking"}}),
                               part({{"type", "agent_message"}, {"text", "All green."}})}));
    a2a::Artifact result;
    result.name = std::string(agents::kResultArtifactName);
    result.parts = {a2a::Part::text_part("All green."), a2a::Part::data_part({{"ok", true}})};
    result.metadata = {{agents::kMetaResultMarker, true},
                       {agents::kMetaUsage, {{"output_tokens", 12}}}};
    updater.add_artifact(std::move(result));
    updater.complete();
  });
  ASSERT_TRUE(agent.started().ok()) << agent.started().error().message;

  const std::string id = spawn_prompt("run the tests", agent.url());
  ASSERT_EQ(wait_terminal(id), "completed");
  auto all = events(id);
  const auto types = types_of(all);
  for (const char* type : {"command_started", "command_finished", "tool_started", "tool_finished",
                           "file_changed", "todo_updated", "reasoning", "agent_message"}) {
    EXPECT_THAT(types, ::testing::Contains(type));
  }
  EXPECT_THAT(types, ::testing::Not(::testing::Contains("artifact_added")));  // result only
  for (const auto& e : all) {
    if (e["type"] != "command_finished") continue;
    EXPECT_EQ(e["data"]["exit_code"], 0);
    EXPECT_EQ(e["data"]["command"], "make test");
    ASSERT_TRUE(e["data"]["artifact_refs"].contains("/stdout"));
    Json page = ok_json(
        manager_->get_event_artifact({id, e["seq"].get<std::int64_t>(), "/stdout", 0, 262144}),
        "get_event_artifact");
    EXPECT_EQ(page["content"], big_stdout);
  }
  Json run = get_run(id);
  EXPECT_EQ(run["result"]["final_response"], "All green.");
  EXPECT_EQ(run["result"]["structured_output"], (Json{{"ok", true}}));
  EXPECT_EQ(run["result"]["usage"]["output_tokens"], 12);
  auto session = read_file(session_file(cwd_, run["session_id"].get<std::string>()));
  ASSERT_TRUE(session.ok());
  EXPECT_EQ((*parse_json(*session))["backend_session_id"], "thread-77");
  manager_.reset();  // before the agent: its idle connections would hold up the agent's stop
}

// Old tool: tool results repeated the whole payload in text and structuredContent. The MCP
// tools over the real hub keep text a compact summary; the data is in structuredContent only.
TEST_F(Regression, ToolResultNotDuplicated) {
  std::string big;
  for (int i = 0; big.size() < 30 * 1024; ++i) big += "row " + std::to_string(i) + "\n";
  const std::string id = spawn_prompt(big, echo_->url());
  ASSERT_EQ(wait_terminal(id), "completed");
  mcp::ToolContext context{*manager_, {}};
  const std::vector<std::pair<std::string, Json>> calls = {
      {"get_run", {{"run_id", id}}},
      {"poll_events", {{"run_id", id}, {"after_seq", 0}, {"wait_ms", 0}}},
      {"list_runs", Json::object()},
      {"cancel_run", {{"run_id", id}}},
      {"get_event_artifact",
       {{"run_id", id}, {"seq", events(id).back()["seq"]}, {"field_path", "/final_response"}}},
  };
  for (const auto& [name, args] : calls) {
    SCOPED_TRACE(name);
    const mcp::ToolSpec* tool = mcp::find_tool(name);
    ASSERT_NE(tool, nullptr);
    Json result = tool->call(args, context);
    ASSERT_FALSE(result.value("isError", false)) << dump_json(result);
    ASSERT_TRUE(result["structuredContent"].is_object());
    ASSERT_EQ(result["content"].size(), 1u);
    const std::string text = result["content"][0]["text"];
    const std::string structured = dump_json(result["structuredContent"]);
    EXPECT_NE(text, structured);
    EXPECT_NE(text, dump_json_pretty(result["structuredContent"]));
    EXPECT_EQ(text.find(dump_json_pretty(result["structuredContent"])), std::string::npos);
    EXPECT_LT(text.size(), structured.size());
    EXPECT_LE(text.size(), 8u * 1024) << "text is not compact";
    EXPECT_EQ(text.find("\n  \""), std::string::npos) << "pretty-printed JSON in text";
  }
  // spawn_run too (its answer is small: one line).
  const mcp::ToolSpec* spawn_tool = mcp::find_tool("spawn_run");
  ASSERT_NE(spawn_tool, nullptr);
  Json spawned = spawn_tool->call({{"backend", "remote_a2a"},
                                   {"role", "worker"},
                                   {"prompt", "hi"},
                                   {"cwd", cwd_.string()},
                                   {"session_mode", "new"},
                                   {"backend_config", {{"agent_url", echo_->url()}}}},
                                  context);
  ASSERT_FALSE(spawned.value("isError", false)) << dump_json(spawned);
  const std::string text = spawned["content"][0]["text"];
  EXPECT_EQ(text.find('\n'), std::string::npos);
  EXPECT_THAT(text, HasSubstr(spawned["structuredContent"]["run_id"].get<std::string>()));
  wait_terminal(spawned["structuredContent"]["run_id"]);
}

// ---- local wrappers ------------------------------------------------------------------

// Old tool: the run's working directory was prepended to PATH. A program named like the wrapper
// in the run's cwd is never run; the wrapper comes from PATH as the hub found it, and its
// environment's PATH is the hub's own.
TEST_F(Regression, NoCwdOnPath) {
  const fsys::path decoy = cwd_ / "codex-a2a-agent";
  {
    std::ofstream out(decoy);
    out << "#!/bin/sh\ntouch \"$(dirname \"$0\")/DECOY-RAN\"\nexit 1\n";
  }
  fsys::permissions(decoy, fsys::perms::owner_all);
  const fsys::path bin = root_.path() / "bin";
  install_fake_wrapper(bin, "codex-a2a-agent");
  const std::string path = bin.string() + ":/usr/bin:/bin";
  ScopedEnv env_path("PATH", path);
  ScopedEnv env_bin("AGENTHUB_CODEX_AGENT_BIN", std::nullopt);
  const fsys::path report = root_.path() / "report.txt";
  RunManagerOptions o = options();
  o.local_agents.codex_agent_args = fake_wrapper_args(report);
  start_manager(o);

  const std::string id = spawn(local("codex", "hello"));
  ASSERT_EQ(wait_terminal(id), "completed") << get_run(id)["error"];
  EXPECT_FALSE(fsys::exists(cwd_ / "DECOY-RAN"));
  auto starts = wrapper_starts(report);
  ASSERT_EQ(starts.size(), 1u);
  EXPECT_EQ(starts[0]["PATH"], path);
  EXPECT_EQ(starts[0]["PATH"].find(cwd_.string()), std::string::npos);
  EXPECT_NE(starts[0]["pwd"], cwd_.string());
}

// Old tool: a hard-coded CLI path. The wrapper is the configured one wherever it lives, else
// the one $AGENTHUB_CODEX_AGENT_BIN names; a missing one fails the run naming what was looked
// for, and nothing else is tried.
TEST_F(Regression, NoHardcodedCliPath) {
  const fsys::path odd_place = root_.path() / "some" / "odd place";
  const fsys::path configured = install_fake_wrapper(odd_place, "my-codex-wrapper");
  const fsys::path report = root_.path() / "report.txt";
  SpawnRunRequest r;
  r.backend = "codex";
  r.role = "planner";
  r.prompt = "plan";
  r.cwd = cwd_.string();
  r.session_mode = "new";

  RunManagerOptions o = options();
  o.local_agents.codex_agent_bin = configured;
  o.local_agents.codex_agent_args = fake_wrapper_args(report);
  start_manager(o);
  ASSERT_EQ(wait_terminal(spawn(r)), "completed");
  EXPECT_EQ(wrapper_starts(report).size(), 1u);

  {
    const fsys::path from_env = install_fake_wrapper(root_.path() / "env", "env-wrapper");
    ScopedEnv env("AGENTHUB_CODEX_AGENT_BIN", from_env.string());
    RunManagerOptions by_env = options();
    by_env.local_agents.codex_agent_args = fake_wrapper_args(root_.path() / "env-report.txt");
    start_manager(by_env);
    ASSERT_EQ(wait_terminal(spawn(r)), "completed");
    EXPECT_EQ(wrapper_starts(root_.path() / "env-report.txt").size(), 1u);
  }

  RunManagerOptions missing = options();
  missing.local_agents.codex_agent_bin = root_.path() / "nowhere" / "codex-a2a-agent";
  start_manager(missing);
  const std::string failed = spawn(r);
  ASSERT_EQ(wait_terminal(failed), "failed");
  EXPECT_THAT(get_run(failed)["error"].get<std::string>(),
              HasSubstr((root_.path() / "nowhere" / "codex-a2a-agent").string()));

  ScopedEnv env_path("PATH", "/usr/bin:/bin");
  ScopedEnv env_bin("AGENTHUB_CODEX_AGENT_BIN", std::nullopt);
  start_manager(options());
  const std::string unset = spawn(r);
  ASSERT_EQ(wait_terminal(unset), "failed");
  EXPECT_THAT(get_run(unset)["error"].get<std::string>(),
              HasSubstr("codex-a2a-agent not found next to the hub or on PATH"));
}

// Old tool: wrapper servers had no auth. Our wrappers require a bearer token that only the hub
// learns (from the ready line): the hub uses it, and it appears in no argv, file or answer.
TEST_F(Regression, LocalWrapperTokenKeptPrivate) {
  const fsys::path report = root_.path() / "report.txt";
  RunManagerOptions o = options();
  o.local_agents.codex_agent_bin = install_fake_wrapper(root_.path() / "bin", "codex-a2a-agent");
  o.local_agents.codex_agent_args = fake_wrapper_args(report);
  start_manager(o);
  const std::string id = spawn(local("codex", "ask: token?"));
  ASSERT_EQ(wait_for(id, {"input_required"}), "input_required");
  ok_json(manager_->continue_run(id, text_message_json("yes")), "continue_run");
  ASSERT_EQ(wait_terminal(id), "completed");

  auto starts = wrapper_starts(report);
  ASSERT_EQ(starts.size(), 1u);
  const std::string token = starts[0]["token"];
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(starts[0]["argv"].find(token), std::string::npos);
  for (const fsys::path& dir : {storage_root(cwd_), index_dir_}) {
    for (const auto& entry : fsys::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      auto content = read_file(entry.path());
      ASSERT_TRUE(content.ok());
      EXPECT_EQ(content->find(token), std::string::npos) << entry.path();
    }
  }
  EXPECT_EQ(dump_json(get_run(id)).find(token), std::string::npos);
  EXPECT_EQ(dump_json(events(id)).find(token), std::string::npos);
}

}  // namespace
}  // namespace agenthub::hub::testing
