// Decodes an Anthropic Messages API request (what `claude -p` sends) into a Conversation.
#include "tests/fakes/mock_model/conversation.h"

namespace agenthub::mock_model {
namespace {

using nlohmann::json;

std::string block_text(const json& content) {
  if (content.is_string()) return content.get<std::string>();
  std::string text;
  if (content.is_array()) {
    for (const auto& part : content) {
      if (part.is_object() && part.value("type", "") == "text") text += part.value("text", "");
    }
  }
  return text;
}

}  // namespace

Conversation read_messages_request(const json& body) {
  Conversation conv;
  conv.model = body.value("model", "");
  conv.stream = body.value("stream", false);
  for (const auto& tool : body.value("tools", json::array())) {
    if (tool.is_object() && tool.contains("name")) {
      conv.tools.push_back({tool.value("name", ""), "tool", ""});
    }
  }

  for (const auto& message : body.value("messages", json::array())) {
    if (!message.is_object() || message.value("role", "") != "user") continue;
    const json content = message.value("content", json());
    if (content.is_string()) {
      if (is_harness_text(content.get<std::string>())) continue;
      conv.prompt = content.get<std::string>();
      conv.has_prompt = true;
      conv.tool_results_since_prompt = 0;
      continue;
    }
    if (!content.is_array()) continue;
    // Blocks count in order: Claude Code merges a queued prompt into the message that carries
    // the tool results of an interrupted turn, so a text block after a tool_result starts anew.
    for (const auto& block : content) {
      if (!block.is_object()) continue;
      const std::string type = block.value("type", "");
      if (type == "tool_result") {
        ++conv.tool_results_since_prompt;
        conv.last_tool_output = block_text(block.value("content", json()));
        conv.last_tool_is_error = block.value("is_error", false);
      } else if (type == "text") {
        std::string text = block.value("text", "");
        if (is_harness_text(text)) continue;
        conv.prompt = std::move(text);
        conv.has_prompt = true;
        conv.tool_results_since_prompt = 0;
        conv.last_tool_output.clear();
        conv.last_tool_is_error = false;
      }
    }
  }
  conv.cwd = find_announced_cwd(body.dump(-1, ' ', false, json::error_handler_t::replace));
  return conv;
}

}  // namespace agenthub::mock_model
