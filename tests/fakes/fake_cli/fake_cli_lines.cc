#include "tests/fakes/fake_cli/fake_cli_lines.h"

#include <nlohmann/json.hpp>

namespace agenthub::fakes {

std::vector<std::string> garbage_lines() {
  return {
      "this is not json at all",
      R"({"type":"item.completed","item":{"id":"cut_short")",
      R"([1,2,3])",
      "\x01\x02 binary \x7f junk \x1b[31m red",
      "   ",
      R"("a lone string")",
  };
}

std::string invalid_utf8_line(FakeCliConfig::Mode mode) {
  // Raw bytes, so the JSON stays well-formed while its text does not decode.
  const std::string bad = "bad bytes: \xff\xfe and a cut euro sign \xe2\x82 end";
  if (mode == FakeCliConfig::Mode::kClaude) {
    return R"({"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":")" +
           bad + R"("}]}})";
  }
  return R"({"type":"item.completed","item":{"id":"fake_bad_utf8","type":"agent_message","text":")" +
         bad + R"("}})";
}

std::string bulky_output_line(FakeCliConfig::Mode mode, std::string_view id,
                              std::size_t payload_bytes) {
  std::string payload(payload_bytes, 'x');
  for (std::size_t i = 79; i < payload.size(); i += 80) payload[i] = ' ';
  nlohmann::json event;
  if (mode == FakeCliConfig::Mode::kClaude) {
    event = {{"type", "user"},
             {"message",
              {{"role", "user"},
               {"content",
                {{{"type", "tool_result"},
                  {"tool_use_id", id},
                  {"content", payload},
                  {"is_error", false}}}}}}};
  } else {
    event = {{"type", "item.completed"},
             {"item",
              {{"id", id},
               {"type", "command_execution"},
               {"command", "cat big-output.txt"},
               {"aggregated_output", payload},
               {"exit_code", 0},
               {"status", "completed"}}}};
  }
  return event.dump();
}

bool is_result_line(FakeCliConfig::Mode mode, std::string_view line) {
  nlohmann::json event = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!event.is_object()) return false;
  auto it = event.find("type");
  if (it == event.end() || !it->is_string()) return false;
  const std::string& type = it->get_ref<const std::string&>();
  if (mode == FakeCliConfig::Mode::kClaude) return type == "result";
  return type == "turn.completed" || type == "turn.failed";
}

}  // namespace agenthub::fakes
