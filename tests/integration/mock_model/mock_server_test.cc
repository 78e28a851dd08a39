// Server-level behaviour of mock-model-server: routing, logging, concurrency, disconnects.
#include "tests/fakes/mock_model/mock_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <thread>

#include "core/fs.h"
#include "tests/integration/mock_model/mock_client.h"

namespace agenthub::mock_model {
namespace {

using namespace std::chrono_literals;
using testing::messages_request;
using testing::parse_sse;
using testing::post;
using testing::responses_request;

std::unique_ptr<MockServer> start(MockServer::Options options = {}) {
  auto server = MockServer::start(std::move(options));
  EXPECT_TRUE(server.ok()) << server.error().message;
  return server.ok() ? std::move(server.value()) : nullptr;
}

// Waits for `condition` with a generous deadline; true when it held in time.
template <typename Condition>
bool eventually(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return condition();
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mock-model-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A streamed request that blocks inside its receiver after the first chunk until released, then
// hangs up: a client that is cancelled mid-answer.
class HangingUpClient {
 public:
  HangingUpClient(int port, const std::string& path, const std::string& body) {
    thread_ = std::jthread([this, port, path, body] {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(60, 0);
      httplib::Request req;
      req.method = "POST";
      req.path = path;
      req.body = body;
      req.set_header("Content-Type", "application/json");
      bool first = true;
      req.content_receiver = [&](const char* data, size_t len, uint64_t, uint64_t) {
        received_.append(data, len);
        if (first) {
          first = false;
          first_chunk_.set_value();
          release_.get_future().wait();
          return false;
        }
        return true;
      };
      (void)client.send(req);
    });
  }
  ~HangingUpClient() { hang_up(); }

  bool wait_first_chunk() {
    return first_chunk_.get_future().wait_for(30s) == std::future_status::ready;
  }
  void hang_up() {
    if (!released_) {
      released_ = true;
      release_.set_value();
    }
  }
  const std::string& received() const { return received_; }

 private:
  std::promise<void> first_chunk_;
  std::promise<void> release_;
  bool released_ = false;
  std::string received_;
  std::jthread thread_;
};

TEST(MockServer, UnknownEndpointIs404WithJson) {
  auto server = start();
  ASSERT_TRUE(server);
  const auto reply = post(server->port(), "/v1/chat/completions", "{}");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(parse_json(reply.body).value()["error"]["type"], "not_found_error");
  httplib::Client client("127.0.0.1", server->port());
  auto got = client.Get("/v1/models");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, 404);
  EXPECT_EQ(server->requests_seen(), 2);
}

TEST(MockServer, LogRecordsEveryRequestWithoutSecrets) {
  TempDir dir;
  const auto log_path = dir.path() / "requests.jsonl";
  MockServer::Options options;
  options.log_path = log_path.string();
  auto server = start(std::move(options));
  ASSERT_TRUE(server);
  httplib::Client client("127.0.0.1", server->port());
  auto res = client.Post("/v1/responses",
                         {{"Authorization", "Bearer sk-very-secret"}, {"session-id", "s1"}},
                         dump_json(responses_request("hello")), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  res = client.Post("/v1/messages?beta=true", {{"x-api-key", "sk-very-secret"}},
                    dump_json(messages_request("hi")), "application/json");
  ASSERT_TRUE(res);
  res = client.Post("/v1/unknown", "not json", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);

  const std::string text = read_file(log_path).value();
  EXPECT_EQ(text.find("sk-very-secret"), std::string::npos);
  std::vector<Json> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto eol = text.find('\n', pos);
    lines.push_back(parse_json(text.substr(pos, eol - pos)).value());
    pos = eol + 1;
  }
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["method"], "POST");
  EXPECT_EQ(lines[0]["path"], "/v1/responses");
  EXPECT_EQ(lines[0]["status"], 200);
  EXPECT_EQ(lines[0]["headers"]["Authorization"], "<redacted>");
  EXPECT_EQ(lines[0]["headers"]["session-id"], "s1");
  EXPECT_FALSE(lines[0]["headers"].contains("REMOTE_ADDR"));
  EXPECT_EQ(lines[0]["body"]["input"].back()["content"][0]["text"], "hello");
  EXPECT_FALSE(lines[0]["ts"].get<std::string>().empty());
  EXPECT_EQ(lines[1]["path"], "/v1/messages");
  EXPECT_EQ(lines[1]["query"], "beta=true");
  EXPECT_EQ(lines[1]["headers"]["x-api-key"], "<redacted>");
  EXPECT_EQ(lines[2]["path"], "/v1/unknown");
  EXPECT_EQ(lines[2]["status"], 404);
  EXPECT_EQ(lines[2]["body"], "not json");
}

TEST(MockServer, UnwritableLogIsAStartError) {
  MockServer::Options options;
  options.log_path = "/nonexistent-dir/x/requests.jsonl";
  auto server = MockServer::start(std::move(options));
  EXPECT_FALSE(server.ok());
}

TEST(MockServer, SlowAnswerDoesNotBlockOthersAndEndsWhenTheClientHangsUp) {
  auto server = start();
  ASSERT_TRUE(server);
  HangingUpClient slow(server->port(), "/v1/responses",
                       dump_json(responses_request("slow: 120\nsay: too late")));
  ASSERT_TRUE(slow.wait_first_chunk());
  EXPECT_NE(slow.received().find("response.created"), std::string::npos);

  // The slow answer is still pending (its client is parked in the receiver).
  const auto other = post(server->port(), "/v1/messages", dump_json(messages_request("hi")));
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(server->abandoned_answers(), 0);

  slow.hang_up();
  EXPECT_TRUE(eventually([&] { return server->abandoned_answers() == 1; }));
}

TEST(MockServer, StopEndsASlowAnswer) {
  auto server = start();
  ASSERT_TRUE(server);
  std::promise<std::string> body;
  std::promise<void> first;
  std::jthread client_thread([&, port = server->port()] {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(120, 0);
    httplib::Request req;
    req.method = "POST";
    req.path = "/v1/messages";
    req.body = dump_json(messages_request("slow: 120"));
    req.set_header("Content-Type", "application/json");
    std::string received;
    bool signalled = false;
    req.content_receiver = [&](const char* data, size_t len, uint64_t, uint64_t) {
      received.append(data, len);
      if (!signalled) {
        signalled = true;
        first.set_value();
      }
      return true;
    };
    (void)client.send(req);
    body.set_value(received);
  });
  ASSERT_EQ(first.get_future().wait_for(30s), std::future_status::ready);
  server->stop();
  auto received = body.get_future();
  ASSERT_EQ(received.wait_for(30s), std::future_status::ready);
  const std::string text = received.get();
  EXPECT_NE(text.find("message_start"), std::string::npos);
  EXPECT_EQ(text.find("message_stop"), std::string::npos);
  EXPECT_EQ(server->abandoned_answers(), 1);
}

TEST(MockServer, SlowAnswerCompletesAfterItsPause) {
  auto server = start();
  ASSERT_TRUE(server);
  const auto reply =
      post(server->port(), "/v1/messages", dump_json(messages_request("slow: 0.3\nsay: late")));
  ASSERT_EQ(reply.status, 200);
  const auto events = parse_sse(reply.body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().event, "message_stop");
  std::size_t pings = 0;
  for (const auto& e : events) pings += e.event == "ping" ? 1 : 0;
  EXPECT_GE(pings, 1u) << "the pause is filled with ping events";
}

TEST(MockServer, ScriptRulesSupplyDirectives) {
  auto script =
      Script::parse(R"({"rules": [{"match": "fix the bug", "directives": "say: fixed it"}]})");
  ASSERT_TRUE(script.ok()) << script.error().message;
  MockServer::Options options;
  options.script = std::move(script.value());
  auto server = start(std::move(options));
  ASSERT_TRUE(server);
  auto reply = post(server->port(), "/v1/messages",
                    dump_json(messages_request("please fix the bug", false)));
  EXPECT_EQ(parse_json(reply.body).value()["content"][0]["text"], "fixed it");
  reply = post(server->port(), "/v1/messages", dump_json(messages_request("other", false)));
  EXPECT_EQ(parse_json(reply.body).value()["content"][0]["text"], "mock answer: other");
  EXPECT_FALSE(Script::parse(R"({"rules": 3})").ok());
  EXPECT_FALSE(Script::parse("nope").ok());
}

TEST(MockServer, BusyPortIsAStartError) {
  auto first = start();
  ASSERT_TRUE(first);
  MockServer::Options options;
  options.port = first->port();
  auto second = MockServer::start(std::move(options));
  EXPECT_FALSE(second.ok());
}

}  // namespace
}  // namespace agenthub::mock_model
