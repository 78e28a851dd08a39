// Issue 6 (security), end to end through the hub: orchestration-mcp driving a codex run
// (through the real codex-a2a-agent over fake-cli) and a remote_a2a run with secrets keeps
// every token out of its logs, files, answers and the process listings, and creates its files
// 0600 in 0700 directories; spawn_run refuses bad cwds, escaping profiles and non-http agent
// URLs without leaving anything behind; get_event_artifact cannot be led out of the run.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "agents/common/jsonl_reader.h"
#include "agents/common/process.h"
#include "core/fs.h"
#include "core/ids.h"
#include "hub/storage_layout.h"
#include "hub_fixture.h"

namespace agenthub::hub::testing {
namespace {

namespace fsys = std::filesystem;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string bin(const std::string& name) { return std::string(AGENTHUB_BIN_DIR) + "/" + name; }

bool is_terminal(const std::string& status) {
  return status == "completed" || status == "failed" || status == "cancelled" ||
         status == "rejected";
}

// /proc/<pid>/<what> ("cmdline", "environ") as one string, NULs kept.
std::string proc_file(pid_t pid, const std::string& what) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/" + what, std::ios::binary);
  std::stringstream all;
  all << in.rdbuf();
  return all.str();
}

// orchestration-mcp as an MCP client starts it: newline-delimited JSON-RPC on its stdin and
// stdout. Its stderr (the hub's log, and the relayed log of the wrappers it starts) is kept
// whole. A call that gets no answer within kDeadline kills it, failing the test.
class McpHub {
 public:
  McpHub(std::vector<std::string> args, agents::EnvList env) {
    agents::SpawnOptions options;
    options.argv = {bin("orchestration-mcp")};
    options.argv.insert(options.argv.end(), args.begin(), args.end());
    options.env = std::move(env);
    options.stderr_tail_bytes = 32 << 20;
    auto spawned = agents::Process::spawn(std::move(options));
    EXPECT_TRUE(spawned.ok()) << spawned.error().message;
    if (!spawned.ok()) return;
    process_ = std::move(spawned).value();
    reader_ = std::make_unique<agents::JsonlReader>(process_->stdout_source());
    request("initialize", {{"protocolVersion", "2025-06-18"},
                           {"capabilities", Json::object()},
                           {"clientInfo", {{"name", "security-test"}, {"version", "1"}}}});
    send({{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
  }
  ~McpHub() {
    if (process_ && !process_->exit_status()) process_->kill();
  }

  [[nodiscard]] bool running() const { return process_ != nullptr; }
  [[nodiscard]] pid_t pid() const { return process_->pid(); }

  // tools/call: the whole CallToolResult, also kept in answers() for the secret checks.
  Json call(std::string_view tool, Json arguments) {
    Json result = request("tools/call", {{"name", tool}, {"arguments", std::move(arguments)}});
    answers_ += dump_json(result) + "\n";
    return result;
  }
  // structuredContent of a call that must succeed.
  Json ok(std::string_view tool, Json arguments) {
    Json result = call(tool, std::move(arguments));
    EXPECT_FALSE(result.value("isError", false)) << tool << ": " << dump_json(result);
    return result.value("structuredContent", Json());
  }
  // Polls until the run ends; returns its final status, every event seen in `events`.
  std::string follow(const std::string& run_id, std::vector<Json>& events) {
    std::int64_t after = 0;
    const auto deadline = std::chrono::steady_clock::now() + kDeadline;
    while (std::chrono::steady_clock::now() < deadline) {
      Json page = ok("poll_events", {{"run_id", run_id}, {"after_seq", after}, {"wait_ms", 2000}});
      if (!page.is_object()) return "";
      for (const Json& e : page["events"]) events.push_back(e);
      after = page.value("next_after_seq", after);
      const std::string status = page.value("status", std::string());
      if (is_terminal(status) && page["events"].empty()) return status;
    }
    ADD_FAILURE() << "run " << run_id << " did not end";
    return "";
  }
  // Closes stdin (the MCP client going away): the hub ends its runs' bookkeeping and exits.
  agents::ExitStatus stop() {
    process_->close_stdin();
    auto status = process_->wait_for(kDeadline);
    if (!status) {
      ADD_FAILURE() << "orchestration-mcp did not exit at EOF";
      process_->kill();
      return process_->wait();
    }
    return process_->wait();
  }
  [[nodiscard]] std::string log() const { return process_->stderr_tail(); }
  [[nodiscard]] std::size_t log_bytes() const { return process_->stderr_total_bytes(); }
  [[nodiscard]] const std::string& answers() const { return answers_; }

 private:
  void send(const Json& message) {
    Status written = process_->write_stdin(dump_json(message) + "\n");
    EXPECT_TRUE(written.ok()) << written.error().message;
  }
  Json request(std::string_view method, Json params) {
    const int id = next_id_++;
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    std::mutex mu;
    std::condition_variable_any cv;
    agents::Process& process = *process_;
    std::jthread watchdog([&](std::stop_token stop) {
      std::unique_lock lock(mu);
      if (!cv.wait_for(lock, stop, kDeadline, [] { return false; }) && !stop.stop_requested()) {
        process.kill();
      }
    });
    while (auto item = reader_->next()) {
      if (!item->ok() || item->value.value("id", -1) != id) continue;
      const Json* result = json_find(item->value, "result");
      EXPECT_NE(result, nullptr) << dump_json(item->value);
      return result != nullptr ? *result : Json();
    }
    ADD_FAILURE() << method << ": no answer; log:\n" << log();
    return nullptr;
  }

  std::unique_ptr<agents::Process> process_;
  std::unique_ptr<agents::JsonlReader> reader_;
  int next_id_ = 0;
  std::string answers_;
};

// Every directory under `root` (and `root`) must be 0700 and every file 0600; returns the
// files, for content checks. Nothing else (links, fifos) is expected there.
std::vector<fsys::path> expect_private_tree(const fsys::path& root) {
  std::vector<fsys::path> files;
  struct stat st {};
  EXPECT_EQ(::lstat(root.c_str(), &st), 0) << root;
  EXPECT_EQ(st.st_mode & 0777, 0700u) << root;
  for (const auto& entry : fsys::recursive_directory_iterator(root)) {
    EXPECT_EQ(::lstat(entry.path().c_str(), &st), 0);
    if (S_ISDIR(st.st_mode)) {
      EXPECT_EQ(st.st_mode & 0777, 0700u) << entry.path();
    } else {
      EXPECT_TRUE(S_ISREG(st.st_mode)) << entry.path();
      EXPECT_EQ(st.st_mode & 0777, 0600u) << entry.path();
      files.push_back(entry.path());
    }
  }
  return files;
}

// The first event holding moved fields, and the pointer of one of them.
std::pair<Json, std::string> event_with_artifact(const std::vector<Json>& events) {
  for (const Json& e : events) {
    const Json* refs = json_find(e["data"], "artifact_refs");
    if (refs != nullptr && refs->is_object() && !refs->empty()) {
      return {e, refs->begin().key()};
    }
  }
  return {nullptr, ""};
}

class HubSecurity : public HubTest {};

// The promises about secrets and modes, over the real executables: the hub (run index, wrapper
// registry, run leases under --state-dir), codex-a2a-agent started by it (its own state dir),
// fake-cli as codex, and an a2a-echo-agent reached as remote_a2a with a token and a header.
TEST_F(HubSecurity, FullRunsKeepSecretsPrivateAndFilesPrivate) {
  const std::string remote_token = "remote-token-" + random_hex(8);
  const std::string header_secret = "header-secret-" + random_hex(8);
  const std::string inherited_token = "inherited-token-" + random_hex(8);
  auto remote = AgentProcess::echo_agent(remote_token);
  ASSERT_TRUE(remote.ok()) << remote.error().message;

  const fsys::path state = root_.path() / "hub-state";  // created by the hub
  const fsys::path record = root_.path() / "cli-record.jsonl";
  agents::EnvList env = agents::inherited_env(
      {"AGENTHUB_*", "FAKE_CLI_*", "CODEX_BIN", "CLAUDE_BIN"},
      {"CODEX_BIN=" + bin("fake-cli"),
       "FAKE_CLI_REPLAY=" + std::string(AGENTHUB_SOURCE_DIR) +
           "/tests/fakes/fake_cli/samples/codex_tools.jsonl",
       "FAKE_CLI_HUGE_LINE_MIB=1", "FAKE_CLI_RECORD=" + record.string(), "FAKE_CLI_RECORD_ENV=1",
       "OPENAI_API_KEY=sk-user-openai-key",
       // A token in the hub's environment must not travel on to the wrapper or the CLI.
       "AGENTHUB_AGENT_TOKEN=" + inherited_token});
  McpHub hub({"--state-dir", state.string(), "--log-level", "debug"}, env);
  ASSERT_TRUE(hub.running());

  // A codex run through codex-a2a-agent, with a 1 MiB command output moved to artifacts.
  Json spawned = hub.ok("spawn_run", {{"backend", "codex"},
                                      {"role", "worker"},
                                      {"prompt", "add a changelog"},
                                      {"cwd", cwd_.string()},
                                      {"session_mode", "new"}});
  const std::string local_run = spawned.value("run_id", std::string());
  ASSERT_FALSE(local_run.empty()) << spawned;
  std::vector<Json> local_events;
  ASSERT_EQ(hub.follow(local_run, local_events), "completed") << hub.log();
  auto [moved, field] = event_with_artifact(local_events);
  ASSERT_TRUE(moved.is_object()) << "no event had a field moved to an artifact";
  Json page = hub.ok(
      "get_event_artifact",
      {{"run_id", local_run}, {"seq", moved["seq"]}, {"field_path", field}, {"limit", 1000}});
  EXPECT_EQ(page.value("returned_bytes", 0), 1000);

  // The wrapper, its token (which only the hub and the registry know) and what it exposes.
  const fsys::path registry = state / "wrapper-registry";
  ASSERT_TRUE(fsys::is_directory(registry));
  Json entry;
  for (const auto& e : fsys::directory_iterator(registry)) entry = read_json_file(e.path());
  const std::string wrapper_token = entry.value("token", std::string());
  const pid_t wrapper_pid = static_cast<pid_t>(entry.value("pid", 0));
  ASSERT_EQ(wrapper_token.size(), 64u) << entry;
  ASSERT_GT(wrapper_pid, 0);
  EXPECT_THAT(proc_file(wrapper_pid, "cmdline"), HasSubstr("codex-a2a-agent"));
  EXPECT_THAT(proc_file(wrapper_pid, "cmdline"), Not(HasSubstr(wrapper_token)));
  EXPECT_THAT(proc_file(wrapper_pid, "environ"), Not(HasSubstr(inherited_token)));
  EXPECT_THAT(proc_file(wrapper_pid, "environ"), Not(HasSubstr("AGENTHUB_AGENT_TOKEN=")));
  EXPECT_THAT(proc_file(hub.pid(), "cmdline"), Not(HasSubstr(wrapper_token)));

  // The CLI: the user's key came through, no token of ours did.
  std::ifstream record_in(record);
  std::string line;
  int starts = 0;
  while (std::getline(record_in, line)) {
    auto parsed = parse_json(line);
    if (!parsed.ok() || (*parsed)["event"] != "start") continue;
    const Json& start = *parsed;
    ++starts;
    const std::vector<std::string> cli_env = start["env"];
    EXPECT_THAT(cli_env, Contains("OPENAI_API_KEY=sk-user-openai-key"));
    for (const std::string& item : cli_env) {
      EXPECT_THAT(item, Not(StartsWith("AGENTHUB_AGENT_TOKEN=")));
      EXPECT_THAT(item, Not(HasSubstr(wrapper_token)));
      EXPECT_THAT(item, Not(HasSubstr(inherited_token)));
    }
    EXPECT_THAT(dump_json(start["argv"]), Not(HasSubstr(wrapper_token)));
  }
  EXPECT_EQ(starts, 1);

  // A remote run whose backend_config carries a bearer token and a secret header.
  spawned = hub.ok("spawn_run", {{"backend", "remote_a2a"},
                                 {"role", "reviewer"},
                                 {"prompt", "hello"},
                                 {"cwd", cwd_.string()},
                                 {"session_mode", "new"},
                                 {"backend_config",
                                  {{"agent_url", (*remote)->url()},
                                   {"auth_token", remote_token},
                                   {"headers", {{"X-Api-Key", header_secret}}}}}});
  const std::string remote_run = spawned.value("run_id", std::string());
  ASSERT_FALSE(remote_run.empty()) << spawned;
  std::vector<Json> remote_events;
  ASSERT_EQ(hub.follow(remote_run, remote_events), "completed") << hub.log();
  hub.ok("get_run", {{"run_id", remote_run}});
  hub.ok("list_runs", Json::object());

  EXPECT_TRUE(hub.stop().success()) << hub.log();
  if (::kill(wrapper_pid, 0) == 0) ::kill(wrapper_pid, SIGTERM);  // if it outlived its hub

  const std::vector<std::string> secrets = {wrapper_token, remote_token, header_secret,
                                            inherited_token};
  // Logs (at debug level, wrapper lines included) and every tool answer.
  ASSERT_EQ(hub.log().size(), hub.log_bytes()) << "the log was not kept whole";
  EXPECT_THAT(hub.log(), HasSubstr("started codex-a2a-agent"));
  EXPECT_THAT(hub.log(), HasSubstr("codex-a2a-agent listening"));
  for (const std::string& secret : secrets) {
    EXPECT_THAT(hub.log(), Not(HasSubstr(secret)));
    EXPECT_THAT(hub.answers(), Not(HasSubstr(secret)));
    EXPECT_THAT(dump_json(local_events) + dump_json(remote_events), Not(HasSubstr(secret)));
  }

  // Files: everything under <cwd>/.nanobot-orchestrator and the hub's state directory (run
  // index, run leases, wrapper registry, the wrapper's context registry) is private, and no
  // file holds a secret, except the registry entry that must hold its wrapper's token.
  const fsys::path storage = storage_root(cwd_);
  for (const fsys::path& expected :
       {run_dir(cwd_, local_run) / "run.json", run_dir(cwd_, local_run) / "events.jsonl",
        run_dir(cwd_, local_run) / "result.json", run_dir(cwd_, local_run) / "artifacts",
        run_dir(cwd_, remote_run) / "run.json", storage / "sessions", state / "run-index",
        state / "codex-a2a-agent"}) {
    EXPECT_TRUE(fsys::exists(expected)) << expected;
  }
  std::vector<fsys::path> files = expect_private_tree(storage);
  const std::vector<fsys::path> state_files = expect_private_tree(state);
  files.insert(files.end(), state_files.begin(), state_files.end());
  EXPECT_GE(files.size(), 12u);
  for (const fsys::path& file : files) {
    auto content = read_file(file, 64 << 20);
    ASSERT_TRUE(content.ok()) << file;
    const bool registry_entry = file.parent_path() == registry;
    for (const std::string& secret : secrets) {
      if (registry_entry && secret == wrapper_token) continue;
      EXPECT_THAT(*content, Not(HasSubstr(secret))) << file;
    }
  }
  Json stored = read_json_file(run_dir(cwd_, remote_run) / "run.json");
  EXPECT_EQ(stored["backend_config"]["auth_token"], "[redacted]");
  EXPECT_EQ(stored["backend_config"]["headers"]["X-Api-Key"], "[redacted]");
}

// spawn_run refuses a cwd that is not an absolute existing directory, a profile that leads out
// of the cwd and the profile directories (by "..", absolute path or symlink), and an agent_url
// that is not http(s) with a host, and leaves nothing behind for any of them.
TEST_F(HubSecurity, SpawnRunRefusalsLeaveNothingBehind) {
  const fsys::path outside = root_.path() / "outside";
  const fsys::path bundled = root_.path() / "bundled-profiles";
  ASSERT_TRUE(ensure_dir(outside).ok());
  ASSERT_TRUE(ensure_dir(bundled).ok());
  ASSERT_TRUE(write_file_atomic(outside / "secret.md", "outside text").ok());
  ASSERT_TRUE(write_file_atomic(root_.path() / "file.txt", "a file").ok());
  fsys::create_symlink(outside / "secret.md", cwd_ / "link.md");
  fsys::create_directory_symlink(outside, cwd_ / "linkdir");
  fsys::create_symlink(outside / "secret.md", bundled / "planted.md");
  fsys::create_symlink(root_.path() / "file.txt", root_.path() / "link-to-file");
  RunManagerOptions o = options();
  o.profile_dirs = {bundled};
  start_manager(o);

  auto refused = [&](SpawnRunRequest r, const std::string& why) {
    SCOPED_TRACE(why);
    auto answer = manager_->spawn_run(r);
    ASSERT_FALSE(answer.ok()) << dump_json(*answer);
    EXPECT_THAT(answer.error().code,
                ::testing::AnyOf(ErrorCode::kInvalidArgument, ErrorCode::kPermissionDenied));
    EXPECT_THAT(answer.error().message, Not(HasSubstr("outside text")));
  };
  const SpawnRunRequest base = remote("hi", "http://127.0.0.1:9");
  for (const std::string& cwd :
       {std::string(), std::string("project"), std::string("./project"),
        (root_.path() / "missing").string(), (root_.path() / "file.txt").string(),
        (root_.path() / "link-to-file").string()}) {
    SpawnRunRequest r = base;
    r.cwd = cwd;
    refused(r, "cwd " + cwd);
  }
  for (const std::string& profile :
       {std::string("../outside/secret.md"), (outside / "secret.md").string(),
        std::string("link.md"), std::string("linkdir/secret.md"), std::string("planted"),
        std::string("planted.md")}) {
    SpawnRunRequest r = base;
    r.profile = profile;
    refused(r, "profile " + profile);
  }
  for (const char* url :
       {"file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)", "http:///a2a",
        "http://:9/", "127.0.0.1:9", "", "http://user:pw@127.0.0.1:9/"}) {
    SpawnRunRequest r = base;
    r.backend_config = {{"agent_url", url}};
    refused(r, std::string("agent_url ") + url);
  }
  EXPECT_FALSE(fsys::exists(storage_root(cwd_)));
  EXPECT_TRUE(ok_json(manager_->list_runs({}), "list_runs")["runs"].empty());
}

// get_event_artifact follows the relpath stored in the event; one edited to climb out of the
// run ("../") or to go through a symlink that leads out is refused, and nothing outside is
// read. (ArtifactStoreTest covers the same at the storage layer, chunk files included.)
TEST_F(HubSecurity, EventArtifactPathsCannotLeaveTheRun) {
  auto agent = AgentProcess::echo_agent();
  ASSERT_TRUE(agent.ok()) << agent.error().message;
  const std::string id = spawn_prompt(std::string(20000, 'w'), (*agent)->url());
  ASSERT_EQ(wait_terminal(id), "completed");
  auto [moved, field] = event_with_artifact(events(id));
  ASSERT_TRUE(moved.is_object()) << "no event had a field moved to an artifact";
  const std::int64_t seq = moved["seq"];
  EventArtifactRequest request{id, seq, field, 0, 100};
  ASSERT_TRUE(manager_->get_event_artifact(request).ok());

  const fsys::path outside = root_.path() / "outside";
  ASSERT_TRUE(ensure_dir(outside / "escape").ok());
  ASSERT_TRUE(write_file_atomic(outside / "escape" / "manifest.json", "{}").ok());
  ASSERT_TRUE(write_file_atomic(outside / "secret.txt", "outside text").ok());
  const fsys::path dir = run_dir(cwd_, id);
  fsys::create_directory_symlink(outside / "escape", dir / "artifacts" / "000999-escape");
  const fsys::path log = dir / "events.jsonl";
  const std::string original = *read_file(log);
  manager_.reset();  // the hub is down while the file is edited
  for (const std::string& relpath : {std::string("../../../../outside/secret.txt"),
                                     std::string("../../../../outside/escape/manifest.json"),
                                     (outside / "escape" / "manifest.json").string(),
                                     std::string("artifacts/000999-escape/manifest.json")}) {
    SCOPED_TRACE(relpath);
    std::stringstream in(original);
    std::string edited;
    for (std::string line; std::getline(in, line);) {
      Json e = *parse_json(line);
      if (e["seq"] == seq) e["data"]["artifact_refs"][field]["relpath"] = relpath;
      edited += dump_json(e) + "\n";
    }
    ASSERT_TRUE(write_file_atomic(log, edited).ok());
    start_manager(options());
    auto read = manager_->get_event_artifact(request);
    ASSERT_FALSE(read.ok()) << dump_json(*read);
    EXPECT_THAT(read.error().code,
                ::testing::AnyOf(ErrorCode::kPermissionDenied, ErrorCode::kInvalidArgument))
        << read.error().message;
    EXPECT_THAT(read.error().message, Not(HasSubstr("outside text")));
    manager_.reset();
  }
  start_manager(options());
}

}  // namespace
}  // namespace agenthub::hub::testing
