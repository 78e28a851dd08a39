#include "a2a/sse_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace agenthub::a2a {
namespace {

std::vector<SseEvent> parse_all(std::string_view stream, std::size_t max = 1 << 20) {
  SseParser parser(max);
  std::vector<SseEvent> out;
  EXPECT_TRUE(parser.feed(stream, out).ok());
  return out;
}

// Feeds `stream` cut into pieces at every position in `cuts`.
std::vector<SseEvent> parse_split(std::string_view stream, const std::vector<std::size_t>& cuts) {
  SseParser parser;
  std::vector<SseEvent> out;
  std::size_t prev = 0;
  for (std::size_t cut : cuts) {
    EXPECT_TRUE(parser.feed(stream.substr(prev, cut - prev), out).ok());
    prev = cut;
  }
  EXPECT_TRUE(parser.feed(stream.substr(prev), out).ok());
  return out;
}

const char kTwoEvents[] =
    ": ping\r\n"
    "\r\n"
    "event: update\r\n"
    "id: 7\r\n"
    "data: {\"a\":1,\r\n"
    "data:\"b\":2}\r\n"
    "\r\n"
    "data: second\r"
    "\r";

void expect_two_events(const std::vector<SseEvent>& events) {
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event, "update");
  EXPECT_EQ(events[0].id, "7");
  EXPECT_EQ(events[0].data, "{\"a\":1,\n\"b\":2}");
  EXPECT_EQ(events[1].event, "");
  EXPECT_EQ(events[1].id, "7");  // the last event id persists
  EXPECT_EQ(events[1].data, "second");
}

TEST(SseParser, ParsesWholeStream) { expect_two_events(parse_all(kTwoEvents)); }

TEST(SseParser, SplitAtEveryByteOffsetGivesTheSameEvents) {
  std::string_view stream = kTwoEvents;
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    SCOPED_TRACE("cut at " + std::to_string(cut));
    expect_two_events(parse_split(stream, {cut}));
  }
}

TEST(SseParser, SplitAtEveryPairOfOffsetsGivesTheSameEvents) {
  std::string_view stream = kTwoEvents;
  for (std::size_t a = 0; a <= stream.size(); ++a) {
    for (std::size_t b = a; b <= stream.size(); ++b) {
      SCOPED_TRACE("cuts at " + std::to_string(a) + "," + std::to_string(b));
      expect_two_events(parse_split(stream, {a, b}));
    }
  }
}

TEST(SseParser, OneByteAtATime) {
  std::string_view stream = kTwoEvents;
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < stream.size(); ++i) cuts.push_back(i);
  expect_two_events(parse_split(stream, cuts));
}

TEST(SseParser, LfCrLfAndCrLineEndingsAreEquivalent) {
  auto lf = parse_all("data: x\ndata: y\n\ndata: z\n\n");
  auto crlf = parse_all("data: x\r\ndata: y\r\n\r\ndata: z\r\n\r\n");
  auto cr = parse_all("data: x\rdata: y\r\rdata: z\r\r");
  auto mixed = parse_all("data: x\rdata: y\r\n\ndata: z\n\r\n");
  for (const auto* events : {&lf, &crlf, &cr, &mixed}) {
    ASSERT_EQ(events->size(), 2u);
    EXPECT_EQ((*events)[0].data, "x\ny");
    EXPECT_EQ((*events)[1].data, "z");
  }
}

TEST(SseParser, CrAtTheEndOfOneReadAndLfAtTheStartOfTheNextIsOneLineEnd) {
  SseParser parser;
  std::vector<SseEvent> out;
  ASSERT_TRUE(parser.feed("data: a\r", out).ok());
  ASSERT_TRUE(parser.feed("\ndata: b\r", out).ok());
  ASSERT_TRUE(parser.feed("\n\r", out).ok());
  ASSERT_TRUE(parser.feed("\n", out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].data, "a\nb");
}

TEST(SseParser, DataWithAndWithoutTheSpace) {
  auto events = parse_all("data:tight\ndata: spaced\ndata:  two\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "tight\nspaced\n two");
}

TEST(SseParser, CommentsAreIgnoredAndCounted) {
  SseParser parser;
  std::vector<SseEvent> out;
  ASSERT_TRUE(parser.feed(": ping\n\n:\n\n: keepalive\ndata: x\n: inside\n\n", out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].data, "x");
  EXPECT_EQ(parser.comments_seen(), 4u);
}

TEST(SseParser, BlocksWithoutDataAreNotEvents) {
  auto events = parse_all("event: lonely\n\nid: 3\n\ndata: real\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "");  // the type of a dataless block does not leak
  EXPECT_EQ(events[0].id, "3");
  EXPECT_EQ(events[0].data, "real");
}

TEST(SseParser, EmptyDataLineDispatchesAnEmptyEvent) {
  auto events = parse_all("data:\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "");
}

TEST(SseParser, FieldsWithoutColonAndUnknownFields) {
  auto events = parse_all("data\nfoo: bar\nevent\ndata: x\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "\nx");
  EXPECT_EQ(events[0].event, "");
}

TEST(SseParser, RetryOnlyWithDigits) {
  auto events = parse_all("retry: 1500\ndata: a\n\nretry: soon\ndata: b\n\n");
  ASSERT_EQ(events.size(), 2u);
  ASSERT_TRUE(events[0].retry_ms.has_value());
  EXPECT_EQ(*events[0].retry_ms, 1500);
  EXPECT_FALSE(events[1].retry_ms.has_value());
}

TEST(SseParser, IdWithNulIsIgnored) {
  std::string stream = "id: ok\ndata: a\n\nid: b";
  stream += '\0';
  stream += "d\ndata: b\n\n";
  auto events = parse_all(stream);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].id, "ok");
}

TEST(SseParser, LeadingBomIsStrippedEvenWhenSplit) {
  SseParser parser;
  std::vector<SseEvent> out;
  ASSERT_TRUE(parser.feed("\xEF", out).ok());
  ASSERT_TRUE(parser.feed("\xBB", out).ok());
  ASSERT_TRUE(parser
                  .feed("\xBF"
                        "data: x\n\n",
                        out)
                  .ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].data, "x");
}

TEST(SseParser, UnfinishedEventIsReportedAsPartial) {
  SseParser parser;
  std::vector<SseEvent> out;
  ASSERT_TRUE(parser.feed("data: complete\n\ndata: cut", out).ok());
  EXPECT_EQ(out.size(), 1u);
  EXPECT_TRUE(parser.has_partial_event());
  SseParser idle;
  ASSERT_TRUE(idle.feed(": ping\n\n", out).ok());
  EXPECT_FALSE(idle.has_partial_event());
}

TEST(SseParser, OversizedLineFailsWithResourceExhausted) {
  SseParser parser(64);
  std::vector<SseEvent> out;
  ASSERT_TRUE(parser.feed("data: small\n\n", out).ok());
  Status st = parser.feed("data: " + std::string(100, 'x'), out);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kResourceExhausted);
  EXPECT_NE(st.error().message.find("64 bytes"), std::string::npos);
  // The parser stays failed.
  EXPECT_FALSE(parser.feed("\n\ndata: again\n\n", out).ok());
  EXPECT_EQ(out.size(), 1u);
}

TEST(SseParser, OversizedEventMadeOfManySmallLinesFails) {
  SseParser parser(64);
  std::vector<SseEvent> out;
  Status st;
  for (int i = 0; i < 20 && st.ok(); ++i) st = parser.feed("data: 0123456789\n", out);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kResourceExhausted);
  EXPECT_TRUE(out.empty());
}

TEST(SseParser, ManyEventsInOneRead) {
  std::string stream;
  for (int i = 0; i < 1000; ++i) stream += "data: " + std::to_string(i) + "\n\n";
  auto events = parse_all(stream);
  ASSERT_EQ(events.size(), 1000u);
  EXPECT_EQ(events[999].data, "999");
}

}  // namespace
}  // namespace agenthub::a2a
