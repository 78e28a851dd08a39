#include "a2a/client/rpc_answer.h"

#include <gtest/gtest.h>

namespace agenthub::a2a {
namespace {

const Url kUrl{"http", "127.0.0.1", 4242, "/a2a/jsonrpc"};

HttpResponse json_answer(Json body, int status = 200) {
  return {status, "application/json", dump_json(body)};
}

Result<Json> decode(const HttpResponse& r, Json id = 7) {
  return decode_rpc_answer(r, kUrl, id, "application/json");
}

TEST(RpcAnswer, ResultIsReturned) {
  auto r = decode(json_answer({{"jsonrpc", "2.0"}, {"id", 7}, {"result", {{"x", 1}}}}));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ((*r)["x"], 1);
}

TEST(RpcAnswer, A2aErrorsMapBackThroughTheErrorTable) {
  struct Case {
    int code;
    ErrorCode expected;
  };
  for (auto [code, expected] :
       {Case{-32001, ErrorCode::kTaskNotFound}, Case{-32002, ErrorCode::kTaskNotCancelable},
        Case{-32601, ErrorCode::kMethodNotFound}, Case{-32602, ErrorCode::kInvalidArgument},
        Case{-32009, ErrorCode::kVersionNotSupported},
        Case{-32004, ErrorCode::kUnsupportedOperation}}) {
    auto r = decode(json_answer(
        {{"jsonrpc", "2.0"}, {"id", 7}, {"error", {{"code", code}, {"message", "told you"}}}}));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, expected) << code;
    EXPECT_EQ(r.error().message, "told you");
  }
}

TEST(RpcAnswer, SharedCodesKeepTheirReason) {
  auto r = decode(json_answer(
      {{"jsonrpc", "2.0"},
       {"id", 7},
       {"error",
        {{"code", -32603}, {"message", "busy"}, {"data", {{"reason", "resource_exhausted"}}}}}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kResourceExhausted);
}

TEST(RpcAnswer, JsonRpcErrorWinsOverHttpStatus) {
  auto r = decode(json_answer(
      {{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", -32603}, {"message", "boom"}}}},
      500));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  EXPECT_EQ(r.error().message, "boom");
}

TEST(RpcAnswer, AuthStatusesComeFirst) {
  auto unauth = decode(json_answer({{"error", "unauthorized"}}, 401));
  ASSERT_FALSE(unauth.ok());
  EXPECT_EQ(unauth.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(unauth.error().message.find("127.0.0.1:4242"), std::string::npos);
  auto forbidden = decode({403, "text/plain", "no"});
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().code, ErrorCode::kPermissionDenied);
}

TEST(RpcAnswer, HtmlPageIsAnInvalidAgentResponseNamingTheType) {
  auto r = decode({200, "text/html; charset=utf-8", "<html><body>Welcome</body></html>"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidAgentResponse);
  EXPECT_NE(r.error().message.find("text/html"), std::string::npos);
  EXPECT_NE(r.error().message.find("Welcome"), std::string::npos);
}

TEST(RpcAnswer, HttpStatusesWithoutJsonRpc) {
  auto missing = decode({404, "text/html", "<h1>Not Found</h1>"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("404"), std::string::npos);
  auto bad_gateway = decode({502, "text/plain", "upstream down"});
  ASSERT_FALSE(bad_gateway.ok());
  EXPECT_EQ(bad_gateway.error().code, ErrorCode::kUnavailable);
}

TEST(RpcAnswer, BrokenJson) {
  auto r = decode({200, "application/json", "{\"jsonrpc\": \"2.0\", \"result\": "});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidAgentResponse);
  EXPECT_NE(r.error().message.find("not valid JSON"), std::string::npos);
}

TEST(RpcAnswer, EmptyBody) {
  auto r = decode({200, "application/json", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidAgentResponse);
}

TEST(RpcAnswer, JsonThatIsNotJsonRpc) {
  auto r = decode(json_answer({{"hello", "world"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidAgentResponse);
  auto neither = decode(json_answer({{"jsonrpc", "2.0"}, {"id", 7}}));
  ASSERT_FALSE(neither.ok());
  EXPECT_EQ(neither.error().code, ErrorCode::kInvalidAgentResponse);
}

TEST(RpcAnswer, MalformedErrorObjectDoesNotCrash) {
  auto r = decode(
      json_answer({{"jsonrpc", "2.0"}, {"id", 7}, {"error", {{"code", "bad"}, {"message", 3}}}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidAgentResponse);
  auto no_code =
      decode(json_answer({{"jsonrpc", "2.0"}, {"id", 7}, {"error", {{"message", "x"}}}}));
  ASSERT_FALSE(no_code.ok());
  EXPECT_EQ(no_code.error().code, ErrorCode::kInvalidAgentResponse);
  auto float_code = decode(json_answer(
      {{"jsonrpc", "2.0"}, {"id", 7}, {"error", {{"code", -32001.5}, {"message", "x"}}}}));
  ASSERT_FALSE(float_code.ok());
  EXPECT_EQ(float_code.error().code, ErrorCode::kInvalidAgentResponse);
  auto string_error = decode(json_answer({{"jsonrpc", "2.0"}, {"id", 7}, {"error", "oops"}}));
  ASSERT_FALSE(string_error.ok());
  EXPECT_EQ(string_error.error().code, ErrorCode::kInvalidAgentResponse);
}

TEST(RpcAnswer, MismatchedIdIsRejected) {
  auto r = decode(json_answer({{"jsonrpc", "2.0"}, {"id", 8}, {"result", {}}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidAgentResponse);
}

TEST(RpcAnswer, JsonRpcUnderAnOddContentTypeIsStillRead) {
  auto r = decode({200, "text/plain", R"({"jsonrpc":"2.0","id":7,"result":1})"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 1);
}

TEST(RpcAnswer, MediaType) {
  EXPECT_EQ(media_type("Text/Event-Stream; charset=utf-8"), "text/event-stream");
  EXPECT_EQ(media_type(" application/json "), "application/json");
  EXPECT_EQ(media_type(""), "");
}

TEST(RpcAnswer, SnippetIsBoundedAndPrintable) {
  std::string body = "\x01\x02 line\nnext " + std::string(500, 'x');
  std::string s = body_snippet(body);
  EXPECT_LE(s.size(), 170u);
  EXPECT_EQ(s.find('\n'), std::string::npos);
  EXPECT_NE(s.find("..."), std::string::npos);
}

}  // namespace
}  // namespace agenthub::a2a
