#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tests/fakes/mock_model/conversation.h"
#include "tests/fakes/mock_model/directives.h"

namespace agenthub::mock_model {

// One concrete tool call in the vocabulary of the CLI that asked.
struct ToolCall {
  enum class Kind {
    kUnknown,
    kFunction,    // Responses function_call / Messages tool_use: `input` is JSON object text
    kCustom,      // Responses freeform custom_tool_call: `input` is raw text
    kToolSearch,  // Responses tool_search_call: `input` is the JSON arguments {query, limit}
  };
  Kind kind = Kind::kUnknown;
  std::string name;  // empty when the directive named a tool the CLI did not declare
  std::string ns;    // Responses API namespace, when the tool lives in one
  std::string input;
  std::string problem;  // why no tool could be chosen (shown to the CLI as text)

  static ToolCall function(std::string name, std::string ns, std::string input) {
    return {Kind::kFunction, std::move(name), std::move(ns), std::move(input), {}};
  }
  static ToolCall unavailable(std::string problem) {
    return {Kind::kUnknown, {}, {}, {}, std::move(problem)};
  }
};

// What to answer to one request.
struct ReplyPlan {
  enum class Kind { kUnknown, kText, kToolCall };
  Kind kind = Kind::kUnknown;
  std::optional<std::string> think;
  std::string text;  // kText
  ToolCall call;     // kToolCall
};

// The tool calls that a prompt's directives expand to, for each CLI's tool vocabulary.
[[nodiscard]] std::vector<ToolCall> responses_tool_calls(const Directives& directives,
                                                         const Conversation& conv);
[[nodiscard]] std::vector<ToolCall> messages_tool_calls(const Directives& directives,
                                                        const Conversation& conv);

// Next answer: the tool call at index `conv.tool_results_since_prompt`, or the final text once
// every call has its result.
[[nodiscard]] ReplyPlan plan_reply(const Directives& directives, const Conversation& conv,
                                   const std::vector<ToolCall>& calls);

}  // namespace agenthub::mock_model
