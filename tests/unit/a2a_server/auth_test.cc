#include "a2a/auth.h"

#include <gtest/gtest.h>

namespace agenthub::a2a {
namespace {

TEST(ConstantTimeEqual, ComparesContentsAndLengths) {
  EXPECT_TRUE(constant_time_equal("secret", "secret"));
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_FALSE(constant_time_equal("secret", "secreT"));
  EXPECT_FALSE(constant_time_equal("secret", "secret2"));
  EXPECT_FALSE(constant_time_equal("secret2", "secret"));
  EXPECT_FALSE(constant_time_equal("", "x"));
}

TEST(CheckBearer, AcceptsTheExactTokenWithAnyCaseScheme) {
  EXPECT_TRUE(check_bearer("Bearer abc123", "abc123"));
  EXPECT_TRUE(check_bearer("bearer abc123", "abc123"));
  EXPECT_TRUE(check_bearer("BEARER  abc123 ", "abc123"));
}

TEST(CheckBearer, RejectsEverythingElse) {
  EXPECT_FALSE(check_bearer("", "abc123"));
  EXPECT_FALSE(check_bearer("Bearer", "abc123"));
  EXPECT_FALSE(check_bearer("Bearer ", "abc123"));
  EXPECT_FALSE(check_bearer("Basic abc123", "abc123"));
  EXPECT_FALSE(check_bearer("Bearer abc12", "abc123"));
  EXPECT_FALSE(check_bearer("Bearer abc1234", "abc123"));
  EXPECT_FALSE(check_bearer("abc123", "abc123"));
  // An empty expected token never matches, even an empty presented one.
  EXPECT_FALSE(check_bearer("Bearer ", ""));
}

TEST(BearerToken, IsLongRandomHexAndRoundTripsThroughTheHeader) {
  const std::string a = generate_bearer_token();
  const std::string b = generate_bearer_token();
  EXPECT_EQ(a.size(), 64U);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
  EXPECT_TRUE(check_bearer(bearer_header_value(a), a));
}

}  // namespace
}  // namespace agenthub::a2a
