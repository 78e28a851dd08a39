#include "mcp/tools/schemas.h"

namespace agenthub::mcp {

Json schema_literal(std::string_view json_text) { return Json::parse(json_text); }

Json agent_message_schema(std::string_view description) {
  Json schema = schema_literal(R"json({
    "type": "object",
    "properties": {
      "role": {"type": "string", "enum": ["user", "agent", "system"],
               "description": "Who speaks; use \"user\" for instructions to the agent."},
      "parts": {
        "type": "array", "minItems": 1,
        "description": "Content parts, at least one. Text: {\"type\":\"text\",\"text\":\"...\"}. Data: {\"type\":\"data\",\"data\":{...}}. File: {\"type\":\"file\",\"uri\":\"...\"} or {\"type\":\"file\",\"bytes_base64\":\"...\",\"mime_type\":\"image/png\",\"name\":\"shot.png\"}.",
        "items": {
          "type": "object",
          "properties": {
            "type": {"type": "string", "enum": ["text", "data", "file"]},
            "text": {"type": "string", "description": "type text: the text."},
            "data": {"type": "object", "description": "type data: any JSON object."},
            "uri": {"type": "string", "description": "type file: where the file is."},
            "bytes_base64": {"type": "string", "description": "type file: the content, base64."},
            "mime_type": {"type": "string", "description": "type file: e.g. text/plain."},
            "name": {"type": "string", "description": "type file: a file name."},
            "metadata": {"type": "object"}
          },
          "required": ["type"],
          "additionalProperties": false
        }
      },
      "metadata": {"type": "object", "description": "Optional key/value metadata."}
    },
    "required": ["role", "parts"],
    "additionalProperties": false
  })json");
  schema["description"] = description;
  return schema;
}

Json run_id_schema() {
  return {{"type", "string"},
          {"minLength", 1},
          {"description", "The run_id that spawn_run (or list_runs) returned."}};
}

Json run_summary_output_schema() {
  return schema_literal(R"json({
    "type": "object",
    "properties": {
      "run_id": {"type": "string"},
      "backend": {"type": "string", "description": "codex, claude_code or remote_a2a."},
      "role": {"type": "string"},
      "session_id": {"description": "Pass to spawn_run with session_mode resume to continue this agent session."},
      "status": {"type": "string", "description": "queued, running, input_required, auth_required, completed, failed, cancelled or rejected."},
      "started_at": {"description": "ISO-8601 UTC."},
      "updated_at": {"description": "ISO-8601 UTC."},
      "summary": {"description": "Short human summary of the run so far."},
      "last_seq": {"type": "integer", "description": "Highest event seq so far."},
      "cwd": {"type": "string"},
      "metadata": {},
      "remote_ref": {"description": "Remote A2A ids (context_id, task_id, agent_url...) when the backend is remote."},
      "result": {"description": "Final result {final_response, structured_output, usage, artifacts} once completed."},
      "error": {"description": "What went wrong, for failed or rejected runs."}
    },
    "required": ["run_id", "status"]
  })json");
}

Json event_output_schema() {
  return schema_literal(R"json({
    "type": "object",
    "properties": {
      "seq": {"type": "integer", "description": "Starts at 1 per run, contiguous."},
      "ts": {"type": "string"},
      "run_id": {"type": "string"},
      "session_id": {},
      "backend": {"type": "string"},
      "type": {"type": "string", "description": "run_started, status_changed, agent_message, message_added, reasoning, command_started, command_updated, command_finished, file_changed, tool_started, tool_finished, artifact_added, todo_updated, input_required, auth_required, rejected, run_completed or run_failed."},
      "data": {"description": "Event payload. Large fields are shortened; data.artifact_refs maps each moved field's JSON Pointer to its artifact (read it with get_event_artifact)."}
    },
    "required": ["seq", "type"]
  })json");
}

}  // namespace agenthub::mcp
