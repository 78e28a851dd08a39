#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fakes/mock_model/reply_plan.h"

namespace agenthub::mock_model {

// Facts about the request that shape the reply.
struct ReplyContext {
  std::string model;
  int input_tokens = 0;  // rough size of the request, reported as usage
};

// One SSE frame: "event: <name>\ndata: <json>\n\n".
[[nodiscard]] std::string sse_frame(std::string_view event, const nlohmann::json& data);

// A whole streamed answer as SSE frames. Frame 0 opens the response (response.created /
// message_start) so that a `slow:` pause can sit between it and the rest.
[[nodiscard]] std::vector<std::string> responses_stream(const ReplyPlan& plan,
                                                        const ReplyContext& ctx);
[[nodiscard]] std::vector<std::string> messages_stream(const ReplyPlan& plan,
                                                       const ReplyContext& ctx);
// The same answer as one non-streaming Messages API JSON body.
[[nodiscard]] nlohmann::json messages_body(const ReplyPlan& plan, const ReplyContext& ctx);

// A stream that opens normally and then fails (`fail: stream`).
[[nodiscard]] std::vector<std::string> responses_failed_stream(const ReplyContext& ctx);
[[nodiscard]] std::vector<std::string> messages_failed_stream(const ReplyContext& ctx);

// An HTTP error in the provider's own shape.
struct HttpError {
  int status = 500;
  nlohmann::json body;
};
// `fail` is the directive value: auth, 500, 429, overloaded, or anything else (treated as 500).
[[nodiscard]] HttpError openai_error(std::string_view fail);
[[nodiscard]] HttpError anthropic_error(std::string_view fail);
// Cuts streamed text into a few deltas (never inside a UTF-8 sequence), so clients see more
// than one delta per block.
[[nodiscard]] std::vector<std::string> split_deltas(const std::string& text);
// Rough token count for usage numbers: a quarter of the byte length, at least 1.
[[nodiscard]] int rough_tokens(std::string_view text);

}  // namespace agenthub::mock_model
