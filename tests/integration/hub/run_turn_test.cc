// How a run talks to its agent (hub/run_turn.h): what the first message carries, the
// non-streaming paths (SendMessage that blocks, SendMessage + GetTask polling), and the task
// states the echo agent never reaches (auth-required, rejected, a structured answer).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <mutex>
#include <thread>

#include "a2a/client/client.h"
#include "a2a/codec_v1.h"
#include "agents/common/run_event_wire.h"
#include "hub_fixture.h"
#include "scripted_agent.h"

namespace agenthub::hub::testing {
namespace {

using ::testing::HasSubstr;

Json text_message_json(const std::string& text) {
  return {{"role", "user"}, {"parts", {{{"type", "text"}, {"text", text}}}}};
}

// Serves one agent card at /card.json: lets a test describe an agent differently from how it
// describes itself (here: without streaming).
class CardServer {
 public:
  explicit CardServer(std::string card_json) : card_(std::move(card_json)) {
    server_.Get("/card.json", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(card_, "application/json");
    });
    // Bound and listening from here on: connections wait in the backlog until the loop runs.
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::jthread([this] { server_.listen_after_bind(); });
  }
  ~CardServer() {
    server_.stop();
    thread_.join();
  }
  [[nodiscard]] std::string url() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/card.json";
  }

 private:
  std::string card_;
  httplib::Server server_;
  int port_ = 0;
  std::jthread thread_;
};

// The echo agent's own card, minus streaming, served by a CardServer.
std::unique_ptr<CardServer> card_without_streaming(const std::string& agent_url) {
  auto client = a2a::Client::connect(agent_url);
  EXPECT_TRUE(client.ok()) << client.error().message;
  if (!client.ok()) return nullptr;
  a2a::AgentCard card = (*client)->card();
  card.capabilities.streaming = false;
  return std::make_unique<CardServer>(dump_json(a2a::v1::encode(card)));
}

class RunTurnTest : public HubTest {
 protected:
  void SetUp() override {
    auto agent = AgentProcess::echo_agent();
    ASSERT_TRUE(agent.ok()) << agent.error().message;
    echo_ = std::move(agent).value();
  }
  // Starts the test's in-process agent. It and the card server are members so that they
  // outlive the manager (see HubTest::TearDown).
  ScriptedAgent& start_agent(ScriptedAgent::Script script) {
    agent_ = std::make_unique<ScriptedAgent>(std::move(script));
    EXPECT_TRUE(agent_->started().ok()) << agent_->started().error().message;
    return *agent_;
  }

  std::unique_ptr<AgentProcess> echo_;
  std::unique_ptr<CardServer> card_;
  std::mutex seen_mu_;
  std::vector<a2a::RequestContext> seen_;  // what the scripted agent received
  std::unique_ptr<ScriptedAgent> agent_;
};

TEST_F(RunTurnTest, BlockingSendMessageCompletes) {
  const std::string id = spawn_prompt("hello", echo_->url(), {{"blocking", true}});
  ASSERT_EQ(wait_terminal(id), "completed");
  Json run = get_run(id);
  EXPECT_EQ(run["result"]["final_response"], "echo: hello");
  auto all = events(id);
  EXPECT_EQ(terminal_event_count(all), 1);
  EXPECT_TRUE(contiguous_from_one(all));
}

TEST_F(RunTurnTest, BlockingSendMessageWithInputRequiredAndContinue) {
  const std::string id = spawn_prompt("ask: blocking?", echo_->url(), {{"blocking", true}});
  ASSERT_EQ(wait_for(id, {"input_required"}), "input_required");
  EXPECT_EQ(events(id).back()["type"], "input_required");
  ok_json(manager_->continue_run(id, text_message_json("yes")), "continue_run");
  ASSERT_EQ(wait_terminal(id), "completed");
  EXPECT_EQ(get_run(id)["result"]["final_response"], "echo: yes");
}

TEST_F(RunTurnTest, AgentWithoutStreamingIsFollowedByGetTask) {
  card_ = card_without_streaming(echo_->url());
  ASSERT_TRUE(card_);
  const std::string id =
      spawn_prompt("no stream", echo_->url(), {{"agent_card_path", card_->url()}});
  ASSERT_EQ(wait_terminal(id), "completed");
  Json run = get_run(id);
  EXPECT_EQ(run["result"]["final_response"], "echo: no stream");
  ASSERT_EQ(run["result"]["artifacts"].size(), 1u);
  auto all = events(id);
  EXPECT_EQ(terminal_event_count(all), 1);
  EXPECT_TRUE(contiguous_from_one(all));
  // GetTask snapshots repeat the history: each message is reported once.
  int artifacts = 0;
  for (const auto& e : all) artifacts += e["type"] == "artifact_added" ? 1 : 0;
  EXPECT_EQ(artifacts, 1);
}

TEST_F(RunTurnTest, AgentWithoutStreamingInputRequiredAndCancel) {
  card_ = card_without_streaming(echo_->url());
  ASSERT_TRUE(card_);
  const std::string asking =
      spawn_prompt("ask: polled?", echo_->url(), {{"agent_card_path", card_->url()}});
  ASSERT_EQ(wait_for(asking, {"input_required"}), "input_required");
  int questions = 0;
  for (const auto& e : events(asking)) questions += e["type"] == "input_required" ? 1 : 0;
  EXPECT_EQ(questions, 1);
  ok_json(manager_->continue_run(asking, text_message_json("polled")), "continue_run");
  ASSERT_EQ(wait_terminal(asking), "completed");
  EXPECT_EQ(get_run(asking)["result"]["final_response"], "echo: polled");

  const std::string slow =
      spawn_prompt("slow: polled", echo_->url(), {{"agent_card_path", card_->url()}});
  ASSERT_TRUE(wait_event(slow, "agent_message").is_object());
  EXPECT_EQ(ok_json(manager_->cancel_run(slow), "cancel_run")["status"], "cancelled");
  EXPECT_EQ(wait_terminal(slow), "cancelled");
}

TEST_F(RunTurnTest, FirstMessageCarriesCwdSchemaProfileAndParts) {
  ScriptedAgent& agent =
      start_agent([this](const a2a::RequestContext& ctx, a2a::TaskUpdater& updater) {
        {
          std::lock_guard lock(seen_mu_);
          seen_.push_back(ctx);
        }
        updater.complete(updater.agent_message({a2a::Part::text_part("{\"verdict\": \"ok\"}")}));
      });
  { std::ofstream(cwd_ / "persona.md") << "You are a meticulous reviewer."; }
  SpawnRunRequest r = remote("review this", agent.url());
  r.role = "reviewer";
  r.profile = "persona.md";
  r.output_schema = {{"type", "object"}, {"required", {"verdict"}}};
  r.input_message = {
      {"role", "user"},
      {"parts",
       {{{"type", "data"}, {"data", {{"diff", "+1 -1"}}}},
        {{"type", "file"}, {"uri", "file:///tmp/x.patch"}, {"mime_type", "text/x-diff"}}}},
      {"metadata", {{"ticket", "T-9"}}}};
  const std::string id = spawn(r);
  ASSERT_EQ(wait_terminal(id), "completed");
  Json run = get_run(id);
  // No structured channel: the JSON answer text becomes structured_output.
  EXPECT_EQ(run["result"]["structured_output"], (Json{{"verdict", "ok"}}));

  // A resumed run in the same context: no persona again, same context id.
  SpawnRunRequest again = remote("and again", agent.url());
  again.session_mode = "resume";
  again.session_id = run["session_id"];
  again.profile = "persona.md";
  ASSERT_EQ(wait_terminal(spawn(again)), "completed");

  std::lock_guard lock(seen_mu_);
  const auto& seen = seen_;
  ASSERT_EQ(seen.size(), 2u);
  const a2a::Message& first = seen[0].message;
  EXPECT_EQ(first.metadata[std::string(agents::kMetaCwd)], cwd_.string());
  EXPECT_EQ(first.metadata[std::string(agents::kMetaOutputSchema)]["required"][0], "verdict");
  EXPECT_EQ(first.metadata["ticket"], "T-9");
  EXPECT_EQ(seen[0].request_metadata["agenthub.run_id"], id);
  EXPECT_EQ(seen[0].request_metadata["agenthub.role"], "reviewer");
  // A generic agent has no system prompt: the persona leads the message, then prompt, parts.
  ASSERT_EQ(first.parts.size(), 4u);
  EXPECT_EQ(first.parts[0].text, "You are a meticulous reviewer.");
  EXPECT_EQ(first.parts[1].text, "review this");
  EXPECT_EQ(first.parts[2].kind, a2a::Part::Kind::kData);
  EXPECT_EQ(first.parts[2].data["diff"], "+1 -1");
  EXPECT_EQ(first.parts[3].kind, a2a::Part::Kind::kUrl);
  EXPECT_EQ(first.parts[3].media_type, "text/x-diff");
  EXPECT_TRUE(seen[0].new_context);

  const a2a::Message& second = seen[1].message;
  EXPECT_EQ(second.context_id, first.context_id);
  EXPECT_FALSE(seen[1].new_context);
  ASSERT_EQ(second.parts.size(), 1u);
  EXPECT_EQ(second.parts[0].text, "and again");
}

TEST_F(RunTurnTest, AuthRequiredThenContinue) {
  ScriptedAgent& agent = start_agent([](const a2a::RequestContext& ctx, a2a::TaskUpdater& updater) {
    if (!ctx.existing_task) {
      updater.update_status(a2a::TaskState::kAuthRequired,
                            updater.agent_message({a2a::Part::text_part("please log in")}));
      return;
    }
    updater.complete(
        updater.agent_message({a2a::Part::text_part("logged in: " + ctx.message.text())}));
  });
  const std::string id = spawn_prompt("do it", agent.url());
  ASSERT_EQ(wait_for(id, {"auth_required"}), "auth_required");
  auto all = events(id);
  EXPECT_EQ(all.back()["type"], "auth_required");
  EXPECT_EQ(all.back()["data"]["message"], "please log in");
  ok_json(manager_->continue_run(id, text_message_json("token pasted")), "continue_run");
  ASSERT_EQ(wait_terminal(id), "completed");
  EXPECT_EQ(get_run(id)["result"]["final_response"], "logged in: token pasted");
}

TEST_F(RunTurnTest, RejectedTaskRejectsTheRun) {
  ScriptedAgent& agent = start_agent([](const a2a::RequestContext&, a2a::TaskUpdater& updater) {
    updater.update_status(a2a::TaskState::kRejected,
                          updater.agent_message({a2a::Part::text_part("not my job")}));
  });
  const std::string id = spawn_prompt("do it", agent.url());
  ASSERT_EQ(wait_terminal(id), "rejected");
  auto all = events(id);
  EXPECT_EQ(all.back()["type"], "rejected");
  EXPECT_EQ(all.back()["data"]["reason"], "not my job");
  EXPECT_EQ(terminal_event_count(all), 1);
  EXPECT_EQ(get_run(id)["error"], "not my job");
}

TEST_F(RunTurnTest, AgentCancellingItsOwnTaskCancelsTheRun) {
  ScriptedAgent& agent = start_agent([](const a2a::RequestContext&, a2a::TaskUpdater& updater) {
    updater.working("starting");
    updater.update_status(a2a::TaskState::kCanceled);
  });
  const std::string id = spawn_prompt("do it", agent.url());
  ASSERT_EQ(wait_terminal(id), "cancelled");
  EXPECT_EQ(terminal_event_count(events(id)), 1);
}

TEST_F(RunTurnTest, StructuredOutputThatIsNotJsonIsReported) {
  ScriptedAgent& agent = start_agent([](const a2a::RequestContext&, a2a::TaskUpdater& updater) {
    updater.complete(updater.agent_message({a2a::Part::text_part("not json at all")}));
  });
  SpawnRunRequest r = remote("answer", agent.url());
  r.output_schema = {{"type", "object"}};
  const std::string id = spawn(r);
  ASSERT_EQ(wait_terminal(id), "completed");
  Json result = get_run(id)["result"];
  EXPECT_EQ(result["final_response"], "not json at all");
  EXPECT_TRUE(result["structured_output"].is_null());
  EXPECT_THAT(result["structured_output_error"].get<std::string>(), HasSubstr("not a JSON value"));
}

}  // namespace
}  // namespace agenthub::hub::testing
