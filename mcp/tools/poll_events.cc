// poll_events: a page of a run's events after a seq, waiting briefly for the first new one.

#include <limits>

#include "mcp/args.h"
#include "mcp/tool_result.h"
#include "mcp/tools/run_text.h"
#include "mcp/tools/schemas.h"
#include "mcp/tools/tools.h"

namespace agenthub::mcp {
namespace {

constexpr std::string_view kName = "poll_events";
constexpr std::size_t kMaxDigestLines = 50;

Json descriptor() {
  Json d = schema_literal(R"json({
    "name": "poll_events",
    "title": "Poll run events",
    "description": "Read what a run did: events with seq > after_seq, oldest first, at most limit. Start with after_seq 0, then pass the returned next_after_seq each time. When nothing new exists and the run is still active the call waits up to wait_ms for the first new event and returns as soon as one arrives; an empty events list only means nothing happened yet, so call again (keep wait_ms <= 25000 and loop rather than asking for long waits). Stop when status is completed, failed, cancelled or rejected and events is empty. On status input_required or auth_required, read the question in the events and answer with continue_run. Event types include agent_message, reasoning, command_started/finished, file_changed, tool_started/finished, todo_updated, input_required, run_completed, run_failed. Long fields are shortened; data.artifact_refs maps each moved field's JSON Pointer to its artifact, which get_event_artifact reads in full.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "after_seq": {"type": "integer", "minimum": 0, "description": "Return events with seq greater than this: 0 at first, then the previous next_after_seq."},
        "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100, "description": "Most events to return (default 100)."},
        "wait_ms": {"type": "integer", "minimum": 0, "maximum": 30000, "default": 20000, "description": "How long to wait for a first new event, in milliseconds (default 20000; 0 returns at once). Keep it <= 25000 and poll again."}
      },
      "required": ["run_id", "after_seq"],
      "additionalProperties": false
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "run_id": {"type": "string"},
        "status": {"type": "string", "description": "The run's status now."},
        "next_after_seq": {"type": "integer", "description": "Pass as after_seq on the next call (the last returned seq, or after_seq when none)."}
      },
      "required": ["run_id", "status", "events", "next_after_seq"]
    },
    "annotations": {"readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": false}
  })json");
  d["inputSchema"]["properties"]["run_id"] = run_id_schema();
  d["outputSchema"]["properties"]["events"] = {{"type", "array"}, {"items", event_output_schema()}};
  return d;
}

bool is_terminal(const std::string& status) {
  return status == "completed" || status == "failed" || status == "cancelled" ||
         status == "rejected";
}

// "#4 command_finished: npm test" — the first telling member of the event's data.
std::string digest(const Json& event) {
  std::string line = "#" + text_of(event, "seq") + " " + text_of(event, "type");
  const Json* data = json_find(event, "data");
  if (data == nullptr) return line;
  for (const char* key : {"text", "content", "command", "tool", "file_path", "status", "message"}) {
    if (const Json* v = json_find(*data, key); v != nullptr) {
      return line + ": " + one_line(v->is_string() ? v->get<std::string>() : dump_json(*v), 100);
    }
  }
  return line;
}

std::string summarize(const Json& page, std::int64_t after_seq) {
  const Json* events = json_find(page, "events");
  std::size_t count = events != nullptr && events->is_array() ? events->size() : 0;
  std::string status = text_of(page, "status");
  std::string text;
  if (count == 0) {
    text = "no new events after seq " + std::to_string(after_seq);
  } else {
    text = std::to_string(count) + (count == 1 ? " event" : " events") + " (seq " +
           text_of(events->front(), "seq") + ".." + text_of(events->back(), "seq") + ")";
  }
  text += ", status " + status + ", next_after_seq " + text_of(page, "next_after_seq");
  if (is_terminal(status) && count == 0) {
    text += "; the run has ended";
  } else if (status == "input_required" || status == "auth_required") {
    text += "; the run waits for continue_run";
  }
  if (count == 0) return text;
  std::string inline_text = inline_json(*events);
  if (!inline_text.empty()) return text + inline_text;
  for (std::size_t i = 0; i < count && i < kMaxDigestLines; ++i) {
    text += "\n" + digest((*events)[i]);
  }
  if (count > kMaxDigestLines) text += "\n... " + std::to_string(count - kMaxDigestLines) + " more";
  return text + "\n(full events in structuredContent)";
}

Json call(const Json& args, const ToolContext& context) {
  ArgErrors errors;
  ArgReader r(args, "", errors);
  r.reject_unknown({"run_id", "after_seq", "limit", "wait_ms"});
  hub::PollEventsRequest req;
  auto run_id = r.nonempty_string("run_id", Need::kRequired);
  auto after_seq =
      r.integer("after_seq", 0, std::numeric_limits<std::int64_t>::max(), Need::kRequired);
  auto limit = r.integer("limit", 1, 1000, Need::kOptional);
  auto wait_ms = r.integer("wait_ms", 0, 30000, Need::kOptional);
  if (!errors.empty()) return tool_failure(kName, errors.to_error());

  req.run_id = *run_id;
  req.after_seq = *after_seq;
  if (limit) req.limit = static_cast<int>(*limit);
  if (wait_ms) req.wait_ms = static_cast<int>(*wait_ms);
  req.stop = context.stop;
  auto result = context.service.poll_events(req);
  if (!result.ok()) return tool_failure(kName, result.error());
  std::string text = summarize(*result, req.after_seq);
  return tool_success(std::move(text), std::move(result).value());
}

}  // namespace

ToolSpec poll_events_tool() { return {kName, &descriptor, &call}; }

}  // namespace agenthub::mcp
