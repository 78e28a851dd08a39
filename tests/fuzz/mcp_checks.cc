#include "mcp_checks.h"

#include <string>

#include "core/json_pointer.h"
#include "fuzz_check.h"

namespace agenthub::fuzz {
namespace {

bool one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed) {
    if (value == a) return true;
  }
  return false;
}

bool absolute_path(const std::string& path) {
  return !path.empty() && path.front() == '/' && path.find('\0') == std::string::npos;
}

// An AgentMessage that passed check_agent_message.
void check_agent_message_shape(const Json& message) {
  FUZZ_CHECK(message.is_object());
  FUZZ_CHECK(one_of(json_string(message, "role"), {"user", "agent", "system"}));
  const Json* parts = json_find(message, "parts");
  FUZZ_CHECK(parts != nullptr && parts->is_array() && !parts->empty());
  for (const Json& part : *parts) {
    FUZZ_CHECK(part.is_object());
    const std::string type = json_string(part, "type");
    FUZZ_CHECK(one_of(type, {"text", "data", "file"}));
    if (type == "text") FUZZ_CHECK(part.contains("text") && part["text"].is_string());
    if (type == "data") FUZZ_CHECK(part.contains("data") && part["data"].is_object());
    if (type == "file") {
      FUZZ_CHECK(json_find(part, "uri") != nullptr || json_find(part, "bytes_base64") != nullptr);
    }
  }
}

void check_requests(const CannedRunService& service) {
  const std::string& method = service.method();
  if (method == "spawn_run") {
    const auto& r = *service.spawn;
    FUZZ_CHECK(one_of(r.backend, {"codex", "claude_code", "remote_a2a"}));
    FUZZ_CHECK(one_of(r.role, {"planner", "worker", "reviewer"}));
    FUZZ_CHECK(one_of(r.session_mode, {"new", "resume"}));
    FUZZ_CHECK(absolute_path(r.cwd));
    FUZZ_CHECK(r.session_mode != "resume" || !r.session_id.empty());
    FUZZ_CHECK(!r.timeout_s || (*r.timeout_s >= 1 && *r.timeout_s <= 7 * 24 * 3600));
    FUZZ_CHECK((r.prompt && !r.prompt->empty()) || !r.input_message.is_null());
    if (!r.input_message.is_null()) check_agent_message_shape(r.input_message);
    for (const Json* v : {&r.output_schema, &r.metadata, &r.backend_config}) {
      FUZZ_CHECK(v->is_null() || v->is_object());
    }
    if (r.backend == "remote_a2a") {
      const std::string url = json_string(r.backend_config, "agent_url");
      FUZZ_CHECK(url.starts_with("http://") || url.starts_with("https://"));
    }
  } else if (method == "poll_events") {
    const auto& r = *service.poll;
    FUZZ_CHECK(!r.run_id.empty());
    FUZZ_CHECK(r.after_seq >= 0);
    FUZZ_CHECK(r.limit >= 1 && r.limit <= 1000);
    FUZZ_CHECK(r.wait_ms >= 0 && r.wait_ms <= 30000);
  } else if (method == "get_event_artifact") {
    const auto& r = *service.artifact;
    FUZZ_CHECK(!r.run_id.empty());
    FUZZ_CHECK(r.seq >= 1 && r.offset >= 0);
    FUZZ_CHECK(r.limit >= 1 && r.limit <= 262144);
    auto tokens = parse_json_pointer(r.field_path);
    FUZZ_CHECK(tokens.ok() && !tokens->empty());
  } else if (method == "list_runs") {
    const auto& r = *service.list;
    FUZZ_CHECK(!r.status ||
               one_of(*r.status, {"queued", "running", "input_required", "auth_required",
                                  "completed", "failed", "cancelled", "rejected"}));
    FUZZ_CHECK(!r.backend || one_of(*r.backend, {"codex", "claude_code", "remote_a2a"}));
    FUZZ_CHECK(!r.cwd || absolute_path(*r.cwd));
  } else if (method == "continue_run") {
    FUZZ_CHECK(!service.run_id.empty());
    check_agent_message_shape(service.continued_with);
  } else {
    FUZZ_CHECK(method == "get_run" || method == "cancel_run");
    FUZZ_CHECK(!service.run_id.empty());
  }
}

}  // namespace

void check_tool_result(std::string_view tool, const Json& result, const CannedRunService& service) {
  const std::string context = std::string(tool) + ": " + dump_json(result);
  FUZZ_CHECK_MSG(result.is_object(), context);
  const Json* content = json_find(result, "content");
  FUZZ_CHECK_MSG(content != nullptr && content->is_array() && !content->empty(), context);
  for (const Json& item : *content) {
    FUZZ_CHECK_MSG(json_string(item, "type") == "text", context);
    FUZZ_CHECK_MSG(item.contains("text") && item["text"].is_string(), context);
  }
  FUZZ_CHECK_MSG(survives_serialization(result), context);
  const Json* is_error = json_find(result, "isError");
  FUZZ_CHECK_MSG(is_error == nullptr || is_error->is_boolean(), context);
  FUZZ_CHECK(service.calls() <= 1);
  if (is_error != nullptr && is_error->get<bool>()) {
    note("tool call failed");
    FUZZ_CHECK_MSG(!result.contains("structuredContent"), context);
  } else {
    note("tool call succeeded");
    FUZZ_CHECK_MSG(service.calls() == 1, context);
    FUZZ_CHECK_MSG(
        result.contains("structuredContent") && result["structuredContent"] == service.last_reply(),
        context);
  }
  if (service.calls() == 1) check_requests(service);
}

}  // namespace agenthub::fuzz
