// get_run, cancel_run, continue_run, list_runs: the small tools.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/mcp/fake_run_service.h"
#include "tests/unit/mcp/tool_test_util.h"

namespace agenthub::mcp::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class RunToolsTest : public ::testing::Test {
 protected:
  void expect_rejected(std::string_view tool, const Json& args, std::string_view fragment) {
    Json result = run_tool(service_, tool, args);
    ASSERT_TRUE(is_error(result)) << result;
    EXPECT_THAT(text_of(result), HasSubstr(fragment)) << tool << " " << args;
    EXPECT_EQ(service_.calls(), 0);
  }

  FakeRunService service_;
};

TEST_F(RunToolsTest, RunIdIsRequiredAndAString) {
  for (const char* tool : {"get_run", "cancel_run"}) {
    expect_rejected(tool, Json::object(), "run_id: required, a non-empty string");
    expect_rejected(tool, {{"run_id", 5}}, "run_id: must be a non-empty string, got 5");
    expect_rejected(tool, {{"run_id", ""}}, "run_id: must be a non-empty string");
    expect_rejected(tool, {{"run_id", "r"}, {"id", "r"}},
                    "id: unknown field (expected one of: run_id)");
  }
}

TEST_F(RunToolsTest, GetRunForwardsAndSummarizes) {
  Json run = {{"run_id", "r"},     {"backend", "claude_code"},
              {"role", "planner"}, {"status", "completed"},
              {"last_seq", 12},    {"result", {{"final_response", "ok"}}}};
  service_.set_reply(run);
  Json result = run_tool(service_, "get_run", {{"run_id", "r"}});
  EXPECT_THAT(service_.run_ids, ElementsAre("r"));
  EXPECT_EQ(result["structuredContent"], run);
  EXPECT_EQ(text_of(result),
            "run r completed (claude_code/planner), last_seq 12\n" + dump_json(run));
}

TEST_F(RunToolsTest, GetRunKeepsBigRunsOutOfTheText) {
  Json run = {{"run_id", "r"},
              {"status", "failed"},
              {"last_seq", 3},
              {"summary", std::string(9000, 's')},
              {"error", {{"message", "boom"}}}};
  service_.set_reply(run);
  std::string text = text_of(run_tool(service_, "get_run", {{"run_id", "r"}}));
  EXPECT_LT(text.size(), 1000u);
  EXPECT_THAT(text, HasSubstr("error: {\"message\":\"boom\"}"));
  EXPECT_THAT(text, HasSubstr("(full run in structuredContent)"));
}

TEST_F(RunToolsTest, CancelRunForwards) {
  service_.set_reply(
      {{"run_id", "r"}, {"status", "cancelled"}, {"cancelled_at", "2026-01-01T00:00:00Z"}});
  Json result = run_tool(service_, "cancel_run", {{"run_id", "r"}});
  EXPECT_THAT(service_.run_ids, ElementsAre("r"));
  EXPECT_EQ(text_of(result), "run r cancelled, cancelled_at 2026-01-01T00:00:00Z");
  service_.set_error(Error{ErrorCode::kFailedPrecondition, "run r already completed"});
  EXPECT_EQ(text_of(run_tool(service_, "cancel_run", {{"run_id", "r"}})),
            "cancel_run failed (failed_precondition): run r already completed");
}

TEST_F(RunToolsTest, ContinueRunChecksTheMessage) {
  expect_rejected("continue_run", {{"run_id", "r"}}, "input_message: required");
  expect_rejected("continue_run", {{"input_message", text_message("x")}}, "run_id: required");
  expect_rejected("continue_run", {{"run_id", "r"}, {"input_message", "yes"}},
                  "input_message: must be an object {role, parts[]}, got \"yes\"");
  expect_rejected(
      "continue_run",
      {{"run_id", "r"}, {"input_message", {{"role", "user"}, {"parts", Json::array()}}}},
      "input_message.parts: must hold at least one part");
  Json result =
      run_tool(service_, "continue_run", {{"run_id", "r"}, {"input_message", text_message("yes")}});
  ASSERT_FALSE(is_error(result)) << result;
  EXPECT_EQ(service_.continued_with, text_message("yes"));
  EXPECT_THAT(service_.run_ids, ElementsAre("r"));
}

TEST_F(RunToolsTest, ListRunsFilters) {
  service_.set_reply({{"runs", Json::array()}});
  Json result = run_tool(service_, "list_runs", Json::object());
  ASSERT_FALSE(is_error(result)) << result;
  EXPECT_FALSE(service_.list->status.has_value());
  EXPECT_FALSE(service_.list->backend.has_value());
  EXPECT_FALSE(service_.list->cwd.has_value());
  EXPECT_EQ(text_of(result), "no runs match");

  Json runs = {{{"run_id", "a"},
                {"status", "running"},
                {"backend", "codex"},
                {"role", "worker"},
                {"cwd", "/p"}}};
  service_.set_reply({{"runs", runs}});
  result = run_tool(service_, "list_runs",
                    {{"status", "input_required"}, {"backend", "remote_a2a"}, {"cwd", "/p"}});
  EXPECT_EQ(service_.list->status, "input_required");
  EXPECT_EQ(service_.list->backend, "remote_a2a");
  EXPECT_EQ(service_.list->cwd, "/p");
  EXPECT_EQ(text_of(result), "1 runs\nrun a running (codex/worker) cwd /p");
}

TEST_F(RunToolsTest, ListRunsRejectsBadFilters) {
  expect_rejected("list_runs", {{"status", "done"}},
                  "status: must be one of queued, running, input_required, auth_required, "
                  "completed, failed, cancelled, rejected, got \"done\"");
  expect_rejected("list_runs", {{"backend", "gemini"}}, "backend: must be one of codex");
  expect_rejected("list_runs", {{"cwd", "proj"}}, "cwd: must be an absolute path");
  expect_rejected("list_runs", {{"limit", 3}}, "limit: unknown field");
}

}  // namespace
}  // namespace agenthub::mcp::testing
