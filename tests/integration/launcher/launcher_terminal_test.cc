// start-a2a-agent on a terminal: a pseudo-terminal (forkpty) plays the user, answering the
// questions, then pressing Ctrl-C.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include "launcher_harness.h"

namespace agenthub::agents::testing {
namespace {

namespace fsys = std::filesystem;
using Clock = std::chrono::steady_clock;

// start-a2a-agent with a pseudo-terminal as its stdin, stdout and stderr.
class PtyLauncher {
 public:
  static std::unique_ptr<PtyLauncher> start(const std::vector<std::string>& args,
                                            const EnvList& extra_env) {
    std::vector<std::string> argv = {bin_path("start-a2a-agent").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    EnvList env = extra_env;
    env.push_back("AGENTHUB_WRAPPER_BIN=" + bin_path("fake-a2a-wrapper").string());
    env = test_env(env);
    // Everything the child needs is built before fork: it only calls execve afterwards.
    std::vector<char*> argv_ptrs;
    for (std::string& a : argv) argv_ptrs.push_back(a.data());
    argv_ptrs.push_back(nullptr);
    std::vector<char*> env_ptrs;
    for (std::string& e : env) env_ptrs.push_back(e.data());
    env_ptrs.push_back(nullptr);

    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0) {
      ADD_FAILURE() << "forkpty: " << std::strerror(errno);
      return nullptr;
    }
    if (pid == 0) {
      ::execve(argv_ptrs[0], argv_ptrs.data(), env_ptrs.data());
      ::_exit(127);
    }
    ::fcntl(master, F_SETFD, FD_CLOEXEC);
    return std::unique_ptr<PtyLauncher>(new PtyLauncher(pid, master));
  }

  ~PtyLauncher() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(master_);
  }

  // Reads the terminal until `text` appears after what earlier calls consumed.
  bool expect(const std::string& text) {
    const auto deadline = Clock::now() + kDeadline;
    while (true) {
      if (auto at = screen_.find(text, cursor_); at != std::string::npos) {
        cursor_ = at + text.size();
        return true;
      }
      if (closed_ || !read_some(deadline)) {
        ADD_FAILURE() << "never saw \"" << text << "\" on the terminal; it shows:\n"
                      << screen_.substr(cursor_);
        return false;
      }
    }
  }

  void type(const std::string& keys) {
    ASSERT_EQ(::write(master_, keys.data(), keys.size()), static_cast<ssize_t>(keys.size()));
  }

  // Waits for the launcher to exit, reading the terminal meanwhile so it never blocks on it.
  std::optional<int> wait_exit_code() {
    const auto deadline = Clock::now() + kDeadline;
    while (!closed_ && read_some(deadline)) {
    }
    int status = 0;
    const pid_t pidfd = static_cast<pid_t>(::syscall(SYS_pidfd_open, pid_, 0));
    if (pidfd >= 0) {
      pollfd p{pidfd, POLLIN, 0};
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      ::poll(&p, 1, static_cast<int>(std::max<long long>(left.count(), 0)));
      ::close(pidfd);
    }
    if (::waitpid(pid_, &status, WNOHANG) != pid_) return std::nullopt;
    pid_ = -1;
    if (!WIFEXITED(status)) return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
  }

  [[nodiscard]] const std::string& screen() const { return screen_; }

 private:
  PtyLauncher(pid_t pid, int master) : pid_(pid), master_(master) {}

  // One read (waiting until `deadline`); false on timeout. EOF / EIO (no slave left) sets
  // closed_.
  bool read_some(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{master_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buf[4096];
    const ssize_t n = ::read(master_, buf, sizeof buf);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) return true;
      closed_ = true;
      return true;
    }
    for (ssize_t i = 0; i < n; ++i) {
      if (buf[i] != '\r') screen_.push_back(buf[i]);  // the terminal turns \n into \r\n
    }
    return true;
  }

  pid_t pid_;
  int master_;
  std::string screen_;
  std::size_t cursor_ = 0;
  bool closed_ = false;
};

fsys::path make_executable(const fsys::path& path) {
  std::ofstream(path) << "#!/bin/sh\nexit 0\n";
  ::chmod(path.c_str(), 0755);
  return path;
}

TEST(LauncherTerminal, AnsweringTheQuestionsStartsTheChosenWrapper) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  const fsys::path claude = make_executable(dir.path() / "my-claude");
  // An empty PATH: neither CLI is found, so the launcher asks where claude is.
  const fsys::path empty_path = dir.path() / "empty";
  fsys::create_directory(empty_path);
  auto term = PtyLauncher::start(
      {}, {"FAKE_WRAPPER_RECORD=" + record.string(), "PATH=" + empty_path.string()});
  ASSERT_TRUE(term);

  ASSERT_TRUE(term->expect("2) claude_code"));
  ASSERT_TRUE(term->expect("Backend [1]: "));
  term->type("2\n");
  ASSERT_TRUE(term->expect("Path to the claude executable: "));
  term->type("/nonexistent/claude\n");
  ASSERT_TRUE(term->expect("cannot run /nonexistent/claude"));
  ASSERT_TRUE(term->expect("Path to the claude executable: "));
  term->type(claude.string() + "\n");
  ASSERT_TRUE(term->expect("Host [127.0.0.1]: "));
  term->type("\n");
  ASSERT_TRUE(term->expect("Port (0 = random) [random]: "));
  term->type("\n");
  ASSERT_TRUE(term->expect("Bearer token [generate a new one]: "));
  term->type("\n");
  ASSERT_TRUE(term->expect("Permission [auto]: "));
  term->type("\n");
  ASSERT_TRUE(term->expect("Model [the CLI's default]: "));
  term->type("\n");
  ASSERT_TRUE(term->expect("start-a2a-agent --backend claude_code --permission auto --claude-bin " +
                           claude.string()));
  ASSERT_TRUE(term->expect("is ready"));
  ASSERT_TRUE(term->expect("\"backend\": \"remote_a2a\""));
  ASSERT_TRUE(term->expect("Press Ctrl-C"));

  auto rec = read_record(record);
  ASSERT_TRUE(rec.ok()) << rec.error().to_string();
  const std::vector<std::string> argv((*rec)["argv"].begin() + 1, (*rec)["argv"].end());
  EXPECT_EQ(argv, (std::vector<std::string>{"--host", "127.0.0.1", "--port", "0", "--permission",
                                            "auto", "--claude-bin", claude.string()}));
  EXPECT_EQ(json_string(*rec, "env_token").size(), 64u);
  const auto wrapper = static_cast<pid_t>((*rec)["pid"].get<long long>());

  term->type("\x03");  // Ctrl-C: SIGINT to the launcher (the wrapper has its own group)
  ASSERT_TRUE(term->expect("stopped"));
  EXPECT_EQ(term->wait_exit_code(), 0) << term->screen();
  EXPECT_TRUE(pid_gone(wrapper));
}

TEST(LauncherTerminal, EndOfInputAbortsWithoutStartingAnything) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  auto term = PtyLauncher::start({}, {"FAKE_WRAPPER_RECORD=" + record.string()});
  ASSERT_TRUE(term);
  ASSERT_TRUE(term->expect("Backend ["));
  term->type("\x04");  // Ctrl-D at the start of a line: end of input
  ASSERT_TRUE(term->expect("setup aborted"));
  EXPECT_EQ(term->wait_exit_code(), 1) << term->screen();
  EXPECT_FALSE(fsys::exists(record));
}

TEST(LauncherTerminal, GivenABackendNothingIsAsked) {
  auto term = PtyLauncher::start({"--backend", "codex", "--json"}, {});
  ASSERT_TRUE(term);
  ASSERT_TRUE(term->expect("\"spawn_run\""));
  EXPECT_EQ(term->screen().find("Backend ["), std::string::npos) << term->screen();
  term->type("\x03");
  ASSERT_TRUE(term->expect("stopped"));
  EXPECT_EQ(term->wait_exit_code(), 0) << term->screen();
}

}  // namespace
}  // namespace agenthub::agents::testing
