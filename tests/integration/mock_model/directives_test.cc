#include "tests/fakes/mock_model/directives.h"

#include <gtest/gtest.h>

namespace agenthub::mock_model {
namespace {

TEST(Directives, PlainPromptHasNone) {
  const Directives d = parse_directives("please fix the bug: it crashes");
  EXPECT_TRUE(d.steps.empty());
  EXPECT_FALSE(d.say.has_value());
  EXPECT_FALSE(d.json.has_value());
  EXPECT_EQ(d.slow_seconds, 0);
  EXPECT_TRUE(d.fail.empty());
}

TEST(Directives, StepsKeepTheirOrder) {
  const Directives d = parse_directives(
      "intro line\nrun: echo hi && ls\nwrite: a.txt :: one\\ntwo\nedit: a.txt :: two => 2\n"
      "read: b.txt\nmcp: spawn_run {\"prompt\":\"x\"}\ntool: TodoWrite {}\npermission: rm -rf x");
  ASSERT_EQ(d.steps.size(), 7u);
  EXPECT_EQ(d.steps[0].kind, ToolStep::Kind::kRun);
  EXPECT_EQ(d.steps[0].command, "echo hi && ls");
  EXPECT_EQ(d.steps[1].kind, ToolStep::Kind::kWrite);
  EXPECT_EQ(d.steps[1].path, "a.txt");
  EXPECT_EQ(d.steps[1].content, "one\ntwo\n");
  EXPECT_EQ(d.steps[2].kind, ToolStep::Kind::kEdit);
  EXPECT_EQ(d.steps[2].old_text, "two");
  EXPECT_EQ(d.steps[2].content, "2");
  EXPECT_EQ(d.steps[3].kind, ToolStep::Kind::kRead);
  EXPECT_EQ(d.steps[3].path, "b.txt");
  EXPECT_EQ(d.steps[4].kind, ToolStep::Kind::kMcp);
  EXPECT_EQ(d.steps[4].tool, "spawn_run");
  EXPECT_EQ(d.steps[4].arguments, "{\"prompt\":\"x\"}");
  EXPECT_EQ(d.steps[5].kind, ToolStep::Kind::kTool);
  EXPECT_EQ(d.steps[5].tool, "TodoWrite");
  EXPECT_EQ(d.steps[6].kind, ToolStep::Kind::kRun);
  EXPECT_EQ(d.steps[6].command, "rm -rf x");
}

TEST(Directives, EditWithoutReplacementWritesTheFile) {
  const Directives d = parse_directives("edit: notes.md");
  ASSERT_EQ(d.steps.size(), 1u);
  EXPECT_EQ(d.steps[0].kind, ToolStep::Kind::kWrite);
  EXPECT_EQ(d.steps[0].content, "written by mock-model-server\n");
}

TEST(Directives, AnswerShapingDirectives) {
  const Directives d = parse_directives("say: done\\nreally\nthink: hmm\nslow: 2.5\nfail: auth");
  EXPECT_EQ(d.say.value_or(""), "done\nreally");
  EXPECT_EQ(d.think.value_or(""), "hmm");
  EXPECT_DOUBLE_EQ(d.slow_seconds, 2.5);
  EXPECT_EQ(d.fail, "auth");
}

TEST(Directives, JsonOnOneLineOrRunningToTheEnd) {
  EXPECT_EQ(parse_directives("json: {\"a\":1}\nsay: x").json.value_or(""), "{\"a\":1}");
  const Directives multi = parse_directives("json: {\n  \"a\": [1,\n 2]\n}");
  EXPECT_EQ(multi.json.value_or(""), "{\n\"a\": [1,\n 2]\n}");
}

TEST(Directives, BadSlowValueIsIgnored) {
  EXPECT_EQ(parse_directives("slow: soon").slow_seconds, 0);
  EXPECT_EQ(parse_directives("slow: -3").slow_seconds, 0);
}

}  // namespace
}  // namespace agenthub::mock_model
