#include "agents/launcher/launcher_options.h"

#include <gtest/gtest.h>

namespace agenthub::agents {
namespace {

LauncherOptions parsed(const std::vector<std::string>& args) {
  auto options = parse_launcher_args(args);
  EXPECT_TRUE(options.ok()) << options.error().to_string();
  return options.ok() ? std::move(options).value() : LauncherOptions{};
}

std::string usage_error(const std::vector<std::string>& args) {
  auto options = parse_launcher_args(args);
  if (options.ok()) {
    auto valid = validate_launcher_options(*options);
    return valid.ok() ? "" : valid.error().message;
  }
  return options.error().message;
}

TEST(LauncherOptions, NothingGivenLeavesEverythingOpen) {
  LauncherOptions o = parsed({});
  EXPECT_EQ(o.backend, WrappedBackend::kUnknown);
  EXPECT_FALSE(o.host);
  EXPECT_FALSE(o.port);
  EXPECT_FALSE(o.token);
  EXPECT_FALSE(o.sandbox);
  EXPECT_FALSE(o.permission);
  EXPECT_FALSE(o.json);
  EXPECT_EQ(o.startup_timeout, std::chrono::seconds(30));
  EXPECT_EQ(o.stop_grace, std::chrono::seconds(15));
}

TEST(LauncherOptions, ParsesEveryFlag) {
  LauncherOptions o = parsed({"--backend",
                              "claude_code",
                              "--host=0.0.0.0",
                              "--port",
                              "8765",
                              "--token",
                              "t0k",
                              "--state-dir",
                              "/tmp/s",
                              "--max-tasks",
                              "2",
                              "--model",
                              "sonnet",
                              "--permission",
                              "relay",
                              "--claude-bin",
                              "/opt/claude",
                              "--json",
                              "--startup-timeout",
                              "5",
                              "--stop-grace",
                              "0",
                              "--wrapper-bin",
                              "/x/w"});
  EXPECT_EQ(o.backend, WrappedBackend::kClaudeCode);
  EXPECT_EQ(o.host, "0.0.0.0");
  EXPECT_EQ(o.port, 8765);
  EXPECT_EQ(o.token, "t0k");
  EXPECT_EQ(o.state_dir, "/tmp/s");
  EXPECT_EQ(o.max_tasks, 2);
  EXPECT_EQ(o.model, "sonnet");
  EXPECT_EQ(o.permission, "relay");
  EXPECT_EQ(o.claude_bin, "/opt/claude");
  EXPECT_TRUE(o.json);
  EXPECT_EQ(o.startup_timeout, std::chrono::seconds(5));
  EXPECT_EQ(o.stop_grace, std::chrono::seconds(0));
  EXPECT_EQ(o.wrapper_bin, "/x/w");
  EXPECT_TRUE(validate_launcher_options(o).ok());
}

TEST(LauncherOptions, ClaudeIsAnAliasOfClaudeCode) {
  EXPECT_EQ(parsed({"--backend", "claude"}).backend, WrappedBackend::kClaudeCode);
}

TEST(LauncherOptions, EverythingAfterDoubleDashGoesToTheWrapper) {
  LauncherOptions o = parsed({"--backend", "codex", "--", "-c", "a=b", "--json"});
  EXPECT_FALSE(o.json);
  EXPECT_EQ(o.wrapper_args, (std::vector<std::string>{"-c", "a=b", "--json"}));
}

TEST(LauncherOptions, BadValuesAreUsageErrors) {
  EXPECT_NE(usage_error({"--backend", "gemini"}), "");
  EXPECT_NE(usage_error({"--port", "70000"}), "");
  EXPECT_NE(usage_error({"--port", "x"}), "");
  EXPECT_NE(usage_error({"--sandbox", "yolo"}), "");
  EXPECT_NE(usage_error({"--permission", "ask"}), "");
  EXPECT_NE(usage_error({"--token", "a b"}), "");
  EXPECT_NE(usage_error({"--max-tasks", "0"}), "");
  EXPECT_NE(usage_error({"--startup-timeout", "0"}), "");
  EXPECT_NE(usage_error({"--frobnicate"}), "");
  EXPECT_NE(usage_error({"stray"}), "");
}

TEST(LauncherOptions, FlagsOfTheOtherBackendAreRefused) {
  EXPECT_NE(usage_error({"--backend", "claude_code", "--sandbox", "read-only"}).find("--sandbox"),
            std::string::npos);
  EXPECT_NE(usage_error({"--backend", "codex", "--permission", "relay"}).find("--permission"),
            std::string::npos);
  EXPECT_NE(usage_error({"--backend", "codex", "--claude-bin", "/x"}), "");
  EXPECT_NE(usage_error({"--backend", "claude_code", "--codex-bin", "/x"}), "");
}

TEST(LauncherOptions, TokenAndNoAuthContradict) {
  EXPECT_NE(usage_error({"--backend", "codex", "--token", "t", "--no-auth"}), "");
}

TEST(LauncherOptions, NoAuthIsFineOnLoopback) {
  EXPECT_EQ(usage_error({"--backend", "codex", "--no-auth"}), "");
  EXPECT_EQ(usage_error({"--backend", "codex", "--no-auth", "--host", "localhost"}), "");
}

TEST(LauncherOptions, NoAuthOffLoopbackNeedsTheExplicitFlag) {
  const std::string refused = usage_error({"--backend", "codex", "--no-auth", "--host", "0.0.0.0"});
  EXPECT_NE(refused.find("--i-understand-no-auth"), std::string::npos) << refused;
  EXPECT_EQ(usage_error(
                {"--backend", "codex", "--no-auth", "--host", "0.0.0.0", "--i-understand-no-auth"}),
            "");
  EXPECT_NE(usage_error({"--backend", "codex", "--i-understand-no-auth"}), "");
}

TEST(LauncherOptions, DefaultsFollowTheBackend) {
  LauncherOptions codex = parsed({"--backend", "codex"});
  resolve_defaults(codex);
  EXPECT_EQ(codex.host, "127.0.0.1");
  EXPECT_EQ(codex.port, 0);
  EXPECT_EQ(codex.sandbox, "workspace-write");
  EXPECT_FALSE(codex.permission);
  EXPECT_FALSE(codex.token);

  LauncherOptions claude = parsed({"--backend", "claude_code", "--port", "9"});
  resolve_defaults(claude);
  EXPECT_EQ(claude.port, 9);
  EXPECT_EQ(claude.permission, "auto");
  EXPECT_FALSE(claude.sandbox);
}

TEST(LauncherOptions, UsageFitsATerminalAndHasExamples) {
  const std::string usage = launcher_usage();
  EXPECT_NE(usage.find("examples:"), std::string::npos);
  EXPECT_NE(usage.find("--backend"), std::string::npos);
  std::size_t start = 0;
  while (start < usage.size()) {
    std::size_t end = usage.find('\n', start);
    if (end == std::string::npos) end = usage.size();
    EXPECT_LE(end - start, 100u) << usage.substr(start, end - start);
    start = end + 1;
  }
}

}  // namespace
}  // namespace agenthub::agents
