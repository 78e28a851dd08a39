// claude-a2a-agent's argv builder, permission modes and permission answers.
#include "agents/claude-wrapper/claude_backend.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace agenthub::agents {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

ClaudeOptions options(ClaudePermission permission = ClaudePermission::kAuto) {
  ClaudeOptions o;
  o.claude_bin = "/opt/claude/bin/claude";
  o.permission = permission;
  return o;
}

TurnRequest turn(std::string prompt = "fix it") {
  TurnRequest t;
  t.task_id = "t1";
  t.context_id = "c1";
  t.cwd = "/work/repo";
  t.prompt = std::move(prompt);
  t.metadata = Json::object();
  return t;
}

a2a::Message reply(std::vector<a2a::Part> parts) {
  a2a::Message m;
  m.parts = std::move(parts);
  return m;
}

const Json kRequest = Json::parse(R"({"request_id":"perm-1","tool":"Bash",
    "input":{"command":"rm -rf build","description":"Remove"}})");

TEST(ClaudeBackendTest, AutoBypassesPermissions) {
  ClaudeBackend backend(options());
  auto inv = backend.build_invocation(turn());
  ASSERT_TRUE(inv.ok());
  EXPECT_THAT(inv->argv, ElementsAre("/opt/claude/bin/claude", "-p", "--output-format",
                                     "stream-json", "--verbose", "--input-format", "stream-json",
                                     "--permission-mode", "bypassPermissions"));
  EXPECT_THAT(inv->env_set, IsEmpty());
  EXPECT_EQ(inv->stdin_policy, StdinPolicy::kCloseAfterTurn);
  Json line = Json::parse(inv->stdin_data);
  EXPECT_EQ(inv->stdin_data.back(), '\n');
  EXPECT_EQ(line, Json::parse(R"({"type":"user","message":{"role":"user",
      "content":[{"type":"text","text":"fix it"}]}})"));
}

TEST(ClaudeBackendTest, AutoAsRootMarksTheSandbox) {
  ClaudeOptions o = options();
  o.running_as_root = true;
  ClaudeBackend backend(o);
  auto inv = backend.build_invocation(turn());
  ASSERT_TRUE(inv.ok());
  EXPECT_THAT(inv->env_set, ElementsAre("IS_SANDBOX=1"));
  // Another mode does not need it.
  o.permission_mode = "acceptEdits";
  auto other = ClaudeBackend(o).build_invocation(turn());
  ASSERT_TRUE(other.ok());
  EXPECT_THAT(other->env_set, IsEmpty());
  EXPECT_THAT(other->argv, Contains("acceptEdits"));
}

TEST(ClaudeBackendTest, RelayAsksThroughStdio) {
  ClaudeOptions o = options(ClaudePermission::kRelay);
  o.running_as_root = true;
  ClaudeBackend backend(o);
  auto inv = backend.build_invocation(turn());
  ASSERT_TRUE(inv.ok());
  EXPECT_THAT(inv->argv,
              ElementsAre("/opt/claude/bin/claude", "-p", "--output-format", "stream-json",
                          "--verbose", "--input-format", "stream-json", "--permission-mode",
                          "default", "--permission-prompt-tool", "stdio"));
  EXPECT_THAT(inv->env_set, IsEmpty());
}

TEST(ClaudeBackendTest, ResumeModelProfileSchema) {
  ClaudeOptions o = options();
  o.model = "claude-sonnet-5";
  ClaudeBackend backend(o);
  TurnRequest t = turn();
  t.session_id = "66e33cdb-1afa-467b-9361-2bd60fdf66a1";
  t.profile = "You are a reviewer.";
  t.output_schema = Json::parse(R"({"type":"object"})");
  auto inv = backend.build_invocation(t);
  ASSERT_TRUE(inv.ok());
  EXPECT_THAT(inv->argv,
              ElementsAre("/opt/claude/bin/claude", "-p", "--output-format", "stream-json",
                          "--verbose", "--input-format", "stream-json", "--model",
                          "claude-sonnet-5", "--resume", "66e33cdb-1afa-467b-9361-2bd60fdf66a1",
                          "--append-system-prompt", "You are a reviewer.", "--json-schema",
                          R"({"type":"object"})", "--permission-mode", "bypassPermissions"));
  t.model = "claude-haiku-5";
  inv = backend.build_invocation(t);
  ASSERT_TRUE(inv.ok());
  EXPECT_THAT(inv->argv, Contains("claude-haiku-5"));
  EXPECT_THAT(inv->argv, Not(Contains("claude-sonnet-5")));
}

TEST(ClaudeBackendTest, InterruptLine) {
  ClaudeBackend backend(options());
  Json line = Json::parse(backend.interrupt_line());
  EXPECT_EQ(line["type"], "control_request");
  EXPECT_EQ(line["request"]["subtype"], "interrupt");
  EXPECT_THAT(json_string(line, "request_id"), HasSubstr("interrupt-"));
}

TEST(ClaudeBackendTest, AllowAnswer) {
  ClaudeBackend backend(options(ClaudePermission::kRelay));
  auto allow = reply({a2a::Part::data_part(Json::parse(R"({"decision":"allow"})"))});
  ASSERT_TRUE(backend.check_input_reply(kRequest, allow).ok());
  auto line = backend.input_reply_line(kRequest, allow);
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(Json::parse(*line), Json::parse(R"({"type":"control_response","response":{
      "subtype":"success","request_id":"perm-1","response":{"behavior":"allow",
      "updatedInput":{"command":"rm -rf build","description":"Remove"}}}})"));
  // The client may rewrite the input.
  auto rewritten = reply({a2a::Part::data_part(
      Json::parse(R"({"decision":"allow","updated_input":{"command":"rm -rf build/tmp"}})"))});
  line = backend.input_reply_line(kRequest, rewritten);
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(Json::parse(*line)["response"]["response"]["updatedInput"]["command"],
            "rm -rf build/tmp");
}

TEST(ClaudeBackendTest, DenyAnswer) {
  ClaudeBackend backend(options(ClaudePermission::kRelay));
  auto line = backend.input_reply_line(
      kRequest,
      reply({a2a::Part::data_part(Json::parse(R"({"decision":"deny","message":"not now"})"))}));
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(Json::parse(*line), Json::parse(R"({"type":"control_response","response":{
      "subtype":"success","request_id":"perm-1","response":{"behavior":"deny",
      "message":"not now"}}})"));
  // A plain "deny" text works too, with a default message.
  line = backend.input_reply_line(kRequest, reply({a2a::Part::text_part(" Deny\n")}));
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(Json::parse(*line)["response"]["response"]["message"], "denied by the operator");
}

TEST(ClaudeBackendTest, OtherRepliesAreRefused) {
  ClaudeBackend backend(options(ClaudePermission::kRelay));
  for (const a2a::Message& m :
       {reply({a2a::Part::text_part("maybe")}),
        reply({a2a::Part::data_part(Json::parse(R"({"decision":"perhaps"})"))}),
        reply({a2a::Part::data_part(Json::parse(R"(["allow"])"))})}) {
    Status st = backend.check_input_reply(kRequest, m);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(st.error().message, HasSubstr("{\"decision\":\"allow\"}"));
    EXPECT_THAT(st.error().message, HasSubstr("Bash"));
    EXPECT_FALSE(backend.input_reply_line(kRequest, m).ok());
  }
  EXPECT_EQ(parse_claude_permission("relay"), ClaudePermission::kRelay);
  EXPECT_EQ(parse_claude_permission("auto"), ClaudePermission::kAuto);
  EXPECT_EQ(parse_claude_permission("ask"), ClaudePermission::kUnknown);
}

}  // namespace
}  // namespace agenthub::agents
