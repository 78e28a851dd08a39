// The OpenAI Responses API side of mock-model-server, as `codex exec` uses it.
#include <gtest/gtest.h>

#include "tests/fakes/mock_model/mock_server.h"
#include "tests/integration/mock_model/mock_client.h"

namespace agenthub::mock_model {
namespace {

using testing::event_names;
using testing::parse_sse;
using testing::post;
using testing::responses_request;
using testing::SseEvent;

class ResponsesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = MockServer::start({});
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(server.value());
  }

  std::vector<SseEvent> stream(const Json& body) {
    const auto reply = post(server_->port(), "/v1/responses", dump_json(body));
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.content_type, "text/event-stream");
    return parse_sse(reply.body);
  }

  // The items of the response.completed event, which must close a well-formed stream.
  static Json completed_output(const std::vector<SseEvent>& events) {
    EXPECT_FALSE(events.empty());
    if (events.empty()) return Json::array();
    EXPECT_EQ(events.front().event, "response.created");
    EXPECT_EQ(events.back().event, "response.completed");
    int sequence = 0;
    for (const auto& e : events) {
      EXPECT_EQ(e.data.value("type", ""), e.event);
      EXPECT_EQ(e.data.value("sequence_number", -1), sequence++);
    }
    const Json& response = events.back().data["response"];
    EXPECT_EQ(response["status"], "completed");
    EXPECT_GT(response["usage"]["input_tokens"].get<int>(), 0);
    EXPECT_GT(response["usage"]["output_tokens"].get<int>(), 0);
    EXPECT_EQ(response["usage"]["total_tokens"].get<int>(),
              response["usage"]["input_tokens"].get<int>() +
                  response["usage"]["output_tokens"].get<int>());
    return response["output"];
  }

  std::unique_ptr<MockServer> server_;
};

TEST_F(ResponsesApiTest, PlainPromptGetsATextMessage) {
  const auto events = stream(responses_request("hello there"));
  const Json output = completed_output(events);
  ASSERT_EQ(output.size(), 1u);
  EXPECT_EQ(output[0]["type"], "message");
  EXPECT_EQ(output[0]["content"][0]["type"], "output_text");
  EXPECT_EQ(output[0]["content"][0]["text"], "mock answer: hello there");

  std::string deltas;
  for (const auto& e : events) {
    if (e.event == "response.output_text.delta") deltas += e.data["delta"].get<std::string>();
  }
  EXPECT_EQ(deltas, "mock answer: hello there");
  const auto names = event_names(events);
  EXPECT_NE(std::find(names.begin(), names.end(), "response.output_item.added"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "response.output_item.done"), names.end());
}

TEST_F(ResponsesApiTest, RunCallsExecCommandThenQuotesItsOutput) {
  Json request = responses_request("run: echo hi");
  const Json first = completed_output(stream(request));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0]["type"], "function_call");
  EXPECT_EQ(first[0]["name"], "exec_command");
  EXPECT_EQ(parse_json(first[0]["arguments"].get<std::string>()).value(),
            Json({{"cmd", "echo hi"}}));
  const std::string call_id = first[0]["call_id"];
  ASSERT_FALSE(call_id.empty());

  request["input"].push_back(first[0]);
  request["input"].push_back(
      {{"type", "function_call_output"}, {"call_id", call_id}, {"output", "hi\n"}});
  const Json second = completed_output(stream(request));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0]["type"], "message");
  EXPECT_NE(second[0]["content"][0]["text"].get<std::string>().find("hi\n"), std::string::npos);
}

TEST_F(ResponsesApiTest, WriteUsesTheFreeformApplyPatchTool) {
  const Json output = completed_output(stream(responses_request("write: notes.txt :: a\\nb")));
  ASSERT_EQ(output.size(), 1u);
  EXPECT_EQ(output[0]["type"], "custom_tool_call");
  EXPECT_EQ(output[0]["name"], "apply_patch");
  EXPECT_EQ(output[0]["input"],
            "*** Begin Patch\n*** Add File: notes.txt\n+a\n+b\n*** End Patch\n");
}

TEST_F(ResponsesApiTest, EditPatchesOneBlock) {
  const Json output = completed_output(stream(responses_request("edit: a.txt :: old => new")));
  ASSERT_EQ(output.size(), 1u);
  EXPECT_EQ(output[0]["input"],
            "*** Begin Patch\n*** Update File: a.txt\n@@\n-old\n+new\n*** End Patch\n");
}

TEST_F(ResponsesApiTest, McpToolIsFoundThroughToolSearch) {
  Json request = responses_request("mcp: spawn_run {\"prompt\":\"go\"}");
  const Json first = completed_output(stream(request));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0]["type"], "tool_search_call");
  EXPECT_EQ(first[0]["execution"], "client");
  EXPECT_EQ(first[0]["arguments"]["query"], "spawn_run");

  request["input"].push_back(first[0]);
  request["input"].push_back(
      {{"type", "tool_search_output"},
       {"call_id", first[0]["call_id"]},
       {"tools", Json::array({{{"type", "namespace"},
                               {"name", "mcp__orch"},
                               {"tools", Json::array({{{"type", "function"},
                                                       {"name", "spawn_run"},
                                                       {"defer_loading", true}}})}}})}});
  const Json second = completed_output(stream(request));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0]["type"], "function_call");
  EXPECT_EQ(second[0]["name"], "spawn_run");
  EXPECT_EQ(second[0]["namespace"], "mcp__orch");
  EXPECT_EQ(second[0]["arguments"], "{\"prompt\":\"go\"}");
}

TEST_F(ResponsesApiTest, UndeclaredToolIsExplainedInText) {
  Json request = responses_request("tool: no_such_tool {}");
  const Json output = completed_output(stream(request));
  ASSERT_EQ(output.size(), 1u);
  EXPECT_EQ(output[0]["type"], "message");
  EXPECT_NE(output[0]["content"][0]["text"].get<std::string>().find("no_such_tool"),
            std::string::npos);
}

TEST_F(ResponsesApiTest, JsonAndThinkDirectives) {
  const Json output =
      completed_output(stream(responses_request("think: hmm\njson: {\"verdict\":\"ok\"}")));
  ASSERT_EQ(output.size(), 2u);
  EXPECT_EQ(output[0]["type"], "reasoning");
  EXPECT_EQ(output[0]["summary"][0]["text"], "hmm");
  EXPECT_EQ(output[1]["content"][0]["text"], "{\"verdict\":\"ok\"}");
}

TEST_F(ResponsesApiTest, FailuresUseTheOpenAiErrorShape) {
  auto reply = post(server_->port(), "/v1/responses", dump_json(responses_request("fail: auth")));
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(parse_json(reply.body).value()["error"]["code"], "invalid_api_key");

  reply = post(server_->port(), "/v1/responses", dump_json(responses_request("fail: 500")));
  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(parse_json(reply.body).value()["error"]["type"], "server_error");

  reply = post(server_->port(), "/v1/responses", dump_json(responses_request("fail: 429")));
  EXPECT_EQ(reply.status, 429);
}

TEST_F(ResponsesApiTest, StreamFailureEndsWithResponseFailed) {
  const auto events = stream(responses_request("fail: stream"));
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().event, "response.created");
  EXPECT_EQ(events.back().event, "response.failed");
  EXPECT_EQ(events.back().data["response"]["status"], "failed");
}

TEST_F(ResponsesApiTest, BadBodiesAreRejected) {
  EXPECT_EQ(post(server_->port(), "/v1/responses", "{not json").status, 400);
  EXPECT_EQ(post(server_->port(), "/v1/responses", "[1,2]").status, 400);
  EXPECT_EQ(post(server_->port(), "/v1/responses", R"({"stream":true,"input":5})").status, 400);
  EXPECT_EQ(post(server_->port(), "/v1/responses", R"({"input":"hi"})").status, 400)
      << "only streaming is supported";
  EXPECT_EQ(
      post(server_->port(), "/v1/responses", R"({"stream":true,"input":[],"model":5})").status,
      400);
  // Odd items are skipped, not fatal.
  EXPECT_EQ(
      post(
          server_->port(), "/v1/responses",
          R"({"stream":true,"tools":"x","input":[1,"x",{"type":"message","role":"user","content":7}]})")
          .status,
      200);
}

}  // namespace
}  // namespace agenthub::mock_model
