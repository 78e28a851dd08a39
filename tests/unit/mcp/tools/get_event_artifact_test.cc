#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/mcp/fake_run_service.h"
#include "tests/unit/mcp/tool_test_util.h"

namespace agenthub::mcp::testing {
namespace {

using ::testing::HasSubstr;

class GetEventArtifactTest : public ::testing::Test {
 protected:
  void expect_rejected(const Json& args, std::string_view fragment) {
    Json result = run_tool(service_, "get_event_artifact", args);
    ASSERT_TRUE(is_error(result)) << result;
    EXPECT_THAT(text_of(result), HasSubstr(fragment)) << args;
    EXPECT_EQ(service_.calls(), 0);
  }
  Json valid() { return {{"run_id", "r"}, {"seq", 3}, {"field_path", "/stdout"}}; }

  FakeRunService service_;
};

TEST_F(GetEventArtifactTest, AppliesTheDefaults) {
  ASSERT_FALSE(is_error(run_tool(service_, "get_event_artifact", valid())));
  EXPECT_EQ(service_.artifact->run_id, "r");
  EXPECT_EQ(service_.artifact->seq, 3);
  EXPECT_EQ(service_.artifact->field_path, "/stdout");
  EXPECT_EQ(service_.artifact->offset, 0);
  EXPECT_EQ(service_.artifact->limit, 65536);
}

TEST_F(GetEventArtifactTest, PassesOffsetLimitAndEscapedPointers) {
  Json args = valid();
  args["field_path"] = "/input/old~1new~0x";
  args["offset"] = 65536;
  args["limit"] = 262144;
  ASSERT_FALSE(is_error(run_tool(service_, "get_event_artifact", args)));
  EXPECT_EQ(service_.artifact->field_path, "/input/old~1new~0x");
  EXPECT_EQ(service_.artifact->offset, 65536);
  EXPECT_EQ(service_.artifact->limit, 262144);
}

TEST_F(GetEventArtifactTest, FieldPathMustBeAJsonPointerToAField) {
  Json args = valid();
  args["field_path"] = "stdout";
  expect_rejected(args,
                  "field_path: must be a JSON Pointer naming a field of the event's data, "
                  "like \"/stdout\"");
  args["field_path"] = "/a~2b";
  expect_rejected(args, "got \"/a~2b\"");
  args["field_path"] = "";
  expect_rejected(args, "field_path: must be a JSON Pointer");
  args["field_path"] = 5;
  expect_rejected(args, "field_path: must be a string, got 5");
  args.erase("field_path");
  expect_rejected(args, "field_path: required");
}

TEST_F(GetEventArtifactTest, NumbersAreChecked) {
  Json args = valid();
  args["seq"] = 0;
  expect_rejected(args, "seq: must be an integer >= 1, got 0");
  args["seq"] = "3";
  expect_rejected(args, "seq: must be an integer >= 1, got \"3\"");
  args = valid();
  args["offset"] = -1;
  expect_rejected(args, "offset: must be an integer >= 0, got -1");
  args = valid();
  args["limit"] = 262145;
  expect_rejected(args, "limit: must be an integer from 1 to 262144, got 262145");
  args["limit"] = 0;
  expect_rejected(args, "limit: must be an integer from 1 to 262144, got 0");
  args = valid();
  args.erase("seq");
  expect_rejected(args, "seq: required");
}

TEST_F(GetEventArtifactTest, TextSaysWhereTheNextPageStarts) {
  service_.set_reply({{"run_id", "r"},
                      {"seq", 3},
                      {"field_path", "/stdout"},
                      {"mime", "text/plain"},
                      {"encoding", "utf-8"},
                      {"relpath", "a/b"},
                      {"total_bytes", 10},
                      {"offset", 2},
                      {"returned_bytes", 4},
                      {"has_more", true},
                      {"content", "abcd"}});
  Json result = run_tool(service_, "get_event_artifact", valid());
  EXPECT_EQ(text_of(result),
            "run r event 3 /stdout: 4 bytes from offset 2 of 10 (text/plain, utf-8); more: call "
            "again with offset 6\nabcd");
}

TEST_F(GetEventArtifactTest, LargeContentStaysInStructuredContentOnly) {
  std::string big(100000, 'z');
  service_.set_reply({{"run_id", "r"},
                      {"seq", 3},
                      {"field_path", "/stdout"},
                      {"offset", 0},
                      {"returned_bytes", 100000},
                      {"has_more", false},
                      {"content", big}});
  Json result = run_tool(service_, "get_event_artifact", valid());
  EXPECT_THAT(text_of(result), HasSubstr("(content in structuredContent)"));
  EXPECT_LT(text_of(result).size(), 1000u);
  EXPECT_EQ(result["structuredContent"]["content"], big);
}

}  // namespace
}  // namespace agenthub::mcp::testing
