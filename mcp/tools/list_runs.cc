// list_runs: the runs the hub knows, optionally filtered.

#include "mcp/args.h"
#include "mcp/tool_result.h"
#include "mcp/tools/run_text.h"
#include "mcp/tools/schemas.h"
#include "mcp/tools/tools.h"

namespace agenthub::mcp {
namespace {

constexpr std::string_view kName = "list_runs";
constexpr std::size_t kMaxTextLines = 50;

Json descriptor() {
  Json d = schema_literal(R"json({
    "name": "list_runs",
    "title": "List runs",
    "description": "List known runs, each as a run summary like get_run returns. All filters are optional and combine: status, backend, cwd (exact absolute directory the run works in). Use it to find a run_id again, e.g. after a restart, or to see what is still running.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "status": {"type": "string", "enum": ["queued", "running", "input_required", "auth_required", "completed", "failed", "cancelled", "rejected"],
                   "description": "Only runs with this status."},
        "backend": {"type": "string", "enum": ["codex", "claude_code", "remote_a2a"],
                    "description": "Only runs on this backend."},
        "cwd": {"type": "string", "description": "Only runs working in this absolute directory."}
      },
      "additionalProperties": false
    },
    "outputSchema": {
      "type": "object",
      "properties": {},
      "required": ["runs"]
    },
    "annotations": {"readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": false}
  })json");
  d["outputSchema"]["properties"]["runs"] = {{"type", "array"},
                                             {"items", run_summary_output_schema()}};
  return d;
}

Json call(const Json& args, const ToolContext& context) {
  ArgErrors errors;
  ArgReader r(args, "", errors);
  r.reject_unknown({"status", "backend", "cwd"});
  hub::ListRunsRequest req;
  req.status = r.enum_string("status",
                             {"queued", "running", "input_required", "auth_required", "completed",
                              "failed", "cancelled", "rejected"},
                             Need::kOptional);
  req.backend = r.enum_string("backend", {"codex", "claude_code", "remote_a2a"}, Need::kOptional);
  req.cwd = r.absolute_path("cwd", Need::kOptional);
  if (!errors.empty()) return tool_failure(kName, errors.to_error());

  auto result = context.service.list_runs(req);
  if (!result.ok()) return tool_failure(kName, result.error());
  const Json* runs = json_find(*result, "runs");
  std::size_t count = runs != nullptr && runs->is_array() ? runs->size() : 0;
  std::string text = count == 0 ? "no runs match" : std::to_string(count) + " runs";
  for (std::size_t i = 0; i < count && i < kMaxTextLines; ++i) {
    text += "\n" + run_line((*runs)[i]) + " cwd " + text_of((*runs)[i], "cwd");
  }
  if (count > kMaxTextLines) {
    text += "\n... " + std::to_string(count - kMaxTextLines) + " more in structuredContent";
  }
  return tool_success(std::move(text), std::move(result).value());
}

}  // namespace

ToolSpec list_runs_tool() { return {kName, &descriptor, &call}; }

}  // namespace agenthub::mcp
