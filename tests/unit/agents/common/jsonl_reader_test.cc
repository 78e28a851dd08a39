#include "agents/common/jsonl_reader.h"

#include <gtest/gtest.h>

#include <vector>

namespace agenthub::agents {
namespace {

using Kind = JsonlItem::Kind;

std::vector<JsonlItem> drain(JsonlParser& parser) {
  std::vector<JsonlItem> out;
  while (auto item = parser.pop()) out.push_back(std::move(*item));
  return out;
}

std::vector<JsonlItem> parse_all(std::string_view text, JsonlOptions options = {}) {
  JsonlParser parser(options);
  parser.feed(text);
  parser.finish();
  return drain(parser);
}

std::vector<JsonlItem> read_all(JsonlReader& reader) {
  std::vector<JsonlItem> out;
  while (auto item = reader.next()) out.push_back(std::move(*item));
  return out;
}

const std::string kDocument =
    "{\"type\":\"thread.started\",\"thread_id\":\"t1\"}\n"
    "{\"type\":\"item.completed\",\"item\":{\"text\":\"caf\xC3\xA9 \xE2\x82\xAC\"}}\n"
    "\n"
    "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":3}}\n";

void expect_document(const std::vector<JsonlItem>& items) {
  ASSERT_EQ(items.size(), 3u);
  for (const JsonlItem& item : items) EXPECT_TRUE(item.ok()) << item.error;
  EXPECT_EQ(items[0].value["thread_id"], "t1");
  EXPECT_EQ(items[1].value["item"]["text"], "caf\xC3\xA9 \xE2\x82\xAC");
  EXPECT_EQ(items[2].value["usage"]["input_tokens"], 3);
  EXPECT_EQ(items[0].line_number, 1u);
  EXPECT_EQ(items[2].line_number, 4u);  // the blank line counts but yields nothing
}

TEST(JsonlParserTest, SplitAtEveryOffset) {
  for (std::size_t cut = 0; cut <= kDocument.size(); ++cut) {
    JsonlParser parser;
    parser.feed(std::string_view(kDocument).substr(0, cut));
    parser.feed(std::string_view(kDocument).substr(cut));
    parser.finish();
    SCOPED_TRACE("cut at " + std::to_string(cut));
    expect_document(drain(parser));
  }
}

TEST(JsonlParserTest, OneByteAtATime) {
  JsonlParser parser;
  for (char c : kDocument) parser.feed(std::string_view(&c, 1));
  parser.finish();
  expect_document(drain(parser));
}

TEST(JsonlReaderTest, PullsFromSourceInAnyChunkSize) {
  for (std::size_t chunk : {1u, 2u, 7u, 64u, 4096u}) {
    JsonlReader reader(string_source(kDocument, chunk), JsonlOptions{.read_chunk_bytes = chunk});
    SCOPED_TRACE("chunk " + std::to_string(chunk));
    expect_document(read_all(reader));
  }
}

TEST(JsonlParserTest, LastLineWithoutNewline) {
  auto items = parse_all("{\"a\":1}\n{\"b\":2}");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].value["b"], 2);
  EXPECT_EQ(items[1].line_number, 2u);
}

TEST(JsonlParserTest, NothingBeforeFinishForAnUnterminatedLine) {
  JsonlParser parser;
  parser.feed("{\"a\":1}");
  EXPECT_FALSE(parser.has_item());
  parser.finish();
  EXPECT_TRUE(parser.has_item());
}

TEST(JsonlParserTest, CrLfAndBlankLines) {
  auto items = parse_all("{\"a\":1}\r\n\r\n   \n\t\n{\"b\":2}\r\n");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0].ok());
  EXPECT_TRUE(items[1].ok());
}

TEST(JsonlParserTest, OverlongLineIsSkippedAndReadingGoesOn) {
  JsonlOptions options{.max_line_bytes = 64, .preview_bytes = 10};
  std::string huge = "{\"text\":\"" + std::string(1000, 'x') + "\"}";
  for (std::size_t chunk : {1u, 5u, 64u, 65u, 100000u}) {
    JsonlReader reader(string_source("{\"a\":1}\n" + huge + "\n{\"b\":2}\n", chunk), options);
    auto items = read_all(reader);
    SCOPED_TRACE("chunk " + std::to_string(chunk));
    ASSERT_EQ(items.size(), 3u);
    EXPECT_TRUE(items[0].ok());
    EXPECT_EQ(items[1].kind, Kind::kOversizedLine);
    EXPECT_EQ(items[1].line_bytes, huge.size());
    EXPECT_EQ(items[1].line_number, 2u);
    EXPECT_EQ(items[1].preview, "{\"text\":\"x");
    EXPECT_NE(items[1].error.find("exceeds"), std::string::npos);
    EXPECT_EQ(items[2].value["b"], 2);
  }
}

TEST(JsonlParserTest, LineExactlyAtTheLimitIsKept) {
  std::string line = "{\"t\":\"" + std::string(56, 'y') + "\"}";
  ASSERT_EQ(line.size(), 64u);
  auto items = parse_all(line + "\n", JsonlOptions{.max_line_bytes = 64});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(items[0].ok());
}

TEST(JsonlParserTest, OverlongLastLineWithoutNewline) {
  auto items = parse_all("{\"a\":1}\n" + std::string(500, 'z'), JsonlOptions{.max_line_bytes = 64});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].kind, Kind::kOversizedLine);
  EXPECT_EQ(items[1].line_bytes, 500u);
}

TEST(JsonlParserTest, InvalidUtf8IsRepairedBeforeParsing) {
  auto items = parse_all("{\"text\":\"bad \xFF\xFE end \xE2\x82\"}\n");
  ASSERT_EQ(items.size(), 1u);
  ASSERT_TRUE(items[0].ok()) << items[0].error;
  EXPECT_TRUE(items[0].repaired_utf8);
  EXPECT_EQ(items[0].value["text"], "bad \xEF\xBF\xBD\xEF\xBF\xBD end \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(JsonlParserTest, GarbageBecomesBadLinesWithPreview) {
  auto items = parse_all(
      "not json at all\n"
      "{\"cut\":\n"
      "[1,2,3]\n"
      "\"str\"\n"
      "\x01\x02\xFF junk\n"
      "{\"ok\":true}\n",
      JsonlOptions{.preview_bytes = 6});
  ASSERT_EQ(items.size(), 6u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(items[i].kind, Kind::kBadLine) << i;
    EXPECT_FALSE(items[i].error.empty()) << i;
    EXPECT_LE(items[i].preview.size(), 6u);
  }
  EXPECT_EQ(items[0].preview, "not js");
  EXPECT_NE(items[2].error.find("array"), std::string::npos);
  EXPECT_NE(items[3].error.find("string"), std::string::npos);
  EXPECT_EQ(items[4].preview, "\x01\x02\xEF\xBF\xBD ");  // the preview itself is valid UTF-8
  EXPECT_TRUE(items[5].ok());
  EXPECT_EQ(jsonl_kind_name(items[0].kind), "bad_line");
}

TEST(JsonlParserTest, PreviewNeverCutsACharacter) {
  auto items = parse_all("\xE2\x82\xAC\xE2\x82\xAC not json\n", JsonlOptions{.preview_bytes = 4});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].preview, "\xE2\x82\xAC");
}

TEST(JsonlParserTest, RefusesExcessiveNesting) {
  std::string deep = std::string(300, '[') + std::string(300, ']');
  std::string deep_object = "{\"a\":" + deep + "}";
  std::string in_string = "{\"a\":\"" + std::string(300, '[') + "\"}";
  auto items = parse_all(deep_object + "\n" + in_string + "\n", JsonlOptions{.max_depth = 256});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].kind, Kind::kBadLine);
  EXPECT_NE(items[0].error.find("deeper"), std::string::npos);
  EXPECT_TRUE(items[1].ok());  // brackets inside strings do not count
}

TEST(JsonlReaderTest, ReadErrorComesAfterThePendingLine) {
  int calls = 0;
  ByteSource failing = [&calls](std::span<char> buf) -> Result<std::size_t> {
    if (calls++ == 0) {
      std::string_view data = "{\"a\":1}\n{\"b\":2}";
      std::copy(data.begin(), data.end(), buf.begin());
      return data.size();
    }
    return Error{ErrorCode::kIo, "read: boom"};
  };
  JsonlReader reader(failing);
  auto items = read_all(reader);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_TRUE(items[0].ok());
  EXPECT_EQ(items[1].value["b"], 2);
  EXPECT_EQ(items[2].kind, Kind::kReadError);
  EXPECT_NE(items[2].error.find("boom"), std::string::npos);
  EXPECT_FALSE(reader.next().has_value());
}

TEST(JsonlReaderTest, EmptyInput) {
  JsonlReader reader(string_source(""));
  EXPECT_FALSE(reader.next().has_value());
  EXPECT_FALSE(reader.next().has_value());
}

}  // namespace
}  // namespace agenthub::agents
