#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/mcp/fake_run_service.h"
#include "tests/unit/mcp/tool_test_util.h"

namespace agenthub::mcp::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Json valid_args() {
  return {{"backend", "codex"},
          {"role", "worker"},
          {"prompt", "fix the build"},
          {"cwd", "/work/project"},
          {"session_mode", "new"}};
}

class SpawnRunTest : public ::testing::Test {
 protected:
  // Runs spawn_run with `args` and expects an error naming `fragment`, without a hub call.
  void expect_rejected(const Json& args, std::string_view fragment) {
    Json result = run_tool(service_, "spawn_run", args);
    ASSERT_TRUE(is_error(result)) << result;
    EXPECT_THAT(text_of(result), HasSubstr(fragment)) << args;
    EXPECT_THAT(text_of(result), HasSubstr("spawn_run failed (invalid_argument): "));
    EXPECT_FALSE(result.contains("structuredContent"));
    EXPECT_EQ(service_.calls(), 0);
  }

  FakeRunService service_;
};

TEST_F(SpawnRunTest, PassesAValidRequestThroughAndReturnsTheServiceJson) {
  service_.set_reply({{"run_id", "run-7"},
                      {"backend", "codex"},
                      {"role", "worker"},
                      {"session_id", "sess-7"},
                      {"status", "queued"}});
  Json result = run_tool(service_, "spawn_run", valid_args());
  ASSERT_FALSE(is_error(result)) << result;
  ASSERT_TRUE(service_.spawn.has_value());
  const auto& req = *service_.spawn;
  EXPECT_EQ(req.backend, "codex");
  EXPECT_EQ(req.role, "worker");
  EXPECT_EQ(req.prompt, "fix the build");
  EXPECT_TRUE(req.input_message.is_null());
  EXPECT_EQ(req.cwd, "/work/project");
  EXPECT_EQ(req.session_mode, "new");
  EXPECT_EQ(req.session_id, "");
  EXPECT_EQ(req.profile, "");
  EXPECT_TRUE(req.output_schema.is_null());
  EXPECT_TRUE(req.metadata.is_null());
  EXPECT_TRUE(req.backend_config.is_null());
  EXPECT_FALSE(req.timeout_s.has_value());
  EXPECT_EQ(result["structuredContent"]["run_id"], "run-7");
  EXPECT_EQ(text_of(result),
            "run run-7 queued (codex/worker), session sess-7. Next: poll_events "
            "{\"run_id\":\"run-7\",\"after_seq\":0}");
}

TEST_F(SpawnRunTest, PassesEveryOptionalField) {
  Json args = valid_args();
  args.erase("prompt");
  args["backend"] = "remote_a2a";
  args["role"] = "reviewer";
  args["session_mode"] = "resume";
  args["session_id"] = "sess-1";
  args["input_message"] = {{"role", "user"},
                           {"parts",
                            {{{"type", "text"}, {"text", "review"}},
                             {{"type", "data"}, {"data", {{"k", 1}}}},
                             {{"type", "file"}, {"uri", "file:///x"}, {"mime_type", "text/plain"}},
                             {{"type", "file"}, {"bytes_base64", "aGk="}, {"name", "hi.txt"}}}},
                           {"metadata", {{"m", true}}}};
  args["profile"] = "/p/reviewer.md";
  args["output_schema"] = {{"type", "object"}};
  args["metadata"] = {{"ticket", "T-1"}};
  args["backend_config"] = {{"agent_url", "http://127.0.0.1:8123"},
                            {"agent_card_path", "/card.json"},
                            {"headers", {{"X-A", "b"}}},
                            {"auth_token", "secret"},
                            {"history_length", 5},
                            {"blocking", false},
                            {"accepted_output_modes", {"text/plain"}}};
  args["timeout_s"] = 600;
  Json result = run_tool(service_, "spawn_run", args);
  ASSERT_FALSE(is_error(result)) << result;
  const auto& req = *service_.spawn;
  EXPECT_FALSE(req.prompt.has_value());
  EXPECT_EQ(req.input_message, args["input_message"]);
  EXPECT_EQ(req.session_mode, "resume");
  EXPECT_EQ(req.session_id, "sess-1");
  EXPECT_EQ(req.profile, "/p/reviewer.md");
  EXPECT_EQ(req.output_schema, args["output_schema"]);
  EXPECT_EQ(req.metadata, args["metadata"]);
  EXPECT_EQ(req.backend_config, args["backend_config"]);
  EXPECT_EQ(req.timeout_s, 600);
}

TEST_F(SpawnRunTest, NullOptionalFieldsCountAsAbsent) {
  Json args = valid_args();
  args["metadata"] = nullptr;
  args["profile"] = nullptr;
  args["timeout_s"] = nullptr;
  args["input_message"] = nullptr;
  EXPECT_FALSE(is_error(run_tool(service_, "spawn_run", args)));
}

TEST_F(SpawnRunTest, EachMissingRequiredFieldIsNamed) {
  for (const char* field : {"backend", "role", "cwd", "session_mode"}) {
    Json args = valid_args();
    args.erase(field);
    expect_rejected(args, std::string(field) + ": required");
  }
}

TEST_F(SpawnRunTest, RelativeCwdSaysWhatIsExpected) {
  Json args = valid_args();
  args["cwd"] = "rel/dir";
  expect_rejected(args, "cwd: must be an absolute path (starting with '/'), got \"rel/dir\"");
  args["cwd"] = "";
  expect_rejected(args, "cwd: must be an absolute path");
  args["cwd"] = 42;
  expect_rejected(args, "cwd: must be an absolute path (starting with '/'), got 42");
}

TEST_F(SpawnRunTest, EnumTyposListTheValidValues) {
  Json args = valid_args();
  args["backend"] = "Codex";
  expect_rejected(args, "backend: must be one of codex, claude_code, remote_a2a, got \"Codex\"");
  args = valid_args();
  args["role"] = "writer";
  expect_rejected(args, "role: must be one of planner, worker, reviewer, got \"writer\"");
  args = valid_args();
  args["session_mode"] = "continue";
  expect_rejected(args, "session_mode: must be one of new, resume, got \"continue\"");
}

TEST_F(SpawnRunTest, WrongTypesAreRejected) {
  Json args = valid_args();
  args["prompt"] = 7;
  expect_rejected(args, "prompt: must be a string, got 7");
  args = valid_args();
  args["metadata"] = "x";
  expect_rejected(args, "metadata: must be an object, got \"x\"");
  args = valid_args();
  args["output_schema"] = Json::array();
  expect_rejected(args, "output_schema: must be an object, got an array");
  args = valid_args();
  args["backend_config"] = true;
  expect_rejected(args, "backend_config: must be an object, got true");
  args = valid_args();
  args["profile"] = Json::object();
  expect_rejected(args, "profile: must be a string, got an object");
}

TEST_F(SpawnRunTest, TimeoutMustBeAnIntegerInRange) {
  for (Json bad : {Json(1.5), Json("30"), Json(0), Json(604801), Json(-5), Json(true)}) {
    Json args = valid_args();
    args["timeout_s"] = bad;
    expect_rejected(args, "timeout_s: must be an integer from 1 to 604800, got " + dump_json(bad));
  }
  Json args = valid_args();
  args["timeout_s"] = 30.0;  // an integer in JSON Schema terms
  EXPECT_FALSE(is_error(run_tool(service_, "spawn_run", args)));
  EXPECT_EQ(service_.spawn->timeout_s, 30);
}

TEST_F(SpawnRunTest, ResumeWithoutSessionIdIsRejectedHere) {
  Json args = valid_args();
  args["session_mode"] = "resume";
  expect_rejected(args, "session_id: required when session_mode is resume");
  args["session_id"] = "";
  expect_rejected(args, "session_id: required when session_mode is resume");
}

TEST_F(SpawnRunTest, NeitherPromptNorInputMessageIsRejectedHere) {
  Json args = valid_args();
  args.erase("prompt");
  expect_rejected(args, "prompt: give the task as prompt (text) or input_message (structured)");
  args["prompt"] = "";
  expect_rejected(args, "prompt: must not be empty when no input_message is given");
  // An empty prompt next to an input_message is simply unused.
  args["input_message"] = text_message("do it");
  EXPECT_FALSE(is_error(run_tool(service_, "spawn_run", args)));
  EXPECT_FALSE(service_.spawn->prompt.has_value());
}

TEST_F(SpawnRunTest, InputMessageShapeIsChecked) {
  struct Case {
    Json message;
    std::string fragment;
  };
  const Case cases[] = {
      {"hello", "input_message: must be an object {role, parts[]}, got \"hello\""},
      {{{"parts", {{{"type", "text"}, {"text", "x"}}}}}, "input_message.role: required"},
      {{{"role", "bot"}, {"parts", {{{"type", "text"}, {"text", "x"}}}}},
       "input_message.role: must be one of user, agent, system, got \"bot\""},
      {{{"role", "user"}}, "input_message.parts: required"},
      {{{"role", "user"}, {"parts", Json::array()}},
       "input_message.parts: must hold at least one part"},
      {{{"role", "user"}, {"parts", "text"}}, "input_message.parts: must be an array"},
      {{{"role", "user"}, {"parts", {"hi"}}}, "input_message.parts[0]: must be an object"},
      {{{"role", "user"}, {"parts", {{{"text", "x"}}}}}, "input_message.parts[0].type: required"},
      {{{"role", "user"}, {"parts", {{{"type", "image"}}}}},
       "input_message.parts[0].type: must be one of text, data, file, got \"image\""},
      {{{"role", "user"}, {"parts", {{{"type", "text"}}}}},
       "input_message.parts[0].text: required"},
      {{{"role", "user"}, {"parts", {{{"type", "text"}, {"text", 3}}}}},
       "input_message.parts[0].text: must be a string, got 3"},
      {{{"role", "user"}, {"parts", {{{"type", "data"}, {"data", "x"}}}}},
       "input_message.parts[0].data: must be an object"},
      {{{"role", "user"}, {"parts", {{{"type", "file"}, {"name", "a"}}}}},
       "input_message.parts[0]: a file part needs uri or bytes_base64"},
      {{{"role", "user"}, {"parts", {{{"type", "file"}, {"bytes_base64", "aGk= x"}}}}},
       "input_message.parts[0].bytes_base64: must be base64"},
      {{{"role", "user"}, {"parts", {{{"type", "text"}, {"kind", "text"}, {"text", "x"}}}}},
       "input_message.parts[0].kind: unknown field"},
      {{{"role", "user"}, {"parts", {{{"type", "text"}, {"text", "x"}}}}, {"contextId", "c"}},
       "input_message.contextId: unknown field"},
      {{{"role", "user"}, {"parts", {{{"type", "text"}, {"text", "x"}}}}, {"metadata", 1}},
       "input_message.metadata: must be an object"},
  };
  for (const auto& c : cases) {
    Json args = valid_args();
    args.erase("prompt");
    args["input_message"] = c.message;
    expect_rejected(args, c.fragment);
  }
}

TEST_F(SpawnRunTest, RemoteA2aNeedsAnAgentUrl) {
  Json args = valid_args();
  args["backend"] = "remote_a2a";
  expect_rejected(args, "backend_config: required when backend is remote_a2a");
  args["backend_config"] = Json::object();
  expect_rejected(args, "backend_config.agent_url: required");
  args["backend_config"] = {{"agent_url", "ftp://host"}};
  expect_rejected(args, "backend_config.agent_url: must be an http:// or https:// URL");
  args["backend_config"] = {{"agent_url", "https://agent.example"}, {"headers", {{"X", 1}}}};
  expect_rejected(args, "backend_config.headers.X: must be a string, got 1");
  args["backend_config"] = {{"agent_url", "https://agent.example"}, {"history_length", -1}};
  expect_rejected(args, "backend_config.history_length: must be an integer from 0");
  args["backend_config"] = {{"agent_url", "https://agent.example"}, {"blocking", "yes"}};
  expect_rejected(args, "backend_config.blocking: must be true or false");
  args["backend_config"] = {{"agent_url", "https://agent.example"}, {"accepted_output_modes", {1}}};
  expect_rejected(args, "backend_config.accepted_output_modes[0]: must be a string");
  // Other backends take backend_config without an agent_url.
  args = valid_args();
  args["backend_config"] = {{"model", "x"}};
  EXPECT_FALSE(is_error(run_tool(service_, "spawn_run", args)));
}

TEST_F(SpawnRunTest, UnknownFieldsAreNamed) {
  Json args = valid_args();
  args["workdir"] = "/x";
  expect_rejected(args, "workdir: unknown field (expected one of: backend, role, prompt");
}

TEST_F(SpawnRunTest, EveryProblemIsReportedAtOnce) {
  Json args = {{"backend", "x"}, {"cwd", "y"}};
  Json result = run_tool(service_, "spawn_run", args);
  std::string text = text_of(result);
  EXPECT_THAT(text, HasSubstr("backend: must be one of"));
  EXPECT_THAT(text, HasSubstr("role: required"));
  EXPECT_THAT(text, HasSubstr("cwd: must be an absolute path"));
  EXPECT_THAT(text, HasSubstr("session_mode: required"));
  EXPECT_THAT(text, HasSubstr("prompt: give the task"));
}

TEST_F(SpawnRunTest, ServiceErrorsBecomeIsErrorResultsWithTheReason) {
  service_.set_error(Error{ErrorCode::kInvalidArgument, "cwd: /nope does not exist"});
  Json result = run_tool(service_, "spawn_run", valid_args());
  ASSERT_TRUE(is_error(result));
  EXPECT_EQ(text_of(result), "spawn_run failed (invalid_argument): cwd: /nope does not exist");
  EXPECT_FALSE(result.contains("structuredContent"));
}

TEST_F(SpawnRunTest, TextIsCompactNotThePayloadAgain) {
  Json result = run_tool(service_, "spawn_run", valid_args());
  EXPECT_THAT(text_of(result), Not(HasSubstr("\n")));
}

}  // namespace
}  // namespace agenthub::mcp::testing
