// spawn_run: start a run on a backend and return its id at once.

#include "mcp/agent_message_args.h"
#include "mcp/args.h"
#include "mcp/tool_result.h"
#include "mcp/tools/run_text.h"
#include "mcp/tools/schemas.h"
#include "mcp/tools/tools.h"

namespace agenthub::mcp {
namespace {

constexpr std::string_view kName = "spawn_run";
constexpr std::int64_t kMaxTimeoutS = 7 * 24 * 3600;

Json descriptor() {
  Json d = schema_literal(R"json({
    "name": "spawn_run",
    "title": "Spawn an agent run",
    "description": "Start a coding agent on a task in the background and return at once with its run_id and session_id. Flow: spawn_run, then poll_events with after_seq 0, then keep calling poll_events with the returned next_after_seq until status is completed, failed, cancelled or rejected. When status is input_required (or auth_required) answer with continue_run; stop a run with cancel_run. Give the task as prompt (plain text) and/or input_message (structured parts). The agent works in cwd (an existing absolute directory) under its own sandbox and approval settings and may edit files there. Backends: codex and claude_code are local agents run by the hub; remote_a2a is any A2A agent at backend_config.agent_url (e.g. one started by start-a2a-agent).",
    "inputSchema": {
      "type": "object",
      "properties": {
        "backend": {"type": "string", "enum": ["codex", "claude_code", "remote_a2a"],
                    "description": "Which agent runs the task. remote_a2a needs backend_config.agent_url."},
        "role": {"type": "string", "enum": ["planner", "worker", "reviewer"],
                 "description": "The agent's job: planner (plans, does not edit), worker (implements), reviewer (reviews changes)."},
        "prompt": {"type": "string", "description": "The task in plain text. Give prompt or input_message (or both)."},
        "cwd": {"type": "string", "description": "Absolute path of an existing directory the agent works in, e.g. /home/me/project."},
        "session_mode": {"type": "string", "enum": ["new", "resume"],
                         "description": "new: a fresh agent session. resume: continue the session session_id of an earlier run (same backend and cwd), keeping its conversation."},
        "session_id": {"type": "string", "description": "Required when session_mode is resume: the session_id an earlier spawn_run or get_run returned."},
        "profile": {"type": "string", "description": "Optional path to a persona / job-description file whose text is given to the agent (as its system prompt where it has one). Leave out unless asked."},
        "output_schema": {"type": "object", "description": "Optional JSON Schema the final answer must follow; the result then carries it as structured_output."},
        "metadata": {"type": "object", "description": "Optional key/value pairs stored with the run (e.g. a ticket id)."},
        "backend_config": {
          "type": "object",
          "description": "Backend settings. For remote_a2a: agent_url (required), and optionally agent_card_path, headers, auth_token, history_length, blocking, accepted_output_modes.",
          "properties": {
            "agent_url": {"type": "string", "description": "remote_a2a: base URL of the A2A agent, e.g. http://127.0.0.1:8123."},
            "agent_card_path": {"type": "string", "description": "remote_a2a: agent card path, default /.well-known/agent-card.json."},
            "headers": {"type": "object", "additionalProperties": {"type": "string"}, "description": "remote_a2a: extra HTTP headers."},
            "auth_token": {"type": "string", "description": "remote_a2a: bearer token sent as Authorization."},
            "history_length": {"type": "integer", "minimum": 0, "description": "remote_a2a: how many past messages the agent returns with a task."},
            "blocking": {"type": "boolean", "description": "remote_a2a: ask the agent to answer only when the task is done."},
            "accepted_output_modes": {"type": "array", "items": {"type": "string"}, "description": "remote_a2a: accepted MIME types, e.g. [\"text/plain\"]."}
          }
        },
        "timeout_s": {"type": "integer", "minimum": 1, "maximum": 604800, "description": "Optional overall deadline in seconds; the run fails when it is exceeded. No deadline by default."}
      },
      "required": ["backend", "role", "cwd", "session_mode"],
      "additionalProperties": false
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "run_id": {"type": "string", "description": "Use with poll_events, get_run, continue_run, cancel_run."},
        "backend": {"type": "string"},
        "role": {"type": "string"},
        "session_id": {"description": "Use with session_mode resume to continue this conversation later."},
        "status": {"type": "string"}
      },
      "required": ["run_id", "status"]
    },
    "annotations": {"readOnlyHint": false, "destructiveHint": false, "idempotentHint": false, "openWorldHint": true}
  })json");
  d["inputSchema"]["properties"]["input_message"] = agent_message_schema(
      "The task as a structured message, e.g. {\"role\":\"user\",\"parts\":[{\"type\":\"text\","
      "\"text\":\"...\"}]}. Use instead of (or with) prompt for data or file parts.");
  return d;
}

bool is_http_url(std::string_view url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

void check_backend_config(const Json* config, const std::string& backend, ArgErrors& errors) {
  if (config == nullptr) {
    if (backend == "remote_a2a") {
      errors.add(
          "backend_config",
          "required when backend is remote_a2a, e.g. {\"agent_url\":\"http://127.0.0.1:8123\"}");
    }
    return;
  }
  ArgReader r(*config, "backend_config", errors);
  auto url =
      r.nonempty_string("agent_url", backend == "remote_a2a" ? Need::kRequired : Need::kOptional);
  if (url && !is_http_url(*url)) {
    r.fail("agent_url", "must be an http:// or https:// URL, got " + describe_value(Json(*url)));
  }
  (void)r.nonempty_string("agent_card_path", Need::kOptional);
  (void)r.string("auth_token", Need::kOptional);
  (void)r.integer("history_length", 0, 1'000'000, Need::kOptional);
  (void)r.boolean("blocking", Need::kOptional);
  if (const Json* headers = r.object("headers", Need::kOptional)) {
    for (const auto& [key, value] : headers->items()) {
      if (!value.is_string()) {
        r.fail("headers." + key, "must be a string, got " + describe_value(value));
      }
    }
  }
  if (const Json* modes = r.array("accepted_output_modes", Need::kOptional)) {
    for (std::size_t i = 0; i < modes->size(); ++i) {
      if (!(*modes)[i].is_string()) {
        r.fail("accepted_output_modes[" + std::to_string(i) + "]",
               "must be a string, got " + describe_value((*modes)[i]));
      }
    }
  }
}

Json call(const Json& args, const ToolContext& context) {
  ArgErrors errors;
  ArgReader r(args, "", errors);
  r.reject_unknown({"backend", "role", "prompt", "input_message", "cwd", "session_mode",
                    "session_id", "profile", "output_schema", "metadata", "backend_config",
                    "timeout_s"});
  hub::SpawnRunRequest req;
  auto backend = r.enum_string("backend", {"codex", "claude_code", "remote_a2a"}, Need::kRequired);
  auto role = r.enum_string("role", {"planner", "worker", "reviewer"}, Need::kRequired);
  auto prompt = r.string("prompt", Need::kOptional);
  auto cwd = r.absolute_path("cwd", Need::kRequired);
  auto mode = r.enum_string("session_mode", {"new", "resume"}, Need::kRequired);
  auto session_id = r.string("session_id", Need::kOptional);
  auto profile = r.string("profile", Need::kOptional);
  auto timeout = r.integer("timeout_s", 1, kMaxTimeoutS, Need::kOptional);
  const Json* message = r.find("input_message");
  if (message != nullptr) check_agent_message(*message, "input_message", errors);
  const Json* output_schema = r.object("output_schema", Need::kOptional);
  const Json* metadata = r.object("metadata", Need::kOptional);
  const Json* backend_config = r.object("backend_config", Need::kOptional);
  if (backend && (backend_config != nullptr || r.find("backend_config") == nullptr)) {
    check_backend_config(backend_config, *backend, errors);
  }
  bool has_prompt = prompt && !prompt->empty();
  if (!has_prompt && message == nullptr && r.find("prompt") == nullptr) {
    errors.add("prompt",
               "give the task as prompt (text) or input_message (structured); neither was given");
  } else if (!has_prompt && message == nullptr && prompt) {
    errors.add("prompt", "must not be empty when no input_message is given");
  }
  if (mode == "resume" && (!session_id || session_id->empty())) {
    errors.add("session_id",
               "required when session_mode is resume (the session_id of an earlier run); use "
               "session_mode new to start a fresh session");
  }
  if (!errors.empty()) return tool_failure(kName, errors.to_error());

  req.backend = *backend;
  req.role = *role;
  if (has_prompt) req.prompt = *prompt;
  if (message != nullptr) req.input_message = *message;
  req.cwd = *cwd;
  req.session_mode = *mode;
  req.session_id = session_id.value_or("");
  req.profile = profile.value_or("");
  if (output_schema != nullptr) req.output_schema = *output_schema;
  if (metadata != nullptr) req.metadata = *metadata;
  if (backend_config != nullptr) req.backend_config = *backend_config;
  if (timeout) req.timeout_s = static_cast<int>(*timeout);

  auto result = context.service.spawn_run(req);
  if (!result.ok()) return tool_failure(kName, result.error());
  const Json& run = *result;
  std::string text = run_line(run) + ", session " + text_of(run, "session_id") +
                     ". Next: poll_events {\"run_id\":" + dump_json(Json(text_of(run, "run_id"))) +
                     ",\"after_seq\":0}";
  return tool_success(std::move(text), std::move(result).value());
}

}  // namespace

ToolSpec spawn_run_tool() { return {kName, &descriptor, &call}; }

}  // namespace agenthub::mcp
