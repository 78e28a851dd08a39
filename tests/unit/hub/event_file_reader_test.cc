#include "hub/event_file_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
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

// A last line that is complete JSON but lacks its newline may still be cut away by the
// writer's repair: it is not served.
TEST_F(EventFileReaderTest, LastLineWithoutNewlineIsNotServed) {
  std::string third = line(3);
  third.pop_back();
  write(line(1) + line(2) + third);
  auto events = read_events_after(dir_.path(), 0, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(read_event_at(dir_.path(), 3).error().code, ErrorCode::kNotFound);
}

// The same events as EventLog serves: duplicates (first wins) and seqs that do not follow are
// skipped, so a reader never shows an event a later repair removes.
TEST_F(EventFileReaderTest, DuplicateAndOutOfSequenceSeqsAreSkipped) {
  std::string dup = line(2);
  dup.replace(dup.find("event 2"), 7, "again 2");
  write(line(1) + line(2) + dup + line(5) + line(3) + line(7));
  auto events = read_events_after(dir_.path(), 0, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*events)[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ((*events)[i].data["text"], "event " + std::to_string(i + 1));
  }
  EXPECT_EQ(read_event_at(dir_.path(), 2)->data["text"], "event 2");
  EXPECT_FALSE(read_event_at(dir_.path(), 5).ok());
}

// Wherever the file is cut, the reader returns whole events 1..k and never a partial one.
TEST_F(EventFileReaderTest, EveryCutServesWholeEventsOnly) {
  const std::string full = line(1) + line(2) + line(3);
  for (std::size_t cut = 0; cut <= full.size(); ++cut) {
    SCOPED_TRACE("cut at byte " + std::to_string(cut));
    const std::string part = full.substr(0, cut);
    write(part);
    auto events = read_events_after(dir_.path(), 0, 10);
    ASSERT_TRUE(events.ok());
    const auto whole_lines = static_cast<std::size_t>(std::count(part.begin(), part.end(), '\n'));
    ASSERT_EQ(events->size(), whole_lines);
    for (std::size_t i = 0; i < whole_lines; ++i) {
      EXPECT_EQ(dump_json(encode((*events)[i])) + "\n", line(static_cast<std::int64_t>(i + 1)));
    }
  }
}

}  // namespace
}  // namespace agenthub::hub
