// orchestration-mcp and orchestration-mcp-fake as processes on pipes: the whole stdio path,
// shutdown on EOF and SIGTERM, hostile input, and the command line.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>

#include "tests/integration/mcp/mcp_process.h"

namespace agenthub::mcp::testing {
namespace {

using ::testing::HasSubstr;

const std::string kFake = std::string(AGENTHUB_BIN_DIR) + "/orchestration-mcp-fake";
const std::string kReal = std::string(AGENTHUB_BIN_DIR) + "/orchestration-mcp";

Json request(const Json& id, std::string_view method, Json params = Json::object()) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

Json call(const Json& id, std::string_view tool, Json arguments) {
  return request(id, "tools/call", {{"name", tool}, {"arguments", std::move(arguments)}});
}

void initialize(McpProcess& p) {
  p.send_json(request(0, "initialize",
                      {{"protocolVersion", "2025-06-18"},
                       {"capabilities", Json::object()},
                       {"clientInfo", {{"name", "test"}, {"version", "1"}}}}));
  Json reply = p.read_json();
  ASSERT_EQ(reply["id"], 0) << reply;
  ASSERT_EQ(reply["result"]["protocolVersion"], "2025-06-18");
  p.send(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
}

std::string tmp_dir() { return std::filesystem::temp_directory_path().string(); }

TEST(OrchestrationMcpProcess, FakeServesAWholeRunAndStdoutCarriesOnlyResponses) {
  McpProcess p(kFake, {});
  initialize(p);
  p.send_json(request(1, "tools/list"));
  Json tools = p.read_json();
  ASSERT_EQ(tools["id"], 1) << tools;
  EXPECT_EQ(tools["result"]["tools"].size(), 7u);

  p.send_json(call(2, "spawn_run",
                   {{"backend", "codex"},
                    {"role", "worker"},
                    {"prompt", "fix the tests"},
                    {"cwd", tmp_dir()},
                    {"session_mode", "new"}}));
  Json spawned = p.read_json();
  ASSERT_EQ(spawned["id"], 2) << spawned;
  ASSERT_FALSE(spawned["result"].value("isError", false)) << spawned;
  std::string run_id = spawned["result"]["structuredContent"]["run_id"];

  p.send_json(call(3, "poll_events", {{"run_id", run_id}, {"after_seq", 0}, {"wait_ms", 0}}));
  Json page = p.read_json();
  ASSERT_EQ(page["id"], 3) << page;
  EXPECT_EQ(page["result"]["structuredContent"]["status"], "input_required");
  EXPECT_EQ(page["result"]["structuredContent"]["next_after_seq"], 4);

  p.send_json(call(
      4, "continue_run",
      {{"run_id", run_id},
       {"input_message", {{"role", "user"}, {"parts", {{{"type", "text"}, {"text", "yes"}}}}}}}));
  Json continued = p.read_json();
  EXPECT_EQ(continued["result"]["structuredContent"]["status"], "completed") << continued;

  p.send_json(call(5, "get_run", {{"run_id", run_id}}));
  Json run = p.read_json();
  EXPECT_EQ(run["result"]["structuredContent"]["result"]["final_response"], "Done.") << run;

  p.close_stdin();
  // Nothing but the five responses was written to stdout.
  EXPECT_EQ(p.read_line(), std::nullopt);
  EXPECT_EQ(p.wait_exit(), 0);
}

TEST(OrchestrationMcpProcess, EofEndsTheProcessCleanly) {
  McpProcess p(kFake, {});
  p.close_stdin();
  EXPECT_EQ(p.wait_exit(), 0);
}

TEST(OrchestrationMcpProcess, SigtermStopsAWaitingPollAndExits) {
  McpProcess p(kFake, {});
  initialize(p);
  p.send_json(call(1, "spawn_run",
                   {{"backend", "claude_code"},
                    {"role", "worker"},
                    {"prompt", "[running] x"},
                    {"cwd", tmp_dir()},
                    {"session_mode", "new"}}));
  Json spawned = p.read_json();
  std::string run_id = spawned["result"]["structuredContent"]["run_id"];
  // Nothing will ever arrive after seq 1, so this poll waits its full 30 s unless stopped.
  p.send_json(call(2, "poll_events", {{"run_id", run_id}, {"after_seq", 1}, {"wait_ms", 30000}}));
  p.send_json(request(3, "ping"));
  EXPECT_EQ(p.read_json()["id"], 3);
  p.signal(SIGTERM);
  Json page = p.read_json(std::chrono::seconds(20));
  EXPECT_EQ(page["id"], 2) << page;
  EXPECT_EQ(page["result"]["structuredContent"]["events"], Json::array());
  EXPECT_EQ(p.wait_exit(std::chrono::seconds(20)), 0);
}

TEST(OrchestrationMcpProcess, OversizedLineIsRefusedAndServingGoesOn) {
  McpProcess p(kFake, {});
  std::string huge = R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":")";
  huge.append(17 * 1024 * 1024, 'x');
  huge += "\"}}";
  p.send(huge);
  p.send_json(request(2, "ping"));
  Json refused = p.read_json();
  EXPECT_EQ(refused["error"]["code"], -32600) << refused;
  EXPECT_TRUE(refused["id"].is_null());
  EXPECT_EQ(p.read_json()["id"], 2);
}

TEST(OrchestrationMcpProcess, InvalidUtf8AndGarbageDoNotHurt) {
  McpProcess p(kFake, {});
  p.send("\xff\xfe garbage \x80");
  EXPECT_EQ(p.read_json()["error"]["code"], -32700);
  p.send(std::string(R"({"jsonrpc":"2.0","id":"a)") + "\xff" +
         R"(","method":"tools/call","params":{"name":"get_run","arguments":{"run_id":"r)" +
         "\xc3\x28" + R"("}}})");
  Json reply = p.read_json();
  EXPECT_EQ(reply["id"], "a\xEF\xBF\xBD") << reply;
  EXPECT_EQ(reply["result"]["isError"], true) << reply;
  p.send(std::string(100000, '['));
  EXPECT_EQ(p.read_json()["error"]["code"], -32600);
  p.send_json(request(9, "ping"));
  EXPECT_EQ(p.read_json()["id"], 9);
}

// The real binary over the real hub, with a state directory of its own: an empty index lists
// no runs, an unknown run id is a clear tool error, and shape errors come before the hub.
TEST(OrchestrationMcpProcess, RealBinaryServesAnEmptyStateAndExplainsUnknownRuns) {
  auto state = std::filesystem::temp_directory_path() /
               ("agenthub-mcp-process-" + std::to_string(::getpid()));
  std::filesystem::remove_all(state);
  {
    McpProcess p(kReal, {"--state-dir", state.string()});
    initialize(p);
    p.send_json(call(1, "list_runs", Json::object()));
    Json listed = p.read_json();
    ASSERT_FALSE(listed["result"].value("isError", false)) << listed;
    EXPECT_EQ(listed["result"]["structuredContent"]["runs"], Json::array()) << listed;

    p.send_json(call(2, "get_run", {{"run_id", "no-such-run"}}));
    Json unknown = p.read_json();
    ASSERT_EQ(unknown["result"].value("isError", false), true) << unknown;
    EXPECT_THAT(unknown["result"]["content"][0]["text"].get<std::string>(),
                HasSubstr("get_run failed (not_found)"));

    p.send_json(call(3, "get_run", Json::object()));
    EXPECT_THAT(p.read_json()["result"]["content"][0]["text"].get<std::string>(),
                HasSubstr("run_id: required"));
    p.close_stdin();
    EXPECT_EQ(p.wait_exit(), 0);
  }
  std::filesystem::remove_all(state);
}

TEST(OrchestrationMcpProcess, HelpExplainsHowToRegister) {
  McpProcess p(kReal, {"--help"});
  std::string out;
  while (auto line = p.read_line()) out += *line + "\n";
  EXPECT_THAT(out, HasSubstr("[mcp_servers.orchestration]"));
  EXPECT_THAT(out, HasSubstr("command = \"/"));
  EXPECT_THAT(out, HasSubstr("claude mcp add orchestration -- /"));
  EXPECT_THAT(out, HasSubstr("--state-dir"));
  EXPECT_EQ(p.wait_exit(), 0);
}

TEST(OrchestrationMcpProcess, VersionAndBadFlags) {
  McpProcess version(kReal, {"--version"});
  EXPECT_THAT(version.read_line().value_or(""), HasSubstr("orchestration-mcp 0."));
  EXPECT_EQ(version.wait_exit(), 0);
  McpProcess bad(kReal, {"--no-such-flag"});
  EXPECT_EQ(bad.wait_exit(), 2);
}

}  // namespace
}  // namespace agenthub::mcp::testing
