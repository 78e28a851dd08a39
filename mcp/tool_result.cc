#include "mcp/tool_result.h"

#include "core/error_table.h"
#include "core/utf8.h"

namespace agenthub::mcp {

Json tool_success(std::string text, Json structured) {
  Json result = {{"content", Json::array({{{"type", "text"}, {"text", std::move(text)}}})}};
  result["structuredContent"] = std::move(structured);
  return result;
}

Json tool_failure(std::string_view tool, const Error& error) {
  std::string text = std::string(tool) + " failed (" + std::string(error_code_name(error.code)) +
                     "): " + error.message;
  return {{"content", Json::array({{{"type", "text"}, {"text", std::move(text)}}})},
          {"isError", true}};
}

std::string inline_json(const Json& value, std::size_t max_bytes) {
  std::string dumped = dump_json(value);
  if (dumped.size() > max_bytes) return {};
  return "\n" + dumped;
}

std::string one_line(std::string_view text, std::size_t max_chars) {
  std::size_t cut = utf8_prefix_bytes(text, max_chars);
  std::string out = sanitize_utf8(text.substr(0, cut));
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (cut < text.size()) out += "...";
  return out;
}

}  // namespace agenthub::mcp
