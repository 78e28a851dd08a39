#include "bench_executor.h"

#include <cstdlib>

namespace agenthub::bench {

void BenchExecutor::execute(const a2a::RequestContext& ctx, a2a::TaskUpdater& updater) {
  const std::string text = ctx.message.text();
  if (text.starts_with("burst:")) {
    const long n = std::strtol(text.c_str() + 6, nullptr, 10);
    for (long i = 0; i < n; ++i) updater.update_status(a2a::TaskState::kWorking);
    updater.complete();
    return;
  }
  if (text.starts_with("slow:")) {
    updater.update_status(a2a::TaskState::kWorking);
    std::unique_lock lock(mu_);
    cv_.wait(lock, ctx.stop, [this] { return released_; });
    lock.unlock();
    updater.complete();
    return;
  }
  updater.complete(updater.agent_message({a2a::Part::text_part("echo: " + text)}));
}

void BenchExecutor::cancel(const std::string& /*task_id*/) {
  // The server fires the task's stop token first; a held slow: task wakes from it.
}

void BenchExecutor::release_all() {
  std::lock_guard lock(mu_);
  released_ = true;
  cv_.notify_all();
}

a2a::AgentCard BenchExecutor::card() {
  a2a::AgentCard card;
  card.name = "bench-agent";
  card.description = "Fast executor for the A2A streaming benchmark";
  card.version = "1.0.0";
  card.capabilities.streaming = true;
  a2a::AgentSkill skill;
  skill.id = "bench";
  skill.name = "Bench";
  skill.description = "burst:N, slow:, echo";
  card.skills.push_back(std::move(skill));
  return card;
}

}  // namespace agenthub::bench
