// Proves the offline setup of docs/cli-observations.md: the real CLIs, run exactly as the
// wrappers will run them, answer through mock-model-server and print the expected JSONL.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "agents/common/environment.h"
#include "agents/common/jsonl_reader.h"
#include "agents/common/process.h"
#include "core/json.h"
#include "tests/fakes/mock_model/mock_server.h"

namespace agenthub::mock_model {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// AGENTHUB_CODEX_BIN / AGENTHUB_CLAUDE_BIN override the pinned CLIs from tests/interop.
std::string cli_path(const char* name, const char* override_env) {
  if (const char* path = std::getenv(override_env); path != nullptr && *path != '\0') return path;
  return std::string(AGENTHUB_SOURCE_DIR) + "/tests/interop/node_modules/.bin/" + name;
}

struct CliRun {
  std::vector<Json> events;
  agents::ExitStatus status;
  std::string stderr_tail;

  // The first event with this `type` (and, for item events, this item.type).
  [[nodiscard]] const Json* find(std::string_view type, std::string_view item_type = {}) const {
    for (const auto& e : events) {
      if (e.value("type", "") != type) continue;
      if (!item_type.empty() && e["item"].value("type", "") != item_type) continue;
      return &e;
    }
    return nullptr;
  }
  [[nodiscard]] std::string dump() const {
    std::string text = status.to_string() + "\n";
    for (const auto& e : events) text += dump_json(e).substr(0, 400) + "\n";
    return text + "stderr: " + stderr_tail;
  }
};

class CliSmokeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = MockServer::start({});
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(server.value());
    std::string pattern = (fs::temp_directory_path() / "cli-smoke-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    home_ = root_ / "home";
    work_ = root_ / "work";
    fs::create_directories(home_);
    fs::create_directories(work_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  // Runs the CLI to completion with `stdin_text` as its whole stdin.
  CliRun run(std::vector<std::string> argv, agents::EnvList env, const std::string& stdin_text) {
    CliRun result;
    agents::SpawnOptions options;
    options.argv = std::move(argv);
    options.env = std::move(env);
    options.cwd = work_;
    auto spawned = agents::Process::spawn(std::move(options));
    EXPECT_TRUE(spawned.ok()) << spawned.error().message;
    if (!spawned.ok()) return result;
    auto& process = *spawned.value();
    EXPECT_TRUE(process.write_stdin(stdin_text, 30s).ok());
    process.close_stdin();
    // A CLI that hangs is killed so the test fails instead of blocking the suite.
    std::jthread watchdog([&process](std::stop_token stop) {
      const auto deadline = std::chrono::steady_clock::now() + 180s;
      while (!stop.stop_requested() && std::chrono::steady_clock::now() < deadline) {
        if (process.wait_for(100ms)) return;
      }
      if (!stop.stop_requested()) process.kill();
    });
    agents::JsonlReader reader(process.stdout_source());
    while (auto item = reader.next()) {
      if (item->ok()) result.events.push_back(std::move(item->value));
    }
    result.status = process.wait();
    result.stderr_tail = process.stderr_tail();
    return result;
  }

  std::string env_path() const {
    const char* path = std::getenv("PATH");
    return path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  }

  std::unique_ptr<MockServer> server_;
  fs::path root_;
  fs::path home_;
  fs::path work_;
};

class CodexSmokeTest : public CliSmokeTest {
 protected:
  CliRun run_codex(const std::string& prompt) {
    const fs::path codex_home = home_ / "codex";
    fs::create_directories(codex_home);
    std::ofstream(codex_home / "config.toml") << "model_provider = \"mock\"\n"
                                              << "model = \"gpt-5.5\"\n\n"
                                              << "[model_providers.mock]\n"
                                              << "name = \"Mock\"\n"
                                              << "base_url = \"" << server_->base_url() << "/v1\"\n"
                                              << "wire_api = \"responses\"\n"
                                              << "env_key = \"MOCK_API_KEY\"\n"
                                              << "supports_websockets = false\n"
                                              << "request_max_retries = 0\n"
                                              << "stream_max_retries = 0\n";
    return run({cli_path("codex", "AGENTHUB_CODEX_BIN"), "exec", "--experimental-json",
                "--skip-git-repo-check", "--disable", "plugins", "-c", "analytics.enabled=false",
                "--cd", work_.string(), "--sandbox", "workspace-write", "-"},
               {"PATH=" + env_path(), "HOME=" + home_.string(), "CODEX_HOME=" + codex_home.string(),
                "MOCK_API_KEY=x"},
               prompt);
  }
};

TEST_F(CodexSmokeTest, PlainAnswer) {
  const CliRun r = run_codex("say hello");
  ASSERT_TRUE(r.status.success()) << r.dump();
  const Json* started = r.find("thread.started");
  ASSERT_NE(started, nullptr) << r.dump();
  EXPECT_FALSE(started->value("thread_id", "").empty());
  EXPECT_NE(r.find("turn.started"), nullptr);
  const Json* message = r.find("item.completed", "agent_message");
  ASSERT_NE(message, nullptr) << r.dump();
  EXPECT_EQ((*message)["item"]["text"], "mock answer: say hello");
  const Json* completed = r.find("turn.completed");
  ASSERT_NE(completed, nullptr) << r.dump();
  EXPECT_GT((*completed)["usage"]["input_tokens"].get<int>(), 0);
  EXPECT_GT(server_->requests_seen(), 0);
}

TEST_F(CodexSmokeTest, RunsACommand) {
  const CliRun r = run_codex("run: echo smoke-$((6*7))");
  ASSERT_TRUE(r.status.success()) << r.dump();
  const Json* started = r.find("item.started", "command_execution");
  ASSERT_NE(started, nullptr) << r.dump();
  EXPECT_EQ((*started)["item"]["status"], "in_progress");
  const Json* done = r.find("item.completed", "command_execution");
  ASSERT_NE(done, nullptr) << r.dump();
  EXPECT_EQ((*done)["item"]["status"], "completed");
  EXPECT_EQ((*done)["item"]["exit_code"], 0);
  EXPECT_NE((*done)["item"]["aggregated_output"].get<std::string>().find("smoke-42"),
            std::string::npos)
      << r.dump();
  const Json* message = r.find("item.completed", "agent_message");
  ASSERT_NE(message, nullptr) << r.dump();
  EXPECT_NE((*message)["item"]["text"].get<std::string>().find("smoke-42"), std::string::npos);
  EXPECT_NE(r.find("turn.completed"), nullptr);
}

class ClaudeSmokeTest : public CliSmokeTest {
 protected:
  CliRun run_claude(const std::string& prompt) {
    const Json line = {
        {"type", "user"},
        {"message",
         {{"role", "user"}, {"content", Json::array({{{"type", "text"}, {"text", prompt}}})}}}};
    return run(
        {cli_path("claude", "AGENTHUB_CLAUDE_BIN"), "-p", "--output-format", "stream-json",
         "--verbose", "--input-format", "stream-json", "--permission-mode", "bypassPermissions"},
        {"PATH=" + env_path(), "HOME=" + home_.string(),
         "ANTHROPIC_BASE_URL=" + server_->base_url(), "ANTHROPIC_API_KEY=x",
         "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1", "CLAUDE_CODE_MAX_RETRIES=0",
         // bypassPermissions is refused as root unless the CLI is told it is sandboxed.
         "IS_SANDBOX=1"},
        dump_json(line) + "\n");
  }
};

TEST_F(ClaudeSmokeTest, PlainAnswer) {
  const CliRun r = run_claude("say hello");
  ASSERT_TRUE(r.status.success()) << r.dump();
  const Json* init = r.find("system");
  ASSERT_NE(init, nullptr) << r.dump();
  EXPECT_EQ((*init)["subtype"], "init");
  const std::string session_id = init->value("session_id", "");
  EXPECT_FALSE(session_id.empty());
  const Json* assistant = r.find("assistant");
  ASSERT_NE(assistant, nullptr) << r.dump();
  EXPECT_EQ((*assistant)["message"]["content"][0]["text"], "mock answer: say hello");
  const Json* result = r.find("result");
  ASSERT_NE(result, nullptr) << r.dump();
  EXPECT_EQ((*result)["is_error"], false);
  EXPECT_EQ((*result)["result"], "mock answer: say hello");
  EXPECT_EQ((*result)["session_id"], session_id);
  EXPECT_GT((*result)["usage"]["input_tokens"].get<int>(), 0);
}

TEST_F(ClaudeSmokeTest, RunsACommand) {
  const CliRun r = run_claude("run: echo smoke-$((6*7))");
  ASSERT_TRUE(r.status.success()) << r.dump();
  const Json* tool_use = nullptr;
  const Json* tool_result = nullptr;
  for (const auto& e : r.events) {
    if (e.value("type", "") == "assistant" &&
        e["message"]["content"][0].value("type", "") == "tool_use") {
      tool_use = &e;
    }
    if (e.value("type", "") == "user" &&
        e["message"]["content"][0].value("type", "") == "tool_result") {
      tool_result = &e;
    }
  }
  ASSERT_NE(tool_use, nullptr) << r.dump();
  EXPECT_EQ((*tool_use)["message"]["content"][0]["name"], "Bash");
  EXPECT_EQ((*tool_use)["message"]["content"][0]["input"]["command"], "echo smoke-$((6*7))");
  ASSERT_NE(tool_result, nullptr) << r.dump();
  const Json& block = (*tool_result)["message"]["content"][0];
  EXPECT_EQ(block["tool_use_id"], (*tool_use)["message"]["content"][0]["id"]);
  EXPECT_EQ(block.value("is_error", false), false);
  EXPECT_NE(dump_json(block["content"]).find("smoke-42"), std::string::npos);
  const Json* result = r.find("result");
  ASSERT_NE(result, nullptr) << r.dump();
  EXPECT_EQ((*result)["is_error"], false);
  EXPECT_NE((*result)["result"].get<std::string>().find("smoke-42"), std::string::npos);
}

}  // namespace
}  // namespace agenthub::mock_model
