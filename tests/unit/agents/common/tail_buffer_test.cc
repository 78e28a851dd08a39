#include "agents/common/tail_buffer.h"

#include <gtest/gtest.h>

namespace agenthub::agents {
namespace {

TEST(TailBufferTest, KeepsEverythingBelowCapacity) {
  TailBuffer tail(16);
  tail.append("abc");
  tail.append("def");
  EXPECT_EQ(tail.text(), "abcdef");
  EXPECT_EQ(tail.total_bytes(), 6u);
  EXPECT_FALSE(tail.truncated());
}

TEST(TailBufferTest, KeepsOnlyTheLastBytes) {
  TailBuffer tail(8);
  for (int i = 0; i < 100; ++i) tail.append("0123456789");
  tail.append("end");
  EXPECT_EQ(tail.text(), "56789end");
  EXPECT_EQ(tail.total_bytes(), 1003u);
  EXPECT_TRUE(tail.truncated());
}

TEST(TailBufferTest, OneAppendLargerThanCapacity) {
  TailBuffer tail(4);
  tail.append("abcdefghij");
  EXPECT_EQ(tail.text(), "ghij");
}

TEST(TailBufferTest, DropsCharacterCutAtTheFrontAndRepairsInvalidBytes) {
  TailBuffer tail(5);
  const std::string euro = "\xE2\x82\xAC";
  tail.append("x" + euro + "ab");  // the kept tail starts inside the euro sign
  tail.append("c");
  EXPECT_EQ(tail.text(), "abc");
  TailBuffer raw(16);
  raw.append(std::string("a\xFF") + "b");
  EXPECT_EQ(raw.text(), std::string("a\xEF\xBF\xBD") + "b");
}

TEST(TailBufferTest, ZeroCapacityOnlyCounts) {
  TailBuffer tail(0);
  tail.append("abc");
  EXPECT_EQ(tail.text(), "");
  EXPECT_EQ(tail.total_bytes(), 3u);
}

}  // namespace
}  // namespace agenthub::agents
