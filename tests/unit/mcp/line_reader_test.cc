#include "mcp/line_reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "core/fs.h"
#include "core/unique_fd.h"

namespace agenthub::mcp {
namespace {

using Status = LineReader::Status;

struct Pipe {
  Pipe() {
    int fds[2];
    EXPECT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    read_end.reset(fds[0]);
    write_end.reset(fds[1]);
  }
  void write(std::string_view data) { ASSERT_TRUE(write_all(write_end.get(), data).ok()); }
  UniqueFd read_end;
  UniqueFd write_end;
};

TEST(LineReader, SplitsLinesAndDropsCarriageReturns) {
  Pipe p;
  p.write("one\r\ntwo\n\nthree");
  p.write_end.reset();
  LineReader reader(p.read_end.get(), -1, 100);
  std::string line;
  ASSERT_EQ(reader.next(line), Status::kLine);
  EXPECT_EQ(line, "one");
  ASSERT_EQ(reader.next(line), Status::kLine);
  EXPECT_EQ(line, "two");
  ASSERT_EQ(reader.next(line), Status::kLine);
  EXPECT_EQ(line, "");
  ASSERT_EQ(reader.next(line), Status::kLine);
  EXPECT_EQ(line, "three");
  EXPECT_EQ(reader.next(line), Status::kEof);
  EXPECT_EQ(reader.next(line), Status::kEof);
}

TEST(LineReader, SkipsOverlongLinesAndResumesAfterThem) {
  Pipe p;
  LineReader reader(p.read_end.get(), -1, 10);
  std::string line;
  p.write("short\n" + std::string(25, 'x') + "\nnext\n");
  ASSERT_EQ(reader.next(line), Status::kLine);
  EXPECT_EQ(line, "short");
  EXPECT_EQ(reader.next(line), Status::kTooLong);
  ASSERT_EQ(reader.next(line), Status::kLine);
  EXPECT_EQ(line, "next");
  // A long line arriving in pieces (more than a pipe holds) is dropped without being kept.
  std::jthread writer([&p] {
    for (int i = 0; i < 200; ++i) (void)write_all(p.write_end.get(), std::string(1000, 'y'));
    (void)write_all(p.write_end.get(), "\nlast\n");
    p.write_end.reset();
  });
  EXPECT_EQ(reader.next(line), Status::kTooLong);
  ASSERT_EQ(reader.next(line), Status::kLine);
  EXPECT_EQ(line, "last");
  EXPECT_EQ(reader.next(line), Status::kEof);
}

TEST(LineReader, AnOverlongLineCutByEofIsReported) {
  Pipe p;
  p.write(std::string(50, 'z'));
  p.write_end.reset();
  LineReader reader(p.read_end.get(), -1, 10);
  std::string line;
  EXPECT_EQ(reader.next(line), Status::kTooLong);
  EXPECT_EQ(reader.next(line), Status::kEof);
}

TEST(LineReader, StopsWhenTheStopFdIsReadable) {
  Pipe input;
  Pipe stop;
  stop.write("x");
  LineReader reader(input.read_end.get(), stop.read_end.get(), 100);
  std::string line;
  EXPECT_EQ(reader.next(line), Status::kStopped);
}

}  // namespace
}  // namespace agenthub::mcp
