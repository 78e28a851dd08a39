// get_run: one run's summary, including its result or error once it has one.

#include "mcp/args.h"
#include "mcp/tool_result.h"
#include "mcp/tools/run_text.h"
#include "mcp/tools/schemas.h"
#include "mcp/tools/tools.h"

namespace agenthub::mcp {
namespace {

constexpr std::string_view kName = "get_run";

Json descriptor() {
  Json d = schema_literal(R"json({
    "name": "get_run",
    "title": "Get a run",
    "description": "Show one run: status, backend, role, session_id, cwd, last_seq (highest event seq so far), a short summary, and once finished its result (final_response, structured_output) or error. Cheap and immediate; to follow progress use poll_events instead of calling this in a loop.",
    "inputSchema": {
      "type": "object",
      "properties": {},
      "required": ["run_id"],
      "additionalProperties": false
    },
    "annotations": {"readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": false}
  })json");
  d["inputSchema"]["properties"]["run_id"] = run_id_schema();
  d["outputSchema"] = run_summary_output_schema();
  return d;
}

Json call(const Json& args, const ToolContext& context) {
  ArgErrors errors;
  ArgReader r(args, "", errors);
  r.reject_unknown({"run_id"});
  auto run_id = r.nonempty_string("run_id", Need::kRequired);
  if (!errors.empty()) return tool_failure(kName, errors.to_error());

  auto result = context.service.get_run(*run_id);
  if (!result.ok()) return tool_failure(kName, result.error());
  const Json& run = *result;
  std::string text = run_line(run) + ", last_seq " + text_of(run, "last_seq");
  std::string inline_text = inline_json(run);
  if (!inline_text.empty()) {
    text += inline_text;
  } else {
    if (const Json* s = json_find(run, "summary"); s != nullptr && s->is_string()) {
      text += "\nsummary: " + one_line(s->get_ref<const std::string&>(), 300);
    }
    if (const Json* e = json_find(run, "error"); e != nullptr) {
      text += "\nerror: " + one_line(e->is_string() ? e->get<std::string>() : dump_json(*e), 300);
    }
    text += "\n(full run in structuredContent)";
  }
  return tool_success(std::move(text), std::move(result).value());
}

}  // namespace

ToolSpec get_run_tool() { return {kName, &descriptor, &call}; }

}  // namespace agenthub::mcp
