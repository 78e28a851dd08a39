// CliExecutor::admit(): the rules every CLI wrapper applies before a task exists. No process is
// started here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "agents/common/cli_executor.h"
#include "core/fs.h"
#include "core/ids.h"

namespace agenthub::agents {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class StubBackend final : public CliBackend {
 public:
  std::string_view backend_name() const override { return "stub"; }
  std::string_view cli_name() const override { return "stub"; }
  Status validate_metadata(const Json& metadata) const override {
    if (metadata.contains("forbidden")) return Error{ErrorCode::kInvalidArgument, "forbidden"};
    return {};
  }
  Result<CliInvocation> build_invocation(const TurnRequest&) const override {
    return Error{ErrorCode::kUnsupportedOperation, "not in unit tests"};
  }
  std::unique_ptr<CliEventTranslator> make_translator(const TurnRequest&) const override {
    return nullptr;
  }
};

class CliExecutorAdmitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("agenthub-admit-" + random_hex(6));
    ASSERT_TRUE(ensure_dir(root_ / "work").ok());
    ASSERT_TRUE(ensure_dir(root_ / "other").ok());
    fs::create_directory_symlink(root_ / "work", root_ / "link");
    auto registry = ContextRegistry::open(root_ / "state");
    ASSERT_TRUE(registry.ok());
    registry_ = registry->get();
    executor_ =
        std::make_unique<CliExecutor>(std::make_unique<StubBackend>(), std::move(registry).value());
  }
  void TearDown() override {
    executor_.reset();
    fs::remove_all(root_);
  }

  a2a::RequestContext request(Json metadata, std::string context_id = "ctx-1") {
    a2a::RequestContext ctx;
    ctx.task_id = new_uuid_v4();
    ctx.context_id = std::move(context_id);
    ctx.message.parts = {a2a::Part::text_part("hello")};
    ctx.message.metadata = std::move(metadata);
    return ctx;
  }
  Json cwd(const fs::path& p) { return Json{{"cwd", p.string()}}; }

  fs::path root_;
  ContextRegistry* registry_ = nullptr;
  std::unique_ptr<CliExecutor> executor_;
};

TEST_F(CliExecutorAdmitTest, FirstMessageNeedsAnExistingAbsoluteCwd) {
  Status none = executor_->admit(request(nullptr));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(none.error().message,
            "metadata.cwd is required on the first message of a context: an absolute path to an "
            "existing directory");
  EXPECT_FALSE(executor_->admit(request(Json{{"cwd", "work"}})).ok());
  Status missing = executor_->admit(request(cwd(root_ / "missing")));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(missing.error().message, HasSubstr("missing"));
  EXPECT_TRUE(executor_->admit(request(cwd(root_ / "work"))).ok());
  // Admission alone binds nothing.
  EXPECT_FALSE(registry_->lookup("ctx-1")->has_value());
}

TEST_F(CliExecutorAdmitTest, LaterMessagesKeepTheContextsCwd) {
  ASSERT_TRUE(registry_->bind("ctx-1", fs::canonical(root_ / "work")).ok());
  EXPECT_TRUE(executor_->admit(request(nullptr)).ok());
  EXPECT_TRUE(executor_->admit(request(cwd(root_ / "work"))).ok());
  EXPECT_TRUE(executor_->admit(request(cwd(root_ / "link"))).ok());  // same directory
  Status other = executor_->admit(request(cwd(root_ / "other")));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(other.error().message, HasSubstr((root_ / "other").string()));
  EXPECT_THAT(other.error().message, HasSubstr("new context"));
}

TEST_F(CliExecutorAdmitTest, MetadataIsChecked) {
  EXPECT_FALSE(executor_
                   ->admit(request(Json{{"cwd", (root_ / "work").string()},
                                        {"output_schema", "not an object"}}))
                   .ok());
  Status backend =
      executor_->admit(request(Json{{"cwd", (root_ / "work").string()}, {"forbidden", true}}));
  ASSERT_FALSE(backend.ok());
  EXPECT_EQ(backend.error().message, "forbidden");
}

TEST_F(CliExecutorAdmitTest, ContinuationsAreNotHeldToTheFirstMessageRules) {
  a2a::RequestContext ctx = request(nullptr);
  a2a::Task task;
  task.id = ctx.task_id;
  task.context_id = ctx.context_id;
  task.status.state = a2a::TaskState::kAuthRequired;
  ctx.existing_task = task;
  EXPECT_TRUE(executor_->admit(ctx).ok());
  // An answer for a question whose process is gone is admitted; execute() explains.
  ctx.existing_task->status.state = a2a::TaskState::kInputRequired;
  EXPECT_TRUE(executor_->admit(ctx).ok());
  ASSERT_TRUE(registry_->bind("ctx-1", fs::canonical(root_ / "work")).ok());
  ctx.message.metadata = cwd(root_ / "other");
  EXPECT_FALSE(executor_->admit(ctx).ok());
}

TEST_F(CliExecutorAdmitTest, IdleClock) {
  EXPECT_EQ(executor_->live_runs(), 0u);
  (void)executor_->admit(request(nullptr));
  // Admission counts as activity; nothing runs, so the clock starts again from there.
  EXPECT_LT(executor_->idle_for(), std::chrono::hours(1));
  executor_->cancel("unknown-task");  // ignored
  executor_->shutdown();
  executor_->shutdown();
  EXPECT_FALSE(executor_->admit(request(cwd(root_ / "work"))).ok());  // shut down
}

}  // namespace
}  // namespace agenthub::agents
