// OpenAI Responses API streaming answers, shaped like what codex exec parses.
#include <ctime>

#include "core/ids.h"
#include "tests/fakes/mock_model/replies.h"

namespace agenthub::mock_model {
namespace {

using nlohmann::json;

class ResponseStream {
 public:
  explicit ResponseStream(const ReplyContext& ctx)
      : ctx_(ctx), id_("resp_" + random_hex(12)), created_at_(std::time(nullptr)) {}

  void open() {
    emit("response.created", {{"response", response("in_progress", json::array())}});
    emit("response.in_progress", {{"response", response("in_progress", json::array())}});
  }

  void reasoning(const std::string& text) {
    const std::string item_id = "rs_" + random_hex(8);
    const int index = next_index();
    emit("response.output_item.added",
         {{"output_index", index},
          {"item", {{"type", "reasoning"}, {"id", item_id}, {"summary", json::array()}}}});
    for (const auto& piece : split_deltas(text)) {
      emit("response.reasoning_summary_text.delta",
           {{"item_id", item_id}, {"output_index", index}, {"summary_index", 0}, {"delta", piece}});
    }
    done_item(index, {{"type", "reasoning"},
                      {"id", item_id},
                      {"summary", json::array({{{"type", "summary_text"}, {"text", text}}})},
                      {"encrypted_content", nullptr}});
    output_tokens_ += rough_tokens(text);
  }

  void message(const std::string& text) {
    const std::string item_id = "msg_" + random_hex(8);
    const int index = next_index();
    emit("response.output_item.added", {{"output_index", index},
                                        {"item",
                                         {{"type", "message"},
                                          {"id", item_id},
                                          {"role", "assistant"},
                                          {"status", "in_progress"},
                                          {"content", json::array()}}}});
    for (const auto& piece : split_deltas(text)) {
      emit("response.output_text.delta",
           {{"item_id", item_id}, {"output_index", index}, {"content_index", 0}, {"delta", piece}});
    }
    emit("response.output_text.done",
         {{"item_id", item_id}, {"output_index", index}, {"content_index", 0}, {"text", text}});
    done_item(index,
              {{"type", "message"},
               {"id", item_id},
               {"role", "assistant"},
               {"status", "completed"},
               {"content",
                json::array(
                    {{{"type", "output_text"}, {"text", text}, {"annotations", json::array()}}})}});
    output_tokens_ += rough_tokens(text);
  }

  void tool_call(const ToolCall& call) {
    const int index = next_index();
    const std::string call_id = "call_" + random_hex(12);
    json item;
    const char* delta_event = nullptr;
    const char* field = nullptr;
    switch (call.kind) {
      case ToolCall::Kind::kCustom:
        item = {{"type", "custom_tool_call"}, {"id", "ctc_" + random_hex(8)}, {"name", call.name}};
        delta_event = "response.custom_tool_call_input.delta";
        field = "input";
        break;
      case ToolCall::Kind::kToolSearch:
        item = {
            {"type", "tool_search_call"}, {"id", "tsc_" + random_hex(8)}, {"execution", "client"}};
        break;
      default:
        item = {{"type", "function_call"}, {"id", "fc_" + random_hex(8)}, {"name", call.name}};
        delta_event = "response.function_call_arguments.delta";
        field = "arguments";
        break;
    }
    item["call_id"] = call_id;
    if (!call.ns.empty()) item["namespace"] = call.ns;
    if (field != nullptr) {
      item[field] = "";
      item["status"] = "in_progress";
      emit("response.output_item.added", {{"output_index", index}, {"item", item}});
      for (const auto& piece : split_deltas(call.input)) {
        emit(delta_event, {{"item_id", item["id"]}, {"output_index", index}, {"delta", piece}});
      }
      item[field] = call.input;
    } else {
      item["arguments"] = json::parse(call.input, nullptr, false);
    }
    item["status"] = "completed";
    done_item(index, item);
    output_tokens_ += rough_tokens(call.input);
  }

  void fail() {
    json failed = response("failed", json::array());
    failed["error"] = {{"code", "server_error"}, {"message", "mock stream failure"}};
    emit("response.failed", {{"response", failed}});
  }

  std::vector<std::string> complete() {
    json done = response("completed", output_);
    done["usage"] = {{"input_tokens", ctx_.input_tokens},
                     {"input_tokens_details", {{"cached_tokens", 0}}},
                     {"output_tokens", output_tokens_},
                     {"output_tokens_details", {{"reasoning_tokens", 0}}},
                     {"total_tokens", ctx_.input_tokens + output_tokens_}};
    emit("response.completed", {{"response", done}});
    return std::move(frames_);
  }

  std::vector<std::string> take() { return std::move(frames_); }

 private:
  json response(const char* status, json output) const {
    return {{"id", id_},        {"object", "response"}, {"created_at", created_at_},
            {"status", status}, {"model", ctx_.model},  {"output", std::move(output)}};
  }
  int next_index() { return static_cast<int>(output_.size()); }
  void done_item(int index, json item) {
    emit("response.output_item.done", {{"output_index", index}, {"item", item}});
    output_.push_back(std::move(item));
  }
  void emit(const char* type, json data) {
    data["type"] = type;
    data["sequence_number"] = sequence_++;
    frames_.push_back(sse_frame(type, data));
  }

  const ReplyContext& ctx_;
  std::string id_;
  std::time_t created_at_;
  std::vector<std::string> frames_;
  json output_ = json::array();
  int sequence_ = 0;
  int output_tokens_ = 0;
};

}  // namespace

std::vector<std::string> responses_stream(const ReplyPlan& plan, const ReplyContext& ctx) {
  ResponseStream stream(ctx);
  stream.open();
  if (plan.think) stream.reasoning(*plan.think);
  if (plan.kind == ReplyPlan::Kind::kToolCall) {
    stream.tool_call(plan.call);
  } else {
    stream.message(plan.text);
  }
  return stream.complete();
}

std::vector<std::string> responses_failed_stream(const ReplyContext& ctx) {
  ResponseStream stream(ctx);
  stream.open();
  stream.fail();
  return stream.take();
}

HttpError openai_error(std::string_view fail) {
  auto error = [](std::string message, const char* type, json code) {
    return json{
        {"error", {{"message", message}, {"type", type}, {"param", nullptr}, {"code", code}}}};
  };
  if (fail == "auth") {
    return {401, error("Incorrect API key provided. (mock)", "invalid_request_error",
                       "invalid_api_key")};
  }
  if (fail == "429") {
    return {429, error("Rate limit reached. (mock)", "requests", "rate_limit_exceeded")};
  }
  if (fail == "overloaded") {
    return {503, error("The server is overloaded. (mock)", "server_error", nullptr)};
  }
  return {500, error("The server had an error while processing your request. (mock)",
                     "server_error", nullptr)};
}

}  // namespace agenthub::mock_model
