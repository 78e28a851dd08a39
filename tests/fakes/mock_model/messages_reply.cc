// Anthropic Messages API answers (streamed and whole), shaped like what claude -p parses.
#include "core/ids.h"
#include "tests/fakes/mock_model/replies.h"

namespace agenthub::mock_model {
namespace {

using nlohmann::json;

// The content blocks of one answer, built once and rendered either as SSE or as one body.
struct Block {
  json start;                // content_block_start's content_block (empty text / input)
  json whole;                // the block as it appears in a non-streaming body
  std::vector<json> deltas;  // content_block_delta payloads
};

std::vector<Block> blocks_for(const ReplyPlan& plan) {
  std::vector<Block> blocks;
  if (plan.think) {
    Block b;
    b.start = {{"type", "thinking"}, {"thinking", ""}, {"signature", ""}};
    b.whole = {{"type", "thinking"}, {"thinking", *plan.think}, {"signature", "mock-signature"}};
    for (const auto& piece : split_deltas(*plan.think)) {
      b.deltas.push_back({{"type", "thinking_delta"}, {"thinking", piece}});
    }
    b.deltas.push_back({{"type", "signature_delta"}, {"signature", "mock-signature"}});
    blocks.push_back(std::move(b));
  }
  if (plan.kind == ReplyPlan::Kind::kToolCall) {
    Block b;
    const std::string id = "toolu_" + random_hex(12);
    b.start = {
        {"type", "tool_use"}, {"id", id}, {"name", plan.call.name}, {"input", json::object()}};
    b.whole = {{"type", "tool_use"},
               {"id", id},
               {"name", plan.call.name},
               {"input", json::parse(plan.call.input, nullptr, false)}};
    if (b.whole["input"].is_discarded()) b.whole["input"] = json::object();
    for (const auto& piece : split_deltas(plan.call.input)) {
      b.deltas.push_back({{"type", "input_json_delta"}, {"partial_json", piece}});
    }
    blocks.push_back(std::move(b));
  } else {
    Block b;
    b.start = {{"type", "text"}, {"text", ""}};
    b.whole = {{"type", "text"}, {"text", plan.text}};
    for (const auto& piece : split_deltas(plan.text)) {
      b.deltas.push_back({{"type", "text_delta"}, {"text", piece}});
    }
    blocks.push_back(std::move(b));
  }
  return blocks;
}

int output_tokens(const ReplyPlan& plan) {
  int tokens = plan.think ? rough_tokens(*plan.think) : 0;
  tokens += rough_tokens(plan.kind == ReplyPlan::Kind::kToolCall ? plan.call.input : plan.text);
  return tokens;
}

const char* stop_reason(const ReplyPlan& plan) {
  return plan.kind == ReplyPlan::Kind::kToolCall ? "tool_use" : "end_turn";
}

json usage(const ReplyContext& ctx, int output) {
  return {{"input_tokens", ctx.input_tokens},
          {"output_tokens", output},
          {"cache_creation_input_tokens", 0},
          {"cache_read_input_tokens", 0}};
}

json message_envelope(const ReplyContext& ctx, json content, json stop, int output) {
  return {{"id", "msg_" + random_hex(12)}, {"type", "message"},
          {"role", "assistant"},           {"model", ctx.model},
          {"content", std::move(content)}, {"stop_reason", std::move(stop)},
          {"stop_sequence", nullptr},      {"usage", usage(ctx, output)}};
}

std::string frame(const char* type, json data) {
  data["type"] = type;
  return sse_frame(type, data);
}

}  // namespace

std::vector<std::string> messages_stream(const ReplyPlan& plan, const ReplyContext& ctx) {
  std::vector<std::string> frames;
  frames.push_back(
      frame("message_start", {{"message", message_envelope(ctx, json::array(), nullptr, 1)}}));
  frames.push_back(frame("ping", json::object()));
  const auto blocks = blocks_for(plan);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    frames.push_back(
        frame("content_block_start", {{"index", i}, {"content_block", blocks[i].start}}));
    for (const auto& delta : blocks[i].deltas) {
      frames.push_back(frame("content_block_delta", {{"index", i}, {"delta", delta}}));
    }
    frames.push_back(frame("content_block_stop", {{"index", i}}));
  }
  frames.push_back(frame(
      "message_delta", {{"delta", {{"stop_reason", stop_reason(plan)}, {"stop_sequence", nullptr}}},
                        {"usage", usage(ctx, output_tokens(plan))}}));
  frames.push_back(frame("message_stop", json::object()));
  return frames;
}

json messages_body(const ReplyPlan& plan, const ReplyContext& ctx) {
  json content = json::array();
  for (const auto& block : blocks_for(plan)) content.push_back(block.whole);
  return message_envelope(ctx, std::move(content), stop_reason(plan), output_tokens(plan));
}

std::vector<std::string> messages_failed_stream(const ReplyContext& ctx) {
  return {frame("message_start", {{"message", message_envelope(ctx, json::array(), nullptr, 1)}}),
          frame("error", {{"error", {{"type", "api_error"}, {"message", "mock stream failure"}}}})};
}

HttpError anthropic_error(std::string_view fail) {
  auto error = [](const char* type, const char* message) {
    return json{{"type", "error"}, {"error", {{"type", type}, {"message", message}}}};
  };
  if (fail == "auth") return {401, error("authentication_error", "invalid x-api-key")};
  if (fail == "429") return {429, error("rate_limit_error", "Rate limit reached (mock)")};
  if (fail == "overloaded") return {529, error("overloaded_error", "Overloaded")};
  return {500, error("api_error", "Internal server error")};
}

}  // namespace agenthub::mock_model
