#include "agents/claude-wrapper/claude_backend.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "agents/claude-wrapper/claude_event_translator.h"
#include "agents/common/run_event_wire.h"
#include "core/ids.h"

namespace agenthub::agents {
namespace {

struct Decision {
  bool allow = false;
  std::string message;
  Json updated_input;  // object or null
};

std::string trimmed_lower(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The decision a reply carries: a data part {"decision": "allow"|"deny", "message"?,
// "updated_input"?}, or a text part that is just "allow" or "deny".
std::optional<Decision> read_decision(const a2a::Message& reply) {
  for (const a2a::Part& part : reply.parts) {
    if (part.kind != a2a::Part::Kind::kData || !part.data.is_object()) continue;
    const std::string decision = trimmed_lower(json_string(part.data, kDecisionKey));
    if (decision != "allow" && decision != "deny") continue;
    Decision d;
    d.allow = decision == "allow";
    d.message = json_string(part.data, "message");
    if (const Json* input = json_find(part.data, "updated_input");
        input != nullptr && input->is_object()) {
      d.updated_input = *input;
    }
    return d;
  }
  for (const a2a::Part& part : reply.parts) {
    if (part.kind != a2a::Part::Kind::kText) continue;
    const std::string word = trimmed_lower(part.text);
    if (word == "allow" || word == "deny") return Decision{word == "allow", {}, nullptr};
  }
  return std::nullopt;
}

}  // namespace

ClaudePermission parse_claude_permission(std::string_view name) {
  if (name == "auto") return ClaudePermission::kAuto;
  if (name == "relay") return ClaudePermission::kRelay;
  return ClaudePermission::kUnknown;
}

std::string claude_user_line(const std::string& text) {
  const Json line = {
      {"type", "user"},
      {"message",
       {{"role", "user"}, {"content", Json::array({{{"type", "text"}, {"text", text}}})}}}};
  return dump_json(line);
}

std::string ClaudeBackend::permission_mode() const {
  if (!options_.permission_mode.empty()) return options_.permission_mode;
  return options_.permission == ClaudePermission::kRelay ? "default" : "bypassPermissions";
}

Result<CliInvocation> ClaudeBackend::build_invocation(const TurnRequest& turn) const {
  const std::string& model = turn.model.empty() ? options_.model : turn.model;
  const std::string mode = permission_mode();

  CliInvocation inv;
  inv.argv = {options_.claude_bin.string(),
              "-p",
              "--output-format",
              "stream-json",
              "--verbose",
              "--input-format",
              "stream-json"};
  if (!model.empty()) {
    inv.argv.push_back("--model");
    inv.argv.push_back(model);
  }
  if (!turn.session_id.empty()) {
    inv.argv.push_back("--resume");
    inv.argv.push_back(turn.session_id);
  }
  // Claude has a system prompt: the persona goes there on every turn that names it.
  if (!turn.profile.empty()) {
    inv.argv.push_back("--append-system-prompt");
    inv.argv.push_back(turn.profile);
  }
  if (!turn.output_schema.is_null()) {
    inv.argv.push_back("--json-schema");
    inv.argv.push_back(dump_json(turn.output_schema));
  }
  inv.argv.push_back("--permission-mode");
  inv.argv.push_back(mode);
  if (options_.permission == ClaudePermission::kRelay) {
    inv.argv.push_back("--permission-prompt-tool");
    inv.argv.push_back("stdio");
  }
  if (mode == "bypassPermissions" && options_.running_as_root) {
    inv.env_set.push_back("IS_SANDBOX=1");
  }
  inv.stdin_data = claude_user_line(turn.prompt) + "\n";
  inv.stdin_policy = StdinPolicy::kCloseAfterTurn;
  return inv;
}

std::unique_ptr<CliEventTranslator> ClaudeBackend::make_translator(const TurnRequest& turn) const {
  return std::make_unique<ClaudeEventTranslator>(options_.permission == ClaudePermission::kRelay,
                                                 !turn.output_schema.is_null(), turn.session_id);
}

std::string ClaudeBackend::interrupt_line() const {
  const Json line = {{"type", "control_request"},
                     {"request_id", "interrupt-" + random_hex(8)},
                     {"request", {{"subtype", "interrupt"}}}};
  return dump_json(line);
}

Status ClaudeBackend::check_input_reply(const Json& request, const a2a::Message& reply) const {
  if (read_decision(reply)) return {};
  return Error{ErrorCode::kInvalidArgument,
               "claude is waiting for a permission decision on " +
                   json_string(request, "tool", "a tool") +
                   ": reply with a data part {\"decision\":\"allow\"} or "
                   "{\"decision\":\"deny\",\"message\":\"why\"}"};
}

Result<std::string> ClaudeBackend::input_reply_line(const Json& request,
                                                    const a2a::Message& reply) const {
  std::optional<Decision> decision = read_decision(reply);
  if (!decision) return check_input_reply(request, reply).error();
  Json answer;
  if (decision->allow) {
    const Json* input = json_find(request, "input");
    answer = {{"behavior", "allow"},
              {"updatedInput", !decision->updated_input.is_null() ? decision->updated_input
                               : input != nullptr                 ? *input
                                                                  : Json::object()}};
  } else {
    answer = {{"behavior", "deny"},
              {"message", decision->message.empty() ? std::string("denied by the operator")
                                                    : decision->message}};
  }
  const Json line = {{"type", "control_response"},
                     {"response",
                      {{"subtype", "success"},
                       {"request_id", json_string(request, "request_id")},
                       {"response", std::move(answer)}}}};
  return dump_json(line);
}

}  // namespace agenthub::agents
