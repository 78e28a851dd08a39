#include "agents/common/environment.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "core/fs.h"
#include "core/ids.h"

namespace agenthub::agents {
namespace {

namespace fsys = std::filesystem;

TEST(EnvironmentTest, MergeDropsSetsAndKeepsOrder) {
  EnvList base = {"A=1", "PATH=/bin", "SECRET_TOKEN=x", "SECRET_KEY=y", "B=2"};
  EnvList out = merge_env(base, {"SECRET_*", "NOT_THERE"}, {"B=3", "C=4"});
  EXPECT_EQ(out, (EnvList{"A=1", "PATH=/bin", "B=3", "C=4"}));
}

TEST(EnvironmentTest, LaterSetEntryWinsAndExactDropDoesNotMatchPrefixes) {
  EnvList out = merge_env({"HOME=/h", "HOMEBREW=1"}, {"HOME"}, {"X=1", "X=2"});
  EXPECT_EQ(out, (EnvList{"HOMEBREW=1", "X=2"}));
}

TEST(EnvironmentTest, ValueLookup) {
  EnvList env = {"A=1", "AB=2", "EMPTY=", "EQ=a=b"};
  EXPECT_EQ(env_value(env, "A"), "1");
  EXPECT_EQ(env_value(env, "AB"), "2");
  EXPECT_EQ(env_value(env, "EMPTY"), "");
  EXPECT_EQ(env_value(env, "EQ"), "a=b");
  EXPECT_FALSE(env_value(env, "B").has_value());
}

TEST(EnvironmentTest, InheritedEnvStartsFromOurs) {
  ::setenv("AGENTHUB_ENV_TEST_KEEP", "1", 1);
  ::setenv("AGENTHUB_ENV_TEST_DROP", "1", 1);
  EnvList env = inherited_env({"AGENTHUB_ENV_TEST_DROP"}, {"AGENTHUB_ENV_TEST_ADD=yes"});
  EXPECT_EQ(env_value(env, "AGENTHUB_ENV_TEST_KEEP"), "1");
  EXPECT_FALSE(env_value(env, "AGENTHUB_ENV_TEST_DROP").has_value());
  EXPECT_EQ(env_value(env, "AGENTHUB_ENV_TEST_ADD"), "yes");
}

class FindExecutableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fsys::temp_directory_path() / ("agenthub-env-" + random_hex(6));
    ASSERT_TRUE(ensure_dir(root_ / "a").ok());
    ASSERT_TRUE(ensure_dir(root_ / "b").ok());
    make_file(root_ / "a" / "tool", 0644);  // not executable
    make_file(root_ / "b" / "tool", 0755);
  }
  void TearDown() override { fsys::remove_all(root_); }
  static void make_file(const fsys::path& p, mode_t mode) {
    std::ofstream(p) << "#!/bin/sh\n";
    ::chmod(p.c_str(), mode);
  }
  fsys::path root_;
};

TEST_F(FindExecutableTest, SearchesPathSkippingNonExecutables) {
  std::string path = (root_ / "a").string() + "::relative/dir:" + (root_ / "b").string();
  auto found = find_executable("tool", path);
  ASSERT_TRUE(found.ok()) << found.error().to_string();
  EXPECT_EQ(*found, root_ / "b" / "tool");
}

TEST_F(FindExecutableTest, ReportsWhatWasMissing) {
  auto bare = find_executable("no-such-tool", (root_ / "b").string());
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.error().code, ErrorCode::kNotFound);
  EXPECT_NE(bare.error().message.find("no-such-tool"), std::string::npos);

  auto path = find_executable("/x/y/codex", "");
  ASSERT_FALSE(path.ok());
  EXPECT_EQ(path.error().code, ErrorCode::kNotFound);
  EXPECT_NE(path.error().message.find("/x/y/codex"), std::string::npos);
}

TEST_F(FindExecutableTest, RefusesNonExecutableFilesAndDirectories) {
  auto file = find_executable((root_ / "a" / "tool").string(), "");
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().code, ErrorCode::kPermissionDenied);
  auto dir = find_executable((root_ / "a").string(), "");
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.error().code, ErrorCode::kPermissionDenied);
  auto only_bad = find_executable("tool", (root_ / "a").string());
  ASSERT_FALSE(only_bad.ok());
  EXPECT_EQ(only_bad.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(FindExecutableTest, NeverSearchesTheCurrentDirectoryImplicitly) {
  fsys::path old = fsys::current_path();
  fsys::current_path(root_ / "b");
  auto found = find_executable("tool", ":.:");
  fsys::current_path(old);
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code, ErrorCode::kNotFound);
}

TEST_F(FindExecutableTest, RelativePathWithSlashIsMadeAbsolute) {
  fsys::path old = fsys::current_path();
  fsys::current_path(root_);
  auto found = find_executable("./b/tool", "");
  fsys::current_path(old);
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->is_absolute());
}

}  // namespace
}  // namespace agenthub::agents
