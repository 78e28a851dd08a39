// continue_run: answer a run that waits for input (input_required / auth_required).

#include "mcp/agent_message_args.h"
#include "mcp/args.h"
#include "mcp/tool_result.h"
#include "mcp/tools/run_text.h"
#include "mcp/tools/schemas.h"
#include "mcp/tools/tools.h"

namespace agenthub::mcp {
namespace {

constexpr std::string_view kName = "continue_run";

Json descriptor() {
  Json d = schema_literal(R"json({
    "name": "continue_run",
    "title": "Continue a run",
    "description": "Send the next message to a run whose status is input_required or auth_required (poll_events shows an input_required event with the agent's question). The run resumes in the same agent session; keep calling poll_events with your last next_after_seq to follow it. To give a finished run a follow-up task, use spawn_run with session_mode resume and its session_id instead.",
    "inputSchema": {
      "type": "object",
      "properties": {},
      "required": ["run_id", "input_message"],
      "additionalProperties": false
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "run_id": {"type": "string"},
        "status": {"type": "string"}
      },
      "required": ["run_id", "status"]
    },
    "annotations": {"readOnlyHint": false, "destructiveHint": false, "idempotentHint": false, "openWorldHint": true}
  })json");
  d["inputSchema"]["properties"]["run_id"] = run_id_schema();
  d["inputSchema"]["properties"]["input_message"] = agent_message_schema(
      "The answer, e.g. {\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"yes, go "
      "ahead\"}]}.");
  return d;
}

Json call(const Json& args, const ToolContext& context) {
  ArgErrors errors;
  ArgReader r(args, "", errors);
  r.reject_unknown({"run_id", "input_message"});
  auto run_id = r.nonempty_string("run_id", Need::kRequired);
  const Json* message = r.find("input_message");
  if (message == nullptr) {
    errors.add("input_message",
               "required, an object like {\"role\":\"user\",\"parts\":[{\"type\":\"text\","
               "\"text\":\"...\"}]}");
  } else {
    check_agent_message(*message, "input_message", errors);
  }
  if (!errors.empty()) return tool_failure(kName, errors.to_error());

  auto result = context.service.continue_run(*run_id, *message);
  if (!result.ok()) return tool_failure(kName, result.error());
  std::string text = run_line(*result) + ". Next: poll_events from your last next_after_seq";
  return tool_success(std::move(text), std::move(result).value());
}

}  // namespace

ToolSpec continue_run_tool() { return {kName, &descriptor, &call}; }

}  // namespace agenthub::mcp
