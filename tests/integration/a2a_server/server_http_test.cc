// HTTP-level behaviour of the A2A server: agent card, auth, and every kind of bad input,
// each followed by proof that the server keeps serving.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "a2a/codec_v1.h"
#include "core/utf8.h"
#include "http_harness.h"

namespace agenthub::a2a {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): test helpers

// One HTTP exchange on a plain socket, for request heads no HTTP client would send: writes
// `head`, then `filler` again and again (up to `max_fillers` times) for as long as the server
// has not answered, and returns the answer (status line, headers and a Content-Length body),
// or what came before the server closed. Empty when nothing came within the deadline.
std::string raw_exchange(int port, const std::string& head, const std::string& filler = {},
                         std::size_t max_fillers = 0) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return {};
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  auto readable = [fd](int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, timeout_ms) > 0;
  };
  auto send_all = [fd](const std::string& data) {
    for (std::size_t sent = 0; sent < data.size();) {
      const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  };
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 && send_all(head)) {
    for (std::size_t i = 0; i < max_fillers && !readable(0); ++i) {
      if (!send_all(filler)) break;
    }
    const int deadline_ms = static_cast<int>(std::chrono::milliseconds(kDeadline).count());
    char buf[4096];
    while (readable(deadline_ms)) {
      const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
      if (n <= 0) break;
      answer.append(buf, static_cast<std::size_t>(n));
      const std::size_t end = answer.find("\r\n\r\n");
      const std::size_t length_at = answer.find("Content-Length: ");
      if (end != std::string::npos && length_at != std::string::npos && length_at < end) {
        const std::size_t length = std::stoul(answer.substr(length_at + 16));
        if (answer.size() >= end + 4 + length) break;
      }
    }
  }
  ::close(fd);
  return answer;
}

// The JSON body of a raw answer (null when there is none).
// The body of the first answer in `answer` (a garbage line may be answered more than once
// on a kept-alive connection: each piece of it reads as another bad request).
Json raw_body(const std::string& answer) {
  const std::size_t end = answer.find("\r\n\r\n");
  if (end == std::string::npos) return nullptr;
  std::size_t length = std::string::npos;
  if (const std::size_t at = answer.find("Content-Length: "); at != std::string::npos && at < end) {
    length = std::stoul(answer.substr(at + 16));
  }
  auto parsed = parse_json(answer.substr(end + 4, length));
  return parsed.ok() ? *parsed : Json(nullptr);
}

const std::string kRpcHead =
    "POST /a2a/jsonrpc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";

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

// Issue 6 (security): a request head is bounded too. One header line over 8 KiB, or a head
// over max_header_bytes (64 KiB by default), is answered 431 with a JSON-RPC error naming the
// limit; the server goes on serving.
TEST_F(ServerHttpTest, OversizedHeaderLineIs431AndServingGoesOn) {
  auto reply = post_rpc(*client_, rpc("GetTask", {{"id", "x"}}),
                        {{"A2A-Version", "1.0"}, {"X-Big", std::string(16 << 10, 'a')}});
  EXPECT_EQ(reply.status, 431);
  EXPECT_EQ(error_code(reply), -32600);
  EXPECT_NE(error_message(reply).find("header line is longer than 8192 bytes"), std::string::npos)
      << reply.body;
  expect_still_serving();
}

TEST_F(ServerHttpTest, HeadOverTheTotalLimitIs431AndServingGoesOn) {
  httplib::Headers many = {{"A2A-Version", "1.0"}};
  for (int i = 0; i < 200; ++i) many.emplace("X-Many-" + std::to_string(i), std::string(1000, 'b'));
  auto reply = post_rpc(*client_, rpc("GetTask", {{"id", "x"}}), many);
  EXPECT_EQ(reply.status, 431);
  EXPECT_EQ(error_code(reply), -32600);
  EXPECT_NE(error_message(reply).find("exceed the limit of 65536 bytes"), std::string::npos)
      << reply.body;
  // Just under the limit is fine.
  httplib::Headers fewer = {{"A2A-Version", "1.0"}};
  for (int i = 0; i < 50; ++i) fewer.emplace("X-Some-" + std::to_string(i), std::string(1000, 'c'));
  EXPECT_EQ(post_rpc(*client_, rpc("GetTask", {{"id", "x"}}), fewer).status, 200);
  expect_still_serving();
}

// A client that never ends its headers is answered once it passes the limit: the server
// neither waits for the end nor keeps what it was sent.
TEST_F(ServerHttpTest, EndlessHeadersAreCutOffAtTheLimit) {
  const std::string answer =
      raw_exchange(server_->port(), kRpcHead, "X-More: " + std::string(1000, 'm') + "\r\n", 100000);
  EXPECT_EQ(answer.rfind("HTTP/1.1 431 ", 0), 0u) << answer.substr(0, 300);
  EXPECT_EQ(raw_body(answer)["error"]["code"], -32600) << answer.substr(0, 300);
  expect_still_serving();
}

TEST_F(ServerHttpTest, MalformedOrOverlongRequestLinesGetJsonErrors) {
  const std::string garbage = raw_exchange(server_->port(), "NOT-HTTP\r\n\r\n");
  EXPECT_EQ(garbage.rfind("HTTP/1.1 400 ", 0), 0u) << garbage;
  EXPECT_EQ(raw_body(garbage)["error"]["message"], "malformed HTTP request line or header")
      << garbage;
  const std::string long_uri = raw_exchange(
      server_->port(), "GET /" + std::string(9000, 'u') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(long_uri.rfind("HTTP/1.1 414 ", 0), 0u) << long_uri.substr(0, 300);
  EXPECT_EQ(raw_body(long_uri)["error"]["code"], -32600);
  const std::string huge_line = raw_exchange(
      server_->port(), "GET /" + std::string(100 << 10, 'u') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(huge_line.rfind("HTTP/1.1 431 ", 0), 0u) << huge_line.substr(0, 300);
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
