// codex-a2a-agent's argv builder: flags before `resume`, sandbox never looser than allowed,
// the output schema in a private file, the profile on a context's first turn only.
#include "agents/codex-wrapper/codex_backend.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>

#include "core/fs.h"

namespace agenthub::agents {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

CodexOptions options() {
  CodexOptions o;
  o.codex_bin = "/opt/codex/bin/codex";
  return o;
}

TurnRequest turn(std::string prompt = "fix it") {
  TurnRequest t;
  t.task_id = "t1";
  t.context_id = "c1";
  t.cwd = "/work/repo";
  t.prompt = std::move(prompt);
  t.metadata = Json::object();
  return t;
}

// The value after `flag` in argv, or "" when absent.
std::string after(const std::vector<std::string>& argv, const std::string& flag) {
  auto it = std::find(argv.begin(), argv.end(), flag);
  return it == argv.end() || it + 1 == argv.end() ? std::string() : *(it + 1);
}

TEST(CodexBackendTest, NewThreadDefaults) {
  CodexBackend backend(options());
  auto inv = backend.build_invocation(turn());
  ASSERT_TRUE(inv.ok()) << inv.error().to_string();
  EXPECT_THAT(inv->argv, ElementsAre("/opt/codex/bin/codex", "exec", "--experimental-json",
                                     "--skip-git-repo-check", "--cd", "/work/repo", "--sandbox",
                                     "workspace-write", "-c", "approval_policy=\"never\"", "-"));
  EXPECT_EQ(inv->stdin_data, "fix it");
  EXPECT_EQ(inv->stdin_policy, StdinPolicy::kCloseAfterPrompt);
  EXPECT_TRUE(inv->env_set.empty());
  EXPECT_TRUE(inv->temp_files.empty());
  EXPECT_EQ(backend.interrupt_line(), "");  // SIGTERM is codex's graceful stop
}

TEST(CodexBackendTest, ResumeGoesLastWithFlagsBeforeIt) {
  CodexOptions o = options();
  o.model = "gpt-5.5";
  o.sandbox = CodexSandbox::kReadOnly;
  o.approval_policy = "on-request";
  o.config_overrides = {"features.plugins=false", "analytics.enabled=false"};
  CodexBackend backend(o);
  TurnRequest t = turn();
  t.session_id = "01a22073-ae9f-7f73-ade4-16a172f6216a";
  auto inv = backend.build_invocation(t);
  ASSERT_TRUE(inv.ok());
  EXPECT_THAT(inv->argv,
              ElementsAre("/opt/codex/bin/codex", "exec", "--experimental-json",
                          "--skip-git-repo-check", "--cd", "/work/repo", "--sandbox", "read-only",
                          "--model", "gpt-5.5", "-c", "approval_policy=\"on-request\"", "-c",
                          "features.plugins=false", "-c", "analytics.enabled=false", "resume",
                          "01a22073-ae9f-7f73-ade4-16a172f6216a", "-"));
}

TEST(CodexBackendTest, MessageModelWins) {
  CodexOptions o = options();
  o.model = "gpt-5.5";
  CodexBackend backend(o);
  TurnRequest t = turn();
  t.model = "gpt-6";
  auto inv = backend.build_invocation(t);
  ASSERT_TRUE(inv.ok());
  EXPECT_EQ(after(inv->argv, "--model"), "gpt-6");
}

TEST(CodexBackendTest, OutputSchemaInAPrivateFileRemovedAfterwards) {
  CodexBackend backend(options());
  TurnRequest t = turn();
  t.output_schema = Json::parse(R"({"type":"object","properties":{"ok":{"type":"boolean"}}})");
  std::filesystem::path path;
  {
    auto inv = backend.build_invocation(t);
    ASSERT_TRUE(inv.ok());
    path = after(inv->argv, "--output-schema");
    ASSERT_FALSE(path.empty());
    ASSERT_EQ(inv->temp_files.size(), 1u);
    EXPECT_EQ(inv->temp_files[0].path(), path);
    auto text = read_file(path);
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(Json::parse(*text), t.output_schema);
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(inv->argv.back(), "-");
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(CodexBackendTest, ProfileOnlyStartsANewThread) {
  CodexBackend backend(options());
  TurnRequest t = turn("review the diff");
  t.profile = "You are a careful reviewer.";
  auto first = backend.build_invocation(t);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->stdin_data, "You are a careful reviewer.\n\nreview the diff");
  t.session_id = "thread-1";
  auto later = backend.build_invocation(t);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->stdin_data, "review the diff");
}

TEST(CodexBackendTest, SandboxFromMetadataOnlyStricter) {
  CodexBackend backend(options());  // workspace-write
  EXPECT_TRUE(backend.validate_metadata(Json::parse(R"({"sandbox":"read-only"})")).ok());
  EXPECT_TRUE(backend.validate_metadata(Json::parse(R"({"sandbox":"workspace-write"})")).ok());
  auto looser = backend.validate_metadata(Json::parse(R"({"sandbox":"danger-full-access"})"));
  ASSERT_FALSE(looser.ok());
  EXPECT_EQ(looser.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(looser.error().message, HasSubstr("more permissive"));
  EXPECT_FALSE(backend.validate_metadata(Json::parse(R"({"sandbox":"yolo"})")).ok());
  EXPECT_FALSE(backend.validate_metadata(Json::parse(R"({"sandbox":3})")).ok());
  EXPECT_TRUE(backend.validate_metadata(Json::object()).ok());

  TurnRequest t = turn();
  t.metadata = Json::parse(R"({"sandbox":"read-only"})");
  auto inv = backend.build_invocation(t);
  ASSERT_TRUE(inv.ok());
  EXPECT_EQ(after(inv->argv, "--sandbox"), "read-only");
  // Even if it got past admit, a looser request never loosens the sandbox.
  t.metadata = Json::parse(R"({"sandbox":"danger-full-access"})");
  inv = backend.build_invocation(t);
  ASSERT_TRUE(inv.ok());
  EXPECT_EQ(after(inv->argv, "--sandbox"), "workspace-write");
}

TEST(CodexBackendTest, OptionValidation) {
  CodexOptions o = options();
  EXPECT_TRUE(validate_codex_options(o).ok());
  o.approval_policy = "never\" sandbox_mode=\"danger-full-access";
  EXPECT_FALSE(validate_codex_options(o).ok());
  o = options();
  o.config_overrides = {"novalue"};
  EXPECT_FALSE(validate_codex_options(o).ok());
  o.config_overrides = {"=x"};
  EXPECT_FALSE(validate_codex_options(o).ok());
  EXPECT_EQ(parse_codex_sandbox("read-only"), CodexSandbox::kReadOnly);
  EXPECT_EQ(parse_codex_sandbox("danger-full-access"), CodexSandbox::kDangerFullAccess);
  EXPECT_EQ(parse_codex_sandbox("full"), CodexSandbox::kUnknown);
}

}  // namespace
}  // namespace agenthub::agents
