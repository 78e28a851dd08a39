// cancel_run: stop a run; a terminal run is left as it is (the hub reports its status).

#include "mcp/args.h"
#include "mcp/tool_result.h"
#include "mcp/tools/run_text.h"
#include "mcp/tools/schemas.h"
#include "mcp/tools/tools.h"

namespace agenthub::mcp {
namespace {

constexpr std::string_view kName = "cancel_run";

Json descriptor() {
  Json d = schema_literal(R"json({
    "name": "cancel_run",
    "title": "Cancel a run",
    "description": "Stop a run that is queued, running or waiting for input: the agent is told to stop and the run ends as cancelled. Work the agent already did (files it changed) stays. Returns the run's status afterwards and when it was cancelled.",
    "inputSchema": {
      "type": "object",
      "properties": {},
      "required": ["run_id"],
      "additionalProperties": false
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "run_id": {"type": "string"},
        "status": {"type": "string", "description": "cancelled, or the terminal status the run already had."},
        "cancelled_at": {"description": "ISO-8601 UTC, when the cancel took effect."}
      },
      "required": ["run_id", "status"]
    },
    "annotations": {"readOnlyHint": false, "destructiveHint": true, "idempotentHint": true, "openWorldHint": true}
  })json");
  d["inputSchema"]["properties"]["run_id"] = run_id_schema();
  return d;
}

Json call(const Json& args, const ToolContext& context) {
  ArgErrors errors;
  ArgReader r(args, "", errors);
  r.reject_unknown({"run_id"});
  auto run_id = r.nonempty_string("run_id", Need::kRequired);
  if (!errors.empty()) return tool_failure(kName, errors.to_error());

  auto result = context.service.cancel_run(*run_id);
  if (!result.ok()) return tool_failure(kName, result.error());
  std::string text = run_line(*result);
  if (json_find(*result, "cancelled_at") != nullptr) {
    text += ", cancelled_at " + text_of(*result, "cancelled_at");
  }
  return tool_success(std::move(text), std::move(result).value());
}

}  // namespace

ToolSpec cancel_run_tool() { return {kName, &descriptor, &call}; }

}  // namespace agenthub::mcp
