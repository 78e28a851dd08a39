// The Anthropic Messages API side of mock-model-server, as `claude -p` uses it.
#include <gtest/gtest.h>

#include "tests/fakes/mock_model/mock_server.h"
#include "tests/integration/mock_model/mock_client.h"

namespace agenthub::mock_model {
namespace {

using testing::messages_request;
using testing::parse_sse;
using testing::post;
using testing::SseEvent;

// A streamed message rebuilt from its events, checking the event grammar on the way:
// message_start, then per block start / delta* / stop, then message_delta, message_stop.
struct StreamedMessage {
  Json start;
  std::vector<Json> blocks;  // text blocks with their text, tool_use with parsed input
  std::string stop_reason;
  Json usage;
};

StreamedMessage rebuild(const std::vector<SseEvent>& events) {
  StreamedMessage msg;
  EXPECT_GE(events.size(), 4u);
  if (events.size() < 4) return msg;
  EXPECT_EQ(events.front().event, "message_start");
  EXPECT_EQ(events.back().event, "message_stop");
  msg.start = events.front().data["message"];
  std::string partial_json;
  bool open = false;
  for (const auto& e : events) {
    EXPECT_EQ(e.data.value("type", ""), e.event);
    if (e.event == "content_block_start") {
      EXPECT_FALSE(open);
      open = true;
      EXPECT_EQ(e.data["index"].get<std::size_t>(), msg.blocks.size());
      msg.blocks.push_back(e.data["content_block"]);
      partial_json.clear();
    } else if (e.event == "content_block_delta") {
      EXPECT_TRUE(open);
      const Json& delta = e.data["delta"];
      Json& block = msg.blocks.back();
      if (delta["type"] == "text_delta") {
        block["text"] = block["text"].get<std::string>() + delta["text"].get<std::string>();
      } else if (delta["type"] == "input_json_delta") {
        partial_json += delta["partial_json"].get<std::string>();
      } else if (delta["type"] == "thinking_delta") {
        block["thinking"] =
            block["thinking"].get<std::string>() + delta["thinking"].get<std::string>();
      } else if (delta["type"] == "signature_delta") {
        block["signature"] = delta["signature"];
      } else {
        ADD_FAILURE() << "unexpected delta " << delta.dump();
      }
    } else if (e.event == "content_block_stop") {
      EXPECT_TRUE(open);
      open = false;
      if (msg.blocks.back()["type"] == "tool_use") {
        msg.blocks.back()["input"] = parse_json(partial_json).value();
      }
    } else if (e.event == "message_delta") {
      msg.stop_reason = e.data["delta"]["stop_reason"];
      msg.usage = e.data["usage"];
    }
  }
  EXPECT_FALSE(open);
  return msg;
}

class MessagesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = MockServer::start({});
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(server.value());
  }

  StreamedMessage stream(const Json& body) {
    const auto reply = post(server_->port(), "/v1/messages", dump_json(body));
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.content_type, "text/event-stream");
    return rebuild(parse_sse(reply.body));
  }

  // Appends the assistant turn `msg` and a tool_result for its tool_use to `request`.
  static void answer_tool(Json& request, const StreamedMessage& msg, const std::string& output) {
    request["messages"].push_back({{"role", "assistant"}, {"content", msg.blocks}});
    const Json result = {
        {"type", "tool_result"}, {"tool_use_id", msg.blocks.back()["id"]}, {"content", output}};
    request["messages"].push_back({{"role", "user"}, {"content", Json::array({result})}});
  }

  std::unique_ptr<MockServer> server_;
};

TEST_F(MessagesApiTest, PlainPromptGetsText) {
  const auto msg = stream(messages_request("hello there"));
  ASSERT_EQ(msg.blocks.size(), 1u);
  EXPECT_EQ(msg.blocks[0]["type"], "text");
  EXPECT_EQ(msg.blocks[0]["text"], "mock answer: hello there");
  EXPECT_EQ(msg.stop_reason, "end_turn");
  EXPECT_GT(msg.usage["output_tokens"].get<int>(), 0);
  EXPECT_GT(msg.usage["input_tokens"].get<int>(), 0);
  EXPECT_EQ(msg.start["model"], "claude-test");
  EXPECT_EQ(msg.start["role"], "assistant");
}

TEST_F(MessagesApiTest, RunCallsBashThenQuotesItsOutput) {
  Json request = messages_request("run: echo hi");
  const auto first = stream(request);
  ASSERT_EQ(first.blocks.size(), 1u);
  EXPECT_EQ(first.blocks[0]["type"], "tool_use");
  EXPECT_EQ(first.blocks[0]["name"], "Bash");
  EXPECT_EQ(first.blocks[0]["input"]["command"], "echo hi");
  EXPECT_TRUE(first.blocks[0]["input"].contains("description"));
  EXPECT_EQ(first.stop_reason, "tool_use");

  answer_tool(request, first, "hi");
  const auto second = stream(request);
  ASSERT_EQ(second.blocks.size(), 1u);
  EXPECT_EQ(second.stop_reason, "end_turn");
  EXPECT_NE(second.blocks[0]["text"].get<std::string>().find("hi"), std::string::npos);
}

TEST_F(MessagesApiTest, EditReadsFirstWithAbsolutePaths) {
  Json request = messages_request("edit: a.txt :: old => new");
  const auto read = stream(request);
  ASSERT_EQ(read.blocks.size(), 1u);
  EXPECT_EQ(read.blocks[0]["name"], "Read");
  EXPECT_EQ(read.blocks[0]["input"]["file_path"], "/w/a.txt");
  answer_tool(request, read, "1\told");
  const auto edit = stream(request);
  ASSERT_EQ(edit.blocks.size(), 1u);
  EXPECT_EQ(edit.blocks[0]["name"], "Edit");
  EXPECT_EQ(edit.blocks[0]["input"],
            Json({{"file_path", "/w/a.txt"}, {"old_string", "old"}, {"new_string", "new"}}));
}

TEST_F(MessagesApiTest, WriteUsesTheWriteTool) {
  const auto msg = stream(messages_request("write: /abs/b.txt :: body"));
  ASSERT_EQ(msg.blocks.size(), 1u);
  EXPECT_EQ(msg.blocks[0]["name"], "Write");
  EXPECT_EQ(msg.blocks[0]["input"], Json({{"file_path", "/abs/b.txt"}, {"content", "body\n"}}));
}

TEST_F(MessagesApiTest, JsonGoesThroughStructuredOutputWhenDeclared) {
  Json request = messages_request("json: {\"verdict\":\"ok\"}");
  request["tools"].push_back(
      {{"name", "StructuredOutput"}, {"input_schema", {{"type", "object"}}}});
  const auto msg = stream(request);
  ASSERT_EQ(msg.blocks.size(), 1u);
  EXPECT_EQ(msg.blocks[0]["name"], "StructuredOutput");
  EXPECT_EQ(msg.blocks[0]["input"], Json({{"verdict", "ok"}}));

  const auto plain = stream(messages_request("json: {\"verdict\":\"ok\"}"));
  ASSERT_EQ(plain.blocks.size(), 1u);
  EXPECT_EQ(plain.blocks[0]["text"], "{\"verdict\":\"ok\"}");
}

TEST_F(MessagesApiTest, ThinkingBlockComesFirstWithASignature) {
  const auto msg = stream(messages_request("think: hmm\nsay: done"));
  ASSERT_EQ(msg.blocks.size(), 2u);
  EXPECT_EQ(msg.blocks[0]["type"], "thinking");
  EXPECT_EQ(msg.blocks[0]["thinking"], "hmm");
  EXPECT_FALSE(msg.blocks[0]["signature"].get<std::string>().empty());
  EXPECT_EQ(msg.blocks[1]["text"], "done");
}

TEST_F(MessagesApiTest, MergedUserTurnTakesTheNewestText) {
  // Claude Code merges a prompt queued during an interrupted tool call into the message that
  // carries the tool result; the newest text is the prompt and starts a new plan.
  Json request = messages_request("slow: 30\nrun: sleep 5");
  request["messages"].push_back(
      {{"role", "assistant"},
       {"content",
        Json::array(
            {{{"type", "tool_use"}, {"id", "t1"}, {"name", "Bash"}, {"input", Json::object()}}})}});
  request["messages"].push_back(
      {{"role", "user"},
       {"content",
        Json::array({{{"type", "tool_result"},
                      {"tool_use_id", "t1"},
                      {"content", "interrupted"},
                      {"is_error", true}},
                     {{"type", "text"}, {"text", "[Request interrupted by user for tool use]"}},
                     {{"type", "text"}, {"text", "say: fresh"}}})}});
  const auto msg = stream(request);
  ASSERT_EQ(msg.blocks.size(), 1u);
  EXPECT_EQ(msg.blocks[0]["text"], "fresh");
}

TEST_F(MessagesApiTest, NonStreamingRequestGetsOneJsonBody) {
  const auto reply =
      post(server_->port(), "/v1/messages", dump_json(messages_request("run: ls", false)));
  ASSERT_EQ(reply.status, 200);
  const Json body = parse_json(reply.body).value();
  EXPECT_EQ(body["type"], "message");
  EXPECT_EQ(body["stop_reason"], "tool_use");
  EXPECT_EQ(body["content"][0]["name"], "Bash");
  EXPECT_EQ(body["content"][0]["input"]["command"], "ls");
  EXPECT_GT(body["usage"]["output_tokens"].get<int>(), 0);
}

TEST_F(MessagesApiTest, FailuresUseTheAnthropicErrorShape) {
  auto reply = post(server_->port(), "/v1/messages", dump_json(messages_request("fail: auth")));
  EXPECT_EQ(reply.status, 401);
  Json body = parse_json(reply.body).value();
  EXPECT_EQ(body["type"], "error");
  EXPECT_EQ(body["error"]["type"], "authentication_error");

  reply = post(server_->port(), "/v1/messages", dump_json(messages_request("fail: overloaded")));
  EXPECT_EQ(reply.status, 529);
  EXPECT_EQ(parse_json(reply.body).value()["error"]["type"], "overloaded_error");

  reply = post(server_->port(), "/v1/messages", dump_json(messages_request("fail: 500")));
  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(parse_json(reply.body).value()["error"]["type"], "api_error");
}

TEST_F(MessagesApiTest, StreamFailureSendsAnErrorEvent) {
  const auto reply =
      post(server_->port(), "/v1/messages", dump_json(messages_request("fail: stream")));
  ASSERT_EQ(reply.status, 200);
  const auto events = parse_sse(reply.body);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event, "message_start");
  EXPECT_EQ(events[1].event, "error");
  EXPECT_EQ(events[1].data["error"]["type"], "api_error");
}

TEST_F(MessagesApiTest, CountTokensAnswersAndBadBodiesAreRejected) {
  auto reply =
      post(server_->port(), "/v1/messages/count_tokens", dump_json(messages_request("hello")));
  ASSERT_EQ(reply.status, 200);
  EXPECT_GT(parse_json(reply.body).value()["input_tokens"].get<int>(), 0);

  EXPECT_EQ(post(server_->port(), "/v1/messages", "{\"messages\": [").status, 400);
  EXPECT_EQ(post(server_->port(), "/v1/messages", "\"text\"").status, 400);
  EXPECT_EQ(post(server_->port(), "/v1/messages", R"({"messages": {}})").status, 400);
  EXPECT_EQ(post(server_->port(), "/v1/messages", R"({"messages": [], "model": []})").status, 400);
  const auto bad = parse_json(post(server_->port(), "/v1/messages", "nope").body).value();
  EXPECT_EQ(bad["error"]["type"], "invalid_request_error");
}

}  // namespace
}  // namespace agenthub::mock_model
