#include "hub/spawn_plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "agents/common/run_event_wire.h"
#include "temp_dir.h"

namespace agenthub::hub {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

class PlanSpawnTest : public ::testing::Test {
 protected:
  SpawnRunRequest valid() const {
    SpawnRunRequest r;
    r.backend = "remote_a2a";
    r.role = "worker";
    r.prompt = "do the thing";
    r.cwd = dir_.path().string();
    r.session_mode = "new";
    r.backend_config = {{"agent_url", "http://127.0.0.1:9"}};
    return r;
  }

  // The request must be refused as kInvalidArgument with a message naming `field`.
  void expect_refused(const SpawnRunRequest& r, const std::string& message_part,
                      ErrorCode code = ErrorCode::kInvalidArgument) {
    auto plan = plan_spawn(r, {});
    ASSERT_FALSE(plan.ok()) << "accepted although " << message_part << " is wrong";
    EXPECT_EQ(plan.error().code, code) << plan.error().message;
    EXPECT_THAT(plan.error().message, HasSubstr(message_part));
  }

  TempDir dir_{"hub-plan"};
};

TEST_F(PlanSpawnTest, ValidRemoteRequest) {
  SpawnRunRequest r = valid();
  r.metadata = {{"ticket", "T-1"}};
  r.output_schema = {{"type", "object"}};
  r.timeout_s = 60;
  r.backend_config["auth_token"] = "secret";
  auto plan = plan_spawn(r, {});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->backend, Backend::kRemoteA2a);
  EXPECT_EQ(plan->role, Role::kWorker);
  EXPECT_EQ(plan->cwd, dir_.path());
  EXPECT_FALSE(plan->resume);
  EXPECT_EQ(plan->prompt, "do the thing");
  ASSERT_EQ(plan->message.parts.size(), 1u);
  EXPECT_EQ(plan->message.parts[0].text, "do the thing");
  EXPECT_EQ(plan->message.role, a2a::Role::kUser);
  EXPECT_TRUE(plan->message.message_id.empty());
  ASSERT_TRUE(plan->remote.has_value());
  EXPECT_EQ(plan->remote->agent_url, "http://127.0.0.1:9");
  EXPECT_EQ(plan->remote->auth_token, "secret");
  EXPECT_EQ(plan->metadata["ticket"], "T-1");
  EXPECT_EQ(plan->output_schema["type"], "object");
  EXPECT_EQ(plan->timeout_s, 60);
}

TEST_F(PlanSpawnTest, TrailingSlashAndDotsNormalised) {
  SpawnRunRequest r = valid();
  r.cwd = dir_.path().string() + "/./";
  auto plan = plan_spawn(r, {});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->cwd, dir_.path());
}

TEST_F(PlanSpawnTest, InputMessageWithPromptPutsPromptFirst) {
  SpawnRunRequest r = valid();
  r.input_message = {{"role", "user"},
                     {"parts", {{{"type", "data"}, {"data", {{"n", 1}}}}}},
                     {"metadata", {{"k", "v"}}}};
  auto plan = plan_spawn(r, {});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->message.parts.size(), 2u);
  EXPECT_EQ(plan->message.parts[0].text, "do the thing");
  EXPECT_EQ(plan->message.parts[1].kind, a2a::Part::Kind::kData);
  EXPECT_EQ(plan->message.metadata["k"], "v");
  EXPECT_EQ(plan->input_message, r.input_message);
}

TEST_F(PlanSpawnTest, InputMessageAloneGivesPromptFromItsText) {
  SpawnRunRequest r = valid();
  r.prompt.reset();
  r.input_message = {{"role", "user"}, {"parts", {{{"type", "text"}, {"text", "from parts"}}}}};
  auto plan = plan_spawn(r, {});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->prompt, "from parts");
  ASSERT_EQ(plan->message.parts.size(), 1u);
}

TEST_F(PlanSpawnTest, LocalBackendsNeedNoBackendConfig) {
  for (const char* backend : {"codex", "claude_code"}) {
    SpawnRunRequest r = valid();
    r.backend = backend;
    r.backend_config = nullptr;
    auto plan = plan_spawn(r, {});
    ASSERT_TRUE(plan.ok()) << backend << ": " << plan.error().message;
    EXPECT_FALSE(plan->remote.has_value());
  }
}

TEST_F(PlanSpawnTest, ResumeKeepsSessionIdAndMayOmitRemoteConfig) {
  SpawnRunRequest r = valid();
  r.session_mode = "resume";
  r.session_id = "sess-1";
  r.backend_config = nullptr;
  auto plan = plan_spawn(r, {});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_TRUE(plan->resume);
  EXPECT_EQ(plan->session_id, "sess-1");
  EXPECT_FALSE(plan->remote.has_value());
}

TEST_F(PlanSpawnTest, MissingOrBadBackend) {
  SpawnRunRequest r = valid();
  r.backend = "";
  expect_refused(r, "backend:");
  r.backend = "Codex";
  expect_refused(r, "backend: must be \"codex\", \"claude_code\" or \"remote_a2a\"");
}

TEST_F(PlanSpawnTest, MissingOrBadRole) {
  SpawnRunRequest r = valid();
  r.role = "";
  expect_refused(r, "role:");
  r.role = "boss";
  expect_refused(r, "role: must be \"planner\", \"worker\" or \"reviewer\", got \"boss\"");
}

TEST_F(PlanSpawnTest, MissingCwd) {
  SpawnRunRequest r = valid();
  r.cwd = "";
  expect_refused(r, "cwd: required");
}

TEST_F(PlanSpawnTest, RelativeCwd) {
  SpawnRunRequest r = valid();
  r.cwd = "some/dir";
  expect_refused(r, "cwd: must be an absolute path, got \"some/dir\"");
}

TEST_F(PlanSpawnTest, NonexistentCwd) {
  SpawnRunRequest r = valid();
  r.cwd = (dir_.path() / "missing").string();
  expect_refused(r, "does not exist");
}

TEST_F(PlanSpawnTest, CwdThatIsAFile) {
  const auto file = dir_.path() / "file.txt";
  std::ofstream(file) << "x";
  SpawnRunRequest r = valid();
  r.cwd = file.string();
  expect_refused(r, "is not a directory");
}

TEST_F(PlanSpawnTest, ResumeWithoutSessionId) {
  SpawnRunRequest r = valid();
  r.session_mode = "resume";
  expect_refused(r, "session_id: required when session_mode is \"resume\"");
}

TEST_F(PlanSpawnTest, BadSessionMode) {
  SpawnRunRequest r = valid();
  r.session_mode = "continue";
  expect_refused(r, "session_mode: must be \"new\" or \"resume\", got \"continue\"");
  r.session_mode = "";
  expect_refused(r, "session_mode:");
}

TEST_F(PlanSpawnTest, NeitherPromptNorInputMessage) {
  SpawnRunRequest r = valid();
  r.prompt.reset();
  expect_refused(r, "prompt or input_message");
  r.prompt = "";
  expect_refused(r, "prompt or input_message");
}

TEST_F(PlanSpawnTest, BadInputMessageParts) {
  SpawnRunRequest r = valid();
  r.prompt.reset();
  r.input_message = "just a string";
  expect_refused(r, "input_message must be an object");
  r.input_message = {{"role", "user"}, {"parts", Json::array()}};
  expect_refused(r, "input_message.parts must be a non-empty array");
  r.input_message = {{"role", "user"}, {"parts", {{{"type", "text"}}}}};
  expect_refused(r, "input_message.parts[0]: text part needs a string \"text\"");
  r.input_message = {{"role", "user"},
                     {"parts", {{{"type", "text"}, {"text", "ok"}}, {{"type", "image"}}}}};
  expect_refused(r, "input_message.parts[1]: \"type\" must be");
  r.input_message = {{"role", "robot"}, {"parts", {{{"type", "text"}, {"text", "x"}}}}};
  expect_refused(r, "input_message.role");
}

TEST_F(PlanSpawnTest, OutputSchemaNotAnObject) {
  SpawnRunRequest r = valid();
  r.output_schema = Json::array({1});
  expect_refused(r, "output_schema: must be a JSON Schema object");
  r.output_schema = "object";
  expect_refused(r, "output_schema");
}

TEST_F(PlanSpawnTest, MetadataAndBackendConfigMustBeObjects) {
  SpawnRunRequest r = valid();
  r.metadata = 5;
  expect_refused(r, "metadata: must be an object");
  r = valid();
  r.backend = "codex";
  r.backend_config = Json::array();
  expect_refused(r, "backend_config: must be an object");
}

TEST_F(PlanSpawnTest, RemoteWithoutAgentUrl) {
  SpawnRunRequest r = valid();
  r.backend_config = nullptr;
  expect_refused(r, "agent_url");
  r.backend_config = Json::object();
  expect_refused(r, "backend_config.agent_url: required for remote_a2a");
  r.backend_config = {{"agent_url", ""}};
  expect_refused(r, "backend_config.agent_url: required");
}

TEST_F(PlanSpawnTest, AgentUrlNotHttp) {
  SpawnRunRequest r = valid();
  for (const char* url : {"ftp://host/x", "127.0.0.1:8000", "http://", "file:///etc/passwd"}) {
    r.backend_config = {{"agent_url", url}};
    expect_refused(r, "backend_config.agent_url: must be an http:// or https:// URL");
  }
  r.backend_config = {{"agent_url", "https://agent.example.com/a2a"}};
  EXPECT_TRUE(plan_spawn(r, {}).ok());
}

// Issue 6 (security): only http(s) URLs naming a host reach the client, and credentials never
// ride in the URL (it is stored in run.json and shown in events; the URL is not echoed back).
TEST_F(PlanSpawnTest, AgentUrlNeedsAHostAndNoCredentials) {
  SpawnRunRequest r = valid();
  for (const char* url : {"javascript:alert(1)", "file:/etc/passwd", "http:///a2a", "http://:8080/",
                          "https://?x=1", "http://[::1", "http://host:0/", "http://host:99999"}) {
    SCOPED_TRACE(url);
    r.backend_config = {{"agent_url", url}};
    expect_refused(r, "backend_config.agent_url: must be an http:// or https:// URL with a host");
  }
  for (const char* url :
       {"http://user:pw-secret@127.0.0.1:9/", "https://pw-secret@agent.example"}) {
    SCOPED_TRACE(url);
    r.backend_config = {{"agent_url", url}};
    auto plan = plan_spawn(r, {});
    ASSERT_FALSE(plan.ok());
    EXPECT_EQ(plan.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(plan.error().message, HasSubstr("must not carry credentials"));
    EXPECT_THAT(plan.error().message, ::testing::Not(HasSubstr("pw-secret")));
  }
  // An '@' after the authority is only part of the path or query.
  for (const char* url : {"HTTP://127.0.0.1:9/a2a", "http://[::1]:9/a2a", "http://h:9/x@y",
                          "https://agent.example/?who=a@b"}) {
    SCOPED_TRACE(url);
    r.backend_config = {{"agent_url", url}};
    EXPECT_TRUE(plan_spawn(r, {}).ok());
  }
}

TEST_F(PlanSpawnTest, HeaderWithLineBreak) {
  SpawnRunRequest r = valid();
  r.backend_config = {{"agent_url", "http://127.0.0.1:9"},
                      {"headers", {{"X-Trace", "a\r\nInjected: yes"}}}};
  expect_refused(r, "backend_config.headers.X-Trace: contains a line break");
  r.backend_config["headers"] = {{"Bad\nName", "v"}};
  expect_refused(r, "contains a line break");
  r.backend_config["headers"] = Json::object();
  r.backend_config["auth_token"] = "tok\nen";
  expect_refused(r, "backend_config.auth_token: must be a string without line breaks");
  r.backend_config.erase("auth_token");
  r.backend_config["agent_url"] = "http://127.0.0.1:9/\r\nX: y";
  expect_refused(r, "backend_config.agent_url");
}

TEST_F(PlanSpawnTest, WrongTypedBackendConfigFields) {
  struct Case {
    const char* field;
    Json value;
    const char* message;
  };
  const Case cases[] = {
      {"agent_url", 42, "backend_config.agent_url: required"},
      {"agent_card_path", 1, "backend_config.agent_card_path: must be a string"},
      {"headers", "X: y", "backend_config.headers: must be an object of strings"},
      {"headers", {{"X", 1}}, "backend_config.headers.X: must be a string"},
      {"auth_token", true, "backend_config.auth_token: must be a string"},
      {"history_length", "10", "backend_config.history_length: must be an integer"},
      {"history_length", -1, "backend_config.history_length: must be an integer"},
      {"history_length", 1.5, "backend_config.history_length: must be an integer"},
      {"blocking", "yes", "backend_config.blocking: must be true or false"},
      {"accepted_output_modes", "text/plain",
       "backend_config.accepted_output_modes: must be an array of strings"},
      {"accepted_output_modes", {1}, "backend_config.accepted_output_modes: must be an array"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.field);
    SpawnRunRequest r = valid();
    r.backend_config[c.field] = c.value;
    expect_refused(r, c.message);
  }
}

TEST_F(PlanSpawnTest, WellTypedBackendConfigFields) {
  SpawnRunRequest r = valid();
  r.backend_config = {{"agent_url", "http://127.0.0.1:9"},
                      {"agent_card_path", "/card.json"},
                      {"headers", {{"X-A", "1"}, {"X-B", "2"}}},
                      {"auth_token", "t"},
                      {"history_length", 5},
                      {"blocking", true},
                      {"accepted_output_modes", {"text/plain", "application/json"}}};
  auto plan = plan_spawn(r, {});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const RemoteConfig& remote = *plan->remote;
  EXPECT_EQ(remote.agent_card_path, "/card.json");
  EXPECT_EQ(remote.headers.size(), 2u);
  EXPECT_EQ(remote.auth_token, "t");
  EXPECT_EQ(remote.history_length, 5);
  EXPECT_TRUE(remote.blocking);
  EXPECT_EQ(remote.accepted_output_modes,
            (std::vector<std::string>{"text/plain", "application/json"}));
}

TEST_F(PlanSpawnTest, TimeoutMustBePositive) {
  SpawnRunRequest r = valid();
  r.timeout_s = 0;
  expect_refused(r, "timeout_s: must be a positive number of seconds");
  r.timeout_s = -5;
  expect_refused(r, "timeout_s");
}

TEST_F(PlanSpawnTest, ProfileErrorsAreReported) {
  SpawnRunRequest r = valid();
  r.profile = "no-such-profile.md";
  expect_refused(r, "profile: no-such-profile.md not found", ErrorCode::kNotFound);
}

TEST_F(PlanSpawnTest, ProfileLoadedFromCwd) {
  std::ofstream(dir_.path() / "persona.md") << "You are careful.";
  SpawnRunRequest r = valid();
  r.profile = "persona.md";
  auto plan = plan_spawn(r, {});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_TRUE(plan->profile.has_value());
  EXPECT_EQ(plan->profile->text, "You are careful.");
  EXPECT_EQ(plan->profile_spec, "persona.md");
}

TEST(PlanContinueMessage, RequiresAValidMessage) {
  auto missing = plan_continue_message(nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.error().message, HasSubstr("input_message: required"));
  auto bad = plan_continue_message({{"role", "user"}, {"parts", "x"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  auto good = plan_continue_message({{"parts", {{{"type", "text"}, {"text", "yes"}}}}});
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_EQ(good->text(), "yes");
  EXPECT_EQ(good->role, a2a::Role::kUser);  // role defaults to user
}

TEST(CheckCwd, AcceptsAnExistingAbsoluteDirectory) {
  EXPECT_TRUE(check_cwd("/").ok());
  EXPECT_FALSE(check_cwd("").ok());
  EXPECT_FALSE(check_cwd(".").ok());
}

}  // namespace
}  // namespace agenthub::hub
