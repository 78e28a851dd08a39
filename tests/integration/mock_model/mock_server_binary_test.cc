// The mock-model-server executable: flags, the ready line on stdout, clean exit on SIGTERM.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

#include "agents/common/jsonl_reader.h"
#include "agents/common/process.h"
#include "core/fs.h"
#include "tests/integration/mock_model/mock_client.h"

namespace agenthub::mock_model {
namespace {

using namespace std::chrono_literals;

const std::string kServer = std::string(AGENTHUB_BIN_DIR) + "/mock-model-server";

std::unique_ptr<agents::Process> spawn(std::vector<std::string> args) {
  args.insert(args.begin(), kServer);
  agents::SpawnOptions options;
  options.argv = std::move(args);
  auto process = agents::Process::spawn(std::move(options));
  EXPECT_TRUE(process.ok()) << process.error().message;
  return process.ok() ? std::move(process.value()) : nullptr;
}

TEST(MockServerBinary, PrintsItsUrlServesAndStopsOnSigterm) {
  const auto log = std::filesystem::temp_directory_path() /
                   ("mock-model-binary-" + std::to_string(getpid()) + ".jsonl");
  auto process = spawn({"--port", "0", "--log", log.string()});
  ASSERT_TRUE(process);
  agents::JsonlReader reader(process->stdout_source());
  auto ready = reader.next();
  ASSERT_TRUE(ready && ready->ok()) << process->stderr_tail();
  const std::string url = ready->value["url"];
  ASSERT_TRUE(url.starts_with("http://127.0.0.1:")) << url;
  const int port = std::stoi(url.substr(url.rfind(':') + 1));
  EXPECT_GT(port, 0);

  const auto reply =
      testing::post(port, "/v1/messages", dump_json(testing::messages_request("hi", false)));
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(parse_json(reply.body).value()["content"][0]["text"], "mock answer: hi");

  ASSERT_TRUE(process->signal_group(SIGTERM).ok());
  const auto status = process->wait_for(30s);
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->success()) << status->to_string();
  EXPECT_NE(read_file(log).value().find("\"/v1/messages\""), std::string::npos);
  std::filesystem::remove(log);
}

TEST(MockServerBinary, BadFlagsExitWithUsage) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--port", "nope"}, {"--bogus", "1"}, {"--port"}, {"--script", "/nonexistent.json"}}) {
    auto process = spawn(args);
    ASSERT_TRUE(process);
    const auto status = process->wait_for(30s);
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(status->exit_code, 2) << args[0];
    EXPECT_NE(process->stderr_tail().find("usage"), std::string::npos);
  }
}

}  // namespace
}  // namespace agenthub::mock_model
