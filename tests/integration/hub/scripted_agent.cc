#include "scripted_agent.h"

namespace agenthub::hub::testing {
namespace {

class ScriptedExecutor final : public a2a::AgentExecutor {
 public:
  explicit ScriptedExecutor(ScriptedAgent::Script script) : script_(std::move(script)) {}
  void execute(const a2a::RequestContext& ctx, a2a::TaskUpdater& updater) override {
    script_(ctx, updater);
  }
  void cancel(const std::string& /*task_id*/) override {}

 private:
  ScriptedAgent::Script script_;
};

a2a::AgentCard scripted_card() {
  a2a::AgentCard card;
  card.name = "scripted-agent";
  card.description = "A test agent whose answers are scripted by the test";
  card.version = "0.0.1";
  card.capabilities.streaming = true;
  a2a::AgentSkill skill;
  skill.id = "script";
  skill.name = "Script";
  skill.description = "Does what the test says";
  card.skills.push_back(std::move(skill));
  return card;
}

}  // namespace

ScriptedAgent::ScriptedAgent(Script script, std::string bearer_token) {
  a2a::ServerOptions options;
  options.bearer_token = std::move(bearer_token);
  server_ = std::make_unique<a2a::Server>(
      scripted_card(), std::make_shared<ScriptedExecutor>(std::move(script)), options);
  started_ = server_->start();
}

ScriptedAgent::~ScriptedAgent() { server_->stop(); }

}  // namespace agenthub::hub::testing
