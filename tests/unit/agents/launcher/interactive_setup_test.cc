#include "agents/launcher/interactive_setup.h"

#include <gtest/gtest.h>

#include <sstream>

namespace agenthub::agents {
namespace {

namespace fsys = std::filesystem;

// Finds codex at /opt/codex; claude only where a test says.
CliLocator fake_locator(bool claude_installed) {
  return [claude_installed](WrappedBackend backend,
                            const std::string& given) -> std::optional<fsys::path> {
    if (!given.empty()) {
      if (given == "/usr/local/bin/claude") return fsys::path(given);
      return std::nullopt;
    }
    if (backend == WrappedBackend::kCodex) return fsys::path("/opt/codex");
    if (claude_installed) return fsys::path("/opt/claude");
    return std::nullopt;
  };
}

struct Session {
  Result<LauncherOptions> result;
  std::string output;
};

Session run(const std::string& answers, LauncherOptions given = {}, bool claude_installed = true) {
  std::istringstream in(answers);
  std::ostringstream out;
  auto result = interactive_setup(std::move(given), in, out, fake_locator(claude_installed));
  return {std::move(result), out.str()};
}

TEST(InteractiveSetup, EnterEverywhereTakesTheDefaults) {
  Session s = run("\n\n\n\n\n\n");
  ASSERT_TRUE(s.result.ok()) << s.result.error().to_string() << s.output;
  const LauncherOptions& o = *s.result;
  EXPECT_EQ(o.backend, WrappedBackend::kCodex);
  EXPECT_EQ(o.host, "127.0.0.1");
  EXPECT_EQ(o.port, 0);
  EXPECT_FALSE(o.token);  // generated later
  EXPECT_EQ(o.sandbox, "workspace-write");
  EXPECT_FALSE(o.model);
  EXPECT_NE(s.output.find("Backend [1]: "), std::string::npos);
  EXPECT_NE(s.output.find("start-a2a-agent --backend codex --sandbox workspace-write"),
            std::string::npos)
      << s.output;
}

TEST(InteractiveSetup, ClaudeCodeAsksForThePermissionPolicy) {
  Session s = run("2\n\n\n\nrelay\nsonnet\n");
  ASSERT_TRUE(s.result.ok()) << s.output;
  EXPECT_EQ(s.result->backend, WrappedBackend::kClaudeCode);
  EXPECT_EQ(s.result->permission, "relay");
  EXPECT_FALSE(s.result->sandbox);
  EXPECT_EQ(s.result->model, "sonnet");
  EXPECT_NE(s.output.find("Permission [auto]: "), std::string::npos);
  EXPECT_EQ(s.output.find("Sandbox"), std::string::npos);
}

TEST(InteractiveSetup, BadAnswersAreAskedAgain) {
  Session s = run("3\nclaude_code\nhttp port\n\n99999\n8080\n\nmaybe\nauto\n\n");
  ASSERT_TRUE(s.result.ok()) << s.output;
  EXPECT_EQ(s.result->backend, WrappedBackend::kClaudeCode);
  EXPECT_EQ(s.result->port, 8080);
  EXPECT_EQ(s.result->permission, "auto");
  EXPECT_NE(s.output.find("please answer 1 (codex) or 2 (claude_code)"), std::string::npos);
  EXPECT_NE(s.output.find("must not contain spaces"), std::string::npos);
  EXPECT_NE(s.output.find("please answer a port number"), std::string::npos);
  EXPECT_NE(s.output.find("please answer auto or relay"), std::string::npos);
}

TEST(InteractiveSetup, ATypedTokenIsKept) {
  Session s = run("1\n\n\nmy-token\nread-only\n\n");
  ASSERT_TRUE(s.result.ok()) << s.output;
  EXPECT_EQ(s.result->token, "my-token");
  EXPECT_EQ(s.result->sandbox, "read-only");
  // The equivalent command never repeats a secret.
  EXPECT_EQ(s.output.find("my-token", s.output.find("Next time")), std::string::npos);
}

TEST(InteractiveSetup, NetworkHostNeedsConfirmation) {
  Session declined = run("1\n0.0.0.0\nn\n127.0.0.1\n\n\n\n\n");
  ASSERT_TRUE(declined.result.ok()) << declined.output;
  EXPECT_EQ(declined.result->host, "127.0.0.1");
  EXPECT_NE(declined.output.find("Warning"), std::string::npos);

  Session confirmed = run("1\n0.0.0.0\ny\n\n\n\n\n");
  ASSERT_TRUE(confirmed.result.ok()) << confirmed.output;
  EXPECT_EQ(confirmed.result->host, "0.0.0.0");
  EXPECT_NE(confirmed.output.find("--host 0.0.0.0"), std::string::npos);
}

TEST(InteractiveSetup, MissingCliIsAskedForUntilItExists) {
  Session s = run("2\n\n/nowhere/claude\n/usr/local/bin/claude\n\n\n\n\n\n", {},
                  /*claude_installed=*/false);
  ASSERT_TRUE(s.result.ok()) << s.output;
  EXPECT_EQ(s.result->claude_bin, "/usr/local/bin/claude");
  EXPECT_NE(s.output.find("claude not found"), std::string::npos);
  EXPECT_NE(s.output.find("please type the path"), std::string::npos);
  EXPECT_NE(s.output.find("cannot run /nowhere/claude"), std::string::npos);
  EXPECT_NE(s.output.find("--claude-bin /usr/local/bin/claude"), std::string::npos);
}

TEST(InteractiveSetup, DefaultBackendIsAnInstalledOne) {
  // Only claude is installed: codex "not found" and claude is the default.
  CliLocator only_claude = [](WrappedBackend backend,
                              const std::string&) -> std::optional<fsys::path> {
    if (backend == WrappedBackend::kClaudeCode) return fsys::path("/opt/claude");
    return std::nullopt;
  };
  std::istringstream in("\n\n\n\n\n\n");
  std::ostringstream out;
  auto result = interactive_setup({}, in, out, only_claude);
  ASSERT_TRUE(result.ok()) << out.str();
  EXPECT_EQ(result->backend, WrappedBackend::kClaudeCode);
  EXPECT_NE(out.str().find("Backend [2]: "), std::string::npos);
}

TEST(InteractiveSetup, FlagsAlreadyGivenAreNotAsked) {
  LauncherOptions given;
  given.host = "127.0.0.1";
  given.port = 9000;
  given.no_auth = true;
  Session s = run("1\n\n\n", given);
  ASSERT_TRUE(s.result.ok()) << s.output;
  EXPECT_EQ(s.result->port, 9000);
  EXPECT_EQ(s.output.find("Host"), std::string::npos);
  EXPECT_EQ(s.output.find("Port"), std::string::npos);
  EXPECT_EQ(s.output.find("Bearer token"), std::string::npos);
  EXPECT_NE(s.output.find("--port 9000 --no-auth"), std::string::npos);
}

TEST(InteractiveSetup, EndOfInputCancels) {
  Session s = run("2\n");
  ASSERT_FALSE(s.result.ok());
  EXPECT_EQ(s.result.error().code, ErrorCode::kCancelled);
}

TEST(InteractiveSetup, EquivalentCommandQuotesOddValues) {
  LauncherOptions o;
  o.backend = WrappedBackend::kCodex;
  o.state_dir = "/tmp/my dir";
  o.model = "it's";
  EXPECT_EQ(equivalent_command(o),
            "start-a2a-agent --backend codex --state-dir '/tmp/my dir' --model 'it'\\''s'");
}

}  // namespace
}  // namespace agenthub::agents
