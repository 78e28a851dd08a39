// HTTP-level behaviour of the A2A server: agent card, auth, and every kind of bad input,
// each followed by proof that the server keeps serving.

#include <gtest/gtest.h>

#include "a2a/codec_v1.h"
#include "core/utf8.h"
#include "http_harness.h"

namespace agenthub::a2a {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): test helpers

class ServerHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = start_echo_server(options());
    client_ = http_client(*server_);
  }
  virtual ServerOptions options() { return {}; }

  // A normal exchange works: used after each bad request.
  void expect_still_serving() {
    auto reply = post_rpc(*client_, rpc("SendMessage", send_params("still there?")));
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.json["result"]["task"]["status"]["state"], "TASK_STATE_COMPLETED")
        << reply.body;
  }

  std::unique_ptr<Server> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerHttpTest, AgentCardServesBothProtocolVersions) {
  auto res = client_->Get("/.well-known/agent-card.json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  auto json = parse_json(res->body);
  ASSERT_TRUE(json.ok());
  const Json& card = *json;
  EXPECT_EQ(card["name"], "echo-agent");
  ASSERT_EQ(card["supportedInterfaces"].size(), 1U);
  EXPECT_EQ(card["supportedInterfaces"][0]["url"], server_->rpc_url());
  EXPECT_EQ(card["supportedInterfaces"][0]["protocolBinding"], "JSONRPC");
  EXPECT_EQ(card["supportedInterfaces"][0]["protocolVersion"], "1.0");
  EXPECT_EQ(card["capabilities"]["streaming"], true);
  // v0.3 clients read these top-level fields.
  EXPECT_EQ(card["url"], server_->rpc_url());
  EXPECT_EQ(card["preferredTransport"], "JSONRPC");
  EXPECT_TRUE(card.contains("protocolVersion"));
  EXPECT_FALSE(card.contains("securitySchemes"));
  auto decoded = v1::decode_agent_card(card);
  ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
  EXPECT_EQ(decoded->jsonrpc_url(), server_->rpc_url());
}

TEST_F(ServerHttpTest, MalformedJsonIsAParseErrorWithNullId) {
  auto reply = post_raw(*client_, "/a2a/jsonrpc", R"({"jsonrpc":"2.0","id":1,"method":)",
                        "application/json");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(error_code(reply), -32700);
  EXPECT_TRUE(reply.json["id"].is_null());
  expect_still_serving();
}

TEST_F(ServerHttpTest, InvalidUtf8IsAParseErrorAndTheAnswerIsValidUtf8) {
  const std::string body =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":"
      "{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"bad \xff\xfe\xc3\"}]}}}";
  auto reply = post_raw(*client_, "/a2a/jsonrpc", body, "application/json");
  EXPECT_EQ(reply.status, 200);
  EXPECT_TRUE(is_valid_utf8(reply.body));
  EXPECT_EQ(error_code(reply), -32700) << reply.body;
  expect_still_serving();
}

TEST_F(ServerHttpTest, WrongContentTypeIs415WithContentTypeNotSupported) {
  const std::string body = dump_json(rpc("SendMessage", send_params("x")));
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
    auto reply = post_raw(*client_, "/a2a/jsonrpc", body, type);
    EXPECT_EQ(reply.status, 415) << type;
    EXPECT_EQ(error_code(reply), -32005) << type;
  }
  expect_still_serving();
}

TEST_F(ServerHttpTest, JsonContentTypeWithParametersIsAccepted) {
  const std::string body = dump_json(rpc("SendMessage", send_params("x")));
  for (const char* type : {"application/json; charset=utf-8", "Application/JSON"}) {
    auto reply = post_raw(*client_, "/a2a/jsonrpc", body, type, {{"A2A-Version", "1.0"}});
    EXPECT_EQ(reply.status, 200) << type;
    EXPECT_TRUE(reply.json.contains("result")) << type << ": " << reply.body;
  }
}

TEST_F(ServerHttpTest, BodyOverTheDefaultLimitIs413) {
  const std::string huge(11 << 20, 'x');
  auto reply = post_raw(*client_, "/a2a/jsonrpc", huge, "application/json");
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(error_code(reply), -32600);
  EXPECT_NE(error_message(reply).find("10485760"), std::string::npos) << reply.body;
  expect_still_serving();
}

TEST_F(ServerHttpTest, BatchArraysAreInvalidRequests) {
  Json batch = Json::array({rpc("GetTask", {{"id", "a"}}), rpc("GetTask", {{"id", "b"}}, 2)});
  auto reply = post_rpc(*client_, batch);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(error_code(reply), -32600);
  EXPECT_TRUE(reply.json.is_object());
  expect_still_serving();
}

TEST_F(ServerHttpTest, UnknownMethodIsMethodNotFound) {
  auto reply = post_rpc(*client_, rpc("tasks/teleport", Json::object(), "req-9"));
  EXPECT_EQ(error_code(reply), -32601);
  EXPECT_EQ(reply.json["id"], "req-9");
  expect_still_serving();
}

TEST_F(ServerHttpTest, MissingOrWrongTypedParamsNameTheField) {
  auto missing = post_rpc(*client_, rpc("SendMessage", nullptr));
  EXPECT_EQ(error_code(missing), -32602);
  EXPECT_NE(error_message(missing).find("message"), std::string::npos) << missing.body;

  Json params = send_params("x");
  params["message"]["parts"] = 42;
  auto wrong = post_rpc(*client_, rpc("SendMessage", params));
  EXPECT_EQ(error_code(wrong), -32602);
  EXPECT_NE(error_message(wrong).find("parts"), std::string::npos) << wrong.body;

  auto bad_id = post_rpc(*client_, rpc("GetTask", {{"id", 17}}));
  EXPECT_EQ(error_code(bad_id), -32602);
  EXPECT_NE(error_message(bad_id).find("id"), std::string::npos) << bad_id.body;
  expect_still_serving();
}

TEST_F(ServerHttpTest, UnknownTaskIdIsTaskNotFound) {
  EXPECT_EQ(error_code(post_rpc(*client_, rpc("GetTask", {{"id", "no-such-task"}}))), -32001);
  EXPECT_EQ(error_code(post_rpc(*client_, rpc("CancelTask", {{"id", "no-such-task"}}))), -32001);
  EXPECT_EQ(error_code(post_rpc(*client_, rpc("SendMessage", send_params("x", "no-such-task")))),
            -32001);
}

TEST_F(ServerHttpTest, UnsupportedVersionHeaderIs32009) {
  auto reply = post_rpc(*client_, rpc("SendMessage", send_params("x")), {{"A2A-Version", "9.9"}});
  EXPECT_EQ(error_code(reply), -32009);
  expect_still_serving();
}

TEST_F(ServerHttpTest, OptionalFeaturesAnswerTheirErrors) {
  EXPECT_EQ(
      error_code(post_rpc(*client_, rpc("CreateTaskPushNotificationConfig", {{"taskId", "t"}}))),
      -32003);
  EXPECT_EQ(error_code(post_rpc(*client_, rpc("GetExtendedAgentCard", nullptr))), -32007);
}

TEST_F(ServerHttpTest, AdmitRefusalsAreJsonRpcErrors) {
  auto reply = post_rpc(*client_, rpc("SendMessage", send_params("reject: no cwd")));
  EXPECT_EQ(error_code(reply), -32602);
  EXPECT_NE(error_message(reply).find("no cwd"), std::string::npos);
}

TEST_F(ServerHttpTest, ExecutorExceptionsFailTheTaskAndTheServerKeepsServing) {
  auto reply = post_rpc(*client_, rpc("SendMessage", send_params("throw: kaboom")));
  ASSERT_TRUE(reply.json.contains("result")) << reply.body;
  EXPECT_EQ(reply.json["result"]["task"]["status"]["state"], "TASK_STATE_FAILED");
  expect_still_serving();
}

TEST_F(ServerHttpTest, V03MethodsAnswerInV03Shapes) {
  auto sent = post_rpc(*client_, rpc("message/send", {{"message", v03_message("old peer")}}),
                       {});  // no A2A-Version header: a v0.3 client
  ASSERT_TRUE(sent.json.contains("result")) << sent.body;
  const Json& task = sent.json["result"];
  EXPECT_EQ(task["kind"], "task");
  EXPECT_EQ(task["status"]["state"], "completed");
  EXPECT_EQ(task["status"]["message"]["parts"][0]["text"], "echo: old peer");

  auto got = post_rpc(*client_, rpc("tasks/get", {{"id", task["id"]}, {"historyLength", 1}}), {});
  EXPECT_EQ(got.json["result"]["kind"], "task");
  EXPECT_EQ(got.json["result"]["history"].size(), 1U);
  auto cancel = post_rpc(*client_, rpc("tasks/cancel", {{"id", task["id"]}}), {});
  EXPECT_EQ(error_code(cancel), -32002);
}

TEST_F(ServerHttpTest, MessageToATerminalTaskIsUnsupportedOperation) {
  auto done = post_rpc(*client_, rpc("SendMessage", send_params("x")));
  const std::string id = done.json["result"]["task"]["id"];
  auto again = post_rpc(*client_, rpc("SendMessage", send_params("more", id)));
  EXPECT_EQ(error_code(again), -32004);
  EXPECT_NE(error_message(again).find("completed"), std::string::npos);
  EXPECT_EQ(error_code(post_rpc(*client_, rpc("CancelTask", {{"id", id}}))), -32002);
}

TEST_F(ServerHttpTest, InputRequiredTaskContinuesOnTheFollowUp) {
  auto asked = post_rpc(*client_, rpc("SendMessage", send_params("ask: favourite colour?")));
  ASSERT_EQ(asked.json["result"]["task"]["status"]["state"], "TASK_STATE_INPUT_REQUIRED")
      << asked.body;
  const std::string id = asked.json["result"]["task"]["id"];
  auto answered = post_rpc(*client_, rpc("SendMessage", send_params("blue", id)));
  const Json& task = answered.json["result"]["task"];
  EXPECT_EQ(task["id"], id);
  EXPECT_EQ(task["status"]["state"], "TASK_STATE_COMPLETED");
  EXPECT_EQ(task["status"]["message"]["parts"][0]["text"], "echo: blue");
}

TEST_F(ServerHttpTest, ContextIdGroupsTasks) {
  auto first = post_rpc(*client_, rpc("SendMessage", send_params("one")));
  const std::string context = first.json["result"]["task"]["contextId"];
  Json params = {{"message", user_message("two", "", context)}};
  auto second = post_rpc(*client_, rpc("SendMessage", params));
  EXPECT_EQ(second.json["result"]["task"]["contextId"], context);
  EXPECT_NE(second.json["result"]["task"]["id"], first.json["result"]["task"]["id"]);

  auto listed = post_rpc(*client_, rpc("ListTasks", {{"contextId", context}, {"pageSize", 1}}));
  ASSERT_TRUE(listed.json.contains("result")) << listed.body;
  EXPECT_EQ(listed.json["result"]["tasks"].size(), 1U);
  EXPECT_EQ(listed.json["result"]["totalSize"], 2);
  const std::string token = listed.json["result"]["nextPageToken"];
  ASSERT_FALSE(token.empty());
  auto page2 = post_rpc(
      *client_, rpc("ListTasks", {{"contextId", context}, {"pageSize", 1}, {"pageToken", token}}));
  EXPECT_EQ(page2.json["result"]["tasks"].size(), 1U);
  EXPECT_NE(page2.json["result"]["tasks"][0]["id"], listed.json["result"]["tasks"][0]["id"]);
  EXPECT_TRUE(json_string(page2.json["result"], "nextPageToken").empty());
}

TEST_F(ServerHttpTest, ReturnImmediatelyAnswersAtOnceAndCancelIsFinal) {
  auto started = post_rpc(*client_, rpc("SendMessage", send_params("slow: nap", "", true)));
  const Json& task = started.json["result"]["task"];
  EXPECT_EQ(task["status"]["state"], "TASK_STATE_SUBMITTED") << started.body;
  auto canceled = post_rpc(*client_, rpc("CancelTask", {{"id", task["id"]}}));
  EXPECT_EQ(canceled.json["result"]["status"]["state"], "TASK_STATE_CANCELED") << canceled.body;
  EXPECT_TRUE(eventually([&] { return server_->handler().running_tasks() == 0; }));
  auto got = post_rpc(*client_, rpc("GetTask", {{"id", task["id"]}}));
  EXPECT_EQ(got.json["result"]["status"]["state"], "TASK_STATE_CANCELED");
}

TEST_F(ServerHttpTest, UnknownPathsAre404) {
  auto res = client_->Get("/nothing-here");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

class ServerAuthTest : public ServerHttpTest {
 protected:
  ServerOptions options() override {
    ServerOptions o;
    o.bearer_token = "s3cret-token";
    return o;
  }
};

TEST_F(ServerAuthTest, CardStaysPublicAndDeclaresBearer) {
  auto res = client_->Get("/.well-known/agent-card.json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  auto card = parse_json(res->body);
  ASSERT_TRUE(card.ok());
  EXPECT_EQ((*card)["securitySchemes"]["bearer"]["httpAuthSecurityScheme"]["scheme"], "Bearer")
      << res->body;
  EXPECT_EQ(res->body.find("s3cret-token"), std::string::npos);
}

TEST_F(ServerAuthTest, CallsWithoutTheRightTokenAre401) {
  const Json call = rpc("SendMessage", send_params("x"));
  for (const httplib::Headers& headers :
       {httplib::Headers{}, httplib::Headers{{"Authorization", "Bearer wrong"}},
        httplib::Headers{{"Authorization", "Basic czNjcmV0LXRva2Vu"}},
        httplib::Headers{{"Authorization", "Bearer s3cret-token-and-more"}}}) {
    auto reply = post_rpc(*client_, call, headers);
    EXPECT_EQ(reply.status, 401);
    EXPECT_EQ(reply.headers.find("WWW-Authenticate")->second, "Bearer");
    EXPECT_TRUE(reply.json.is_object()) << reply.body;
    EXPECT_EQ(reply.body.find("s3cret"), std::string::npos);
  }
  auto ok =
      post_rpc(*client_, call, {{"Authorization", "Bearer s3cret-token"}, {"A2A-Version", "1.0"}});
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.json["result"]["task"]["status"]["state"], "TASK_STATE_COMPLETED") << ok.body;
}

class SmallBodyLimitTest : public ServerHttpTest {
 protected:
  ServerOptions options() override {
    ServerOptions o;
    o.max_body_bytes = 512;
    return o;
  }
};

TEST_F(SmallBodyLimitTest, ConfiguredLimitApplies) {
  Json params = send_params(std::string(600, 'y'));
  auto reply = post_rpc(*client_, rpc("SendMessage", params));
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(error_code(reply), -32600);
  auto small = post_rpc(*client_, rpc("SendMessage", send_params("tiny")));
  EXPECT_EQ(small.status, 200);
}

}  // namespace
}  // namespace agenthub::a2a
