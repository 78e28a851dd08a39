// The real codex 0.171.0 and claude 2.1.332 CLIs (tests/interop/node_modules) behind our
// wrappers, answering through mock-model-server, driven by our A2A client. Kept lean: every
// real CLI start costs about a second.
#include <dirent.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "core/fs.h"
#include "core/ids.h"
#include "tests/fakes/mock_model/mock_server.h"
#include "tests/integration/wrappers/wrapper_harness.h"

namespace agenthub::agents::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

// AGENTHUB_CODEX_BIN / AGENTHUB_CLAUDE_BIN override the pinned CLIs from tests/interop.
std::string cli_path(const char* name, const char* override_env) {
  if (const char* path = std::getenv(override_env); path != nullptr && *path != '\0') return path;
  return std::string(AGENTHUB_SOURCE_DIR) + "/tests/interop/node_modules/.bin/" + name;
}

std::string env_path() {
  const char* path = std::getenv("PATH");
  return path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
}

// Every process below `root` (children, grandchildren, ...).
std::vector<pid_t> descendants(pid_t root) {
  std::vector<std::pair<pid_t, pid_t>> parent_of;  // (pid, ppid)
  if (DIR* dir = ::opendir("/proc")) {
    while (dirent* entry = ::readdir(dir)) {
      const pid_t pid = std::atoi(entry->d_name);
      if (pid <= 0) continue;
      std::ifstream stat("/proc/" + std::string(entry->d_name) + "/stat");
      std::string line;
      if (!std::getline(stat, line)) continue;
      // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
      const auto close = line.rfind(')');
      if (close == std::string::npos) continue;
      char state = 0;
      int ppid = 0;
      if (std::sscanf(line.c_str() + close + 1, " %c %d", &state, &ppid) == 2 && state != 'Z') {
        parent_of.emplace_back(pid, ppid);
      }
    }
    ::closedir(dir);
  }
  std::vector<pid_t> out = {root};
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (const auto& [pid, ppid] : parent_of) {
      if (ppid == out[i]) out.push_back(pid);
    }
  }
  out.erase(out.begin());
  return out;
}

// The mock's request log: one JSON object per request.
std::vector<Json> mock_requests(const fs::path& log) {
  std::vector<Json> out;
  std::ifstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    auto parsed = parse_json(line);
    if (parsed.ok()) out.push_back(std::move(parsed).value());
  }
  return out;
}

class WrappersE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("agenthub-wrappers-e2e-" + random_hex(6));
    ASSERT_TRUE(ensure_dir(root_ / "home").ok());
    ASSERT_TRUE(ensure_dir(root_ / "work").ok());
    work_ = fs::canonical(root_ / "work").string();
    mock_log_ = root_ / "mock.jsonl";
    mock_model::MockServer::Options options;
    options.log_path = mock_log_.string();
    auto server = mock_model::MockServer::start(options);
    ASSERT_TRUE(server.ok()) << server.error().message;
    mock_ = std::move(server).value();
  }
  void TearDown() override {
    wrapper_.reset();
    if (mock_) mock_->stop();
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  // Credentials and endpoints of every provider are dropped from what the wrapper inherits.
  const std::vector<std::string> kDrop = {"OPENAI_*", "ANTHROPIC_*",  "CODEX_*",   "CLAUDE_*",
                                          "HOME",     "MOCK_API_KEY", "IS_SANDBOX"};

  WrapperProcess* start_codex(std::vector<std::string> args = {}) {
    const fs::path codex_home = root_ / "home" / "codex";
    EXPECT_TRUE(ensure_dir(codex_home).ok());
    std::ofstream(codex_home / "config.toml") << "model_provider = \"mock\"\n"
                                              << "model = \"gpt-5.5\"\n\n"
                                              << "[model_providers.mock]\n"
                                              << "name = \"Mock\"\n"
                                              << "base_url = \"" << mock_->base_url() << "/v1\"\n"
                                              << "wire_api = \"responses\"\n"
                                              << "env_key = \"MOCK_API_KEY\"\n"
                                              << "supports_websockets = false\n"
                                              << "request_max_retries = 0\n"
                                              << "stream_max_retries = 0\n";
    std::vector<std::string> argv = {"--codex-bin", cli_path("codex", "AGENTHUB_CODEX_BIN"),
                                     "--state-dir", (root_ / "state").string(),
                                     "-c",          "features.plugins=false",
                                     "-c",          "analytics.enabled=false"};
    argv.insert(argv.end(), args.begin(), args.end());
    wrapper_ = WrapperProcess::start("codex-a2a-agent", argv,
                                     {"PATH=" + env_path(), "HOME=" + (root_ / "home").string(),
                                      "CODEX_HOME=" + codex_home.string(), "MOCK_API_KEY=x"},
                                     kDrop);
    return wrapper_.get();
  }

  WrapperProcess* start_claude(std::vector<std::string> args = {}) {
    std::vector<std::string> argv = {"--claude-bin", cli_path("claude", "AGENTHUB_CLAUDE_BIN"),
                                     "--state-dir", (root_ / "state").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    wrapper_ = WrapperProcess::start(
        "claude-a2a-agent", argv,
        {"PATH=" + env_path(), "HOME=" + (root_ / "home").string(),
         "ANTHROPIC_BASE_URL=" + mock_->base_url(), "ANTHROPIC_API_KEY=x",
         "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1", "CLAUDE_CODE_MAX_RETRIES=0"},
        kDrop);
    return wrapper_.get();
  }

  // Cancels a `slow:` turn once the CLI announced its session; its processes must all go.
  void cancel_mid_turn() {
    auto client = wrapper_->client();
    ASSERT_NE(client, nullptr);
    const std::string task = submit(*client, user_message("slow: 60", work_));
    ASSERT_TRUE(wait_for_run_event(*client, task, "status_changed"));
    const std::vector<pid_t> clis = descendants(wrapper_->pid());
    ASSERT_FALSE(clis.empty());
    auto canceled = cancel(*client, task);
    ASSERT_TRUE(canceled.ok()) << canceled.error().to_string();
    EXPECT_EQ(canceled->status.state, a2a::TaskState::kCanceled);
    EXPECT_TRUE(all_gone(clis));
    EXPECT_TRUE(descendants(wrapper_->pid()).empty());
    EXPECT_EQ(task_state(*client, task), a2a::TaskState::kCanceled);
  }

  fs::path root_;
  std::string work_;
  fs::path mock_log_;
  std::unique_ptr<mock_model::MockServer> mock_;
  std::unique_ptr<WrapperProcess> wrapper_;
};

TEST_F(WrappersE2eTest, CodexRunsACommandInTheCwdAndResumes) {
  ASSERT_NE(start_codex(), nullptr);
  auto client = wrapper_->client();
  ASSERT_NE(client, nullptr);
  StreamResult first =
      stream(*client, user_message("run: pwd > where.txt && echo e2e-$((6*7))", work_));
  ASSERT_EQ(first.state, a2a::TaskState::kCompleted) << first.dump();
  const Json* started = first.find("command_started");
  const Json* finished = first.find("command_finished");
  ASSERT_NE(started, nullptr) << first.dump();
  ASSERT_NE(finished, nullptr) << first.dump();
  EXPECT_THAT(json_string(*started, "command"), HasSubstr("echo e2e-$((6*7))"));
  EXPECT_THAT(json_string(*finished, "aggregated_output"), HasSubstr("e2e-42"));
  EXPECT_EQ((*finished)["exit_code"], 0);
  EXPECT_EQ(read_file(fs::path(work_) / "where.txt").value_or(""), work_ + "\n");
  ASSERT_TRUE(first.result.has_value());
  EXPECT_THAT(first.result->parts[0].text, HasSubstr("e2e-42"));
  const std::string thread = json_string(first.run_events[0], "thread_id");
  ASSERT_FALSE(thread.empty());

  StreamResult second = stream(*client, user_message("say: resumed fine", "", first.context_id));
  ASSERT_EQ(second.state, a2a::TaskState::kCompleted) << second.dump();
  EXPECT_EQ(json_string(second.run_events[0], "thread_id"), thread);
  EXPECT_EQ(second.result->parts[0].text, "resumed fine");
  // The resumed turn re-sent the earlier conversation.
  const auto requests = mock_requests(mock_log_);
  ASSERT_FALSE(requests.empty());
  const std::string last = dump_json(requests.back()["body"]["input"]);
  EXPECT_THAT(last, HasSubstr("pwd > where.txt"));
  EXPECT_THAT(last, HasSubstr("resumed fine"));
}

TEST_F(WrappersE2eTest, CodexOutputSchema) {
  ASSERT_NE(start_codex(), nullptr);
  auto client = wrapper_->client();
  const Json schema = Json::parse(R"({"type":"object","properties":{"verdict":{"type":"string"},
      "score":{"type":"integer"}},"required":["verdict","score"],"additionalProperties":false})");
  StreamResult r = stream(*client, user_message(R"(json: {"verdict":"ok","score":7})", work_, {},
                                                Json{{"output_schema", schema}}));
  ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  ASSERT_TRUE(r.result.has_value());
  ASSERT_EQ(r.result->parts.size(), 2u);
  EXPECT_EQ(r.result->parts[1].data, Json::parse(R"({"verdict":"ok","score":7})"));
  const auto requests = mock_requests(mock_log_);
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests.back()["body"]["text"]["format"]["schema"], schema);
}

TEST_F(WrappersE2eTest, CodexCancelMidTurn) {
  ASSERT_NE(start_codex(), nullptr);
  cancel_mid_turn();
}

TEST_F(WrappersE2eTest, CodexAuthFailure) {
  ASSERT_NE(start_codex(), nullptr);
  StreamResult r = stream(*wrapper_->client(), user_message("fail: auth", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kAuthRequired) << r.dump();
  EXPECT_THAT(r.status_text, HasSubstr("401"));
  EXPECT_THAT(r.status_text, HasSubstr("codex login"));
}

TEST_F(WrappersE2eTest, ClaudeRunsACommandInTheCwdAndResumes) {
  ASSERT_NE(start_claude(), nullptr);
  auto client = wrapper_->client();
  ASSERT_NE(client, nullptr);
  StreamResult first =
      stream(*client, user_message("run: pwd > where.txt && echo e2e-$((6*7))", work_));
  ASSERT_EQ(first.state, a2a::TaskState::kCompleted) << first.dump();
  const Json* started = first.find("command_started");
  const Json* finished = first.find("command_finished");
  ASSERT_NE(started, nullptr) << first.dump();
  ASSERT_NE(finished, nullptr) << first.dump();
  EXPECT_EQ(json_string(*started, "command"), "pwd > where.txt && echo e2e-$((6*7))");
  EXPECT_THAT(json_string(*finished, "stdout"), HasSubstr("e2e-42"));
  EXPECT_EQ((*finished)["exit_code"], 0);
  EXPECT_EQ(read_file(fs::path(work_) / "where.txt").value_or(""), work_ + "\n");
  ASSERT_TRUE(first.result.has_value());
  EXPECT_TRUE(first.result->metadata.contains("cost_usd"));
  const std::string session = json_string(first.run_events[0], "session_id");
  ASSERT_FALSE(session.empty());

  StreamResult second = stream(*client, user_message("say: resumed fine", "", first.context_id));
  ASSERT_EQ(second.state, a2a::TaskState::kCompleted) << second.dump();
  EXPECT_EQ(json_string(second.run_events[0], "session_id"), session);
  EXPECT_EQ(second.result->parts[0].text, "resumed fine");
  const auto requests = mock_requests(mock_log_);
  ASSERT_FALSE(requests.empty());
  EXPECT_THAT(dump_json(requests.back()["body"]["messages"]), HasSubstr("pwd > where.txt"));
}

TEST_F(WrappersE2eTest, ClaudeOutputSchema) {
  ASSERT_NE(start_claude(), nullptr);
  const Json schema = Json::parse(R"({"type":"object","properties":{"verdict":{"type":"string"},
      "score":{"type":"integer"}},"required":["verdict","score"]})");
  StreamResult r =
      stream(*wrapper_->client(), user_message(R"(json: {"verdict":"ok","score":7})", work_, {},
                                               Json{{"output_schema", schema}}));
  ASSERT_EQ(r.state, a2a::TaskState::kCompleted) << r.dump();
  ASSERT_TRUE(r.result.has_value());
  ASSERT_EQ(r.result->parts.size(), 2u);
  EXPECT_EQ(r.result->parts[1].data, Json::parse(R"({"verdict":"ok","score":7})"));
}

TEST_F(WrappersE2eTest, ClaudeCancelMidTurn) {
  ASSERT_NE(start_claude(), nullptr);
  cancel_mid_turn();
}

TEST_F(WrappersE2eTest, ClaudePermissionRelayAllowAndDeny) {
  ASSERT_NE(start_claude({"--permission", "relay"}), nullptr);
  auto client = wrapper_->client();
  ASSERT_NE(client, nullptr);
  auto answer = [&](const StreamResult& asked, Json decision) {
    a2a::Message m = a2a::user_text_message("", asked.context_id, asked.task_id);
    m.parts = {a2a::Part::data_part(std::move(decision))};
    return stream(*client, m);
  };

  StreamResult asked =
      stream(*client, user_message("permission: touch allowed.txt && echo created", work_));
  ASSERT_EQ(asked.state, a2a::TaskState::kInputRequired) << asked.dump();
  EXPECT_EQ(asked.status_data["tool"], "Bash");
  EXPECT_THAT(asked.status_text, HasSubstr("claude wants to use Bash: touch allowed.txt"));
  StreamResult allowed = answer(asked, {{"decision", "allow"}});
  ASSERT_EQ(allowed.state, a2a::TaskState::kCompleted) << allowed.dump();
  EXPECT_TRUE(fs::exists(fs::path(work_) / "allowed.txt"));
  const Json* ran = allowed.find("command_finished");
  ASSERT_NE(ran, nullptr) << allowed.dump();
  EXPECT_EQ((*ran)["exit_code"], 0);

  StreamResult asked_again = stream(
      *client, user_message("permission: touch denied.txt && echo created", "", asked.context_id));
  ASSERT_EQ(asked_again.state, a2a::TaskState::kInputRequired) << asked_again.dump();
  StreamResult denied = answer(asked_again, {{"decision", "deny"}, {"message", "not this one"}});
  ASSERT_EQ(denied.state, a2a::TaskState::kCompleted) << denied.dump();
  EXPECT_FALSE(fs::exists(fs::path(work_) / "denied.txt"));
  const Json* refused = denied.find("tool_finished");
  ASSERT_NE(refused, nullptr) << denied.dump();
  EXPECT_EQ((*refused)["is_error"], true);
  EXPECT_THAT(dump_json((*refused)["result"]), HasSubstr("not this one"));
}

TEST_F(WrappersE2eTest, ClaudeAuthFailure) {
  ASSERT_NE(start_claude(), nullptr);
  StreamResult r = stream(*wrapper_->client(), user_message("fail: auth", work_));
  ASSERT_EQ(r.state, a2a::TaskState::kAuthRequired) << r.dump();
  EXPECT_THAT(r.status_text, HasSubstr("claude could not authenticate"));
  EXPECT_THAT(r.status_text, HasSubstr("ANTHROPIC_API_KEY"));
}

}  // namespace
}  // namespace agenthub::agents::testing
