#include "agents/launcher/ready_line.h"

#include <gtest/gtest.h>

namespace agenthub::agents {
namespace {

TEST(ReadyLine, ParsesTheWrapperContract) {
  auto ready = parse_ready_line(Json{{"agent_url", "http://127.0.0.1:4000"},
                                     {"rpc_url", "http://127.0.0.1:4000/a2a/jsonrpc"},
                                     {"token", "abc"},
                                     {"backend", "codex"},
                                     {"pid", 42}});
  ASSERT_TRUE(ready.ok()) << ready.error().to_string();
  EXPECT_EQ(ready->agent_url, "http://127.0.0.1:4000");
  EXPECT_EQ(ready->rpc_url, "http://127.0.0.1:4000/a2a/jsonrpc");
  EXPECT_EQ(ready->token, "abc");
  EXPECT_EQ(ready->backend, "codex");
  EXPECT_EQ(ready->pid, 42);
}

TEST(ReadyLine, NullTokenMeansNoAuth) {
  auto ready = parse_ready_line(Json{{"agent_url", "http://127.0.0.1:4000"}, {"token", nullptr}});
  ASSERT_TRUE(ready.ok());
  EXPECT_EQ(ready->token, "");
  EXPECT_EQ(ready->pid, 0);
}

TEST(ReadyLine, RefusesLinesWithoutAUsableUrl) {
  EXPECT_FALSE(parse_ready_line(Json{{"rpc_url", "http://x:1/a"}}).ok());
  EXPECT_FALSE(parse_ready_line(Json{{"agent_url", 12}}).ok());
  EXPECT_FALSE(parse_ready_line(Json{{"agent_url", "listening"}}).ok());
  EXPECT_FALSE(parse_ready_line(Json::array({1, 2})).ok());
}

}  // namespace
}  // namespace agenthub::agents
