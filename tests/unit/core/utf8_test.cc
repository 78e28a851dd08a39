#include "core/utf8.h"

#include <gtest/gtest.h>

namespace agenthub {
namespace {

TEST(Utf8, ValidatesAndRejects) {
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));               // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));           // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));       // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));   // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(Utf8, SanitizeReplacesEachBadByte) {
  EXPECT_EQ(sanitize_utf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(sanitize_utf8("\xC3"), "\xEF\xBF\xBD");
  EXPECT_EQ(sanitize_utf8("\xE2\x82\xAC"), "\xE2\x82\xAC");
}

TEST(Utf8, CountsAndCutsOnCharacterBoundaries) {
  const std::string s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // a é € 😀
  EXPECT_EQ(utf8_length(s), 4u);
  EXPECT_EQ(utf8_prefix_bytes(s, 0), 0u);
  EXPECT_EQ(utf8_prefix_bytes(s, 2), 3u);
  EXPECT_EQ(utf8_prefix_bytes(s, 3), 6u);
  EXPECT_EQ(utf8_prefix_bytes(s, 99), s.size());
  EXPECT_EQ(utf8_safe_cut(s, 2), 1u);   // inside é
  EXPECT_EQ(utf8_safe_cut(s, 3), 3u);
  EXPECT_EQ(utf8_safe_cut(s, 9), 6u);   // inside 😀
  EXPECT_EQ(utf8_safe_cut(s, 100), s.size());
}

}  // namespace
}  // namespace agenthub
