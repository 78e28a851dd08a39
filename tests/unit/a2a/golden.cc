#include "golden.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/fs.h"

namespace agenthub::a2a::testing {
namespace {

const std::set<std::string, std::less<>> kOpaqueMembers = {"metadata",
                                                           "data",
                                                           "params",
                                                           "flows",
                                                           "taskPushNotificationConfig",
                                                           "pushNotificationConfig",
                                                           "schemes",
                                                           "security",
                                                           "securitySchemes"};

void add_unknown(Json& value) {
  if (value.is_array()) {
    for (auto& item : value) add_unknown(item);
    return;
  }
  if (!value.is_object()) return;
  for (auto& [key, member] : value.items()) {
    if (kOpaqueMembers.count(key) == 0) add_unknown(member);
  }
  value["zzFutureField"] = {{"nested", {1, "two", nullptr}}};
}

void collect(const Json& value, const std::string& prefix, std::set<std::string>& out) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      const std::string pointer = prefix + "/" + key;
      out.insert(pointer);
      collect(member, pointer, out);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string pointer = prefix + "/" + std::to_string(i);
      out.insert(pointer);
      collect(value[i], pointer, out);
    }
  }
}

}  // namespace

Json load_golden(std::string_view version, std::string_view name) {
  const std::filesystem::path path = std::filesystem::path(AGENTHUB_SOURCE_DIR) / "tests" / "unit" /
                                     "a2a" / "golden" / std::string(version) /
                                     (std::string(name) + ".json");
  auto text = read_file(path);
  if (!text.ok()) {
    ADD_FAILURE() << "missing golden " << path << ": " << text.error().to_string();
    return nullptr;
  }
  auto parsed = parse_json(*text);
  if (!parsed.ok()) {
    ADD_FAILURE() << "bad golden " << path << ": " << parsed.error().to_string();
    return nullptr;
  }
  return *parsed;
}

Json with_unknown_fields(const Json& value) {
  Json copy = value;
  add_unknown(copy);
  return copy;
}

Json with_member(const Json& value, std::string_view pointer, Json replacement) {
  Json copy = value;
  copy[Json::json_pointer(std::string(pointer))] = std::move(replacement);
  return copy;
}

Json without_member(const Json& value, std::string_view pointer) {
  Json copy = value;
  const Json::json_pointer ptr{std::string(pointer)};
  Json& parent = copy[ptr.parent_pointer()];
  if (parent.is_array()) {
    parent.erase(static_cast<std::size_t>(std::stoul(ptr.back())));
  } else {
    parent.erase(ptr.back());
  }
  return copy;
}

std::set<std::string> all_pointers(const Json& value) {
  std::set<std::string> out;
  collect(value, "", out);
  return out;
}

Part sample_text_part() {
  Part p = Part::text_part("hello");
  p.metadata = {{"lang", "en"}};
  return p;
}

Part sample_raw_part() {
  return Part::raw_part(std::string("\x00\x01\x02\xfa", 4), "application/octet-stream", "a.bin");
}

Part sample_url_part() {
  return Part::url_part("https://example.com/report.pdf", "application/pdf", "report.pdf");
}

Part sample_data_part() { return Part::data_part({{"k", "v"}, {"n", {1, 2}}}); }

Part sample_scalar_data_part() { return Part::data_part(Json::array({1, "two"})); }

Message sample_message() {
  Message m;
  m.message_id = "msg-1";
  m.context_id = "ctx-1";
  m.task_id = "task-1";
  m.role = Role::kUser;
  m.parts = {sample_text_part(), sample_raw_part(), sample_url_part(), sample_data_part()};
  m.metadata = {{"trace", "abc"}};
  m.extensions = {"https://ext.example/v1"};
  m.reference_task_ids = {"task-0"};
  return m;
}

Message sample_agent_message() {
  Message m;
  m.message_id = "msg-2";
  m.context_id = "ctx-1";
  m.task_id = "task-1";
  m.role = Role::kAgent;
  m.parts = {Part::text_part("working on it")};
  return m;
}

TaskStatus sample_status() {
  TaskStatus s;
  s.state = TaskState::kWorking;
  s.message = sample_agent_message();
  s.timestamp = "2025-01-01T00:00:01.000Z";
  return s;
}

Artifact sample_artifact() {
  Artifact a;
  a.artifact_id = "art-1";
  a.name = "result";
  a.description = "the output";
  a.parts = {Part::text_part("done"), sample_data_part()};
  a.metadata = {{"size", 2}};
  a.extensions = {"https://ext.example/v1"};
  return a;
}

Task sample_task() {
  Task t;
  t.id = "task-1";
  t.context_id = "ctx-1";
  t.status.state = TaskState::kCompleted;
  t.status.timestamp = "2025-01-01T00:00:02.000Z";
  t.artifacts = {sample_artifact()};
  t.history = {sample_message(), sample_agent_message()};
  t.metadata = {{"k", 1}};
  return t;
}

TaskStatusUpdateEvent sample_status_update() {
  TaskStatusUpdateEvent e;
  e.task_id = "task-1";
  e.context_id = "ctx-1";
  e.status.state = TaskState::kInputRequired;
  e.status.message = sample_agent_message();
  e.status.timestamp = "2025-01-01T00:00:03.000Z";
  e.metadata = {{"seq", 3}};
  return e;
}

TaskArtifactUpdateEvent sample_artifact_update() {
  TaskArtifactUpdateEvent e;
  e.task_id = "task-1";
  e.context_id = "ctx-1";
  e.artifact = sample_artifact();
  e.append = true;
  e.last_chunk = true;
  e.metadata = {{"seq", 4}};
  return e;
}

SendMessageRequest sample_send_message_request() {
  SendMessageRequest r;
  r.message = sample_message();
  r.configuration.accepted_output_modes = {"text/plain"};
  r.configuration.history_length = 3;
  r.configuration.return_immediately = true;
  r.metadata = {{"x", true}};
  return r;
}

GetTaskRequest sample_get_task_request() { return {"task-1", 2}; }

ListTasksRequest sample_list_tasks_request() {
  ListTasksRequest r;
  r.context_id = "ctx-1";
  r.status = TaskState::kWorking;
  r.page_size = 10;
  r.page_token = "p2";
  r.history_length = 1;
  r.include_artifacts = true;
  return r;
}

ListTasksResponse sample_list_tasks_response() {
  ListTasksResponse r;
  r.tasks = {sample_task()};
  r.next_page_token = "p3";
  r.page_size = 10;
  r.total_size = 11;
  return r;
}

CancelTaskRequest sample_cancel_task_request() { return {"task-1", {{"why", "user"}}}; }

SubscribeToTaskRequest sample_subscribe_request() { return {"task-1"}; }

AgentCard sample_agent_card() {
  AgentCard c;
  c.name = "Codex";
  c.description = "Runs the codex CLI as an A2A agent";
  c.version = "0.1.0";
  c.supported_interfaces = {{"http://127.0.0.1:8080/a2a/jsonrpc", "JSONRPC", "1.0", ""},
                            {"http://127.0.0.1:8080/a2a/jsonrpc", "JSONRPC", "0.3", ""}};
  c.provider = AgentProvider{"agenthub", "https://agenthub.example"};
  c.documentation_url = "https://agenthub.example/docs";
  c.capabilities.streaming = true;
  c.capabilities.push_notifications = false;
  c.capabilities.extensions = {
      {"https://agenthub.example/ext/run-events/v1", "run events", false, {{"schema", 1}}}};
  c.security_schemes = {{"bearer", SecurityScheme::bearer("Bearer token from the hub")}};
  c.security_requirements = {{{"bearer", {}}}};
  c.skills = {
      {"code", "Code", "Edits code in a workspace", {"coding"}, {"fix the failing test"}, {}, {}}};
  return c;
}

}  // namespace agenthub::a2a::testing
