#include "agents/launcher/wrapper_command.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

namespace agenthub::agents {
namespace {

namespace fsys = std::filesystem;

LauncherOptions resolved(const std::vector<std::string>& args) {
  auto options = parse_launcher_args(args);
  EXPECT_TRUE(options.ok()) << options.error().to_string();
  LauncherOptions o = options.ok() ? std::move(options).value() : LauncherOptions{};
  resolve_defaults(o);
  return o;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// A private directory holding executables, removed afterwards.
class BinDir {
 public:
  BinDir() {
    std::string pattern = (fsys::temp_directory_path() / "launcher-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~BinDir() {
    std::error_code ec;
    fsys::remove_all(path_, ec);
  }
  fsys::path add(const std::string& name) {
    fsys::path file = path_ / name;
    std::ofstream(file) << "#!/bin/sh\n";
    ::chmod(file.c_str(), 0755);
    return file;
  }
  const fsys::path& path() const { return path_; }

 private:
  fsys::path path_;
};

TEST(WrapperCommand, CodexArgvCarriesEveryChoiceButNeverTheToken) {
  LauncherOptions o = resolved({"--backend", "codex", "--port", "8765", "--state-dir", "/s",
                                "--max-tasks", "3", "--model", "gpt-x", "--sandbox", "read-only",
                                "--codex-bin", "/opt/codex", "--", "-c", "k=v"});
  WrapperCommand cmd = wrapper_command(o, "/bin/codex-a2a-agent", "s3cret", {"PATH=/usr/bin"});
  EXPECT_EQ(cmd.argv, (std::vector<std::string>{
                          "/bin/codex-a2a-agent", "--host", "127.0.0.1", "--port", "8765",
                          "--state-dir", "/s", "--max-tasks", "3", "--model", "gpt-x", "--sandbox",
                          "read-only", "--codex-bin", "/opt/codex", "-c", "k=v"}));
  for (const std::string& arg : cmd.argv) EXPECT_EQ(arg.find("s3cret"), std::string::npos);
  EXPECT_EQ(env_value(cmd.env, "AGENTHUB_AGENT_TOKEN"), "s3cret");
  EXPECT_EQ(env_value(cmd.env, "PATH"), "/usr/bin");
}

TEST(WrapperCommand, ClaudeArgvHasThePermissionPolicy) {
  LauncherOptions o = resolved({"--backend", "claude_code"});
  WrapperCommand cmd = wrapper_command(o, "/w", "t", {});
  EXPECT_EQ(cmd.argv, (std::vector<std::string>{"/w", "--host", "127.0.0.1", "--port", "0",
                                                "--permission", "auto"}));
  EXPECT_FALSE(contains(cmd.argv, "--sandbox"));
}

TEST(WrapperCommand, NoAuthDropsAnInheritedToken) {
  LauncherOptions o = resolved({"--backend", "codex", "--no-auth"});
  WrapperCommand cmd =
      wrapper_command(o, "/w", "", {"AGENTHUB_AGENT_TOKEN=old", "AGENTHUB_WRAPPER_BIN=/x", "A=1"});
  EXPECT_TRUE(contains(cmd.argv, "--no-auth"));
  EXPECT_FALSE(env_value(cmd.env, "AGENTHUB_AGENT_TOKEN"));
  EXPECT_FALSE(env_value(cmd.env, "AGENTHUB_WRAPPER_BIN"));
  EXPECT_EQ(env_value(cmd.env, "A"), "1");
}

TEST(WrapperCommand, InheritedTokenIsReplacedByOurs) {
  LauncherOptions o = resolved({"--backend", "codex"});
  WrapperCommand cmd = wrapper_command(o, "/w", "new", {"AGENTHUB_AGENT_TOKEN=old"});
  EXPECT_EQ(env_value(cmd.env, "AGENTHUB_AGENT_TOKEN"), "new");
}

TEST(FindWrapper, PrefersTheFlagThenTheVariables) {
  BinDir dir;
  const fsys::path flag = dir.add("by-flag");
  const fsys::path var = dir.add("by-var");
  const fsys::path hub_var = dir.add("by-hub-var");
  LauncherOptions o = resolved({"--backend", "codex", "--wrapper-bin", flag.string()});
  const EnvList env = {"AGENTHUB_WRAPPER_BIN=" + var.string(),
                       "AGENTHUB_CODEX_AGENT_BIN=" + hub_var.string()};
  EXPECT_EQ(*find_wrapper(o, env, dir.path()), flag);
  o.wrapper_bin.clear();
  EXPECT_EQ(*find_wrapper(o, env, dir.path()), var);
  EXPECT_EQ(*find_wrapper(o, {env[1]}, dir.path()), hub_var);
}

TEST(FindWrapper, ABadExplicitChoiceDoesNotFallBack) {
  BinDir dir;
  dir.add("codex-a2a-agent");
  LauncherOptions o = resolved({"--backend", "codex", "--wrapper-bin", "/nonexistent/wrapper"});
  auto found = find_wrapper(o, {}, dir.path());
  ASSERT_FALSE(found.ok());
  EXPECT_NE(found.error().message.find("--wrapper-bin"), std::string::npos);
}

TEST(FindWrapper, NextToTheLauncherThenOnPath) {
  BinDir beside;
  BinDir on_path;
  const fsys::path claude_beside = beside.add("claude-a2a-agent");
  const fsys::path codex_on_path = on_path.add("codex-a2a-agent");
  const EnvList env = {"PATH=" + on_path.path().string()};
  EXPECT_EQ(*find_wrapper(resolved({"--backend", "claude_code"}), env, beside.path()),
            claude_beside);
  EXPECT_EQ(*find_wrapper(resolved({"--backend", "codex"}), env, beside.path()), codex_on_path);
}

TEST(FindWrapper, MissingWrapperSaysWhereItLooked) {
  BinDir empty;
  auto found = find_wrapper(resolved({"--backend", "codex"}), {"PATH=/nonexistent"}, empty.path());
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code, ErrorCode::kNotFound);
  EXPECT_NE(found.error().message.find("codex-a2a-agent"), std::string::npos);
  EXPECT_NE(found.error().message.find("--wrapper-bin"), std::string::npos);
}

TEST(WrapperCommand, OwnDirectoryIsThisTestsDirectory) {
  EXPECT_EQ(own_directory(), fsys::canonical("/proc/self/exe").parent_path());
}

}  // namespace
}  // namespace agenthub::agents
