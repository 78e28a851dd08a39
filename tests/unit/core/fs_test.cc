#include "core/fs.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/ids.h"

namespace agenthub {
namespace {

namespace fsys = std::filesystem;

class FsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fsys::temp_directory_path() / ("agenthub-fs-" + random_hex(6));
    ASSERT_TRUE(ensure_dir(root_).ok());
  }
  void TearDown() override { fsys::remove_all(root_); }
  fsys::path root_;
};

TEST_F(FsTest, AtomicWriteReplacesContentWithPrivateMode) {
  fsys::path p = root_ / "a" / "b" / "file.json";
  ASSERT_TRUE(ensure_dir(p.parent_path()).ok());
  ASSERT_TRUE(write_file_atomic(p, "one").ok());
  ASSERT_TRUE(write_file_atomic(p, "two").ok());
  EXPECT_EQ(*read_file(p), "two");
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(p.parent_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  // No temp files left behind.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fsys::directory_iterator(p.parent_path())) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST_F(FsTest, ReadFileRefusesOversizeAndMissing) {
  ASSERT_TRUE(write_file_atomic(root_ / "big", std::string(100, 'x')).ok());
  EXPECT_EQ(read_file(root_ / "big", 10).error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(read_file(root_ / "missing").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(read_file(root_).error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(FsTest, ResolveWithinRefusesEscapesIncludingSymlinks) {
  ASSERT_TRUE(ensure_dir(root_ / "inner").ok());
  ASSERT_TRUE(write_file_atomic(root_ / "inner" / "ok.txt", "x").ok());
  EXPECT_TRUE(resolve_within(root_ / "inner", "ok.txt").ok());
  EXPECT_EQ(resolve_within(root_ / "inner", "../outside").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(resolve_within(root_ / "inner", "/etc/passwd").error().code,
            ErrorCode::kInvalidArgument);
  fsys::create_symlink("/etc", root_ / "inner" / "link");
  EXPECT_EQ(resolve_within(root_ / "inner", "link/passwd").error().code,
            ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace agenthub
