#include "hub/event_file_reader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "hub/storage_layout.h"
#include "temp_dir.h"

namespace agenthub::hub {
namespace {

using testing::TempDir;

std::string line(std::int64_t seq, const std::string& type = "agent_message") {
  RunEvent e;
  e.seq = seq;
  e.ts = "2025-01-01T00:00:00Z";
  e.run_id = "r1";
  e.session_id = "s1";
  e.backend = Backend::kRemoteA2a;
  e.type = parse_event_type(type);
  e.data = {{"text", "event " + std::to_string(seq)}};
  return dump_json(encode(e)) + "\n";
}

class EventFileReaderTest : public ::testing::Test {
 protected:
  void write(const std::string& content) {
    std::ofstream(dir_.path() / kEventsFileName, std::ios::binary) << content;
  }
  TempDir dir_{"hub-reader"};
};

TEST_F(EventFileReaderTest, NoFileMeansNoEvents) {
  auto events = read_events_after(dir_.path(), 0, 10);
  ASSERT_TRUE(events.ok());
  EXPECT_TRUE(events->empty());
  auto missing = read_event_at(dir_.path(), 1);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(EventFileReaderTest, AfterSeqAndLimit) {
  write(line(1) + line(2) + line(3) + line(4));
  auto events = read_events_after(dir_.path(), 1, 2);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].seq, 2);
  EXPECT_EQ((*events)[1].seq, 3);
  auto at = read_event_at(dir_.path(), 4);
  ASSERT_TRUE(at.ok());
  EXPECT_EQ(at->data["text"], "event 4");
}

TEST_F(EventFileReaderTest, TornLastLineAndGarbageSkippedNotRepaired) {
  const std::string torn = line(3).substr(0, 20);
  write(line(1) + "not json\n" + line(2) + torn);
  auto events = read_events_after(dir_.path(), 0, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[1].seq, 2);
  EXPECT_FALSE(read_event_at(dir_.path(), 3).ok());
  // Read-only: the file is left as it was.
  std::ifstream in(dir_.path() / kEventsFileName, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, line(1) + "not json\n" + line(2) + torn);
}

}  // namespace
}  // namespace agenthub::hub
