#include "core/base64.h"

#include <gtest/gtest.h>

namespace agenthub {
namespace {

TEST(Base64, EncodesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\xfb\xff", 2)), "+/8=");  // standard alphabet
}

TEST(Base64, DecodesWithAndWithoutPadding) {
  EXPECT_EQ(base64_decode(""), "");
  EXPECT_EQ(base64_decode("Zg=="), "f");
  EXPECT_EQ(base64_decode("Zg"), "f");
  EXPECT_EQ(base64_decode("Zm8="), "fo");
  EXPECT_EQ(base64_decode("Zm8"), "fo");
  EXPECT_EQ(base64_decode("Zm9vYmFy"), "foobar");
  EXPECT_EQ(base64_decode("+/8="), std::string("\xfb\xff", 2));
  EXPECT_EQ(base64_decode("-_8"), std::string("\xfb\xff", 2));  // URL-safe alphabet
}

TEST(Base64, RejectsInvalidInput) {
  EXPECT_FALSE(base64_decode("Zm9v!").has_value());
  EXPECT_FALSE(base64_decode("Zm 9v").has_value());
  EXPECT_FALSE(base64_decode("Zm9v\n").has_value());
  EXPECT_FALSE(base64_decode("Z").has_value());      // no encoder emits 1 char mod 4
  EXPECT_FALSE(base64_decode("Zg=").has_value());    // partial padding
  EXPECT_FALSE(base64_decode("Zg===").has_value());  // too much padding
  EXPECT_FALSE(base64_decode("Zm=9v").has_value());  // padding inside
  EXPECT_FALSE(base64_decode("Zm9v=").has_value());  // padding after a full quantum
  EXPECT_FALSE(base64_decode("=").has_value());
  EXPECT_FALSE(base64_decode(std::string("Zm\0v", 4)).has_value());
}

TEST(Base64, RoundTripsEveryByteAndLength) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  for (std::size_t len = 0; len <= bytes.size(); len += 37) {
    const std::string slice = bytes.substr(0, len);
    EXPECT_EQ(base64_decode(base64_encode(slice)), slice) << len;
  }
  EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
}

}  // namespace
}  // namespace agenthub
