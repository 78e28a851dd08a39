#include "agents/common/wrapper_flags.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "agents/common/wrapper_main.h"

namespace agenthub::agents {
namespace {

using ::testing::HasSubstr;

WrapperSpec spec() {
  WrapperSpec s;
  s.program = "codex-a2a-agent";
  s.backend = "codex";
  s.cli = "codex";
  s.bin_flag = "--codex-bin";
  s.bin_env = "CODEX_BIN";
  s.description = "test wrapper";
  s.skill_description = "does things";
  return s;
}

TEST(WrapperFlagsTest, Defaults) {
  WrapperFlags flags;
  WrapperSpec s = spec();
  ASSERT_TRUE(parse_flags({}, wrapper_flag_specs(s, flags)).ok());
  EXPECT_EQ(flags.host, "127.0.0.1");
  EXPECT_EQ(flags.port, 0);
  EXPECT_EQ(flags.max_tasks, 4);
  EXPECT_EQ(flags.cancel_grace.count(), 5000);
  EXPECT_EQ(flags.idle_exit_after.count(), 0);
  EXPECT_FALSE(flags.no_auth);
  EXPECT_TRUE(flags.token.empty());
}

TEST(WrapperFlagsTest, EveryCommonFlagBothSpellings) {
  WrapperFlags flags;
  WrapperSpec s = spec();
  std::vector<std::string> extra;
  s.extra_flags.push_back({"-c", "KEY=VALUE", "override", [&extra](const std::string& v) -> Status {
                             extra.push_back(v);
                             return {};
                           }});
  auto st = parse_flags({"--host",
                         "0.0.0.0",
                         "--port=8080",
                         "--token",
                         "t0k",
                         "--state-dir",
                         "/tmp/s",
                         "--max-tasks=2",
                         "--codex-bin",
                         "/x/codex",
                         "--model",
                         "m",
                         "--cancel-grace-ms",
                         "250",
                         "--idle-exit-after",
                         "60",
                         "-c",
                         "a=1",
                         "-c",
                         "b=2",
                         "--help"},
                        wrapper_flag_specs(s, flags));
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(flags.host, "0.0.0.0");
  EXPECT_EQ(flags.port, 8080);
  EXPECT_EQ(flags.token, "t0k");
  EXPECT_EQ(flags.state_dir, "/tmp/s");
  EXPECT_EQ(flags.max_tasks, 2);
  EXPECT_EQ(flags.cli_bin, "/x/codex");
  EXPECT_EQ(flags.model, "m");
  EXPECT_EQ(flags.cancel_grace.count(), 250);
  EXPECT_EQ(flags.idle_exit_after.count(), 60);
  EXPECT_TRUE(flags.help);
  EXPECT_EQ(extra, (std::vector<std::string>{"a=1", "b=2"}));
}

TEST(WrapperFlagsTest, BadUsage) {
  WrapperSpec s = spec();
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--port", "70000"},
                                             {"--port", "12x"},
                                             {"--max-tasks", "0"},
                                             {"--frobnicate"},
                                             {"stray"},
                                             {"--token"},
                                             {"--no-auth=yes"},
                                             {"--cancel-grace-ms", "-1"}}) {
    WrapperFlags flags;
    Status st = parse_flags(args, wrapper_flag_specs(s, flags));
    EXPECT_FALSE(st.ok()) << args[0];
    EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(WrapperFlagsTest, UsageMentionsEveryFlag) {
  WrapperFlags flags;
  WrapperSpec s = spec();
  const auto specs = wrapper_flag_specs(s, flags);
  const std::string usage = wrapper_usage(s, specs);
  for (const FlagSpec& f : specs) EXPECT_THAT(usage, HasSubstr(f.name));
  EXPECT_THAT(usage, HasSubstr("CODEX_BIN"));
}

TEST(WrapperFlagsTest, Card) {
  a2a::AgentCard card = wrapper_card(spec());
  EXPECT_EQ(card.name, "codex-a2a-agent");
  EXPECT_TRUE(card.capabilities.streaming);
  ASSERT_EQ(card.capabilities.extensions.size(), 1u);
  EXPECT_EQ(card.capabilities.extensions[0].uri,
            "https://github.com/agenthub/agenthub/a2a-extensions/run-events/v1");
  ASSERT_EQ(card.skills.size(), 1u);
  EXPECT_EQ(card.skills[0].id, "code");
  EXPECT_FALSE(card.version.empty());
}

TEST(WrapperFlagsTest, ParseInteger) {
  EXPECT_EQ(parse_integer("42", 0, 100).value(), 42);
  EXPECT_FALSE(parse_integer("", 0, 100).ok());
  EXPECT_FALSE(parse_integer("4 2", 0, 100).ok());
  EXPECT_FALSE(parse_integer("101", 0, 100).ok());
}

}  // namespace
}  // namespace agenthub::agents
