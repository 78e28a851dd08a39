// Decodes an OpenAI Responses API request (what `codex exec` sends) into a Conversation.
#include "tests/fakes/mock_model/conversation.h"

namespace agenthub::mock_model {
namespace {

using nlohmann::json;

std::string output_text(const json& output) {
  if (output.is_string()) return output.get<std::string>();
  if (output.is_array()) {
    std::string text;
    for (const auto& part : output) {
      if (part.is_object() && part.contains("text")) text += part.value("text", "");
    }
    return text;
  }
  if (output.is_object() && output.contains("content")) return output_text(output["content"]);
  return output.dump();
}

void add_tools(const json& tools, const std::string& ns, bool deferred,
               std::vector<DeclaredTool>& out) {
  if (!tools.is_array()) return;
  for (const auto& tool : tools) {
    if (!tool.is_object()) continue;
    const std::string type = tool.value("type", "");
    const std::string name = tool.value("name", "");
    if (type == "namespace") {
      add_tools(tool.value("tools", json::array()), name, deferred, out);
    } else if (type == "tool_search") {
      out.push_back({"tool_search", "tool_search", ns, deferred});
    } else if (!name.empty()) {
      out.push_back({name, type == "custom" ? "custom" : "function", ns, deferred});
    }
  }
}

}  // namespace

Conversation read_responses_request(const json& body) {
  Conversation conv;
  conv.model = body.value("model", "");
  conv.stream = body.value("stream", false);
  add_tools(body.value("tools", json::array()), "", false, conv.tools);

  const json input = body.value("input", json::array());
  if (input.is_string()) {
    conv.prompt = input.get<std::string>();
    conv.has_prompt = true;
    return conv;
  }
  for (const auto& item : input) {
    if (!item.is_object()) continue;
    const std::string type = item.value("type", "message");
    if (type == "additional_tools") {
      add_tools(item.value("tools", json::array()), "", false, conv.tools);
    } else if (type == "message" && item.value("role", "") == "user") {
      std::string text;
      const json content = item.value("content", json::array());
      if (content.is_string()) {
        text = content.get<std::string>();
      } else {
        for (const auto& part : content) {
          if (part.is_object() && part.value("type", "") == "input_text") {
            text += part.value("text", "");
          }
        }
      }
      if (text.empty() || is_harness_text(text)) continue;
      conv.prompt = std::move(text);
      conv.has_prompt = true;
      conv.tool_results_since_prompt = 0;
      conv.last_tool_output.clear();
      conv.last_tool_is_error = false;
    } else if (type == "function_call_output" || type == "custom_tool_call_output" ||
               type == "mcp_tool_call_output" || type == "tool_search_output") {
      if (type == "tool_search_output") {
        // Tools found by a client-side tool search become callable from the next answer on.
        add_tools(item.value("tools", json::array()), "", true, conv.tools);
      }
      ++conv.tool_results_since_prompt;
      conv.last_tool_output = output_text(item.value("output", json()));
      conv.last_tool_is_error = false;
    }
  }
  conv.cwd = find_announced_cwd(body.dump(-1, ' ', false, json::error_handler_t::replace));
  return conv;
}

}  // namespace agenthub::mock_model
