#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/mcp/fake_run_service.h"
#include "tests/unit/mcp/tool_test_util.h"

namespace agenthub::mcp::testing {
namespace {

using ::testing::HasSubstr;

class PollEventsTest : public ::testing::Test {
 protected:
  void expect_rejected(const Json& args, std::string_view fragment) {
    Json result = run_tool(service_, "poll_events", args);
    ASSERT_TRUE(is_error(result)) << result;
    EXPECT_THAT(text_of(result), HasSubstr(fragment)) << args;
    EXPECT_EQ(service_.calls(), 0);
  }

  FakeRunService service_;
};

Json event(int seq, std::string type, Json data) {
  return {{"seq", seq}, {"type", std::move(type)}, {"data", std::move(data)}};
}

TEST_F(PollEventsTest, AppliesTheDefaults) {
  service_.set_reply(
      {{"run_id", "r"}, {"status", "running"}, {"events", Json::array()}, {"next_after_seq", 0}});
  Json result = run_tool(service_, "poll_events", {{"run_id", "r"}, {"after_seq", 0}});
  ASSERT_FALSE(is_error(result)) << result;
  EXPECT_EQ(service_.poll->run_id, "r");
  EXPECT_EQ(service_.poll->after_seq, 0);
  EXPECT_EQ(service_.poll->limit, 100);
  EXPECT_EQ(service_.poll->wait_ms, 20000);
}

TEST_F(PollEventsTest, PassesExplicitValuesAndTheStopToken) {
  std::stop_source stop;
  Json result = run_tool(service_, "poll_events",
                         {{"run_id", "r"}, {"after_seq", 41}, {"limit", 1000}, {"wait_ms", 0}},
                         stop.get_token());
  ASSERT_FALSE(is_error(result)) << result;
  EXPECT_EQ(service_.poll->after_seq, 41);
  EXPECT_EQ(service_.poll->limit, 1000);
  EXPECT_EQ(service_.poll->wait_ms, 0);
  EXPECT_FALSE(service_.poll->stop.stop_requested());
  stop.request_stop();
  EXPECT_TRUE(service_.poll->stop.stop_requested());
}

TEST_F(PollEventsTest, IntegersMustBeIntegers) {
  expect_rejected({{"run_id", "r"}}, "after_seq: required, an integer >= 0");
  expect_rejected({{"run_id", "r"}, {"after_seq", -1}},
                  "after_seq: must be an integer >= 0, got -1");
  expect_rejected({{"run_id", "r"}, {"after_seq", 1.5}},
                  "after_seq: must be an integer >= 0, got 1.5");
  expect_rejected({{"run_id", "r"}, {"after_seq", "3"}},
                  "after_seq: must be an integer >= 0, got \"3\"");
  expect_rejected({{"run_id", "r"}, {"after_seq", 18446744073709551615ull}},
                  "after_seq: must be an integer >= 0, got 18446744073709551615");
  expect_rejected({{"run_id", "r"}, {"after_seq", 1e300}}, "after_seq: must be an integer >= 0");
  EXPECT_FALSE(is_error(run_tool(service_, "poll_events", {{"run_id", "r"}, {"after_seq", 3.0}})));
  EXPECT_EQ(service_.poll->after_seq, 3);
}

TEST_F(PollEventsTest, RangesAreEnforced) {
  Json base = {{"run_id", "r"}, {"after_seq", 0}};
  for (Json bad : {Json(0), Json(1001), Json(-3)}) {
    Json args = base;
    args["limit"] = bad;
    expect_rejected(args, "limit: must be an integer from 1 to 1000, got " + dump_json(bad));
  }
  for (Json bad : {Json(30001), Json(-1), Json("20000")}) {
    Json args = base;
    args["wait_ms"] = bad;
    expect_rejected(args, "wait_ms: must be an integer from 0 to 30000, got " + dump_json(bad));
  }
}

TEST_F(PollEventsTest, RunIdMustBeANonEmptyString) {
  expect_rejected({{"after_seq", 0}}, "run_id: required");
  expect_rejected({{"run_id", ""}, {"after_seq", 0}},
                  "run_id: must be a non-empty string, got \"\"");
  expect_rejected({{"run_id", 12}, {"after_seq", 0}}, "run_id: must be a non-empty string, got 12");
}

TEST_F(PollEventsTest, SummarizesAPageAndInlinesSmallEvents) {
  Json events = {event(4, "agent_message", {{"text", "hi"}}),
                 event(5, "command_started", {{"command", "ls"}}),
                 event(6, "input_required", {{"text", "ok?"}})};
  service_.set_reply(
      {{"run_id", "r"}, {"status", "input_required"}, {"events", events}, {"next_after_seq", 6}});
  Json result = run_tool(service_, "poll_events", {{"run_id", "r"}, {"after_seq", 3}});
  EXPECT_EQ(text_of(result),
            "3 events (seq 4..6), status input_required, next_after_seq 6; the run waits for "
            "continue_run\n" +
                dump_json(events));
  EXPECT_EQ(result["structuredContent"]["events"], events);
}

TEST_F(PollEventsTest, EmptyPagesSayWhetherMoreWillCome) {
  service_.set_reply(
      {{"run_id", "r"}, {"status", "running"}, {"events", Json::array()}, {"next_after_seq", 9}});
  Json result = run_tool(service_, "poll_events", {{"run_id", "r"}, {"after_seq", 9}});
  EXPECT_EQ(text_of(result), "no new events after seq 9, status running, next_after_seq 9");
  service_.set_reply(
      {{"run_id", "r"}, {"status", "completed"}, {"events", Json::array()}, {"next_after_seq", 9}});
  result = run_tool(service_, "poll_events", {{"run_id", "r"}, {"after_seq", 9}});
  EXPECT_THAT(text_of(result), HasSubstr("status completed, next_after_seq 9; the run has ended"));
}

TEST_F(PollEventsTest, LargePagesGetOneLineDigestsInsteadOfJson) {
  Json events = Json::array();
  for (int i = 1; i <= 60; ++i) {
    events.push_back(
        event(i, "command_finished",
              {{"command", "make step " + std::to_string(i)}, {"stdout", std::string(500, 'o')}}));
  }
  service_.set_reply(
      {{"run_id", "r"}, {"status", "running"}, {"events", events}, {"next_after_seq", 60}});
  Json result = run_tool(service_, "poll_events", {{"run_id", "r"}, {"after_seq", 0}});
  std::string text = text_of(result);
  EXPECT_THAT(text, HasSubstr("60 events (seq 1..60)"));
  EXPECT_THAT(text, HasSubstr("\n#1 command_finished: make step 1\n"));
  EXPECT_THAT(text, HasSubstr("\n... 10 more\n(full events in structuredContent)"));
  EXPECT_LT(text.size(), 4000u);
  EXPECT_EQ(result["structuredContent"]["events"].size(), 60u);
}

TEST_F(PollEventsTest, HubErrorsAreReported) {
  service_.set_error(Error{ErrorCode::kNotFound, "no run r"});
  Json result = run_tool(service_, "poll_events", {{"run_id", "r"}, {"after_seq", 0}});
  EXPECT_EQ(text_of(result), "poll_events failed (not_found): no run r");
}

}  // namespace
}  // namespace agenthub::mcp::testing
