#include "echo_executor.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string_view>

namespace agenthub::testing {
namespace {

constexpr int kSlowSteps = 10;
constexpr std::chrono::seconds kSlowStep{1};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string after(std::string_view text, std::string_view prefix) {
  std::string_view rest = text.substr(prefix.size());
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return std::string(rest);
}

// Waits `d` unless the run is stopped first. True when stopped.
bool stopped_within(const std::stop_token& stop, std::chrono::milliseconds d) {
  std::mutex mu;
  std::condition_variable_any cv;
  std::unique_lock lock(mu);
  return cv.wait_for(lock, stop, d, [] { return false; }) || stop.stop_requested();
}

void finish_with_echo(a2a::TaskUpdater& updater, const std::string& text) {
  const std::string reply = "echo: " + text;
  a2a::Artifact artifact;
  artifact.name = "echo";
  artifact.parts.push_back(a2a::Part::text_part(reply));
  updater.add_artifact(std::move(artifact));
  updater.complete(updater.agent_message({a2a::Part::text_part(reply)}));
}

}  // namespace

Status EchoExecutor::admit(const a2a::RequestContext& ctx) {
  if (starts_with(ctx.message.text(), "reject:")) {
    return Error{ErrorCode::kInvalidArgument,
                 "the echo agent refuses: " + after(ctx.message.text(), "reject:")};
  }
  return {};
}

void EchoExecutor::execute(const a2a::RequestContext& ctx, a2a::TaskUpdater& updater) {
  const std::string text = ctx.message.text();
  if (ctx.existing_task) {
    // The answer to our own ask: question.
    updater.working("got the answer");
    finish_with_echo(updater, text);
    return;
  }
  if (starts_with(text, "ask:")) {
    updater.working("thinking about the question");
    updater.require_input(updater.agent_message(
        {a2a::Part::text_part("question: " + after(text, "ask:") + " (reply to continue)")}));
    return;
  }
  if (starts_with(text, "fail:")) {
    updater.working("about to fail");
    updater.fail(after(text, "fail:"));
    return;
  }
  if (starts_with(text, "throw:")) {
    updater.working("about to throw");
    throw std::runtime_error(after(text, "throw:"));
  }
  if (starts_with(text, "slow:")) {
    for (int step = 1; step <= kSlowSteps; ++step) {
      if (stopped_within(ctx.stop, kSlowStep)) {
        spdlog::info("echo: slow task stopped task_id={}", ctx.task_id);
        return;
      }
      updater.working("working " + std::to_string(step) + "/" + std::to_string(kSlowSteps));
    }
    finish_with_echo(updater, after(text, "slow:"));
    return;
  }
  updater.working("received");
  updater.working("echoing");
  finish_with_echo(updater, text);
}

void EchoExecutor::cancel(const std::string& task_id) {
  // The server fires the run's stop token before calling this; a slow task wakes from it.
  spdlog::info("echo: cancel task_id={}", task_id);
}

a2a::AgentCard EchoExecutor::card() {
  a2a::AgentCard card;
  card.name = "echo-agent";
  card.description = "Echoes text back; test agent for agenthub's A2A library";
  card.version = "0.1.0";
  a2a::AgentSkill skill;
  skill.id = "echo";
  skill.name = "Echo";
  skill.description =
      "Replies 'echo: <text>'. Prefixes: ask: (input-required), slow: (ten seconds), "
      "fail:, throw:, reject:";
  skill.tags = {"test", "echo"};
  skill.examples = {"hello", "ask: what next?", "slow: take your time"};
  card.skills.push_back(std::move(skill));
  return card;
}

}  // namespace agenthub::testing
