#include "mcp/message_decoder.h"

#include <gtest/gtest.h>

namespace agenthub::mcp {
namespace {

using Kind = DecodedMessage::Kind;

TEST(MessageDecoder, DecodesRequestsAndNotifications) {
  auto request = decode_message(R"({"jsonrpc":"2.0","id":0,"method":"ping"})");
  ASSERT_EQ(request.kind, Kind::kRequest);
  EXPECT_EQ(request.request.method, "ping");
  EXPECT_EQ(request.request.id, 0);
  auto notification = decode_message(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  EXPECT_EQ(notification.kind, Kind::kNotification);
}

TEST(MessageDecoder, InvalidJsonIsAParseErrorWithNullId) {
  for (const char* text : {"not json", "{\"jsonrpc\":\"2.0\",\"id\":1,", "", "{}}"}) {
    auto m = decode_message(text);
    ASSERT_EQ(m.kind, Kind::kInvalid) << text;
    EXPECT_EQ(m.error_response["error"]["code"], -32700) << text;
    EXPECT_TRUE(m.error_response["id"].is_null());
    EXPECT_EQ(m.error_response["jsonrpc"], "2.0");
  }
}

TEST(MessageDecoder, BatchesAreRefused) {
  auto m = decode_message(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])");
  ASSERT_EQ(m.kind, Kind::kInvalid);
  EXPECT_EQ(m.error_response["error"]["code"], -32600);
  EXPECT_TRUE(m.error_response["id"].is_null());
  EXPECT_EQ(decode_message("[]").error_response["error"]["code"], -32600);
}

TEST(MessageDecoder, MalformedRequestsKeepTheirIdWhenTheyHaveOne) {
  auto no_version = decode_message(R"({"id":5,"method":"ping"})");
  EXPECT_EQ(no_version.error_response["error"]["code"], -32600);
  EXPECT_EQ(no_version.error_response["id"], 5);
  auto bad_method = decode_message(R"({"jsonrpc":"2.0","id":"q","method":7})");
  EXPECT_EQ(bad_method.error_response["id"], "q");
  auto bad_params = decode_message(R"({"jsonrpc":"2.0","id":1,"method":"ping","params":3})");
  EXPECT_EQ(bad_params.error_response["error"]["code"], -32600);
  auto null_id = decode_message(R"({"jsonrpc":"2.0","id":null,"method":"ping"})");
  EXPECT_EQ(null_id.kind, Kind::kInvalid);
  EXPECT_EQ(null_id.error_response["error"]["code"], -32600);
  auto object_id = decode_message(R"({"jsonrpc":"2.0","id":{},"method":"ping"})");
  EXPECT_EQ(object_id.error_response["error"]["code"], -32600);
  EXPECT_TRUE(object_id.error_response["id"].is_null());
  EXPECT_EQ(decode_message("42").error_response["error"]["code"], -32600);
}

TEST(MessageDecoder, ClientResponsesAreRecognisedAndDropped) {
  EXPECT_EQ(decode_message(R"({"jsonrpc":"2.0","id":1,"result":{}})").kind, Kind::kResponse);
  EXPECT_EQ(decode_message(R"({"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"x"}})").kind,
            Kind::kResponse);
}

TEST(MessageDecoder, InvalidUtf8IsReplacedAndTheRequestServed) {
  std::string line = std::string(R"({"jsonrpc":"2.0","id":"a)") + "\xff\xfe" +
                     R"(","method":"ping","params":{"x":")" + "\xc3\x28" + R"("}})";
  auto m = decode_message(line);
  ASSERT_EQ(m.kind, Kind::kRequest);
  EXPECT_EQ(m.request.id, "a\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(m.request.params["x"], "\xEF\xBF\xBD(");
}

TEST(MessageDecoder, DeepNestingIsRefusedBeforeParsing) {
  std::string deep(100000, '[');
  auto m = decode_message(deep);
  ASSERT_EQ(m.kind, Kind::kInvalid);
  EXPECT_EQ(m.error_response["error"]["code"], -32600);
  std::string ok = R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"a":)" +
                   std::string(100, '[') + std::string(100, ']') + "}}";
  EXPECT_EQ(decode_message(ok).kind, Kind::kRequest);
}

TEST(MessageDecoder, NestingCountSkipsStrings) {
  EXPECT_FALSE(json_nests_deeper_than(R"({"a":"[[[[[[[[[[\"[[[["})", 2));
  EXPECT_TRUE(json_nests_deeper_than("[[[", 2));
  EXPECT_FALSE(json_nests_deeper_than("[[]][[]]", 2));
}

TEST(MessageDecoder, OversizedResponse) {
  Json r = oversized_message_response(16);
  EXPECT_EQ(r["error"]["code"], -32600);
  EXPECT_TRUE(r["id"].is_null());
}

}  // namespace
}  // namespace agenthub::mcp
