#include "a2a/server/jsonrpc_dispatcher.h"

#include <gtest/gtest.h>

#include "scripted_executor.h"

namespace agenthub::a2a {
namespace {

using testing::kDeadline;
using testing::ScriptedExecutor;

void echo(const RequestContext& ctx, TaskUpdater& u) {
  u.working("received");
  u.complete(u.agent_message({Part::text_part("echo: " + ctx.message.text())}));
}

Json rpc(const std::string& method, Json params, Json id = 1) {
  Json j = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null()) j["params"] = std::move(params);
  return j;
}

Json v1_send(const std::string& text) {
  return {{"message", {{"messageId", "m1"}, {"role", "ROLE_USER"}, {"parts", {{{"text", text}}}}}}};
}

Json v03_send(const std::string& text) {
  return {{"message",
           {{"kind", "message"},
            {"messageId", "m1"},
            {"role", "user"},
            {"parts", {{{"kind", "text"}, {"text", text}}}}}}};
}

int error_code(const RpcReply& reply) { return reply.response["error"]["code"].get<int>(); }

class JsonRpcDispatcherTest : public ::testing::Test {
 protected:
  std::shared_ptr<ScriptedExecutor> exec_ = std::make_shared<ScriptedExecutor>(echo);
  RequestHandler handler_{exec_};
  JsonRpcDispatcher dispatcher_{handler_};

  RpcReply call(const Json& message, std::optional<std::string_view> version = std::nullopt) {
    return dispatcher_.dispatch(message, version);
  }
};

TEST_F(JsonRpcDispatcherTest, V1SendMessageAnswersInV1Shapes) {
  auto reply = call(rpc("SendMessage", v1_send("hi")), "1.0");
  ASSERT_FALSE(reply.streaming());
  const Json& r = reply.response;
  EXPECT_EQ(r["id"], 1);
  ASSERT_TRUE(r.contains("result")) << r.dump();
  const Json& task = r["result"]["task"];
  EXPECT_EQ(task["status"]["state"], "TASK_STATE_COMPLETED");
  EXPECT_FALSE(task.contains("kind"));
}

TEST_F(JsonRpcDispatcherTest, V03NamesAnswerInV03Shapes) {
  auto reply = call(rpc("message/send", v03_send("hi"), "abc"));
  const Json& r = reply.response;
  EXPECT_EQ(r["id"], "abc");
  ASSERT_TRUE(r.contains("result")) << r.dump();
  EXPECT_EQ(r["result"]["kind"], "task");
  EXPECT_EQ(r["result"]["status"]["state"], "completed");
  const std::string id = r["result"]["id"];

  auto got = call(rpc("tasks/get", {{"id", id}}));
  EXPECT_EQ(got.response["result"]["kind"], "task");
  auto canceled = call(rpc("tasks/cancel", {{"id", id}}));
  EXPECT_EQ(error_code(canceled), -32002);
}

TEST_F(JsonRpcDispatcherTest, V03BlockingFalseReturnsImmediately) {
  Json params = v03_send("hi");
  params["configuration"] = {{"blocking", false}};
  auto reply = call(rpc("message/send", params));
  ASSERT_TRUE(reply.response.contains("result")) << reply.response.dump();
  EXPECT_EQ(reply.response["result"]["kind"], "task");
}

TEST_F(JsonRpcDispatcherTest, StreamingMethodsAnswerWithAStream) {
  auto reply = call(rpc("SendStreamingMessage", v1_send("hi"), 7));
  ASSERT_TRUE(reply.streaming());
  EXPECT_EQ(reply.version, ProtocolVersion::kV1);
  StreamResponse item;
  ASSERT_EQ(reply.stream->next(kDeadline, item), TaskEventStream::Next::kItem);
  Json framed = JsonRpcDispatcher::stream_item(reply.id, reply.version, item);
  EXPECT_EQ(framed["id"], 7);
  EXPECT_TRUE(framed["result"].contains("task"));

  auto old = call(rpc("message/stream", v03_send("hi")));
  ASSERT_TRUE(old.streaming());
  EXPECT_EQ(old.version, ProtocolVersion::kV03);
  ASSERT_EQ(old.stream->next(kDeadline, item), TaskEventStream::Next::kItem);
  EXPECT_EQ(JsonRpcDispatcher::stream_item(old.id, old.version, item)["result"]["kind"], "task");
}

TEST_F(JsonRpcDispatcherTest, EnvelopeErrors) {
  EXPECT_EQ(error_code(call(Json::array({rpc("GetTask", {{"id", "x"}})}))), -32600);
  EXPECT_EQ(error_code(call(Json("just a string"))), -32600);
  EXPECT_EQ(error_code(call({{"jsonrpc", "1.0"}, {"id", 1}, {"method", "GetTask"}})), -32600);
  auto notification = call({{"jsonrpc", "2.0"}, {"method", "GetTask"}, {"params", Json::object()}});
  EXPECT_EQ(error_code(notification), -32600);
  EXPECT_TRUE(notification.response["id"].is_null());
}

TEST_F(JsonRpcDispatcherTest, UnknownMethodIsMethodNotFound) {
  auto reply = call(rpc("tasks/explode", Json::object(), 3));
  EXPECT_EQ(error_code(reply), -32601);
  EXPECT_EQ(reply.response["id"], 3);
}

TEST_F(JsonRpcDispatcherTest, BadParamsNameTheField) {
  auto missing = call(rpc("SendMessage", nullptr));
  EXPECT_EQ(error_code(missing), -32602);
  EXPECT_NE(missing.response["error"]["message"].get<std::string>().find("message"),
            std::string::npos);

  Json wrong_type = v1_send("x");
  wrong_type["message"]["parts"] = "not an array";
  auto typed = call(rpc("SendMessage", wrong_type));
  EXPECT_EQ(error_code(typed), -32602);
  EXPECT_NE(typed.response["error"]["message"].get<std::string>().find("parts"), std::string::npos);

  auto no_id = call(rpc("GetTask", Json::object()));
  EXPECT_EQ(error_code(no_id), -32602);
  EXPECT_NE(no_id.response["error"]["message"].get<std::string>().find("id"), std::string::npos);

  EXPECT_EQ(error_code(call(rpc("GetTask", Json::array({"x"})))), -32602);
}

TEST_F(JsonRpcDispatcherTest, UnsupportedVersionHeaderIsRejected) {
  EXPECT_EQ(error_code(call(rpc("SendMessage", v1_send("x")), "2.0")), -32009);
  EXPECT_EQ(error_code(call(rpc("message/send", v03_send("x")), "banana")), -32009);
  auto old = call(rpc("message/send", v03_send("x")), "0.3");
  EXPECT_TRUE(old.response.contains("result"));
}

TEST_F(JsonRpcDispatcherTest, TaskErrorsUseTheA2ACodes) {
  EXPECT_EQ(error_code(call(rpc("GetTask", {{"id", "missing"}}))), -32001);
  EXPECT_EQ(error_code(call(rpc("CancelTask", {{"id", "missing"}}))), -32001);
  EXPECT_EQ(error_code(call(rpc("SubscribeToTask", {{"id", "missing"}}))), -32001);
  Json to_unknown = v1_send("x");
  to_unknown["message"]["taskId"] = "missing";
  EXPECT_EQ(error_code(call(rpc("SendMessage", to_unknown))), -32001);

  auto done = call(rpc("SendMessage", v1_send("x")));
  const std::string id = done.response["result"]["task"]["id"];
  Json to_done = v1_send("again");
  to_done["message"]["taskId"] = id;
  EXPECT_EQ(error_code(call(rpc("SendMessage", to_done))), -32004);
  EXPECT_EQ(error_code(call(rpc("CancelTask", {{"id", id}}))), -32002);
  EXPECT_EQ(error_code(call(rpc("SubscribeToTask", {{"id", id}}))), -32004);
}

TEST_F(JsonRpcDispatcherTest, GetAndListTasks) {
  auto done = call(rpc("SendMessage", v1_send("x")));
  const std::string id = done.response["result"]["task"]["id"];
  auto got = call(rpc("GetTask", {{"id", id}, {"historyLength", 1}}));
  ASSERT_TRUE(got.response.contains("result")) << got.response.dump();
  EXPECT_EQ(got.response["result"]["id"], id);
  EXPECT_EQ(got.response["result"]["history"].size(), 1U);

  auto listed = call(rpc("ListTasks", {{"pageSize", 10}}));
  ASSERT_TRUE(listed.response.contains("result")) << listed.response.dump();
  EXPECT_EQ(listed.response["result"]["tasks"].size(), 1U);
  EXPECT_EQ(error_code(call(rpc("ListTasks", {{"pageSize", 1000}}))), -32602);
}

TEST_F(JsonRpcDispatcherTest, OptionalCapabilitiesAreDeclined) {
  EXPECT_EQ(error_code(call(rpc("CreateTaskPushNotificationConfig", Json::object()))), -32003);
  EXPECT_EQ(error_code(call(rpc("tasks/pushNotificationConfig/get", {{"id", "x"}}))), -32003);
  EXPECT_EQ(error_code(call(rpc("GetExtendedAgentCard", nullptr))), -32007);
}

TEST_F(JsonRpcDispatcherTest, ConfiguredExtendedCardIsServed) {
  AgentCard extended;
  extended.name = "secret-skills";
  JsonRpcDispatcher with_card(handler_, extended);
  auto reply = with_card.dispatch(rpc("GetExtendedAgentCard", nullptr), std::nullopt);
  ASSERT_TRUE(reply.response.contains("result")) << reply.response.dump();
  EXPECT_EQ(reply.response["result"]["name"], "secret-skills");
}

TEST_F(JsonRpcDispatcherTest, AdmitErrorsBecomeJsonRpcErrors) {
  exec_->on_admit = [](const RequestContext&) -> Status {
    return Error{ErrorCode::kInvalidArgument, "params.metadata.cwd is required"};
  };
  auto reply = call(rpc("SendMessage", v1_send("x")));
  EXPECT_EQ(error_code(reply), -32602);
  EXPECT_EQ(reply.response["error"]["message"], "params.metadata.cwd is required");
}

}  // namespace
}  // namespace agenthub::a2a
