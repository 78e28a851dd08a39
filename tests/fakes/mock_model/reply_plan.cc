#include "tests/fakes/mock_model/reply_plan.h"

#include <cstddef>
#include <string_view>

namespace agenthub::mock_model {
namespace {

std::string final_text(const Directives& directives, const Conversation& conv, bool used_tools) {
  if (directives.say) return *directives.say;
  if (directives.json) return *directives.json;
  if (used_tools) {
    return "mock: tool calls done; last output:\n" + conv.last_tool_output;
  }
  std::string_view prompt = conv.prompt;
  while (!prompt.empty() && (prompt.back() == '\n' || prompt.back() == ' '))
    prompt.remove_suffix(1);
  return "mock answer: " + std::string(prompt);
}

}  // namespace

ReplyPlan plan_reply(const Directives& directives, const Conversation& conv,
                     const std::vector<ToolCall>& calls) {
  ReplyPlan plan;
  const auto step = static_cast<std::size_t>(conv.tool_results_since_prompt);
  // Thinking comes once, before the first answer of the turn.
  if (step == 0) plan.think = directives.think;
  if (step < calls.size()) {
    if (calls[step].name.empty()) {
      plan.kind = ReplyPlan::Kind::kText;
      plan.text = "mock: " + calls[step].problem;
      return plan;
    }
    plan.kind = ReplyPlan::Kind::kToolCall;
    plan.call = calls[step];
    return plan;
  }
  plan.kind = ReplyPlan::Kind::kText;
  plan.text = final_text(directives, conv, !calls.empty());
  return plan;
}

}  // namespace agenthub::mock_model
