// start-a2a-agent with flags (not on a terminal) in front of fake-a2a-wrapper: what it prints,
// what it hands the wrapper, and how it stops.

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>

#include "a2a/client/client.h"
#include "agents/launcher/host_address.h"
#include "hub/spawn_plan.h"
#include "launcher_harness.h"

namespace agenthub::agents::testing {
namespace {

a2a::ClientOptions client_options(std::string token) {
  a2a::ClientOptions options;
  options.bearer_token = std::move(token);
  options.request_timeout = kDeadline;
  options.stream_idle_timeout = kDeadline;
  return options;
}

// Sends one message to the agent and returns the text of the completed task's artifact.
Result<std::string> echo_through(const std::string& agent_url, const std::string& token,
                                 const std::string& text) {
  auto client = a2a::Client::connect(agent_url, client_options(token));
  if (!client.ok()) return client.error();
  a2a::SendMessageRequest request;
  request.message = a2a::user_text_message(text);
  auto reply = (*client)->send_message(request);
  if (!reply.ok()) return reply.error();
  const auto* task = std::get_if<a2a::Task>(&*reply);
  if (task == nullptr) return Error{ErrorCode::kInvalidAgentResponse, "a message, not a task"};
  if (task->status.state != a2a::TaskState::kCompleted || task->artifacts.empty() ||
      task->artifacts[0].parts.empty()) {
    return Error{ErrorCode::kInvalidAgentResponse, "the task did not complete with an artifact"};
  }
  return task->artifacts[0].parts[0].text;
}

bool has(const Json& list, const std::string& item) {
  return std::find(list.begin(), list.end(), Json(item)) != list.end();
}

// Stops the launcher with `sig` and checks it exits 0 with its wrapper gone.
void expect_clean_stop(Launcher& launcher, pid_t wrapper_pid, int sig = SIGTERM) {
  launcher.signal(sig);
  const ExitStatus status = launcher.wait();
  EXPECT_TRUE(status.success()) << status.to_string() << "\n" << launcher.stderr_text();
  EXPECT_TRUE(pid_gone(wrapper_pid));
  EXPECT_NE(launcher.stderr_text().find("stopped"), std::string::npos) << launcher.stderr_text();
}

TEST(LauncherFlags, JsonPayloadIsValidSpawnRunInputForAReachableAgent) {
  TempDir dir;
  auto launcher = Launcher::start({"--backend", "codex", "--json"},
                                  {"FAKE_WRAPPER_RECORD=" + (dir.path() / "rec.json").string()});
  ASSERT_TRUE(launcher);
  auto out = launcher->next_json();
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  const std::string agent_url = json_string(*out, "agent_url");
  const std::string token = json_string(*out, "token");
  EXPECT_EQ(json_string(*out, "backend"), "codex");
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(json_string(*out, "listen_url"), agent_url);
  ASSERT_TRUE((*out)["wrapper_pid"].is_number_integer());

  const Json& payload = (*out)["spawn_run"];
  EXPECT_EQ(payload["backend"], "remote_a2a");
  EXPECT_EQ(payload["role"], "worker");
  EXPECT_EQ(payload["session_mode"], "new");
  EXPECT_EQ(payload["backend_config"]["agent_url"], agent_url);
  EXPECT_EQ(payload["backend_config"]["auth_token"], token);

  // The hub accepts it once cwd and prompt are filled in.
  hub::SpawnRunRequest request;
  request.backend = payload["backend"];
  request.role = payload["role"];
  request.session_mode = payload["session_mode"];
  request.cwd = dir.path().string();
  request.prompt = "say hello";
  request.backend_config = payload["backend_config"];
  auto plan = hub::plan_spawn(request, {});
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  ASSERT_TRUE(plan->remote.has_value());
  EXPECT_EQ(plan->remote->agent_url, agent_url);
  EXPECT_EQ(plan->remote->auth_token, token);

  // The agent answers with the token, and refuses without it.
  auto echoed = echo_through(agent_url, token, "hello");
  ASSERT_TRUE(echoed.ok()) << echoed.error().to_string();
  EXPECT_EQ(*echoed, "echo: hello");
  auto refused = echo_through(agent_url, "", "hello");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated) << refused.error().to_string();

  expect_clean_stop(*launcher, static_cast<pid_t>((*out)["wrapper_pid"].get<long long>()));
}

TEST(LauncherFlags, GeneratedTokenTravelsInTheEnvironmentNotTheArgv) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  auto launcher =
      Launcher::start({"--backend", "codex", "--json"}, {"FAKE_WRAPPER_RECORD=" + record.string()});
  ASSERT_TRUE(launcher);
  auto out = launcher->next_json();
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  const std::string token = json_string(*out, "token");
  auto rec = read_record(record);
  ASSERT_TRUE(rec.ok()) << rec.error().to_string();
  EXPECT_EQ(json_string(*rec, "env_token"), token);
  for (const Json& arg : (*rec)["argv"]) {
    EXPECT_EQ(arg.get<std::string>().find(token), std::string::npos) << arg;
  }
  EXPECT_FALSE(has((*rec)["argv"], "--token"));
  EXPECT_EQ(launcher->stderr_text().find(token), std::string::npos) << "token in the logs";
  expect_clean_stop(*launcher, static_cast<pid_t>((*rec)["pid"].get<long long>()));
}

TEST(LauncherFlags, GivenTokenTravelsInTheEnvironmentNotTheArgv) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  auto launcher = Launcher::start({"--backend", "claude_code", "--token", "given-secret", "--json"},
                                  {"FAKE_WRAPPER_RECORD=" + record.string()});
  ASSERT_TRUE(launcher);
  auto out = launcher->next_json();
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  EXPECT_EQ(json_string(*out, "token"), "given-secret");
  EXPECT_EQ((*out)["spawn_run"]["backend_config"]["auth_token"], "given-secret");
  auto rec = read_record(record);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(json_string(*rec, "env_token"), "given-secret");
  EXPECT_FALSE(has((*rec)["argv"], "given-secret"));
  expect_clean_stop(*launcher, static_cast<pid_t>((*rec)["pid"].get<long long>()));
}

TEST(LauncherFlags, TokenFromTheEnvironmentIsUsed) {
  auto launcher =
      Launcher::start({"--backend", "codex", "--json"}, {"AGENTHUB_AGENT_TOKEN=from-env-token"});
  ASSERT_TRUE(launcher);
  auto out = launcher->next_json();
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  EXPECT_EQ(json_string(*out, "token"), "from-env-token");
  auto echoed = echo_through(json_string(*out, "agent_url"), "from-env-token", "x");
  EXPECT_TRUE(echoed.ok()) << echoed.error().to_string();
  expect_clean_stop(*launcher, static_cast<pid_t>((*out)["wrapper_pid"].get<long long>()));
}

TEST(LauncherFlags, ChoicesAndExtraFlagsReachTheWrapper) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  const std::string state = (dir.path() / "state").string();
  auto launcher = Launcher::start(
      {"--backend", "claude_code", "--permission", "relay", "--model", "m1", "--max-tasks", "2",
       "--state-dir", state, "--claude-bin", "/opt/claude", "--json", "--", "-c", "k=v"},
      {"FAKE_WRAPPER_RECORD=" + record.string()});
  ASSERT_TRUE(launcher);
  auto out = launcher->next_json();
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  EXPECT_EQ(json_string(*out, "backend"), "claude_code");
  auto rec = read_record(record);
  ASSERT_TRUE(rec.ok());
  const std::vector<std::string> argv((*rec)["argv"].begin() + 1, (*rec)["argv"].end());
  EXPECT_EQ(argv,
            (std::vector<std::string>{"--host", "127.0.0.1", "--port", "0", "--state-dir", state,
                                      "--max-tasks", "2", "--model", "m1", "--permission", "relay",
                                      "--claude-bin", "/opt/claude", "-c", "k=v"}));
  expect_clean_stop(*launcher, static_cast<pid_t>((*rec)["pid"].get<long long>()), SIGINT);
}

TEST(LauncherFlags, CodexGetsTheDefaultSandboxExplicitly) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  auto launcher =
      Launcher::start({"--backend", "codex", "--json"}, {"FAKE_WRAPPER_RECORD=" + record.string()});
  ASSERT_TRUE(launcher);
  auto out = launcher->next_json();
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  auto rec = read_record(record);
  ASSERT_TRUE(rec.ok());
  const Json& argv = (*rec)["argv"];
  auto sandbox = std::find(argv.begin(), argv.end(), Json("--sandbox"));
  ASSERT_NE(sandbox, argv.end());
  EXPECT_EQ(*(sandbox + 1), "workspace-write");
  EXPECT_FALSE(has(argv, "--permission"));
  expect_clean_stop(*launcher, static_cast<pid_t>((*rec)["pid"].get<long long>()));
}

TEST(LauncherFlags, HumanReadableByDefault) {
  auto launcher = Launcher::start({"--backend", "codex"});
  ASSERT_TRUE(launcher);
  ASSERT_TRUE(launcher->read_until("Press Ctrl-C")) << launcher->stderr_text();
  const std::string text = launcher->stdout_text();
  EXPECT_NE(text.find("agent_url  http://127.0.0.1:"), std::string::npos) << text;
  EXPECT_NE(text.find("token      "), std::string::npos) << text;
  EXPECT_NE(text.find("spawn_run"), std::string::npos) << text;
  EXPECT_NE(text.find("\"backend\": \"remote_a2a\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"auth_token\": "), std::string::npos) << text;
  EXPECT_NE(text.find("Authorization"), std::string::npos) << text;
  // The payload block is JSON a user can paste as is.
  const auto open = text.find("\n{\n");
  const auto close = text.find("\n}\n", open);
  ASSERT_NE(open, std::string::npos);
  ASSERT_NE(close, std::string::npos);
  auto payload = parse_json(text.substr(open + 1, close - open + 1));
  ASSERT_TRUE(payload.ok()) << payload.error().to_string();
  EXPECT_EQ((*payload)["backend"], "remote_a2a");
  launcher->signal(SIGTERM);
  EXPECT_TRUE(launcher->wait().success()) << launcher->stderr_text();
}

TEST(LauncherFlags, NoAuthOnLoopbackHasNoToken) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  auto launcher = Launcher::start(
      {"--backend", "codex", "--no-auth", "--json"},
      {"FAKE_WRAPPER_RECORD=" + record.string(), "AGENTHUB_AGENT_TOKEN=inherited-must-not-leak"});
  ASSERT_TRUE(launcher);
  auto out = launcher->next_json();
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  EXPECT_TRUE((*out)["token"].is_null());
  EXPECT_FALSE((*out)["spawn_run"]["backend_config"].contains("auth_token"));
  auto rec = read_record(record);
  ASSERT_TRUE(rec.ok());
  EXPECT_TRUE((*rec)["env_token"].is_null());
  EXPECT_TRUE(has((*rec)["argv"], "--no-auth"));
  auto echoed = echo_through(json_string(*out, "agent_url"), "", "open");
  EXPECT_TRUE(echoed.ok()) << echoed.error().to_string();
  expect_clean_stop(*launcher, static_cast<pid_t>((*rec)["pid"].get<long long>()));
}

TEST(LauncherFlags, WildcardHostWarnsAndNamesTheMachine) {
  auto launcher = Launcher::start({"--backend", "codex", "--host", "0.0.0.0", "--json"});
  ASSERT_TRUE(launcher);
  auto out = launcher->next_json();
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  EXPECT_NE(launcher->stderr_text().find("reachable from the network"), std::string::npos)
      << launcher->stderr_text();
  const std::string listen_url = json_string(*out, "listen_url");
  const std::string agent_url = json_string(*out, "agent_url");
  const std::string machine = machine_hostname();
  ASSERT_FALSE(machine.empty());
  EXPECT_EQ(agent_url.rfind("http://" + machine + ":", 0), 0u) << agent_url;
  EXPECT_EQ(listen_url.rfind("http://127.0.0.1:", 0), 0u) << listen_url;
  EXPECT_EQ((*out)["spawn_run"]["backend_config"]["agent_url"], agent_url);
  // Same port, and the local URL works.
  EXPECT_EQ(agent_url.substr(agent_url.rfind(':')), listen_url.substr(listen_url.rfind(':')));
  auto echoed = echo_through(listen_url, json_string(*out, "token"), "lan");
  EXPECT_TRUE(echoed.ok()) << echoed.error().to_string();
  expect_clean_stop(*launcher, static_cast<pid_t>((*out)["wrapper_pid"].get<long long>()));
}

TEST(LauncherFlags, WrapperIgnoringSigtermIsKilledAfterTheGrace) {
  auto launcher = Launcher::start({"--backend", "codex", "--json", "--stop-grace", "1"},
                                  {"FAKE_WRAPPER_MODE=ignore-term"});
  ASSERT_TRUE(launcher);
  auto out = launcher->next_json();
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  const auto wrapper = static_cast<pid_t>((*out)["wrapper_pid"].get<long long>());
  launcher->signal(SIGTERM);
  const ExitStatus status = launcher->wait();
  EXPECT_TRUE(status.success()) << status.to_string();
  EXPECT_TRUE(pid_gone(wrapper));
  EXPECT_NE(launcher->stderr_text().find("was killed"), std::string::npos)
      << launcher->stderr_text();
}

TEST(LauncherFlags, WrapperDyingByItselfEndsTheLauncherWithItsStatus) {
  auto launcher = Launcher::start({"--backend", "codex", "--json"});
  ASSERT_TRUE(launcher);
  auto out = launcher->next_json();
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  const auto wrapper = static_cast<pid_t>((*out)["wrapper_pid"].get<long long>());
  ASSERT_EQ(::kill(wrapper, SIGUSR1), 0);
  const ExitStatus status = launcher->wait();
  EXPECT_TRUE(status.exited());
  EXPECT_EQ(status.exit_code, 4);
  const std::string err = launcher->stderr_text();
  EXPECT_NE(err.find("exited unexpectedly (exit code 4)"), std::string::npos) << err;
  // The wrapper's last log lines are repeated in the error.
  EXPECT_NE(err.find("| fake-a2a-wrapper: dying on SIGUSR1"), std::string::npos) << err;
  EXPECT_TRUE(pid_gone(wrapper));
}

TEST(LauncherFlags, SecondCtrlCKillsAWrapperThatWillNotStop) {
  auto launcher =
      Launcher::start({"--backend", "codex", "--json"}, {"FAKE_WRAPPER_MODE=ignore-term"});
  ASSERT_TRUE(launcher);
  auto out = launcher->next_json();
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  const auto wrapper = static_cast<pid_t>((*out)["wrapper_pid"].get<long long>());
  launcher->signal(SIGINT);
  ASSERT_TRUE(launcher->stderr_has("Ctrl-C again kills it"));
  launcher->signal(SIGINT);
  const ExitStatus status = launcher->wait();
  EXPECT_TRUE(status.success()) << status.to_string();
  EXPECT_TRUE(pid_gone(wrapper));
  EXPECT_NE(launcher->stderr_text().find("fake-a2a-wrapper killed"), std::string::npos)
      << launcher->stderr_text();
}

TEST(LauncherFlags, RepeatedSigtermKeepsTheGracefulStop) {
  auto launcher = Launcher::start({"--backend", "codex", "--json"});
  ASSERT_TRUE(launcher);
  auto out = launcher->next_json();
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  // What timeout(1) does: the same signal to the process and to its group.
  launcher->signal(SIGTERM);
  launcher->signal(SIGTERM);
  const ExitStatus status = launcher->wait();
  EXPECT_TRUE(status.success()) << status.to_string();
  const std::string err = launcher->stderr_text();
  EXPECT_NE(err.find("fake-a2a-wrapper: signal 15, stopping"), std::string::npos) << err;
  EXPECT_EQ(err.find("killing"), std::string::npos) << err;
}

// The real wrappers, found next to the launcher (no AGENTHUB_WRAPPER_BIN), with fake-cli as
// their CLI: the launcher's default lookup and the wrappers' actual contract.
TEST(LauncherFlags, RealWrappersAreFoundNextToTheLauncher) {
  for (const char* backend : {"codex", "claude_code"}) {
    SCOPED_TRACE(backend);
    TempDir dir;
    const std::string cli_flag = std::string(backend) == "codex" ? "--codex-bin" : "--claude-bin";
    auto launcher = Launcher::start({"--backend", backend, cli_flag, bin_path("fake-cli").string(),
                                     "--state-dir", dir.path().string(), "--json"},
                                    {}, /*fake_wrapper=*/false);
    ASSERT_TRUE(launcher);
    auto out = launcher->next_json();
    ASSERT_TRUE(out.ok()) << out.error().to_string();
    EXPECT_EQ(json_string(*out, "backend"), backend);
    const std::string expected_name =
        std::string(backend) == "codex" ? "codex-a2a-agent" : "claude-a2a-agent";
    auto client = a2a::Client::connect(json_string(*out, "agent_url"),
                                       client_options(json_string(*out, "token")));
    ASSERT_TRUE(client.ok()) << client.error().to_string();
    EXPECT_EQ((*client)->card().name, expected_name);
    expect_clean_stop(*launcher, static_cast<pid_t>((*out)["wrapper_pid"].get<long long>()));
  }
}

}  // namespace
}  // namespace agenthub::agents::testing
