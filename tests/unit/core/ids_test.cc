#include "core/ids.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "core/clock.h"

namespace agenthub {
namespace {

TEST(Ids, UuidShapes) {
  std::regex v4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::regex v7("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  EXPECT_TRUE(std::regex_match(new_uuid_v4(), v4));
  EXPECT_TRUE(std::regex_match(new_uuid_v7(), v7));
  EXPECT_EQ(random_hex(16).size(), 32u);
}

TEST(Ids, V7IdsSortInCreationOrderAndNeverRepeat) {
  std::set<std::string> seen;
  std::string previous;
  for (int i = 0; i < 20000; ++i) {
    std::string id = new_uuid_v7();
    EXPECT_LT(previous, id);
    EXPECT_TRUE(seen.insert(id).second);
    previous = id;
  }
}

TEST(Clock, Iso8601Utc) {
  std::chrono::system_clock::time_point t{std::chrono::milliseconds(1'764'300'278'123)};
  EXPECT_EQ(iso8601(t), "2025-11-28T03:24:38.123Z");
}

}  // namespace
}  // namespace agenthub
