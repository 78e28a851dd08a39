#include "tests/fakes/mock_model/script.h"

#include "core/fs.h"
#include "core/json.h"

namespace agenthub::mock_model {

Result<Script> Script::load(const std::string& path) {
  auto text = read_file(path, 1 << 20);
  if (!text.ok()) return std::move(text).take_error();
  return parse(*text);
}

Result<Script> Script::parse(std::string_view text) {
  auto doc = parse_json(text);
  if (!doc.ok()) return std::move(doc).take_error();
  const Json* rules = json_find(*doc, "rules");
  if (rules == nullptr || !rules->is_array()) {
    return Error(ErrorCode::kInvalidArgument, "script: expected {\"rules\": [...]}");
  }
  Script script;
  for (const auto& rule : *rules) {
    if (!rule.is_object()) return Error(ErrorCode::kInvalidArgument, "script: rule not an object");
    script.rules_.push_back({json_string(rule, "match"), json_string(rule, "directives")});
  }
  return script;
}

std::optional<std::string> Script::directives_for(std::string_view prompt) const {
  for (const auto& rule : rules_) {
    if (prompt.find(rule.match) != std::string_view::npos) return rule.directives;
  }
  return std::nullopt;
}

}  // namespace agenthub::mock_model
