#include "hub/agent_message.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace agenthub::hub {
namespace {

using ::testing::HasSubstr;

TEST(ToA2aMessage, TextDataAndFileParts) {
  Json message = {{"role", "user"},
                  {"parts",
                   {{{"type", "text"}, {"text", "hello"}},
                    {{"type", "data"}, {"data", {{"a", {1, 2}}}}},
                    {{"type", "file"},
                     {"uri", "https://example.com/x.png"},
                     {"mime_type", "image/png"},
                     {"name", "x.png"}},
                    {{"type", "file"}, {"bytes_base64", "aGk="}, {"mime_type", "text/plain"}}}},
                  {"metadata", {{"trace", "t1"}}}};
  auto out = to_a2a_message(message);
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->role, a2a::Role::kUser);
  EXPECT_TRUE(out->message_id.empty());
  EXPECT_TRUE(out->context_id.empty());
  EXPECT_TRUE(out->task_id.empty());
  ASSERT_EQ(out->parts.size(), 4u);
  EXPECT_EQ(out->parts[0].kind, a2a::Part::Kind::kText);
  EXPECT_EQ(out->parts[0].text, "hello");
  EXPECT_EQ(out->parts[1].kind, a2a::Part::Kind::kData);
  EXPECT_EQ(out->parts[1].data, (Json{{"a", {1, 2}}}));
  EXPECT_EQ(out->parts[2].kind, a2a::Part::Kind::kUrl);
  EXPECT_EQ(out->parts[2].url, "https://example.com/x.png");
  EXPECT_EQ(out->parts[2].media_type, "image/png");
  EXPECT_EQ(out->parts[2].filename, "x.png");
  EXPECT_EQ(out->parts[3].kind, a2a::Part::Kind::kRaw);
  EXPECT_EQ(out->parts[3].raw, "hi");
  EXPECT_EQ(out->parts[3].media_type, "text/plain");
  EXPECT_EQ(out->metadata["trace"], "t1");
  EXPECT_EQ(out->text(), "hello");
}

TEST(ToA2aMessage, RolesMapToA2aRoles) {
  const Json parts = {{{"type", "text"}, {"text", "x"}}};
  auto agent = to_a2a_message({{"role", "agent"}, {"parts", parts}});
  ASSERT_TRUE(agent.ok());
  EXPECT_EQ(agent->role, a2a::Role::kAgent);
  auto defaulted = to_a2a_message({{"parts", parts}});
  ASSERT_TRUE(defaulted.ok());
  EXPECT_EQ(defaulted->role, a2a::Role::kUser);
  // A2A has no system role: a user message marked as system in its metadata.
  auto system = to_a2a_message({{"role", "system"}, {"parts", parts}});
  ASSERT_TRUE(system.ok());
  EXPECT_EQ(system->role, a2a::Role::kUser);
  EXPECT_EQ(system->metadata["agenthub.role"], "system");
}

TEST(ToA2aMessage, ErrorsNameTheOffendingPart) {
  struct Case {
    Json message;
    const char* error;
  };
  const Case cases[] = {
      {Json::array(), "input_message must be an object"},
      {{{"role", "bot"}, {"parts", {{{"type", "text"}, {"text", "x"}}}}},
       "input_message.role must be \"user\", \"agent\" or \"system\""},
      {{{"role", "user"}}, "input_message.parts must be a non-empty array"},
      {{{"role", "user"}, {"parts", Json::array()}}, "input_message.parts must be a non-empty"},
      {{{"role", "user"}, {"parts", {{"type", "text"}}}}, "input_message.parts must be"},
      {{{"parts", {"text"}}}, "input_message.parts[0]: must be an object"},
      {{{"parts", {{{"type", "text"}, {"text", 3}}}}},
       "input_message.parts[0]: text part needs a string \"text\""},
      {{{"parts", {{{"type", "text"}, {"text", "ok"}}, {{"type", "data"}}}}},
       "input_message.parts[1]: data part needs \"data\""},
      {{{"parts", {{{"type", "file"}, {"name", "x"}}}}},
       "input_message.parts[0]: file part needs \"uri\" or \"bytes_base64\""},
      {{{"parts", {{{"type", "file"}, {"bytes_base64", "!!not base64!!"}}}}},
       "input_message.parts[0]: bytes_base64 is not valid base64"},
      {{{"parts", {{{"type", "file"}, {"bytes_base64", 5}}}}},
       "input_message.parts[0]: bytes_base64 must be a string"},
      {{{"parts", {{{"text", "no type"}}}}}, "input_message.parts[0]: \"type\" must be"},
      {{{"parts", {{{"type", "text"}, {"text", "x"}}}}, {"metadata", "m"}},
       "input_message.metadata must be an object"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(dump_json(c.message));
    auto out = to_a2a_message(c.message);
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(out.error().message, HasSubstr(c.error));
  }
}

TEST(TextMessage, OneUserTextPart) {
  a2a::Message m = text_message("go");
  EXPECT_EQ(m.role, a2a::Role::kUser);
  ASSERT_EQ(m.parts.size(), 1u);
  EXPECT_EQ(m.parts[0].text, "go");
}

TEST(ToAgentPart, RoundTripsThroughToA2aMessage) {
  const Json parts = {{{"type", "text"}, {"text", "t"}},
                      {{"type", "data"}, {"data", {{"k", true}}}},
                      {{"type", "file"}, {"uri", "file:///x"}, {"mime_type", "text/x"}},
                      {{"type", "file"}, {"bytes_base64", "AAEC"}, {"name", "b.bin"}}};
  auto message = to_a2a_message({{"role", "user"}, {"parts", parts}});
  ASSERT_TRUE(message.ok()) << message.error().message;
  Json back = Json::array();
  for (const auto& part : message->parts) back.push_back(to_agent_part(part));
  EXPECT_EQ(back, parts);
}

}  // namespace
}  // namespace agenthub::hub
