#include "core/json_pointer.h"

#include <gtest/gtest.h>

namespace agenthub {
namespace {

TEST(JsonPointer, ParsesRfc6901Escapes) {
  auto t = parse_json_pointer("/a~1b/m~0n/0");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, (std::vector<std::string>{"a/b", "m~n", "0"}));
  EXPECT_EQ(join_json_pointer(*t), "/a~1b/m~0n/0");
  EXPECT_TRUE(parse_json_pointer("")->empty());
  EXPECT_EQ(*parse_json_pointer("/"), std::vector<std::string>{""});
}

TEST(JsonPointer, RejectsMalformedPointers) {
  EXPECT_EQ(parse_json_pointer("a/b").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(parse_json_pointer("/a~2").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(parse_json_pointer("/a~").error().code, ErrorCode::kInvalidArgument);
}

TEST(JsonPointer, ResolvesObjectsAndArrays) {
  Json doc = Json::parse(R"({"a":{"b":[10,20,{"c":"x"}]},"":1})");
  EXPECT_EQ(**find_json_pointer(doc, "/a/b/1"), 20);
  EXPECT_EQ(**find_json_pointer(doc, "/a/b/2/c"), "x");
  EXPECT_EQ(**find_json_pointer(doc, "/"), 1);
  EXPECT_EQ(*find_json_pointer(doc, ""), &doc);
  EXPECT_EQ(find_json_pointer(doc, "/a/b/01").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(find_json_pointer(doc, "/a/b/-").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(find_json_pointer(doc, "/a/b/3").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(find_json_pointer(doc, "/a/b/1/x").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace agenthub
