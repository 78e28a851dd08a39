#include "tests/fakes/mock_model/answer.h"

#include <nlohmann/json.hpp>

#include "core/json.h"
#include "tests/fakes/mock_model/conversation.h"
#include "tests/fakes/mock_model/directives.h"
#include "tests/fakes/mock_model/replies.h"
#include "tests/fakes/mock_model/reply_plan.h"

namespace agenthub::mock_model {
namespace {

using nlohmann::json;

enum class Api { kResponses, kMessages };

Answer json_answer(int status, const json& body) {
  Answer answer;
  answer.status = status;
  answer.body = dump_json(body);
  return answer;
}

Answer bad_request(Api api, const std::string& message) {
  if (api == Api::kMessages) {
    return json_answer(400, {{"type", "error"},
                             {"error", {{"type", "invalid_request_error"}, {"message", message}}}});
  }
  return json_answer(400, {{"error",
                            {{"message", message},
                             {"type", "invalid_request_error"},
                             {"param", nullptr},
                             {"code", nullptr}}}});
}

Directives directives_for(const Conversation& conv, const std::optional<Script>& script) {
  if (script) {
    if (auto scripted = script->directives_for(conv.prompt)) return parse_directives(*scripted);
  }
  return parse_directives(conv.prompt);
}

Answer answer(Api api, std::string_view body_text, const std::optional<Script>& script) {
  auto body = parse_json(body_text);
  if (!body.ok()) return bad_request(api, "invalid JSON body: " + body.error().message);
  if (!body->is_object()) return bad_request(api, "request body must be a JSON object");
  if (api == Api::kMessages) {
    const Json* messages = json_find(*body, "messages");
    if (messages == nullptr || !messages->is_array()) {
      return bad_request(api, "messages: expected an array");
    }
  } else {
    const Json* input = json_find(*body, "input");
    if (input == nullptr || !(input->is_array() || input->is_string())) {
      return bad_request(api, "input: expected a string or an array");
    }
  }

  Conversation conv;
  try {
    conv = api == Api::kResponses ? read_responses_request(*body) : read_messages_request(*body);
  } catch (const json::exception& e) {
    return bad_request(api, std::string("malformed request: ") + e.what());
  }
  if (api == Api::kResponses && !conv.stream) {
    return bad_request(api, "mock-model-server answers /v1/responses only with stream: true");
  }

  const Directives directives = directives_for(conv, script);
  const ReplyContext ctx{conv.model, rough_tokens(body_text)};

  const std::string& fail = directives.fail;
  if (!fail.empty() && fail != "stream") {
    const HttpError error = api == Api::kResponses ? openai_error(fail) : anthropic_error(fail);
    return json_answer(error.status, error.body);
  }

  const auto calls = api == Api::kResponses ? responses_tool_calls(directives, conv)
                                            : messages_tool_calls(directives, conv);
  const ReplyPlan plan = plan_reply(directives, conv, calls);

  Answer out;
  out.slow_seconds = directives.slow_seconds;
  if (!conv.stream) {
    // Leading whitespace is valid before a JSON document, so it can keep the wait observable.
    out.keepalive = " ";
    if (fail == "stream") {
      const HttpError error = anthropic_error("500");
      out.status = error.status;
      out.body = dump_json(error.body);
    } else {
      out.body = dump_json(messages_body(plan, ctx));
    }
    return out;
  }
  out.streamed = true;
  out.content_type = "text/event-stream";
  if (api == Api::kResponses) {
    out.keepalive = ": keepalive\n\n";
    out.frames = fail == "stream" ? responses_failed_stream(ctx) : responses_stream(plan, ctx);
  } else {
    out.keepalive = sse_frame("ping", {{"type", "ping"}});
    out.frames = fail == "stream" ? messages_failed_stream(ctx) : messages_stream(plan, ctx);
  }
  return out;
}

}  // namespace

Answer answer_responses(std::string_view body, const std::optional<Script>& script) {
  return answer(Api::kResponses, body, script);
}

Answer answer_messages(std::string_view body, const std::optional<Script>& script) {
  return answer(Api::kMessages, body, script);
}

Answer answer_count_tokens(std::string_view body) {
  auto parsed = parse_json(body);
  if (!parsed.ok() || !parsed->is_object()) {
    return bad_request(Api::kMessages, "invalid JSON body");
  }
  return json_answer(200, {{"input_tokens", rough_tokens(body)}});
}

}  // namespace agenthub::mock_model
