// The a2a-echo-agent executable: flags, the one-line URL on stdout, auth, clean exit on
// SIGTERM / SIGINT.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <optional>

#include "http_harness.h"

extern char** environ;

namespace agenthub::a2a {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): test helpers

const std::string kAgent = std::string(AGENTHUB_BIN_DIR) + "/a2a-echo-agent";

// The agent as a child process with its stdout on a pipe. Killed and reaped on destruction.
class Agent {
 public:
  explicit Agent(std::vector<std::string> args) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    std::vector<std::string> argv_storage{kAgent};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_storage) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc = posix_spawn(&pid_, kAgent.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    out_ = fds[0];
    if (rc != 0) throw std::runtime_error("posix_spawn failed for " + kAgent);
  }
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;
  ~Agent() {
    if (pid_ > 0 && !status_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_);
  }

  // The first stdout line, waiting up to the deadline.
  std::optional<std::string> read_line() {
    std::string line;
    const auto until = std::chrono::steady_clock::now() + kDeadline;
    while (std::chrono::steady_clock::now() < until) {
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char c;
      ssize_t n = read(out_, &c, 1);
      if (n <= 0) return std::nullopt;
      if (c == '\n') return line;
      line += c;
    }
    return std::nullopt;
  }
  // Everything left on stdout until EOF.
  std::string read_rest() {
    std::string all;
    char buf[4096];
    ssize_t n;
    while ((n = read(out_, buf, sizeof buf)) > 0) all.append(buf, static_cast<std::size_t>(n));
    return all;
  }
  void signal(int sig) { kill(pid_, sig); }
  // The wait status once the child exits.
  int wait() {
    if (!status_) {
      int status = 0;
      waitpid(pid_, &status, 0);
      status_ = status;
    }
    return *status_;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::optional<int> status_;
};

std::unique_ptr<httplib::Client> client_for(const std::string& base_url) {
  // base_url is "http://127.0.0.1:<port>"
  auto client = std::make_unique<httplib::Client>(base_url);
  client->set_read_timeout(kDeadline);
  client->set_connection_timeout(kDeadline);
  return client;
}

TEST(EchoAgentBinary, PrintsItsUrlAndServesTheCard) {
  Agent agent({"--port", "0"});
  auto url = agent.read_line();
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->rfind("http://127.0.0.1:", 0), 0U) << *url;
  auto client = client_for(*url);
  auto res = client->Get("/.well-known/agent-card.json");
  ASSERT_TRUE(res);
  auto card = parse_json(res->body);
  ASSERT_TRUE(card.ok());
  EXPECT_EQ((*card)["name"], "echo-agent");
  EXPECT_EQ((*card)["supportedInterfaces"][0]["url"], *url + "/a2a/jsonrpc");

  auto reply = post_rpc(*client, rpc("SendMessage", send_params("binary")));
  EXPECT_EQ(reply.json["result"]["task"]["status"]["message"]["parts"][0]["text"], "echo: binary");
  agent.signal(SIGTERM);
  const int status = agent.wait();
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(EchoAgentBinary, TokenFlagRequiresTheBearerToken) {
  Agent agent({"--token=tok-123", "--host", "127.0.0.1"});
  auto url = agent.read_line();
  ASSERT_TRUE(url.has_value());
  auto client = client_for(*url);
  EXPECT_EQ(post_rpc(*client, rpc("SendMessage", send_params("x"))).status, 401);
  auto ok = post_rpc(*client, rpc("SendMessage", send_params("x")),
                     {{"Authorization", "Bearer tok-123"}, {"A2A-Version", "1.0"}});
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.json["result"]["task"]["status"]["state"], "TASK_STATE_COMPLETED");
}

TEST(EchoAgentBinary, ExitsCleanlyOnSigintWithATaskRunning) {
  Agent agent({});
  auto url = agent.read_line();
  ASSERT_TRUE(url.has_value());
  auto client = client_for(*url);
  auto started = post_rpc(*client, rpc("SendMessage", send_params("slow: still going", "", true)));
  ASSERT_EQ(started.status, 200);
  agent.signal(SIGINT);
  const int status = agent.wait();
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(EchoAgentBinary, HelpAndBadFlags) {
  Agent help({"--help"});
  EXPECT_NE(help.read_rest().find("usage: a2a-echo-agent"), std::string::npos);
  EXPECT_EQ(WEXITSTATUS(help.wait()), 0);

  Agent bad({"--bogus"});
  EXPECT_EQ(WEXITSTATUS(bad.wait()), 2);
  Agent bad_port({"--port", "99999"});
  EXPECT_EQ(WEXITSTATUS(bad_port.wait()), 2);
}

}  // namespace
}  // namespace agenthub::a2a
