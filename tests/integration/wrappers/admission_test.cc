// What a wrapper refuses before a task exists, seen over HTTP: missing / bad / conflicting cwd,
// a busy context, a missing or wrong bearer token.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/error_table.h"
#include "tests/integration/wrappers/wrapper_fixture.h"

namespace agenthub::agents::testing {
namespace {

using ::testing::HasSubstr;

using AdmissionTest = WrapperTest;

TEST_F(AdmissionTest, FirstMessageNeedsCwd) {
  WrapperProcess* w = start_codex(fake_sample("codex_simple.jsonl"));
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  StreamResult none = stream(*client, user_message("hi", ""));
  ASSERT_TRUE(none.error.has_value());
  EXPECT_EQ(jsonrpc_code(none.error->code), -32602);
  EXPECT_EQ(none.error->message,
            "metadata.cwd is required on the first message of a context: an absolute path to an "
            "existing directory");
  StreamResult relative = stream(*client, user_message("hi", "work"));
  ASSERT_TRUE(relative.error.has_value());
  EXPECT_THAT(relative.error->message, HasSubstr("absolute"));
  StreamResult missing = stream(*client, user_message("hi", (root_ / "nope").string()));
  ASSERT_TRUE(missing.error.has_value());
  EXPECT_EQ(jsonrpc_code(missing.error->code), -32602);
  EXPECT_THAT(missing.error->message, HasSubstr((root_ / "nope").string()));
  // Nothing ran for any of them.
  EXPECT_TRUE(record_events(record_, "start").empty());
  StreamResult fine = stream(*client, user_message("hi", work_));
  EXPECT_EQ(fine.state, a2a::TaskState::kCompleted) << fine.dump();
}

TEST_F(AdmissionTest, ContextKeepsItsCwd) {
  WrapperProcess* w = start_codex(fake_sample("codex_simple.jsonl"));
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  std::filesystem::create_directory_symlink(work_, root_ / "link");
  ASSERT_TRUE(ensure_dir(root_ / "other").ok());
  StreamResult first = stream(*client, user_message("hi", work_));
  ASSERT_EQ(first.state, a2a::TaskState::kCompleted) << first.dump();
  StreamResult same = stream(*client, user_message("hi", work_, first.context_id));
  EXPECT_EQ(same.state, a2a::TaskState::kCompleted) << same.dump();
  StreamResult via_link =
      stream(*client, user_message("hi", (root_ / "link").string(), first.context_id));
  EXPECT_EQ(via_link.state, a2a::TaskState::kCompleted) << via_link.dump();
  StreamResult other =
      stream(*client, user_message("hi", (root_ / "other").string(), first.context_id));
  ASSERT_TRUE(other.error.has_value());
  EXPECT_EQ(other.error->code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(other.error->message, HasSubstr("works in " + work_));
  for (const Json& start : record_events(record_, "start")) EXPECT_EQ(start["cwd"], work_);
}

TEST_F(AdmissionTest, OneTaskAtATimePerContext) {
  WrapperProcess* w = start_codex(fake_sample("codex_simple.jsonl"), {"FAKE_CLI_HANG=1"});
  ASSERT_NE(w, nullptr);
  auto client = w->client();
  ASSERT_NE(client, nullptr);
  a2a::Message first = user_message("hi", work_);
  const std::string task = submit(*client, first);
  ASSERT_TRUE(wait_for_run_event(*client, task, "status_changed"));
  auto got = client->get_task({task, 0});
  ASSERT_TRUE(got.ok());
  StreamResult second = stream(*client, user_message("more", "", got->context_id));
  ASSERT_TRUE(second.error.has_value());
  EXPECT_THAT(second.error->message, HasSubstr("already has a task in progress (" + task + ")"));
  ASSERT_TRUE(cancel(*client, task).ok());
  EXPECT_TRUE(all_gone(recorded_pids(record_)));
}

TEST_F(AdmissionTest, BearerTokenRequired) {
  WrapperProcess* w = start_codex(fake_sample("codex_simple.jsonl"), {}, {"--token", "s3cret"});
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->token(), "s3cret");
  auto anonymous = w->client(std::string());
  ASSERT_NE(anonymous, nullptr);  // the card is public
  StreamResult refused = stream(*anonymous, user_message("hi", work_));
  ASSERT_TRUE(refused.error.has_value());
  EXPECT_EQ(refused.error->code, ErrorCode::kUnauthenticated);
  auto wrong = w->client(std::string("guess"));
  ASSERT_NE(wrong, nullptr);
  EXPECT_EQ(wrong->get_task({"x", 0}).error().code, ErrorCode::kUnauthenticated);
  auto right = w->client();
  StreamResult ok = stream(*right, user_message("hi", work_));
  EXPECT_EQ(ok.state, a2a::TaskState::kCompleted) << ok.dump();
  EXPECT_EQ(record_events(record_, "start").size(), 1u);
}

TEST_F(AdmissionTest, NoAuthIsExplicit) {
  WrapperProcess* w = start_claude(fake_sample("claude_simple.jsonl"), {}, {"--no-auth"});
  ASSERT_NE(w, nullptr);
  EXPECT_TRUE(w->ready()["token"].is_null());
  auto client = w->client(std::string());
  ASSERT_NE(client, nullptr);
  EXPECT_TRUE(client->card().security_schemes.empty());
  StreamResult ok = stream(*client, user_message("hi", work_));
  EXPECT_EQ(ok.state, a2a::TaskState::kCompleted) << ok.dump();
}

}  // namespace
}  // namespace agenthub::agents::testing
