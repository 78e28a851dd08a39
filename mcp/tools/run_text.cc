#include "mcp/tools/run_text.h"

namespace agenthub::mcp {

std::string text_of(const Json& object, const char* key) {
  const Json* v = json_find(object, key);
  if (v == nullptr) return "?";
  if (v->is_string()) return v->get<std::string>();
  return dump_json(*v);
}

std::string run_line(const Json& run) {
  std::string line = "run " + text_of(run, "run_id") + " " + text_of(run, "status");
  if (json_find(run, "backend") != nullptr || json_find(run, "role") != nullptr) {
    line += " (" + text_of(run, "backend") + "/" + text_of(run, "role") + ")";
  }
  return line;
}

}  // namespace agenthub::mcp
