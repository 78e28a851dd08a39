#include "agents/common/process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <mutex>

#include "tests/integration/agents_common/test_support.h"

namespace agenthub::agents {
namespace detail {
void disable_pidfd_for_testing(bool disabled);
}  // namespace detail

namespace {

using testing::kDeadline;
using testing::read_items;
using testing::spawn_fake;
using testing::TempDir;
using testing::wait_pid_gone;

constexpr std::chrono::milliseconds kShortGrace{200};

// Reads the fake's first stdout line: its self-description, printed once its signal handling
// is in place.
Json read_report(JsonlReader& reader) {
  auto item = reader.next();
  EXPECT_TRUE(item.has_value() && item->ok());
  if (!item || !item->ok()) return Json::object();
  EXPECT_EQ(item->value["type"], "fake.report");
  return item->value;
}

// True when `pid` is no longer our child: reaped (ECHILD), not a zombie waiting for us.
bool reaped(pid_t pid) {
  int status = 0;
  return ::waitpid(pid, &status, WNOHANG) == -1 && errno == ECHILD;
}

TEST(ProcessTest, ReportsExitCode) {
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_EXIT_CODE=7"});
  ASSERT_NE(proc, nullptr);
  ExitStatus status = proc->wait();
  EXPECT_TRUE(status.exited());
  EXPECT_EQ(status.exit_code, 7);
  EXPECT_FALSE(status.success());
  EXPECT_EQ(status.to_string(), "exit code 7");
  EXPECT_TRUE(reaped(proc->pid()));
}

TEST(ProcessTest, ReportsDeathBySignal) {
  auto proc =
      spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_CRASH_AFTER=0", "FAKE_CLI_CRASH_SIGNAL=segv"});
  ASSERT_NE(proc, nullptr);
  ExitStatus status = proc->wait();
  EXPECT_FALSE(status.exited());
  EXPECT_EQ(status.term_signal, SIGSEGV);
  EXPECT_NE(status.to_string().find("SIGSEGV"), std::string::npos);
}

TEST(ProcessTest, DrainsLargeStderrAndKeepsItsTail) {
  std::vector<std::string> lines;
  std::mutex lines_mu;
  SpawnOptions options;
  options.stderr_tail_bytes = 1024;
  options.on_stderr_line = [&](std::string_view line) {
    std::lock_guard lock(lines_mu);
    lines.emplace_back(line);
  };
  // 2 MiB is far more than a pipe holds: without concurrent draining the child would block.
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_STDERR_BYTES=2097152",
                          "FAKE_CLI_STDERR=fatal: the last words", "FAKE_CLI_EXIT_CODE=1"},
                         {}, options);
  ASSERT_NE(proc, nullptr);
  EXPECT_EQ(proc->wait().exit_code, 1);
  std::string tail = proc->stderr_tail();
  EXPECT_EQ(tail.size(), 1024u);
  EXPECT_TRUE(tail.ends_with("fatal: the last words\n")) << tail.substr(tail.size() - 40);
  EXPECT_GE(proc->stderr_total_bytes(), 2097152u);
  std::lock_guard lock(lines_mu);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back(), "fatal: the last words");
}

TEST(ProcessTest, PassesArgvEnvAndCwd) {
  TempDir dir;
  ::setenv("AGENTHUB_PROCESS_TEST_DROPPED", "1", 1);
  SpawnOptions options;
  options.cwd = dir.path();
  options.argv = {testing::fake_cli_path().string(), "exec", "--flag", "two words", ""};
  options.env = inherited_env(
      {"FAKE_CLI_*", "AGENTHUB_PROCESS_TEST_DROPPED"},
      {"FAKE_CLI_STDIN=ignore", "FAKE_CLI_REPORT=1",
       "FAKE_CLI_REPORT_ENV=ADDED_VAR,AGENTHUB_PROCESS_TEST_DROPPED", "ADDED_VAR=yes"});
  auto proc = Process::spawn(options);
  ASSERT_TRUE(proc.ok()) << proc.error().to_string();
  JsonlReader reader((*proc)->stdout_source());
  Json report = read_report(reader);
  EXPECT_EQ(report["argv"], Json(options.argv));
  EXPECT_EQ(report["cwd"], std::filesystem::canonical(dir.path()).string());
  EXPECT_EQ(report["env"]["ADDED_VAR"], "yes");
  EXPECT_TRUE(report["env"]["AGENTHUB_PROCESS_TEST_DROPPED"].is_null());
  EXPECT_TRUE((*proc)->wait().success());
}

TEST(ProcessTest, ChildLeadsANewProcessGroupWithDefaultSignals) {
  // A wrapper may ignore SIGPIPE and block signals in its threads; the CLI must not inherit it.
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigset_t old_mask;
  pthread_sigmask(SIG_BLOCK, &block, &old_mask);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  struct sigaction old_pipe {};
  ::sigaction(SIGPIPE, &ignore, &old_pipe);

  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_REPORT=1"});

  ::sigaction(SIGPIPE, &old_pipe, nullptr);
  pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  ASSERT_NE(proc, nullptr);
  JsonlReader reader(proc->stdout_source());
  Json report = read_report(reader);
  EXPECT_EQ(report["pid"], proc->pid());
  EXPECT_EQ(report["pgid"], proc->pid());
  EXPECT_EQ(report["ppid"], ::getpid());
  EXPECT_EQ(report["signals_blocked"], Json::array());
  EXPECT_EQ(report["signals_ignored"], Json::array());
  EXPECT_TRUE(proc->wait().success());
}

TEST(ProcessTest, NoDescriptorLeaksIntoTheChild) {
  // Descriptors opened without O_CLOEXEC, as a careless library (or another thread) would.
  int leaky_file = ::open("/dev/null", O_RDONLY);
  int leaky_pipe[2];
  ASSERT_EQ(::pipe(leaky_pipe), 0);
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_REPORT=1"});
  ASSERT_NE(proc, nullptr);
  JsonlReader reader(proc->stdout_source());
  Json report = read_report(reader);
  EXPECT_EQ(report["fds"], Json::array({0, 1, 2}));
  EXPECT_TRUE(proc->wait().success());
  ::close(leaky_file);
  ::close(leaky_pipe[0]);
  ::close(leaky_pipe[1]);
}

TEST(ProcessTest, StdinRoundTripAndSafeWritesAfterExit) {
  TempDir dir;
  auto record = dir.path() / "record.jsonl";
  auto proc = spawn_fake({"FAKE_CLI_RECORD=" + record.string()}, {"exec", "-"});
  ASSERT_NE(proc, nullptr);
  ASSERT_TRUE(proc->write_stdin("fix the ").ok());
  ASSERT_TRUE(proc->write_stdin("bug\n").ok());
  proc->close_stdin();
  proc->close_stdin();  // idempotent
  EXPECT_TRUE(proc->wait().success());
  auto closed = proc->write_stdin("more");
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().code, ErrorCode::kFailedPrecondition);
  bool saw_stdin = false;
  for (const Json& event : testing::read_record(record)) {
    if (event["event"] == "stdin") {
      EXPECT_EQ(event["data"], "fix the bug\n");
      saw_stdin = true;
    }
  }
  EXPECT_TRUE(saw_stdin);
}

TEST(ProcessTest, WritingToAChildThatStoppedReadingFailsWithoutSigpipe) {
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore"});
  ASSERT_NE(proc, nullptr);
  EXPECT_TRUE(proc->wait().success());
  // SIGPIPE's default action would kill this test binary.
  auto written = proc->write_stdin(std::string(1 << 20, 'x'));
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, ErrorCode::kUnavailable);
}

TEST(ProcessTest, WriteTimesOutWhenTheChildDoesNotRead) {
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_HANG=1"});
  ASSERT_NE(proc, nullptr);
  auto written = proc->write_stdin(std::string(4 << 20, 'x'), std::chrono::milliseconds(100));
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, ErrorCode::kDeadlineExceeded);
  EXPECT_EQ(proc->terminate(kShortGrace).term_signal, SIGTERM);
}

TEST(ProcessTest, TerminateStopsAHangingChildWithSigterm) {
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_HANG=1"});
  ASSERT_NE(proc, nullptr);
  EXPECT_FALSE(proc->wait_for(std::chrono::milliseconds(0)).has_value());
  EXPECT_FALSE(proc->exit_status().has_value());
  ExitStatus status = proc->terminate(kDeadline);
  EXPECT_EQ(status.term_signal, SIGTERM);
  EXPECT_TRUE(reaped(proc->pid()));
  // Signalling a reaped child is refused rather than risking a recycled pid.
  EXPECT_EQ(proc->signal_group(SIGTERM).error().code, ErrorCode::kFailedPrecondition);
}

TEST(ProcessTest, TerminateEscalatesToSigkillWhenSigtermIsIgnored) {
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_HANG=1", "FAKE_CLI_IGNORE_SIGTERM=1",
                          "FAKE_CLI_REPORT=1"});
  ASSERT_NE(proc, nullptr);
  JsonlReader reader(proc->stdout_source());
  read_report(reader);  // SIGTERM is ignored from here on
  ExitStatus status = proc->terminate(kShortGrace);
  EXPECT_EQ(status.term_signal, SIGKILL);
  EXPECT_TRUE(reaped(proc->pid()));
}

TEST(ProcessTest, RequestTerminateReturnsAtOnceAndTheKillFollows) {
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_HANG=1", "FAKE_CLI_IGNORE_SIGTERM=1",
                          "FAKE_CLI_REPORT=1"});
  ASSERT_NE(proc, nullptr);
  JsonlReader reader(proc->stdout_source());
  read_report(reader);
  proc->request_terminate(kDeadline);
  proc->request_terminate(kShortGrace);     // a later, shorter deadline wins
  EXPECT_FALSE(reader.next().has_value());  // stdout ends once the group is killed
  EXPECT_EQ(proc->wait().term_signal, SIGKILL);
}

TEST(ProcessTest, GracefulActionInterruptsAClaudeStyleChild) {
  TempDir dir;
  auto record = dir.path() / "record.jsonl";
  auto proc = spawn_fake({"FAKE_CLI_MODE=claude", "FAKE_CLI_PACE_MS=60000",
                          "FAKE_CLI_REPLAY=" + testing::sample_path("claude_tools.jsonl").string(),
                          "FAKE_CLI_RECORD=" + record.string()},
                         {"-p", "--input-format", "stream-json"});
  ASSERT_NE(proc, nullptr);
  JsonlReader reader(proc->stdout_source());
  ASSERT_TRUE(
      proc->write_stdin(
              R"({"type":"user","message":{"role":"user","content":[{"type":"text","text":"go"}]}})"
              "\n")
          .ok());
  auto first = reader.next();
  ASSERT_TRUE(first && first->ok());
  EXPECT_EQ(first->value["subtype"], "init");
  std::atomic<bool> called{false};
  ExitStatus status = proc->terminate(kDeadline, [&] {
    called = true;
    return proc
        ->write_stdin(
            R"({"type":"control_request","request_id":"int-1","request":{"subtype":"interrupt"}})"
            "\n",
            std::chrono::seconds(5))
        .ok();
  });
  EXPECT_TRUE(called);
  EXPECT_TRUE(status.success()) << status.to_string();
  auto answer = reader.next();
  ASSERT_TRUE(answer && answer->ok());
  EXPECT_EQ(answer->value["type"], "control_response");
  EXPECT_EQ(answer->value["response"]["request_id"], "int-1");
}

TEST(ProcessTest, GracefulActionThatCannotDeliverFallsBackToSigterm) {
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_HANG=1"});
  ASSERT_NE(proc, nullptr);
  proc->close_stdin();
  ExitStatus status = proc->terminate(kDeadline, [&] { return proc->write_stdin("x").ok(); });
  EXPECT_EQ(status.term_signal, SIGTERM);
}

TEST(ProcessTest, GrandchildIsKilledWithTheGroupWhenTheChildExits) {
  auto proc =
      spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_GRANDCHILD=1", "FAKE_CLI_REPORT=1",
                  "FAKE_CLI_REPLAY=" + testing::sample_path("codex_simple.jsonl").string()});
  ASSERT_NE(proc, nullptr);
  // The grandchild holds stdout open: reaching EOF proves it was killed with the group.
  auto items = read_items(*proc);
  ASSERT_FALSE(items.empty());
  pid_t grandchild = items[0].value["grandchild_pid"].get<pid_t>();
  ASSERT_GT(grandchild, 0);
  EXPECT_EQ(items.size(), 6u);
  EXPECT_TRUE(proc->wait().success());
  EXPECT_TRUE(wait_pid_gone(grandchild));
}

TEST(ProcessTest, GrandchildIsKilledOnTerminate) {
  auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_GRANDCHILD=1", "FAKE_CLI_REPORT=1",
                          "FAKE_CLI_HANG=1", "FAKE_CLI_IGNORE_SIGTERM=1"});
  ASSERT_NE(proc, nullptr);
  JsonlReader reader(proc->stdout_source());
  pid_t grandchild = read_report(reader)["grandchild_pid"].get<pid_t>();
  EXPECT_EQ(proc->terminate(kShortGrace).term_signal, SIGKILL);
  EXPECT_TRUE(wait_pid_gone(grandchild));
}

TEST(ProcessTest, DestructorKillsAndReapsARunningChildAndItsGroup) {
  pid_t pid = -1;
  pid_t grandchild = -1;
  {
    auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_GRANDCHILD=1", "FAKE_CLI_REPORT=1",
                            "FAKE_CLI_HANG=1", "FAKE_CLI_IGNORE_SIGTERM=1"});
    ASSERT_NE(proc, nullptr);
    pid = proc->pid();
    JsonlReader reader(proc->stdout_source());
    grandchild = read_report(reader)["grandchild_pid"].get<pid_t>();
  }
  EXPECT_TRUE(reaped(pid));
  EXPECT_TRUE(wait_pid_gone(grandchild));
}

// A detached child (a wrapper left running for a later hub) outlives its Process object: it is
// neither killed nor reaped, and signalling it through the object is refused.
TEST(ProcessTest, DetachedChildOutlivesTheProcessObject) {
  pid_t pid = -1;
  {
    auto proc = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_REPORT=1", "FAKE_CLI_HANG=1"});
    ASSERT_NE(proc, nullptr);
    pid = proc->pid();
    JsonlReader reader(proc->stdout_source());
    ASSERT_TRUE(read_report(reader).is_object());
    proc->detach();
    EXPECT_FALSE(proc->signal_group(SIGTERM).ok());
  }
  ASSERT_EQ(::kill(pid, 0), 0) << "the detached child was killed";
  int status = 0;
  EXPECT_EQ(::waitpid(pid, &status, WNOHANG), 0) << "the detached child was reaped or exited";
  ::kill(-pid, SIGKILL);
  EXPECT_EQ(::waitpid(pid, &status, 0), pid);
}

TEST(ProcessTest, EscapedGrandchildCannotHangReadersOrWait) {
  SpawnOptions options;
  options.drain_timeout = std::chrono::milliseconds(100);
  auto proc = spawn_fake(
      {"FAKE_CLI_STDIN=ignore", "FAKE_CLI_GRANDCHILD_ESCAPE=1", "FAKE_CLI_REPORT=1"}, {}, options);
  ASSERT_NE(proc, nullptr);
  JsonlReader reader(proc->stdout_source());
  pid_t grandchild = read_report(reader)["grandchild_pid"].get<pid_t>();
  ASSERT_GT(grandchild, 0);
  // It left our process group (setsid), so the group kill misses it and it keeps both pipes
  // open; reading and waiting must still end.
  EXPECT_FALSE(reader.next().has_value());
  EXPECT_TRUE(proc->wait().success());
  ::kill(grandchild, SIGKILL);
  EXPECT_TRUE(wait_pid_gone(grandchild));
}

TEST(ProcessTest, MissingBinaryAndCwdAreClearErrors) {
  SpawnOptions missing;
  missing.argv = {"/x/y/codex", "exec"};
  auto proc = Process::spawn(missing);
  ASSERT_FALSE(proc.ok());
  EXPECT_EQ(proc.error().code, ErrorCode::kNotFound);
  EXPECT_NE(proc.error().message.find("/x/y/codex"), std::string::npos);

  SpawnOptions bare;
  bare.argv = {"agenthub-no-such-cli"};
  bare.env = EnvList{"PATH=/usr/bin:/bin"};
  proc = Process::spawn(bare);
  ASSERT_FALSE(proc.ok());
  EXPECT_EQ(proc.error().code, ErrorCode::kNotFound);
  EXPECT_NE(proc.error().message.find("agenthub-no-such-cli"), std::string::npos);

  SpawnOptions no_cwd;
  no_cwd.argv = {testing::fake_cli_path().string()};
  no_cwd.cwd = "/x/y/no-such-dir";
  proc = Process::spawn(no_cwd);
  ASSERT_FALSE(proc.ok());
  EXPECT_EQ(proc.error().code, ErrorCode::kNotFound);
  EXPECT_NE(proc.error().message.find("working directory"), std::string::npos);

  SpawnOptions empty;
  EXPECT_EQ(Process::spawn(empty).error().code, ErrorCode::kInvalidArgument);
}

TEST(ProcessTest, BareNameIsFoundInTheChildsPath) {
  SpawnOptions options;
  options.argv = {"fake-cli"};
  options.env = testing::fake_env({"PATH=" + testing::fake_cli_path().parent_path().string(),
                                   "FAKE_CLI_STDIN=ignore", "FAKE_CLI_EXIT_CODE=3"});
  auto proc = Process::spawn(options);
  ASSERT_TRUE(proc.ok()) << proc.error().to_string();
  EXPECT_EQ((*proc)->program(), testing::fake_cli_path());
  EXPECT_EQ((*proc)->wait().exit_code, 3);
}

TEST(ProcessTest, WorksWithoutPidfd) {
  detail::disable_pidfd_for_testing(true);
  auto done = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_EXIT_CODE=5"});
  auto stuck = spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_HANG=1", "FAKE_CLI_IGNORE_SIGTERM=1",
                           "FAKE_CLI_REPORT=1"});
  detail::disable_pidfd_for_testing(false);
  ASSERT_NE(done, nullptr);
  ASSERT_NE(stuck, nullptr);
  EXPECT_EQ(done->wait().exit_code, 5);
  JsonlReader reader(stuck->stdout_source());
  read_report(reader);
  EXPECT_EQ(stuck->terminate(kShortGrace).term_signal, SIGKILL);
}

TEST(ProcessTest, ManyProcessesInParallelLeaveNothingBehind) {
  std::vector<std::unique_ptr<Process>> procs;
  for (int i = 0; i < 16; ++i) {
    procs.push_back(
        spawn_fake({"FAKE_CLI_STDIN=ignore", "FAKE_CLI_EXIT_CODE=" + std::to_string(i % 4),
                    "FAKE_CLI_REPLAY=" + testing::sample_path("codex_tools.jsonl").string()}));
    ASSERT_NE(procs.back(), nullptr);
  }
  for (int i = 0; i < 16; ++i) {
    auto items = read_items(*procs[i]);
    EXPECT_EQ(items.size(), 13u);
    EXPECT_EQ(procs[i]->wait().exit_code, i % 4);
    EXPECT_TRUE(reaped(procs[i]->pid()));
  }
}

}  // namespace
}  // namespace agenthub::agents
