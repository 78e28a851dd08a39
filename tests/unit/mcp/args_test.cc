#include "mcp/args.h"

#include <gtest/gtest.h>

#include <limits>

namespace agenthub::mcp {
namespace {

constexpr auto kMax = std::numeric_limits<std::int64_t>::max();

TEST(ArgReader, IntegersAcceptIntegralNumbersOnly) {
  Json args = {{"a", 3},
               {"b", 3.0},
               {"c", 3.5},
               {"d", "3"},
               {"e", -2},
               {"f", 9223372036854775807LL},
               {"g", 9223372036854775808ULL},
               {"h", 9.3e18},
               {"i", false}};
  ArgErrors errors;
  ArgReader r(args, "", errors);
  EXPECT_EQ(r.integer("a", 0, kMax, Need::kRequired), 3);
  EXPECT_EQ(r.integer("b", 0, kMax, Need::kRequired), 3);
  EXPECT_EQ(r.integer("c", 0, kMax, Need::kRequired), std::nullopt);
  EXPECT_EQ(r.integer("d", 0, kMax, Need::kRequired), std::nullopt);
  EXPECT_EQ(r.integer("e", -5, 5, Need::kRequired), -2);
  EXPECT_EQ(r.integer("f", 0, kMax, Need::kRequired), kMax);
  EXPECT_EQ(r.integer("g", 0, kMax, Need::kRequired), std::nullopt);
  EXPECT_EQ(r.integer("h", 0, kMax, Need::kRequired), std::nullopt);
  EXPECT_EQ(r.integer("i", 0, kMax, Need::kRequired), std::nullopt);
  EXPECT_EQ(r.integer("absent", 0, kMax, Need::kOptional), std::nullopt);
  ASSERT_EQ(errors.messages().size(), 5u);
  EXPECT_EQ(errors.messages()[0], "c: must be an integer >= 0, got 3.5");
  EXPECT_EQ(errors.messages()[1], "d: must be an integer >= 0, got \"3\"");
}

TEST(ArgReader, NullIsAbsent) {
  Json args = {{"s", nullptr}};
  ArgErrors errors;
  ArgReader r(args, "", errors);
  EXPECT_EQ(r.string("s", Need::kOptional), std::nullopt);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(r.string("s", Need::kRequired), std::nullopt);
  EXPECT_EQ(errors.messages().at(0), "s: required, a string");
}

TEST(ArgReader, NestedFieldsAreNamedWithTheirPath) {
  Json inner = {{"x", 1}};
  ArgErrors errors;
  ArgReader r(inner, "outer.list[2]", errors);
  (void)r.string("x", Need::kRequired);
  r.reject_unknown({"y"});
  EXPECT_EQ(errors.messages().at(0), "outer.list[2].x: must be a string, got 1");
  EXPECT_EQ(errors.messages().at(1), "outer.list[2].x: unknown field (expected one of: y)");
  EXPECT_EQ(errors.to_error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(errors.to_error().message, errors.messages()[0] + "; " + errors.messages()[1]);
}

TEST(ArgReader, AbsolutePaths) {
  Json args = {{"a", "/x"}, {"b", "x"}, {"c", std::string("/a\0b", 4)}};
  ArgErrors errors;
  ArgReader r(args, "", errors);
  EXPECT_EQ(r.absolute_path("a", Need::kRequired), "/x");
  EXPECT_EQ(r.absolute_path("b", Need::kRequired), std::nullopt);
  EXPECT_EQ(r.absolute_path("c", Need::kRequired), std::nullopt);
  EXPECT_EQ(errors.messages().size(), 2u);
}

TEST(DescribeValue, ShortAndSafe) {
  EXPECT_EQ(describe_value(Json("rel")), "\"rel\"");
  EXPECT_EQ(describe_value(Json::object()), "an object");
  EXPECT_EQ(describe_value(Json::array()), "an array");
  EXPECT_EQ(describe_value(Json(nullptr)), "null");
  std::string long_text(500, 'x');
  std::string shown = describe_value(Json(long_text));
  EXPECT_LT(shown.size(), 100u);
  EXPECT_NE(shown.find("...\" (a string)"), std::string::npos);
  // Invalid UTF-8 never breaks the message.
  EXPECT_EQ(describe_value(Json("a\xff")), "\"a\xEF\xBF\xBD\"");
}

}  // namespace
}  // namespace agenthub::mcp
