// mcp::StdioClient (what the demo and the benchmarks use) against orchestration-mcp-fake.

#include "mcp/stdio_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <string>
#include <vector>

namespace agenthub::mcp {
namespace {

using ::testing::HasSubstr;

const std::string kFake = std::string(AGENTHUB_BIN_DIR) + "/orchestration-mcp-fake";

TEST(StdioClientTest, CallsToolsAndReadsTheirResults) {
  std::vector<std::string> log;
  auto client = StdioClient::start({kFake, "--log-level", "info"}, agents::inherited_env(),
                                   [&log](std::string_view line) { log.emplace_back(line); });
  ASSERT_TRUE(client.ok()) << client.error().message;
  EXPECT_EQ(::kill((*client)->pid(), 0), 0);

  const std::string cwd = std::filesystem::temp_directory_path().string();
  auto spawned = (*client)->call_tool("spawn_run", {{"backend", "codex"},
                                                    {"role", "worker"},
                                                    {"cwd", cwd},
                                                    {"session_mode", "new"},
                                                    {"prompt", "hi"}});
  ASSERT_TRUE(spawned.ok()) << spawned.error().message;
  ASSERT_FALSE(spawned->value("isError", false)) << spawned->dump();
  const std::string run_id = (*spawned)["structuredContent"]["run_id"];

  auto page =
      (*client)->call_tool("poll_events", {{"run_id", run_id}, {"after_seq", 0}, {"wait_ms", 0}});
  ASSERT_TRUE(page.ok()) << page.error().message;
  const Json& events = (*page)["structuredContent"]["events"];
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0]["type"], "run_started");

  // A tool error is a result (isError), not a failed call.
  auto unknown = (*client)->call_tool("get_run", {{"run_id", "run_nope"}});
  ASSERT_TRUE(unknown.ok()) << unknown.error().message;
  EXPECT_TRUE(unknown->value("isError", false));

  client->reset();  // closes stdin: the server exits and its last log lines arrive
  EXPECT_FALSE(log.empty());
}

TEST(StdioClientTest, AServerThatExitsFailsTheCallWithItsStderr) {
  auto client = StdioClient::start({kFake, "--no-such-flag"}, agents::inherited_env());
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(client.error().message, HasSubstr("unknown option \"--no-such-flag\""));
}

TEST(StdioClientTest, AProgramThatCannotStartIsAnError) {
  auto client = StdioClient::start({"/nonexistent/orchestration-mcp"}, agents::inherited_env());
  EXPECT_FALSE(client.ok());
}

}  // namespace
}  // namespace agenthub::mcp
