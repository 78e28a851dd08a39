#include "mcp/mcp_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "mcp/protocol_version.h"
#include "tests/unit/mcp/fake_run_service.h"

namespace agenthub::mcp::testing {
namespace {

using ::testing::HasSubstr;

JsonRpcRequest make_request(Json id, std::string method, Json params = Json::object()) {
  return {std::move(id), false, std::move(method), std::move(params)};
}

class McpServerTest : public ::testing::Test {
 protected:
  Json handle(std::string method, Json params = Json::object(), Json id = 1) {
    return server_.handle_request(
        make_request(std::move(id), std::move(method), std::move(params)));
  }

  FakeRunService service_;
  McpServer server_{service_};
};

TEST_F(McpServerTest, InitializeEchoesEverySupportedVersion) {
  for (const char* version : {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"}) {
    Json reply = handle("initialize", {{"protocolVersion", version},
                                       {"capabilities", Json::object()},
                                       {"clientInfo", {{"name", "c"}, {"version", "1"}}}});
    EXPECT_EQ(reply["result"]["protocolVersion"], version);
  }
}

TEST_F(McpServerTest, InitializeAnswersUnknownVersionsWithOurLatest) {
  EXPECT_EQ(handle("initialize", {{"protocolVersion", "2099-01-01"}})["result"]["protocolVersion"],
            "2025-11-25");
  EXPECT_EQ(handle("initialize", Json::object())["result"]["protocolVersion"], "2025-11-25");
  EXPECT_EQ(handle("initialize", {{"protocolVersion", 5}})["result"]["protocolVersion"],
            "2025-11-25");
}

TEST_F(McpServerTest, InitializeDescribesTheServer) {
  Json result = handle("initialize", {{"protocolVersion", "2025-06-18"}})["result"];
  EXPECT_EQ(result["capabilities"], (Json{{"tools", {{"listChanged", false}}}}));
  EXPECT_EQ(result["serverInfo"]["name"], "orchestration-mcp");
  EXPECT_TRUE(result["serverInfo"]["version"].is_string());
  std::string instructions = result["instructions"];
  for (const char* word : {"spawn_run", "poll_events", "next_after_seq", "continue_run",
                           "cancel_run", "get_event_artifact", "25000"}) {
    EXPECT_THAT(instructions, HasSubstr(word));
  }
}

TEST_F(McpServerTest, PingAnswersAnEmptyObject) {
  EXPECT_EQ(handle("ping", nullptr, "p"),
            (Json{{"jsonrpc", "2.0"}, {"id", "p"}, {"result", Json::object()}}));
}

TEST_F(McpServerTest, EchoesIdsExactly) {
  for (Json id : {Json(0), Json(-7), Json("abc"), Json(""), Json(9007199254740993LL),
                  Json(18446744073709551615ULL), Json(1.5)}) {
    Json reply = handle("ping", nullptr, id);
    EXPECT_EQ(dump_json(reply["id"]), dump_json(id));
  }
}

TEST_F(McpServerTest, UnknownMethodsAreMethodNotFound) {
  for (const char* method : {"server/discover", "resources/list", "prompts/list", "tools/call2"}) {
    Json reply = handle(method);
    EXPECT_EQ(reply["error"]["code"], -32601) << method;
    EXPECT_EQ(reply["id"], 1);
  }
}

TEST_F(McpServerTest, ToolsListOffersTheSevenTools) {
  Json reply = handle("tools/list", {{"cursor", "ignored"}});
  const Json& tools = reply["result"]["tools"];
  std::vector<std::string> names;
  for (const auto& tool : tools) names.push_back(tool["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"spawn_run", "get_run", "poll_events", "cancel_run",
                                             "continue_run", "list_runs", "get_event_artifact"}));
  EXPECT_FALSE(reply["result"].contains("nextCursor"));
}

TEST_F(McpServerTest, ToolDescriptorsFollowTheRulesClientsEnforce) {
  const std::set<std::string> read_only = {"get_run", "poll_events", "list_runs",
                                           "get_event_artifact"};
  Json reply = handle("tools/list");
  for (const auto& tool : reply["result"]["tools"]) {
    std::string name = tool["name"];
    SCOPED_TRACE(name);
    EXPECT_FALSE(tool.value("title", "").empty());
    EXPECT_GT(tool.value("description", "").size(), 80u);
    const Json& input = tool["inputSchema"];
    EXPECT_EQ(input["type"], "object");
    for (const char* combinator : {"oneOf", "anyOf", "allOf", "not", "$ref"}) {
      EXPECT_FALSE(input.contains(combinator)) << combinator;
    }
    for (const auto& required : input.value("required", Json::array())) {
      EXPECT_TRUE(input["properties"].contains(required.get<std::string>())) << required;
    }
    for (const auto& [prop, schema] : input["properties"].items()) {
      EXPECT_TRUE(schema.contains("type")) << prop;
      EXPECT_TRUE(schema.contains("description")) << prop;
    }
    EXPECT_EQ(input["additionalProperties"], false);
    ASSERT_TRUE(tool.contains("outputSchema"));
    EXPECT_EQ(tool["outputSchema"]["type"], "object");
    for (const auto& required : tool["outputSchema"]["required"]) {
      EXPECT_TRUE(tool["outputSchema"]["properties"].contains(required.get<std::string>()))
          << required;
    }
    const Json& hints = tool["annotations"];
    EXPECT_EQ(hints["readOnlyHint"], read_only.contains(name));
    EXPECT_EQ(hints["destructiveHint"], name == "cancel_run");
  }
}

TEST_F(McpServerTest, UnknownToolIsAnInvalidParamsError) {
  Json reply = handle("tools/call", {{"name", "spawn"}, {"arguments", Json::object()}}, 4);
  EXPECT_EQ(reply["id"], 4);
  EXPECT_EQ(reply["error"]["code"], -32602);
  EXPECT_THAT(reply["error"]["message"].get<std::string>(), HasSubstr("unknown tool \"spawn\""));
  EXPECT_THAT(reply["error"]["message"].get<std::string>(), HasSubstr("spawn_run"));
  EXPECT_EQ(handle("tools/call", Json::object())["error"]["code"], -32602);
  EXPECT_EQ(handle("tools/call", {{"name", 3}})["error"]["code"], -32602);
  EXPECT_EQ(service_.calls(), 0);
}

TEST_F(McpServerTest, ArgumentsThatAreNotAnObjectAreAToolError) {
  Json reply = handle("tools/call", {{"name", "list_runs"}, {"arguments", "status=running"}});
  EXPECT_EQ(reply["result"]["isError"], true);
  EXPECT_THAT(reply["result"]["content"][0]["text"].get<std::string>(),
              HasSubstr("arguments must be an object"));
}

TEST_F(McpServerTest, MissingArgumentsMeanAnEmptyObject) {
  service_.set_reply({{"runs", Json::array()}});
  Json reply = handle("tools/call", {{"name", "list_runs"}});
  EXPECT_FALSE(reply["result"].value("isError", false)) << reply;
  EXPECT_EQ(reply["result"]["structuredContent"], (Json{{"runs", Json::array()}}));
}

TEST_F(McpServerTest, ToolResultsCarryContentAndStructuredContent) {
  service_.set_reply({{"run_id", "r"}, {"status", "running"}});
  Json reply = handle("tools/call", {{"name", "get_run"}, {"arguments", {{"run_id", "r"}}}}, "x");
  EXPECT_EQ(reply["id"], "x");
  EXPECT_EQ(reply["result"]["content"][0]["type"], "text");
  EXPECT_EQ(reply["result"]["structuredContent"], (Json{{"run_id", "r"}, {"status", "running"}}));
  EXPECT_FALSE(reply["result"].contains("isError"));
}

TEST(ProtocolVersion, Negotiation) {
  EXPECT_EQ(latest_protocol_version(), "2025-11-25");
  EXPECT_EQ(negotiate_protocol_version("2025-03-26"), "2025-03-26");
  EXPECT_EQ(negotiate_protocol_version("2024-10-07"), "2025-11-25");
  EXPECT_EQ(negotiate_protocol_version(""), "2025-11-25");
  EXPECT_EQ(supported_protocol_versions().size(), 4u);
}

}  // namespace
}  // namespace agenthub::mcp::testing
