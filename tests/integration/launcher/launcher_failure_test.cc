// start-a2a-agent refusing bad usage, and wrappers that never become ready: each ends with a
// clear message, a non-zero exit status, and no wrapper left running.

#include <gtest/gtest.h>
#include <signal.h>

#include "launcher_harness.h"

namespace agenthub::agents::testing {
namespace {

namespace fsys = std::filesystem;

struct Outcome {
  ExitStatus status;
  std::string err;
};

Outcome run_to_end(std::vector<std::string> args, EnvList env = {}) {
  auto launcher = Launcher::start(std::move(args), std::move(env));
  if (!launcher) return {};
  const ExitStatus status = launcher->wait();
  return {status, launcher->stderr_text()};
}

// The wrapper's pid from its record, and that it no longer exists.
void expect_wrapper_gone(const fsys::path& record) {
  auto rec = read_record(record);
  ASSERT_TRUE(rec.ok()) << "the wrapper never started: " << rec.error().to_string();
  EXPECT_TRUE(pid_gone(static_cast<pid_t>((*rec)["pid"].get<long long>())));
}

TEST(LauncherFailure, NoBackendOffATerminalSaysToPassOne) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  Outcome out = run_to_end({}, {"FAKE_WRAPPER_RECORD=" + record.string()});
  EXPECT_EQ(out.status.exit_code, 2) << out.status.to_string();
  EXPECT_NE(out.err.find("not on a terminal"), std::string::npos) << out.err;
  EXPECT_NE(out.err.find("--backend codex"), std::string::npos) << out.err;
  EXPECT_FALSE(fsys::exists(record)) << "no wrapper may start";
}

TEST(LauncherFailure, NoAuthOnANetworkHostIsRefused) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  Outcome out = run_to_end({"--backend", "codex", "--host", "0.0.0.0", "--no-auth"},
                           {"FAKE_WRAPPER_RECORD=" + record.string()});
  EXPECT_EQ(out.status.exit_code, 2) << out.status.to_string();
  EXPECT_NE(out.err.find("refusing --no-auth on 0.0.0.0"), std::string::npos) << out.err;
  EXPECT_NE(out.err.find("--i-understand-no-auth"), std::string::npos) << out.err;
  EXPECT_FALSE(fsys::exists(record)) << "no wrapper may start";
}

TEST(LauncherFailure, BadFlagsAreUsageErrors) {
  Outcome unknown = run_to_end({"--backend", "codex", "--frobnicate"});
  EXPECT_EQ(unknown.status.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown flag --frobnicate"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("--help"), std::string::npos) << unknown.err;

  Outcome mismatch = run_to_end({"--backend", "claude_code", "--sandbox", "read-only"});
  EXPECT_EQ(mismatch.status.exit_code, 2);
  EXPECT_NE(mismatch.err.find("--sandbox is a codex flag"), std::string::npos) << mismatch.err;
}

TEST(LauncherFailure, TokenWithWhitespaceFromTheEnvironmentIsRefused) {
  Outcome out = run_to_end({"--backend", "codex"}, {"AGENTHUB_AGENT_TOKEN=two words"});
  EXPECT_EQ(out.status.exit_code, 2) << out.status.to_string();
  EXPECT_NE(out.err.find("must not contain whitespace"), std::string::npos) << out.err;
}

TEST(LauncherFailure, HelpPrintsUsageWithExamples) {
  auto launcher = Launcher::start({"--help"});
  ASSERT_TRUE(launcher);
  EXPECT_TRUE(launcher->read_until("examples:"));
  EXPECT_TRUE(launcher->wait().success());
  EXPECT_NE(launcher->stdout_text().find("usage: start-a2a-agent"), std::string::npos);
}

TEST(LauncherFailure, MissingWrapperIsNamed) {
  Outcome out = run_to_end({"--backend", "codex", "--wrapper-bin", "/nonexistent/wrapper"});
  EXPECT_EQ(out.status.exit_code, 1) << out.status.to_string();
  EXPECT_NE(out.err.find("/nonexistent/wrapper"), std::string::npos) << out.err;
}

TEST(LauncherFailure, WrapperExitingBeforeReadyIsReportedWithItsLog) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  Outcome out =
      run_to_end({"--backend", "codex", "--json"},
                 {"FAKE_WRAPPER_MODE=exit-early", "FAKE_WRAPPER_RECORD=" + record.string()});
  EXPECT_EQ(out.status.exit_code, 1) << out.status.to_string();
  EXPECT_NE(out.err.find("exited before it was ready (exit code 3)"), std::string::npos) << out.err;
  EXPECT_NE(out.err.find("| fake-a2a-wrapper: cannot listen on 127.0.0.1"), std::string::npos)
      << out.err;
  expect_wrapper_gone(record);
}

TEST(LauncherFailure, WrapperPrintingGarbageIsStopped) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  Outcome out = run_to_end({"--backend", "codex", "--json"},
                           {"FAKE_WRAPPER_MODE=garbage", "FAKE_WRAPPER_RECORD=" + record.string()});
  EXPECT_EQ(out.status.exit_code, 1) << out.status.to_string();
  EXPECT_NE(out.err.find("printed something else than its ready line"), std::string::npos)
      << out.err;
  EXPECT_NE(out.err.find("Listening... (this is not JSON)"), std::string::npos) << out.err;
  expect_wrapper_gone(record);
}

TEST(LauncherFailure, ReadyLineWithoutAgentUrlIsStopped) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  Outcome out = run_to_end({"--backend", "codex", "--json"},
                           {"FAKE_WRAPPER_MODE=no-url", "FAKE_WRAPPER_RECORD=" + record.string()});
  EXPECT_EQ(out.status.exit_code, 1) << out.status.to_string();
  EXPECT_NE(out.err.find("no usable agent_url"), std::string::npos) << out.err;
  expect_wrapper_gone(record);
}

TEST(LauncherFailure, SilentWrapperHitsTheStartupTimeout) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  Outcome out = run_to_end({"--backend", "codex", "--json", "--startup-timeout", "1"},
                           {"FAKE_WRAPPER_MODE=silent", "FAKE_WRAPPER_RECORD=" + record.string()});
  EXPECT_EQ(out.status.exit_code, 1) << out.status.to_string();
  EXPECT_NE(out.err.find("did not report ready within 1 s"), std::string::npos) << out.err;
  EXPECT_NE(out.err.find("| fake-a2a-wrapper: misbehaving as asked (silent)"), std::string::npos)
      << out.err;
  expect_wrapper_gone(record);
}

TEST(LauncherFailure, SignalDuringStartupStopsTheWrapper) {
  TempDir dir;
  const auto record = dir.path() / "rec.json";
  auto launcher =
      Launcher::start({"--backend", "codex", "--json"},
                      {"FAKE_WRAPPER_MODE=silent", "FAKE_WRAPPER_RECORD=" + record.string()});
  ASSERT_TRUE(launcher);
  ASSERT_TRUE(launcher->stderr_has("misbehaving as asked (silent)")) << launcher->stderr_text();
  launcher->signal(SIGTERM);
  const ExitStatus status = launcher->wait();
  EXPECT_TRUE(status.success()) << status.to_string() << "\n" << launcher->stderr_text();
  expect_wrapper_gone(record);
}

}  // namespace
}  // namespace agenthub::agents::testing
