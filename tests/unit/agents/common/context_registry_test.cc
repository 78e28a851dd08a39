#include "agents/common/context_registry.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <set>
#include <thread>
#include <vector>

#include "core/fs.h"
#include "core/ids.h"

namespace agenthub::agents {
namespace {

namespace fsys = std::filesystem;

class ContextRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fsys::temp_directory_path() / ("agenthub-ctx-" + random_hex(6));
    auto reg = ContextRegistry::open(root_ / "state");
    ASSERT_TRUE(reg.ok()) << reg.error().to_string();
    registry_ = std::move(*reg);
  }
  void TearDown() override { fsys::remove_all(root_); }

  fsys::path root_;
  std::unique_ptr<ContextRegistry> registry_;
};

TEST_F(ContextRegistryTest, BindSetSessionLookup) {
  auto unknown = registry_->lookup("ctx-1");
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->has_value());

  auto bound = registry_->bind("ctx-1", "/work/project");
  ASSERT_TRUE(bound.ok()) << bound.error().to_string();
  EXPECT_EQ(bound->cwd, "/work/project");
  EXPECT_TRUE(bound->session_id.empty());
  EXPECT_FALSE(bound->created_at.empty());

  auto with_session = registry_->set_session("ctx-1", "thread-abc");
  ASSERT_TRUE(with_session.ok());
  EXPECT_EQ(with_session->session_id, "thread-abc");
  EXPECT_EQ(with_session->created_at, bound->created_at);

  auto found = registry_->lookup("ctx-1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->session_id, "thread-abc");
  EXPECT_EQ((*found)->cwd, "/work/project");
}

TEST_F(ContextRegistryTest, PersistsAcrossInstancesWithPrivateModes) {
  ASSERT_TRUE(registry_->bind("ctx-1", "/work/a").ok());
  ASSERT_TRUE(registry_->set_session("ctx-1", "session-1").ok());
  registry_.reset();

  auto reopened = ContextRegistry::open(root_ / "state");
  ASSERT_TRUE(reopened.ok());
  auto found = (*reopened)->lookup("ctx-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->cwd, "/work/a");
  EXPECT_EQ((*found)->session_id, "session-1");

  struct stat st {};
  ASSERT_EQ(::stat((root_ / "state" / "contexts").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat((root_ / "state" / "contexts" / "ctx-1.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(ContextRegistryTest, SameCwdAgainIsFineEvenSpelledDifferently) {
  ASSERT_TRUE(registry_->bind("ctx", "/work/a").ok());
  ASSERT_TRUE(registry_->set_session("ctx", "s1").ok());
  for (const char* spelling : {"/work/a", "/work/a/", "/work/./a", "/work/b/../a"}) {
    auto again = registry_->bind("ctx", spelling);
    ASSERT_TRUE(again.ok()) << spelling << ": " << again.error().to_string();
    EXPECT_EQ(again->session_id, "s1");  // rebinding keeps the session
  }
}

TEST_F(ContextRegistryTest, DifferentCwdIsAClearConflict) {
  ASSERT_TRUE(registry_->bind("ctx", "/work/a").ok());
  auto moved = registry_->bind("ctx", "/work/b");
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(moved.error().message.find("/work/a"), std::string::npos);
  EXPECT_NE(moved.error().message.find("/work/b"), std::string::npos);
  EXPECT_EQ(moved.error().data["bound_cwd"], "/work/a");
  EXPECT_EQ((*registry_->lookup("ctx"))->cwd, "/work/a");  // unchanged
}

TEST_F(ContextRegistryTest, RejectsRelativeCwdUnknownContextAndBadIds) {
  auto relative = registry_->bind("ctx", "work/a");
  ASSERT_FALSE(relative.ok());
  EXPECT_EQ(relative.error().code, ErrorCode::kInvalidArgument);

  auto unbound = registry_->set_session("nobody", "s");
  ASSERT_FALSE(unbound.ok());
  EXPECT_EQ(unbound.error().code, ErrorCode::kNotFound);

  EXPECT_EQ(registry_->bind("", "/a").error().code, ErrorCode::kInvalidArgument);
  std::string too_long(ContextRegistry::kMaxContextIdBytes + 1, 'a');
  EXPECT_EQ(registry_->bind(too_long, "/a").error().code, ErrorCode::kInvalidArgument);
}

TEST_F(ContextRegistryTest, AnyIdStaysInsideTheStateDirAndIdsNeverCollide) {
  std::vector<std::string> ids = {"..", ".", "../escape",    "a/b",        "%61",
                                  "a",  "A", "\xE2\x82\xAC", "with space", "-leading-dash"};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    ASSERT_TRUE(registry_->bind(ids[i], "/cwd/" + std::to_string(i)).ok()) << ids[i];
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto found = registry_->lookup(ids[i]);
    ASSERT_TRUE(found.ok() && found->has_value()) << ids[i];
    EXPECT_EQ((*found)->cwd, "/cwd/" + std::to_string(i));
    EXPECT_EQ((*found)->context_id, ids[i]);
  }
  std::size_t files = 0;
  for (const auto& entry : fsys::directory_iterator(registry_->dir())) {
    EXPECT_TRUE(entry.is_regular_file());
    ++files;
  }
  EXPECT_EQ(files, ids.size());
  EXPECT_EQ(std::distance(fsys::directory_iterator(root_), fsys::directory_iterator()), 1);
}

TEST_F(ContextRegistryTest, CorruptFileIsReportedNotTrusted) {
  ASSERT_TRUE(write_file_atomic(registry_->dir() / "ctx.json", "{not json").ok());
  auto found = registry_->lookup("ctx");
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(found.error().message.find("corrupt"), std::string::npos);
  EXPECT_FALSE(registry_->bind("ctx", "/a").ok());

  // A file that names another context is not this context's record.
  ASSERT_TRUE(registry_->bind("other", "/o").ok());
  fsys::copy_file(registry_->dir() / "other.json", registry_->dir() / "ctx2.json");
  EXPECT_FALSE(registry_->lookup("ctx2").ok());
}

TEST_F(ContextRegistryTest, ConcurrentUse) {
  constexpr int kThreads = 8;
  constexpr int kContexts = 20;
  std::vector<std::jthread> threads;
  std::atomic<int> conflicts{0};
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int c = 0; c < kContexts; ++c) {
        std::string id = "ctx-" + std::to_string(c);
        // Every thread races to bind the same contexts; exactly one cwd must win each.
        auto bound = registry_->bind(id, "/cwd/" + std::to_string((c + t) % 2 == 0 ? 0 : 1));
        if (!bound.ok()) {
          (bound.error().code == ErrorCode::kFailedPrecondition ? conflicts : failures)++;
          continue;
        }
        if (!registry_->set_session(id, "s-" + std::to_string(t)).ok()) failures++;
      }
    });
  }
  threads.clear();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(conflicts.load(), 0);
  for (int c = 0; c < kContexts; ++c) {
    auto found = registry_->lookup("ctx-" + std::to_string(c));
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_TRUE((*found)->cwd == "/cwd/0" || (*found)->cwd == "/cwd/1");
    EXPECT_EQ((*found)->session_id.rfind("s-", 0), 0u);
  }
}

}  // namespace
}  // namespace agenthub::agents
