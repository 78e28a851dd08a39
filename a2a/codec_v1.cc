#include "a2a/codec_v1.h"

#include <array>
#include <utility>

#include "core/base64.h"
#include "a2a/codec_util.h"

// Field presence follows ProtoJSON as the reference SDK emits it: empty strings, empty lists,
// false booleans, unset enums and null Struct values are omitted. Sub-messages our structs
// always carry (a task's status, an event's artifact) are always written. ListTasksResponse
// writes all four fields, as the reference server does.

namespace agenthub::a2a::v1 {
namespace {

using codec::ObjectReader;
using codec::put_json;
using codec::put_string;
using codec::put_strings;

constexpr auto kNaming = codec::Naming::kCamelOrSnakeCase;

constexpr std::array<std::pair<TaskState, std::string_view>, 9> kStates{{
    {TaskState::kUnknown, "TASK_STATE_UNSPECIFIED"},
    {TaskState::kSubmitted, "TASK_STATE_SUBMITTED"},
    {TaskState::kWorking, "TASK_STATE_WORKING"},
    {TaskState::kInputRequired, "TASK_STATE_INPUT_REQUIRED"},
    {TaskState::kAuthRequired, "TASK_STATE_AUTH_REQUIRED"},
    {TaskState::kCompleted, "TASK_STATE_COMPLETED"},
    {TaskState::kFailed, "TASK_STATE_FAILED"},
    {TaskState::kCanceled, "TASK_STATE_CANCELED"},
    {TaskState::kRejected, "TASK_STATE_REJECTED"},
}};

// Proto enum numbers, which ProtoJSON parsers accept in place of the names.
constexpr std::array<std::pair<int, TaskState>, 9> kStateNumbers{{
    {0, TaskState::kUnknown},
    {1, TaskState::kSubmitted},
    {2, TaskState::kWorking},
    {3, TaskState::kCompleted},
    {4, TaskState::kFailed},
    {5, TaskState::kCanceled},
    {6, TaskState::kInputRequired},
    {7, TaskState::kRejected},
    {8, TaskState::kAuthRequired},
}};

// An enum member given as its name or its number. Unrecognized names decode to kUnknown (a
// newer peer may know more states); other JSON types are errors.
Status read_state(const ObjectReader& r, std::string_view key, TaskState& out) {
  const Json* member = r.find(key);
  if (member == nullptr) return {};
  if (member->is_string()) {
    out = decode_state(member->get_ref<const std::string&>());
    return {};
  }
  if (member->is_number_integer()) {
    const auto n = member->get<std::int64_t>();
    out = TaskState::kUnknown;
    for (const auto& [number, state] : kStateNumbers) {
      if (number == n) out = state;
    }
    return {};
  }
  return r.error(key, "must be a task state name");
}

Status read_role(const ObjectReader& r, std::string_view key, Role& out) {
  const Json* member = r.find(key);
  if (member == nullptr) return {};
  if (member->is_string()) {
    out = decode_role(member->get_ref<const std::string&>());
    return {};
  }
  if (member->is_number_integer()) {
    const auto n = member->get<std::int64_t>();
    out = n == 1 ? Role::kUser : n == 2 ? Role::kAgent : Role::kUnknown;
    return {};
  }
  return r.error(key, "must be a role name");
}

// ---- decoders (each takes the path of the value it decodes) -----------------------------

Result<Part> part_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  Part p;
  int contents = 0;
  if (const Json* text = r.find("text")) {
    if (!text->is_string()) return r.error("text", "must be a string");
    p.kind = Part::Kind::kText;
    p.text = text->get<std::string>();
    ++contents;
  }
  if (const Json* raw = r.find("raw")) {
    if (!raw->is_string()) return r.error("raw", "must be a base64 string");
    auto bytes = base64_decode(raw->get_ref<const std::string&>());
    if (!bytes) return r.error("raw", "is not valid base64");
    p.kind = Part::Kind::kRaw;
    p.raw = std::move(*bytes);
    ++contents;
  }
  if (const Json* url = r.find("url")) {
    if (!url->is_string()) return r.error("url", "must be a string");
    p.kind = Part::Kind::kUrl;
    p.url = url->get<std::string>();
    ++contents;
  }
  if (const Json* data = r.find("data")) {
    p.kind = Part::Kind::kData;
    p.data = *data;
    ++contents;
  }
  if (contents == 0) return codec::invalid(path, "needs one of text, raw, url, data");
  if (contents > 1) return codec::invalid(path, "has more than one of text, raw, url, data");
  AGENTHUB_RETURN_IF_ERROR(r.string("mediaType", p.media_type));
  AGENTHUB_RETURN_IF_ERROR(r.string("filename", p.filename));
  AGENTHUB_RETURN_IF_ERROR(r.object("metadata", p.metadata));
  return p;
}

Result<Message> message_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  Message m;
  m.role = Role::kUnknown;
  AGENTHUB_RETURN_IF_ERROR(r.required_string("messageId", m.message_id));
  AGENTHUB_RETURN_IF_ERROR(r.string("contextId", m.context_id));
  AGENTHUB_RETURN_IF_ERROR(r.string("taskId", m.task_id));
  AGENTHUB_RETURN_IF_ERROR(read_role(r, "role", m.role));
  AGENTHUB_RETURN_IF_ERROR(r.array("parts", m.parts, part_from));
  AGENTHUB_RETURN_IF_ERROR(r.object("metadata", m.metadata));
  AGENTHUB_RETURN_IF_ERROR(r.strings("extensions", m.extensions));
  AGENTHUB_RETURN_IF_ERROR(r.strings("referenceTaskIds", m.reference_task_ids));
  return m;
}

Result<TaskStatus> status_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  TaskStatus s;
  AGENTHUB_RETURN_IF_ERROR(read_state(r, "state", s.state));
  if (const Json* message = r.find("message")) {
    auto decoded = message_from(*message, r.path_of("message"));
    if (!decoded.ok()) return std::move(decoded).take_error();
    s.message = std::move(decoded).value();
  }
  AGENTHUB_RETURN_IF_ERROR(r.string("timestamp", s.timestamp));
  return s;
}

// A required sub-message.
template <typename T, typename Decode>
Status read_required(const ObjectReader& r, std::string_view key, T& out, Decode&& decode) {
  const Json* member = r.find(key);
  if (member == nullptr) return r.error(key, "is required");
  auto decoded = decode(*member, r.path_of(key));
  if (!decoded.ok()) return std::move(decoded).take_error();
  out = std::move(decoded).value();
  return {};
}

// An optional sub-message: defaulted when absent.
template <typename T, typename Decode>
Status read_optional(const ObjectReader& r, std::string_view key, T& out, Decode&& decode) {
  if (!r.has(key)) return {};
  return read_required(r, key, out, std::forward<Decode>(decode));
}

Result<Artifact> artifact_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  Artifact a;
  AGENTHUB_RETURN_IF_ERROR(r.string("artifactId", a.artifact_id));
  AGENTHUB_RETURN_IF_ERROR(r.string("name", a.name));
  AGENTHUB_RETURN_IF_ERROR(r.string("description", a.description));
  AGENTHUB_RETURN_IF_ERROR(r.array("parts", a.parts, part_from));
  AGENTHUB_RETURN_IF_ERROR(r.object("metadata", a.metadata));
  AGENTHUB_RETURN_IF_ERROR(r.strings("extensions", a.extensions));
  return a;
}

Result<Task> task_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  Task t;
  AGENTHUB_RETURN_IF_ERROR(r.required_string("id", t.id));
  AGENTHUB_RETURN_IF_ERROR(r.string("contextId", t.context_id));
  AGENTHUB_RETURN_IF_ERROR(read_optional(r, "status", t.status, status_from));
  AGENTHUB_RETURN_IF_ERROR(r.array("artifacts", t.artifacts, artifact_from));
  AGENTHUB_RETURN_IF_ERROR(r.array("history", t.history, message_from));
  AGENTHUB_RETURN_IF_ERROR(r.object("metadata", t.metadata));
  return t;
}

Result<TaskStatusUpdateEvent> status_update_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  TaskStatusUpdateEvent e;
  AGENTHUB_RETURN_IF_ERROR(r.required_string("taskId", e.task_id));
  AGENTHUB_RETURN_IF_ERROR(r.string("contextId", e.context_id));
  AGENTHUB_RETURN_IF_ERROR(read_required(r, "status", e.status, status_from));
  AGENTHUB_RETURN_IF_ERROR(r.object("metadata", e.metadata));
  // v1.0 has no `final`: the stream ends with a terminal or interrupted state.
  e.is_final = is_terminal(e.status.state) || is_interrupted(e.status.state);
  return e;
}

Result<TaskArtifactUpdateEvent> artifact_update_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  TaskArtifactUpdateEvent e;
  AGENTHUB_RETURN_IF_ERROR(r.required_string("taskId", e.task_id));
  AGENTHUB_RETURN_IF_ERROR(r.string("contextId", e.context_id));
  AGENTHUB_RETURN_IF_ERROR(read_required(r, "artifact", e.artifact, artifact_from));
  AGENTHUB_RETURN_IF_ERROR(r.boolean("append", e.append));
  AGENTHUB_RETURN_IF_ERROR(r.boolean("lastChunk", e.last_chunk));
  AGENTHUB_RETURN_IF_ERROR(r.object("metadata", e.metadata));
  return e;
}

// Exactly one member of a oneof wrapper; its key, or an error listing the choices.
Result<std::string_view> oneof_key(const ObjectReader& r,
                                   std::initializer_list<std::string_view> keys) {
  const std::string_view where = r.path().empty() ? "result" : std::string_view(r.path());
  std::string_view found;
  std::string choices;
  for (std::string_view key : keys) {
    if (!choices.empty()) choices += ", ";
    choices += key;
    if (!r.has(key)) continue;
    if (!found.empty()) {
      return codec::invalid(where,
                            "has more than one of " + std::string(found) + ", " + std::string(key));
    }
    found = key;
  }
  if (found.empty()) return codec::invalid(where, "needs one of " + choices);
  return found;
}

Result<StreamResponse> stream_response_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  auto key = oneof_key(r, {"task", "message", "statusUpdate", "artifactUpdate"});
  if (!key.ok()) return std::move(key).take_error();
  const Json& member = *r.find(*key);
  const std::string member_path = r.path_of(*key);
  auto wrap = [](auto decoded) -> Result<StreamResponse> {
    if (!decoded.ok()) return std::move(decoded).take_error();
    return StreamResponse(std::move(decoded).value());
  };
  if (*key == "task") return wrap(task_from(member, member_path));
  if (*key == "message") return wrap(message_from(member, member_path));
  if (*key == "statusUpdate") return wrap(status_update_from(member, member_path));
  return wrap(artifact_update_from(member, member_path));
}

Result<SendMessageResponse> send_message_response_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  auto key = oneof_key(r, {"task", "message"});
  if (!key.ok()) return std::move(key).take_error();
  if (*key == "task") {
    auto task = task_from(*r.find("task"), r.path_of("task"));
    if (!task.ok()) return std::move(task).take_error();
    return SendMessageResponse(std::move(task).value());
  }
  auto message = message_from(*r.find("message"), r.path_of("message"));
  if (!message.ok()) return std::move(message).take_error();
  return SendMessageResponse(std::move(message).value());
}

Result<SendMessageConfiguration> configuration_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  SendMessageConfiguration c;
  AGENTHUB_RETURN_IF_ERROR(r.strings("acceptedOutputModes", c.accepted_output_modes));
  AGENTHUB_RETURN_IF_ERROR(r.integer("historyLength", c.history_length));
  AGENTHUB_RETURN_IF_ERROR(r.boolean("returnImmediately", c.return_immediately));
  AGENTHUB_RETURN_IF_ERROR(r.object("taskPushNotificationConfig", c.push_notification_config));
  return c;
}

// Request params live at the root of the error paths ("message.parts[0]: ...").
Result<ObjectReader> open_params(const Json& j) {
  if (!j.is_object()) return codec::invalid("params", "must be a JSON object");
  return ObjectReader::open(j, "", kNaming);
}

Result<SendMessageRequest> send_message_request_from(const Json& j) {
  auto opened = open_params(j);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  SendMessageRequest req;
  AGENTHUB_RETURN_IF_ERROR(read_required(r, "message", req.message, message_from));
  // The sender of a request must say who speaks; history entries elsewhere are read leniently.
  if (req.message.role == Role::kUnknown) {
    return r.error("message.role", "must be ROLE_USER or ROLE_AGENT");
  }
  AGENTHUB_RETURN_IF_ERROR(
      read_optional(r, "configuration", req.configuration, configuration_from));
  AGENTHUB_RETURN_IF_ERROR(r.object("metadata", req.metadata));
  return req;
}

Result<GetTaskRequest> get_task_request_from(const Json& j) {
  auto opened = open_params(j);
  if (!opened.ok()) return std::move(opened).take_error();
  GetTaskRequest req;
  AGENTHUB_RETURN_IF_ERROR(opened->required_string("id", req.id));
  AGENTHUB_RETURN_IF_ERROR(opened->integer("historyLength", req.history_length));
  return req;
}

Result<CancelTaskRequest> cancel_request_from(const Json& j) {
  auto opened = open_params(j);
  if (!opened.ok()) return std::move(opened).take_error();
  CancelTaskRequest req;
  AGENTHUB_RETURN_IF_ERROR(opened->required_string("id", req.id));
  AGENTHUB_RETURN_IF_ERROR(opened->object("metadata", req.metadata));
  return req;
}

Result<SubscribeToTaskRequest> subscribe_request_from(const Json& j) {
  auto opened = open_params(j);
  if (!opened.ok()) return std::move(opened).take_error();
  SubscribeToTaskRequest req;
  AGENTHUB_RETURN_IF_ERROR(opened->required_string("id", req.id));
  return req;
}

Result<ListTasksRequest> list_tasks_request_from(const Json& j) {
  auto opened = open_params(j);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  ListTasksRequest req;
  AGENTHUB_RETURN_IF_ERROR(r.string("contextId", req.context_id));
  if (r.has("status")) {
    TaskState state = TaskState::kUnknown;
    AGENTHUB_RETURN_IF_ERROR(read_state(r, "status", state));
    // TASK_STATE_UNSPECIFIED is the proto default: no filter.
    if (state != TaskState::kUnknown) {
      req.status = state;
    } else if (r.find("status")->is_string() &&
               r.find("status")->get_ref<const std::string&>() != "TASK_STATE_UNSPECIFIED") {
      return r.error("status", "is not a known task state");
    }
  }
  AGENTHUB_RETURN_IF_ERROR(r.integer("pageSize", req.page_size));
  AGENTHUB_RETURN_IF_ERROR(r.string("pageToken", req.page_token));
  AGENTHUB_RETURN_IF_ERROR(r.integer("historyLength", req.history_length));
  AGENTHUB_RETURN_IF_ERROR(r.boolean("includeArtifacts", req.include_artifacts));
  return req;
}

Result<ListTasksResponse> list_tasks_response_from(const Json& j) {
  auto opened = ObjectReader::open(j, "", kNaming);
  if (!opened.ok()) return codec::invalid("result", "must be a JSON object");
  const ObjectReader& r = *opened;

  ListTasksResponse resp;
  AGENTHUB_RETURN_IF_ERROR(r.array("tasks", resp.tasks, task_from));
  AGENTHUB_RETURN_IF_ERROR(r.string("nextPageToken", resp.next_page_token));
  AGENTHUB_RETURN_IF_ERROR(r.integer("pageSize", resp.page_size));
  AGENTHUB_RETURN_IF_ERROR(r.integer("totalSize", resp.total_size));
  return resp;
}

}  // namespace

// ---- enums --------------------------------------------------------------------------------

std::string_view encode_state(TaskState s) {
  for (const auto& [state, name] : kStates) {
    if (state == s) return name;
  }
  return "TASK_STATE_UNSPECIFIED";
}

TaskState decode_state(std::string_view s) {
  for (const auto& [state, name] : kStates) {
    if (name == s) return state;
  }
  return TaskState::kUnknown;
}

std::string_view encode_role(Role r) {
  switch (r) {
    case Role::kUser:
      return "ROLE_USER";
    case Role::kAgent:
      return "ROLE_AGENT";
    case Role::kUnknown:
      break;
  }
  return "ROLE_UNSPECIFIED";
}

Role decode_role(std::string_view s) {
  if (s == "ROLE_USER") return Role::kUser;
  if (s == "ROLE_AGENT") return Role::kAgent;
  return Role::kUnknown;
}

// ---- encoders -----------------------------------------------------------------------------

Json encode(const Part& v) {
  Json j = Json::object();
  switch (v.kind) {
    case Part::Kind::kText:
      j["text"] = v.text;
      break;
    case Part::Kind::kRaw:
      j["raw"] = base64_encode(v.raw);
      break;
    case Part::Kind::kUrl:
      j["url"] = v.url;
      break;
    case Part::Kind::kData:
      j["data"] = v.data;
      break;
    case Part::Kind::kUnknown:
      break;
  }
  put_json(j, "metadata", v.metadata);
  put_string(j, "filename", v.filename);
  put_string(j, "mediaType", v.media_type);
  return j;
}

namespace {

template <typename T>
Json encode_list(const std::vector<T>& items) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(encode(item));
  return out;
}

template <typename T>
void put_list(Json& obj, std::string_view key, const std::vector<T>& items) {
  if (!items.empty()) obj[std::string(key)] = encode_list(items);
}

}  // namespace

Json encode(const Message& v) {
  Json j = Json::object();
  put_string(j, "messageId", v.message_id);
  put_string(j, "contextId", v.context_id);
  put_string(j, "taskId", v.task_id);
  if (v.role != Role::kUnknown) j["role"] = encode_role(v.role);
  put_list(j, "parts", v.parts);
  put_json(j, "metadata", v.metadata);
  put_strings(j, "extensions", v.extensions);
  put_strings(j, "referenceTaskIds", v.reference_task_ids);
  return j;
}

Json encode(const TaskStatus& v) {
  Json j = Json::object();
  if (v.state != TaskState::kUnknown) j["state"] = encode_state(v.state);
  if (v.message) j["message"] = encode(*v.message);
  put_string(j, "timestamp", v.timestamp);
  return j;
}

Json encode(const Artifact& v) {
  Json j = Json::object();
  put_string(j, "artifactId", v.artifact_id);
  put_string(j, "name", v.name);
  put_string(j, "description", v.description);
  put_list(j, "parts", v.parts);
  put_json(j, "metadata", v.metadata);
  put_strings(j, "extensions", v.extensions);
  return j;
}

Json encode(const Task& v) {
  Json j = Json::object();
  put_string(j, "id", v.id);
  put_string(j, "contextId", v.context_id);
  j["status"] = encode(v.status);
  put_list(j, "artifacts", v.artifacts);
  put_list(j, "history", v.history);
  put_json(j, "metadata", v.metadata);
  return j;
}

Json encode(const TaskStatusUpdateEvent& v) {
  Json j = Json::object();
  put_string(j, "taskId", v.task_id);
  put_string(j, "contextId", v.context_id);
  j["status"] = encode(v.status);
  put_json(j, "metadata", v.metadata);
  return j;
}

Json encode(const TaskArtifactUpdateEvent& v) {
  Json j = Json::object();
  put_string(j, "taskId", v.task_id);
  put_string(j, "contextId", v.context_id);
  j["artifact"] = encode(v.artifact);
  if (v.append) j["append"] = true;
  if (v.last_chunk) j["lastChunk"] = true;
  put_json(j, "metadata", v.metadata);
  return j;
}

Json encode(const StreamResponse& v) {
  struct Wrap {
    Json operator()(const Task& t) const { return {{"task", encode(t)}}; }
    Json operator()(const Message& m) const { return {{"message", encode(m)}}; }
    Json operator()(const TaskStatusUpdateEvent& e) const { return {{"statusUpdate", encode(e)}}; }
    Json operator()(const TaskArtifactUpdateEvent& e) const {
      return {{"artifactUpdate", encode(e)}};
    }
  };
  return std::visit(Wrap{}, v);
}

Json encode(const SendMessageRequest& v) {
  Json j = Json::object();
  j["message"] = encode(v.message);
  const SendMessageConfiguration& c = v.configuration;
  Json config = Json::object();
  put_strings(config, "acceptedOutputModes", c.accepted_output_modes);
  if (c.history_length) config["historyLength"] = *c.history_length;
  if (c.return_immediately) config["returnImmediately"] = true;
  put_json(config, "taskPushNotificationConfig", c.push_notification_config);
  if (!config.empty()) j["configuration"] = std::move(config);
  put_json(j, "metadata", v.metadata);
  return j;
}

Json encode(const SendMessageResponse& v) {
  if (const auto* task = std::get_if<Task>(&v)) return {{"task", encode(*task)}};
  return {{"message", encode(std::get<Message>(v))}};
}

Json encode(const GetTaskRequest& v) {
  Json j = Json::object();
  put_string(j, "id", v.id);
  if (v.history_length) j["historyLength"] = *v.history_length;
  return j;
}

Json encode(const ListTasksRequest& v) {
  Json j = Json::object();
  put_string(j, "contextId", v.context_id);
  if (v.status && *v.status != TaskState::kUnknown) j["status"] = encode_state(*v.status);
  if (v.page_size > 0) j["pageSize"] = v.page_size;
  put_string(j, "pageToken", v.page_token);
  if (v.history_length) j["historyLength"] = *v.history_length;
  if (v.include_artifacts) j["includeArtifacts"] = true;
  return j;
}

Json encode(const ListTasksResponse& v) {
  return {{"tasks", encode_list(v.tasks)},
          {"nextPageToken", v.next_page_token},
          {"pageSize", v.page_size},
          {"totalSize", v.total_size}};
}

Json encode(const CancelTaskRequest& v) {
  Json j = Json::object();
  put_string(j, "id", v.id);
  put_json(j, "metadata", v.metadata);
  return j;
}

Json encode(const SubscribeToTaskRequest& v) {
  Json j = Json::object();
  put_string(j, "id", v.id);
  return j;
}

// ---- decoders -----------------------------------------------------------------------------

Result<Part> decode_part(const Json& j) {
  return codec::guarded<Part>("part", [&] { return part_from(j, "part"); });
}

Result<Message> decode_message(const Json& j) {
  return codec::guarded<Message>("message", [&] { return message_from(j, "message"); });
}

Result<TaskStatus> decode_task_status(const Json& j) {
  return codec::guarded<TaskStatus>("status", [&] { return status_from(j, "status"); });
}

Result<Artifact> decode_artifact(const Json& j) {
  return codec::guarded<Artifact>("artifact", [&] { return artifact_from(j, "artifact"); });
}

Result<Task> decode_task(const Json& j) {
  return codec::guarded<Task>("task", [&] { return task_from(j, "task"); });
}

Result<TaskStatusUpdateEvent> decode_status_update(const Json& j) {
  return codec::guarded<TaskStatusUpdateEvent>(
      "statusUpdate", [&] { return status_update_from(j, "statusUpdate"); });
}

Result<TaskArtifactUpdateEvent> decode_artifact_update(const Json& j) {
  return codec::guarded<TaskArtifactUpdateEvent>(
      "artifactUpdate", [&] { return artifact_update_from(j, "artifactUpdate"); });
}

Result<StreamResponse> decode_stream_response(const Json& j) {
  return codec::guarded<StreamResponse>("result", [&] { return stream_response_from(j, ""); });
}

Result<SendMessageRequest> decode_send_message_request(const Json& j) {
  return codec::guarded<SendMessageRequest>("params", [&] { return send_message_request_from(j); });
}

Result<SendMessageResponse> decode_send_message_response(const Json& j) {
  return codec::guarded<SendMessageResponse>("result",
                                             [&] { return send_message_response_from(j, ""); });
}

Result<GetTaskRequest> decode_get_task_request(const Json& j) {
  return codec::guarded<GetTaskRequest>("params", [&] { return get_task_request_from(j); });
}

Result<ListTasksRequest> decode_list_tasks_request(const Json& j) {
  return codec::guarded<ListTasksRequest>("params", [&] { return list_tasks_request_from(j); });
}

Result<ListTasksResponse> decode_list_tasks_response(const Json& j) {
  return codec::guarded<ListTasksResponse>("result", [&] { return list_tasks_response_from(j); });
}

Result<CancelTaskRequest> decode_cancel_task_request(const Json& j) {
  return codec::guarded<CancelTaskRequest>("params", [&] { return cancel_request_from(j); });
}

Result<SubscribeToTaskRequest> decode_subscribe_request(const Json& j) {
  return codec::guarded<SubscribeToTaskRequest>("params",
                                                [&] { return subscribe_request_from(j); });
}

}  // namespace agenthub::a2a::v1
