#include "hub/profile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "temp_dir.h"

namespace agenthub::hub {
namespace {

namespace fsys = std::filesystem;
using ::testing::HasSubstr;
using testing::TempDir;

void write(const fsys::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

class LoadProfileTest : public ::testing::Test {
 protected:
  LoadProfileTest() {
    (void)ensure_dir(cwd_);
    (void)ensure_dir(bundled_);
    (void)ensure_dir(outside_);
  }

  TempDir root_{"hub-profile"};
  fsys::path cwd_ = root_.path() / "project";
  fsys::path bundled_ = root_.path() / "bundled";
  fsys::path outside_ = root_.path() / "elsewhere";
};

TEST_F(LoadProfileTest, RegularFileRelativeToCwd) {
  (void)ensure_dir(cwd_ / "docs");
  write(cwd_ / "docs" / "persona.md", "Be brief. ✓");
  auto profile = load_profile("docs/persona.md", cwd_, {});
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  EXPECT_EQ(profile->text, "Be brief. ✓");
  EXPECT_EQ(profile->path, fsys::canonical(cwd_ / "docs" / "persona.md"));
}

TEST_F(LoadProfileTest, AbsolutePathInsideCwd) {
  write(cwd_ / "p.md", "abs");
  auto profile = load_profile((cwd_ / "p.md").string(), cwd_, {});
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  EXPECT_EQ(profile->text, "abs");
}

TEST_F(LoadProfileTest, ExactlyTheLimitIsAccepted) {
  write(cwd_ / "max.md", std::string(kMaxProfileBytes, 'a'));
  auto profile = load_profile("max.md", cwd_, {});
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  EXPECT_EQ(profile->text.size(), kMaxProfileBytes);
}

TEST_F(LoadProfileTest, LargerThan256KiBRefused) {
  write(cwd_ / "big.md", std::string(kMaxProfileBytes + 1, 'a'));
  auto profile = load_profile("big.md", cwd_, {});
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(profile.error().message, HasSubstr("larger than 256 KiB"));
}

TEST_F(LoadProfileTest, NotUtf8Refused) {
  write(cwd_ / "bin.md", std::string("abc\xff\xfe", 5));
  auto profile = load_profile("bin.md", cwd_, {});
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(profile.error().message, HasSubstr("is not UTF-8 text"));
}

TEST_F(LoadProfileTest, DirectoryRefused) {
  (void)ensure_dir(cwd_ / "adir");
  auto profile = load_profile("adir", cwd_, {});
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(profile.error().message, HasSubstr("is not a regular file"));
}

TEST_F(LoadProfileTest, PathEscapingCwdRefused) {
  write(outside_ / "secret.md", "do not read");
  for (const std::string& spec :
       {std::string("../elsewhere/secret.md"), (outside_ / "secret.md").string()}) {
    SCOPED_TRACE(spec);
    auto profile = load_profile(spec, cwd_, {bundled_});
    ASSERT_FALSE(profile.ok());
    EXPECT_EQ(profile.error().code, ErrorCode::kPermissionDenied);
    EXPECT_THAT(profile.error().message, HasSubstr("resolves outside the run's cwd"));
    EXPECT_THAT(profile.error().message, ::testing::Not(HasSubstr("do not read")));
  }
}

TEST_F(LoadProfileTest, SymlinkEscapingCwdRefused) {
  write(outside_ / "secret.md", "do not read");
  fsys::create_symlink(outside_ / "secret.md", cwd_ / "link.md");
  auto profile = load_profile("link.md", cwd_, {});
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().code, ErrorCode::kPermissionDenied);

  // A symlinked directory inside cwd pointing outside is no way round it either.
  fsys::create_directory_symlink(outside_, cwd_ / "linkdir");
  profile = load_profile("linkdir/secret.md", cwd_, {});
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().code, ErrorCode::kPermissionDenied);
}

// Issue 6 (security): a bundled profile directory is a root too. A link planted in it that
// points elsewhere (a file or a directory) is refused, whichever spelling names it.
TEST_F(LoadProfileTest, SymlinkInTheProfileDirectoryPointingOutRefused) {
  write(outside_ / "secret.md", "do not read");
  fsys::create_symlink(outside_ / "secret.md", bundled_ / "evil.md");
  fsys::create_directory_symlink(outside_, bundled_ / "evildir");
  for (const char* spec : {"evil", "evil.md", "profile/evil.md", "evildir"}) {
    SCOPED_TRACE(spec);
    auto profile = load_profile(spec, cwd_, {bundled_});
    ASSERT_FALSE(profile.ok());
    EXPECT_EQ(profile.error().code, ErrorCode::kPermissionDenied) << profile.error().message;
    EXPECT_THAT(profile.error().message, ::testing::Not(HasSubstr("do not read")));
  }
}

TEST_F(LoadProfileTest, SymlinkInsideCwdAccepted) {
  write(cwd_ / "real.md", "real text");
  fsys::create_symlink(cwd_ / "real.md", cwd_ / "alias.md");
  auto profile = load_profile("alias.md", cwd_, {});
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  EXPECT_EQ(profile->text, "real text");
  EXPECT_EQ(profile->path, fsys::canonical(cwd_ / "real.md"));
}

TEST_F(LoadProfileTest, BundledDirectoryLookupByName) {
  write(bundled_ / "reviewer-remediator.md", "review persona");
  for (const char* spec :
       {"reviewer-remediator.md", "reviewer-remediator", "profile/reviewer-remediator.md"}) {
    SCOPED_TRACE(spec);
    auto profile = load_profile(spec, cwd_, {bundled_});
    ASSERT_TRUE(profile.ok()) << profile.error().message;
    EXPECT_EQ(profile->text, "review persona");
    EXPECT_EQ(profile->path, fsys::canonical(bundled_ / "reviewer-remediator.md"));
  }
}

TEST_F(LoadProfileTest, CwdFileWinsOverBundledOne) {
  write(bundled_ / "p.md", "bundled");
  write(cwd_ / "p.md", "project");
  auto profile = load_profile("p.md", cwd_, {bundled_});
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  EXPECT_EQ(profile->text, "project");
}

TEST_F(LoadProfileTest, TheRealBundledReviewerProfileLoads) {
  const fsys::path bundled = fsys::path(AGENTHUB_SOURCE_DIR) / "profile";
  auto profile = load_profile("reviewer-remediator", cwd_, {bundled});
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  EXPECT_FALSE(profile->text.empty());
}

TEST_F(LoadProfileTest, MissingAndEmpty) {
  auto missing = load_profile("nope.md", cwd_, {bundled_});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(missing.error().message, HasSubstr("nope.md not found"));
  auto empty = load_profile("", cwd_, {});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace agenthub::hub
