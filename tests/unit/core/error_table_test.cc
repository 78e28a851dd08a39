#include "core/error_table.h"

#include <gtest/gtest.h>

namespace agenthub {
namespace {

TEST(ErrorTable, MapsA2aCodesBothWays) {
  EXPECT_EQ(jsonrpc_code(ErrorCode::kTaskNotFound), -32001);
  EXPECT_EQ(jsonrpc_code(ErrorCode::kTaskNotCancelable), -32002);
  EXPECT_EQ(jsonrpc_code(ErrorCode::kVersionNotSupported), -32009);
  EXPECT_EQ(error_code_from_jsonrpc(-32001), ErrorCode::kTaskNotFound);
  EXPECT_EQ(error_code_from_jsonrpc(-32700), ErrorCode::kParseError);
  EXPECT_EQ(error_code_from_jsonrpc(-32601), ErrorCode::kMethodNotFound);
  EXPECT_EQ(error_code_from_jsonrpc(12345), ErrorCode::kUnknown);
}

TEST(ErrorTable, SharedCodesKeepTheirReasonAcrossTheWire) {
  Error original{ErrorCode::kUnavailable, "agent down"};
  nlohmann::json wire = to_jsonrpc_error(original);
  EXPECT_EQ(wire["code"], -32603);
  EXPECT_EQ(wire["data"]["reason"], "unavailable");
  Error back = error_from_jsonrpc(wire);
  EXPECT_EQ(back.code, ErrorCode::kUnavailable);
  EXPECT_EQ(back.message, "agent down");
}

TEST(ErrorTable, MalformedErrorObjectIsAnInvalidAgentResponse) {
  EXPECT_EQ(error_from_jsonrpc(nlohmann::json("oops")).code, ErrorCode::kInvalidAgentResponse);
  Error e = error_from_jsonrpc(nlohmann::json{{"code", -32002}});
  EXPECT_EQ(e.code, ErrorCode::kTaskNotCancelable);
  EXPECT_FALSE(e.message.empty());
}

TEST(ErrorTable, HttpStatusesForTransportErrors) {
  EXPECT_EQ(http_status(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(http_status(ErrorCode::kResourceExhausted), 413);
  EXPECT_EQ(Error(ErrorCode::kInvalidArgument, "x").to_string(), "invalid_argument: x");
}

}  // namespace
}  // namespace agenthub
