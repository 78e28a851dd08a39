#include "tests/integration/mock_model/mock_client.h"

#include <httplib.h>

namespace agenthub::mock_model::testing {

HttpReply post(int port, const std::string& path, const std::string& body) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(60, 0);
  auto res = client.Post(path, body, "application/json");
  if (!res) return {};
  return {res->status, res->get_header_value("Content-Type"), res->body};
}

std::vector<SseEvent> parse_sse(const std::string& body) {
  std::vector<SseEvent> events;
  SseEvent current;
  std::string data;
  bool has_data = false;
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto eol = body.find('\n', pos);
    if (eol == std::string::npos) eol = body.size();
    const std::string line = body.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty()) {
      if (has_data || !current.event.empty()) {
        auto parsed = parse_json(data);
        current.data = parsed.ok() ? *parsed : Json(data);
        events.push_back(std::move(current));
      }
      current = {};
      data.clear();
      has_data = false;
    } else if (line.starts_with(":")) {
      continue;
    } else if (line.starts_with("event: ")) {
      current.event = line.substr(7);
    } else if (line.starts_with("data: ")) {
      if (has_data) data += "\n";
      data += line.substr(6);
      has_data = true;
    }
  }
  return events;
}

std::vector<std::string> event_names(const std::vector<SseEvent>& events) {
  std::vector<std::string> names;
  for (const auto& e : events) names.push_back(e.event);
  return names;
}

Json responses_request(const std::string& prompt) {
  return {
      {"model", "gpt-5.5"},
      {"stream", true},
      {"tools",
       Json::array(
           {{{"type", "function"}, {"name", "exec_command"}, {"parameters", {{"type", "object"}}}},
            {{"type", "custom"}, {"name", "apply_patch"}},
            {{"type", "tool_search"}, {"execution", "client"}}})},
      {"input",
       Json::array({{{"type", "message"},
                     {"role", "developer"},
                     {"content", Json::array({{{"type", "input_text"}, {"text", "be helpful"}}})}},
                    {{"type", "message"},
                     {"role", "user"},
                     {"content", Json::array({{{"type", "input_text"},
                                               {"text",
                                                "<environment_context>\n  <cwd>/w</cwd>\n"
                                                "</environment_context>"}}})}},
                    {{"type", "message"},
                     {"role", "user"},
                     {"content", Json::array({{{"type", "input_text"}, {"text", prompt}}})}}})}};
}

Json messages_request(const std::string& prompt, bool stream) {
  Json tools = Json::array();
  for (const char* name : {"Bash", "Read", "Edit", "Write"}) {
    tools.push_back({{"name", name}, {"input_schema", {{"type", "object"}}}});
  }
  return {{"model", "claude-test"},
          {"stream", stream},
          {"max_tokens", 1000},
          {"tools", tools},
          {"messages",
           Json::array(
               {{{"role", "user"},
                 {"content", Json::array({{{"type", "text"},
                                           {"text", "<system-reminder>\nctx\n</system-reminder>"}},
                                          {{"type", "text"}, {"text", prompt}}})}},
                {{"role", "system"},
                 {"content", Json::array({{{"type", "text"},
                                           {"text", " - Primary working directory: /w\n"}}})}}})}};
}

}  // namespace agenthub::mock_model::testing
