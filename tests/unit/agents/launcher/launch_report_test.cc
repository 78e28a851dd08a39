#include "agents/launcher/launch_report.h"

#include <gtest/gtest.h>

namespace agenthub::agents {
namespace {

LaunchInfo local_info() {
  LaunchInfo info;
  info.backend = WrappedBackend::kCodex;
  info.agent_url = "http://127.0.0.1:4000";
  info.listen_url = "http://127.0.0.1:4000";
  info.token = "tok";
  info.wrapper_pid = 77;
  info.host = "127.0.0.1";
  return info;
}

TEST(LaunchReport, PayloadIsRemoteA2aSpawnRunInput) {
  const Json payload = spawn_run_payload(local_info());
  EXPECT_EQ(payload["backend"], "remote_a2a");
  EXPECT_EQ(payload["role"], "worker");
  EXPECT_EQ(payload["session_mode"], "new");
  EXPECT_EQ(payload["cwd"], kCwdPlaceholder);
  EXPECT_EQ(payload["prompt"], kPromptPlaceholder);
  EXPECT_EQ(payload["backend_config"],
            (Json{{"agent_url", "http://127.0.0.1:4000"}, {"auth_token", "tok"}}));
}

TEST(LaunchReport, NoTokenNoAuthToken) {
  LaunchInfo info = local_info();
  info.token.clear();
  EXPECT_FALSE(spawn_run_payload(info)["backend_config"].contains("auth_token"));
  EXPECT_TRUE(launch_json(info)["token"].is_null());
  EXPECT_NE(launch_text(info).find("none (--no-auth)"), std::string::npos);
}

TEST(LaunchReport, JsonLineHasEverythingAScriptNeeds) {
  const std::string line = launch_json_line(local_info());
  EXPECT_EQ(line.find('\n'), std::string::npos);
  auto doc = parse_json(line);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ((*doc)["agent_url"], "http://127.0.0.1:4000");
  EXPECT_EQ((*doc)["token"], "tok");
  EXPECT_EQ((*doc)["backend"], "codex");
  EXPECT_EQ((*doc)["listen_url"], "http://127.0.0.1:4000");
  EXPECT_EQ((*doc)["wrapper_pid"], 77);
  EXPECT_EQ((*doc)["spawn_run"], spawn_run_payload(local_info()));
  // Reading order: the payload starts with its backend.
  EXPECT_LT(line.find("\"backend\":\"remote_a2a\""), line.find("\"backend_config\""));
}

TEST(LaunchReport, TextExplainsWhatToPasteAndWhatToReplace) {
  const std::string text = launch_text(local_info());
  EXPECT_NE(text.find("http://127.0.0.1:4000"), std::string::npos);
  EXPECT_NE(text.find("tok"), std::string::npos);
  EXPECT_NE(text.find("spawn_run"), std::string::npos);
  EXPECT_NE(text.find("\"backend\": \"remote_a2a\""), std::string::npos);
  EXPECT_NE(text.find("Authorization"), std::string::npos);
  EXPECT_NE(text.find("--host 0.0.0.0"), std::string::npos);
  EXPECT_NE(text.find("ssh -N -R 4000:127.0.0.1:4000"), std::string::npos);
  EXPECT_NE(text.find("Ctrl-C"), std::string::npos);
}

TEST(LaunchReport, WildcardTextNamesTheMachine) {
  LaunchInfo info = local_info();
  info.host = "0.0.0.0";
  info.machine_name = "box";
  info.agent_url = "http://box:4000";
  const std::string text = launch_text(info);
  EXPECT_NE(text.find("\"box\""), std::string::npos);
  EXPECT_NE(text.find("on this machine: http://127.0.0.1:4000"), std::string::npos);
  EXPECT_EQ(spawn_run_payload(info)["backend_config"]["agent_url"], "http://box:4000");
}

}  // namespace
}  // namespace agenthub::agents
