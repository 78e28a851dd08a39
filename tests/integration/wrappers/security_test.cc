// Issue 6 (security), seen from outside the wrappers (codex-a2a-agent, claude-a2a-agent, and
// start-a2a-agent in front of the real codex-a2a-agent), all over fake-cli: where they listen,
// that every JSON-RPC call needs the bearer token, that the token reaches neither the CLI
// (environment or argv) nor any process listing or log while the user's own keys do reach the
// CLI, that their state is private, that a bad cwd is refused, and that oversized requests are
// refused while serving goes on.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "core/error_table.h"
#include "tests/integration/wrappers/wrapper_fixture.h"

namespace agenthub::agents::testing {
namespace {

namespace fsys = std::filesystem;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const std::vector<std::string> kAllWrappers = {"codex-a2a-agent", "claude-a2a-agent",
                                               "start-a2a-agent"};

// The port of "http://127.0.0.1:PORT[/...]".
int port_of(const std::string& url) {
  const std::size_t colon = url.rfind(':');
  return colon == std::string::npos ? 0 : std::atoi(url.c_str() + colon + 1);
}

// The local addresses (as /proc/net/tcp{,6} spell them: hex, host byte order) of every socket
// listening on TCP `port`. 127.0.0.1 is "0100007F"; a wildcard bind would show "00000000".
std::vector<std::string> listening_addresses(int port) {
  std::vector<std::string> out;
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // column names
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string slot, local, remote, state;
      fields >> slot >> local >> remote >> state;
      const std::size_t colon = local.rfind(':');
      if (state != "0A" || colon == std::string::npos) continue;  // 0A: LISTEN
      if (std::stoi(local.substr(colon + 1), nullptr, 16) == port) {
        out.push_back(local.substr(0, colon));
      }
    }
  }
  return out;
}

// /proc/<pid>/cmdline: what any user listing processes sees of its argv.
std::string cmdline_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  std::stringstream all;
  all << in.rdbuf();
  return all.str();
}

std::unique_ptr<httplib::Client> http_client(const std::string& agent_url) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port_of(agent_url));
  client->set_read_timeout(kWrapperDeadline);
  client->set_write_timeout(kWrapperDeadline);
  client->set_connection_timeout(kWrapperDeadline);
  return client;
}

const std::string kGetTask =
    R"({"jsonrpc":"2.0","id":1,"method":"GetTask","params":{"id":"no-such-task"}})";

class WrapperSecurity : public WrapperTest {
 protected:
  // `binary` over fake-cli replaying a simple transcript; start-a2a-agent wraps the real
  // codex-a2a-agent (found next to it). Null after a recorded failure.
  WrapperProcess* start_any(const std::string& binary, EnvList env = {}) {
    if (binary == "codex-a2a-agent") return start_codex(fake_sample("codex_simple.jsonl"), env);
    if (binary == "claude-a2a-agent") {
      return start_claude(fake_sample("claude_simple.jsonl"), env);
    }
    env.push_back("FAKE_CLI_REPLAY=" + fake_sample("codex_simple.jsonl").string());
    env.push_back("FAKE_CLI_RECORD=" + record_.string());
    auto launcher =
        WrapperProcess::start("start-a2a-agent",
                              {"--backend", "codex", "--codex-bin", bin_path("fake-cli").string(),
                               "--state-dir", (root_ / "state").string(), "--json"},
                              env);
    if (!launcher) return nullptr;
    wrappers_.push_back(std::move(launcher));
    return wrappers_.back().get();
  }

  // The pid of the process serving A2A: the wrapper itself, or the one the launcher started.
  static pid_t server_pid(const WrapperProcess& w) {
    const Json& ready = w.ready();
    const char* key = ready.contains("wrapper_pid") ? "wrapper_pid" : "pid";
    return static_cast<pid_t>(ready.value(key, 0LL));
  }
};

// Loopback only, by default: the socket is bound to 127.0.0.1 (not only advertised so), and
// every JSON-RPC call without the exact bearer token is an HTTP 401 that runs nothing.
// (AdmissionTest.NoAuthIsExplicit: only --no-auth turns this off.)
TEST_F(WrapperSecurity, EveryWrapperListensOnLoopbackAndAnswers401WithoutItsToken) {
  for (const std::string& binary : kAllWrappers) {
    SCOPED_TRACE(binary);
    WrapperProcess* w = start_any(binary);
    ASSERT_NE(w, nullptr);
    const std::string url = w->agent_url();
    EXPECT_THAT(url, ::testing::StartsWith("http://127.0.0.1:"));
    EXPECT_THAT(listening_addresses(port_of(url)), ElementsAre("0100007F"));
    const std::string token = w->token();
    EXPECT_EQ(token.size(), 64u);  // generated

    auto http = http_client(url);
    for (const httplib::Headers& headers :
         {httplib::Headers{}, httplib::Headers{{"Authorization", "Bearer wrong"}},
          httplib::Headers{{"Authorization", "Bearer " + token + "x"}},
          httplib::Headers{{"Authorization", "Bearer " + token.substr(1)}},
          httplib::Headers{{"Authorization", token}},
          httplib::Headers{{"Authorization", "Basic " + token}}}) {
      auto refused = http->Post("/a2a/jsonrpc", headers, kGetTask, "application/json");
      ASSERT_TRUE(refused);
      EXPECT_EQ(refused->status, 401);
      EXPECT_EQ(refused->get_header_value("WWW-Authenticate"), "Bearer");
      EXPECT_EQ(refused->body.find(token), std::string::npos);
    }
    const std::string send =
        R"({"jsonrpc":"2.0","id":2,"method":"SendMessage","params":{"message":{"messageId":"m",)"
        R"("role":"ROLE_USER","parts":[{"text":"hi"}],"metadata":{"cwd":")" +
        work_ + R"("}}}})";
    auto anonymous_send = http->Post("/a2a/jsonrpc", send, "application/json");
    ASSERT_TRUE(anonymous_send);
    EXPECT_EQ(anonymous_send->status, 401);
    auto allowed = http->Post("/a2a/jsonrpc", {{"Authorization", "Bearer " + token}}, kGetTask,
                              "application/json");
    ASSERT_TRUE(allowed);
    EXPECT_EQ(allowed->status, 200);
    EXPECT_THAT(allowed->body, HasSubstr("-32001"));  // task not found: the call got through
    EXPECT_THAT(record_events(record_, "start"), IsEmpty());  // no CLI ran for any of them
  }
}

// The CLI gets the user's environment, keys and settings included, but never the wrapper's
// bearer token: not in its environment (as the kernel shows it to process listings), not in
// its argv. The token is in no argv of ours either, nor in any log line or streamed event.
TEST_F(WrapperSecurity, TheCliGetsTheUsersEnvironmentButNeverTheToken) {
  for (const std::string& binary : kAllWrappers) {
    SCOPED_TRACE(binary);
    ASSERT_TRUE(fsys::remove(record_) || !fsys::exists(record_));
    const std::string token = "env-token-" + random_hex(12);
    const std::string codex_home = (root_ / "codex-home").string();
    const std::string claude_config = (root_ / "claude-config").string();
    WrapperProcess* w =
        start_any(binary, {"AGENTHUB_AGENT_TOKEN=" + token, "OPENAI_API_KEY=sk-user-openai-key",
                           "ANTHROPIC_API_KEY=sk-ant-user-key", "CODEX_HOME=" + codex_home,
                           "CLAUDE_CONFIG_DIR=" + claude_config, "FAKE_CLI_RECORD_ENV=1"});
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->token(), token);  // the token came from the environment, as the hub does it
    auto client = w->client();
    ASSERT_NE(client, nullptr);
    StreamResult r = stream(*client, user_message("hi", work_));
    ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();

    auto starts = record_events(record_, "start");
    ASSERT_EQ(starts.size(), 1u);
    const std::vector<std::string> env = starts[0]["env"];
    EXPECT_THAT(env, Contains("OPENAI_API_KEY=sk-user-openai-key"));
    EXPECT_THAT(env, Contains("ANTHROPIC_API_KEY=sk-ant-user-key"));
    EXPECT_THAT(env, Contains("CODEX_HOME=" + codex_home));
    EXPECT_THAT(env, Contains("CLAUDE_CONFIG_DIR=" + claude_config));
    EXPECT_THAT(env, Contains(::testing::StartsWith("HOME=")));
    EXPECT_THAT(env, Contains(::testing::StartsWith("PATH=")));
    for (const std::string& entry : env) {
      EXPECT_THAT(entry, Not(HasSubstr(token)));
      EXPECT_THAT(entry, Not(::testing::StartsWith("AGENTHUB_AGENT_TOKEN=")));
    }
    for (const Json& arg : starts[0]["argv"]) {
      EXPECT_THAT(arg.get<std::string>(), Not(HasSubstr(token)));
    }

    EXPECT_THAT(cmdline_of(server_pid(*w)), Not(HasSubstr(token)));
    EXPECT_THAT(cmdline_of(w->pid()), Not(HasSubstr(token)));
    for (const Json& e : r.run_events) EXPECT_THAT(dump_json(e), Not(HasSubstr(token)));
    EXPECT_THAT(r.status_text, Not(HasSubstr(token)));
    client.reset();
    EXPECT_TRUE(w->stop().success());
    EXPECT_THAT(w->process().stderr_tail(), Not(HasSubstr(token)));
    EXPECT_THAT(w->process().stderr_tail(), HasSubstr("listening"));  // the logs were there
  }
}

// Without --state-dir the wrappers keep their contexts under $XDG_STATE_HOME/agenthub/<name>:
// every directory they create there is 0700 and every file 0600.
TEST_F(WrapperSecurity, DefaultStateDirectoryIsPrivate) {
  const fsys::path xdg = root_ / "xdg-state";
  for (const auto& [binary, flag, sample] :
       {std::tuple{"codex-a2a-agent", "--codex-bin", "codex_simple.jsonl"},
        std::tuple{"claude-a2a-agent", "--claude-bin", "claude_simple.jsonl"}}) {
    SCOPED_TRACE(binary);
    auto w = WrapperProcess::start(
        binary, {flag, bin_path("fake-cli").string()},
        {"XDG_STATE_HOME=" + xdg.string(), "FAKE_CLI_REPLAY=" + fake_sample(sample).string(),
         "FAKE_CLI_RECORD=" + record_.string()});
    ASSERT_NE(w, nullptr);
    auto client = w->client();
    ASSERT_NE(client, nullptr);
    StreamResult r = stream(*client, user_message("hi", work_));
    ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
    client.reset();
    EXPECT_TRUE(w->stop().success());
    EXPECT_TRUE(fsys::is_directory(xdg / "agenthub" / binary));
  }
  int files = 0;
  struct stat st {};
  ASSERT_EQ(::stat(xdg.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  for (const auto& entry : fsys::recursive_directory_iterator(xdg)) {
    ASSERT_EQ(::lstat(entry.path().c_str(), &st), 0);
    if (S_ISDIR(st.st_mode)) {
      EXPECT_EQ(st.st_mode & 0777, 0700u) << entry.path();
    } else {
      ++files;
      EXPECT_TRUE(S_ISREG(st.st_mode)) << entry.path();
      EXPECT_EQ(st.st_mode & 0777, 0600u) << entry.path();
    }
  }
  EXPECT_GE(files, 2);  // a context of each wrapper
}

// A first message's cwd must be an absolute path to an existing directory (AdmissionTest.
// FirstMessageNeedsCwd covers a missing, relative and non-existent one): a file, a symlink to
// a file, and a cwd that is not a string are refused too, before anything runs.
TEST_F(WrapperSecurity, CwdThatIsNotADirectoryIsRefused) {
  WrapperProcess* w = start_codex(fake_sample("codex_simple.jsonl"));
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  { std::ofstream(root_ / "file.txt") << "not a directory"; }
  fsys::create_symlink(root_ / "file.txt", root_ / "link-to-file");
  for (const fsys::path& path : {root_ / "file.txt", root_ / "link-to-file"}) {
    StreamResult refused = stream(*client, user_message("hi", path.string()));
    ASSERT_TRUE(refused.error.has_value()) << refused.dump();
    EXPECT_EQ(jsonrpc_code(refused.error->code), -32602);
    EXPECT_THAT(refused.error->message, HasSubstr("not a directory"));
  }
  StreamResult not_string =
      stream(*client, user_message("hi", "", "", Json{{"cwd", Json::array({work_})}}));
  ASSERT_TRUE(not_string.error.has_value()) << not_string.dump();
  EXPECT_EQ(jsonrpc_code(not_string.error->code), -32602);
  EXPECT_THAT(not_string.error->message, HasSubstr("metadata.cwd"));
  EXPECT_THAT(record_events(record_, "start"), IsEmpty());
}

// Size limits on a real wrapper: a body over 10 MiB is a 413, one header line over 8 KiB or a
// head over 64 KiB a 431, each with a JSON-RPC error naming the limit; the wrapper then runs a
// task as usual.
TEST_F(WrapperSecurity, OversizedRequestsAreRefusedAndTheWrapperKeepsServing) {
  WrapperProcess* w = start_codex(fake_sample("codex_simple.jsonl"));
  ASSERT_NE(w, nullptr);
  auto http = http_client(w->agent_url());
  const httplib::Headers auth = {{"Authorization", "Bearer " + w->token()}};
  auto error_message = [](const httplib::Result& res) {
    auto body = parse_json(res->body);
    return body.ok() ? json_string((*body)["error"], "message") : res->body;
  };

  auto body = http->Post("/a2a/jsonrpc", auth, std::string(11 << 20, ' '), "application/json");
  ASSERT_TRUE(body);
  EXPECT_EQ(body->status, 413);
  EXPECT_THAT(error_message(body), HasSubstr("10485760 bytes"));

  httplib::Headers long_line = auth;
  long_line.emplace("X-Long", std::string(16 << 10, 'l'));
  auto line = http->Post("/a2a/jsonrpc", long_line, kGetTask, "application/json");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->status, 431);
  EXPECT_THAT(error_message(line), HasSubstr("longer than 8192 bytes"));

  httplib::Headers many = auth;
  for (int i = 0; i < 100; ++i) many.emplace("X-Many-" + std::to_string(i), std::string(1000, 'm'));
  auto head = http->Post("/a2a/jsonrpc", many, kGetTask, "application/json");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 431);
  EXPECT_THAT(error_message(head), HasSubstr("limit of 65536 bytes"));

  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult ok = stream(*client, user_message("hi", work_));
  EXPECT_EQ(ok.state, a2a::TaskState::kCompleted) << ok.dump();
}

}  // namespace
}  // namespace agenthub::agents::testing
