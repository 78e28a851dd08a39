#include "a2a/compat_v03.h"

#include <array>
#include <utility>

#include "core/base64.h"
#include "a2a/codec_util.h"

// Field presence mirrors the reference SDK's v0.3 compatibility layer: the members v0.3 marks
// required are always written (kind, ids, role, parts, status, final, append, lastChunk,
// configuration.blocking and acceptedOutputModes); optional ones are omitted when empty.

namespace agenthub::a2a::v03 {
namespace {

using codec::ObjectReader;
using codec::put_json;
using codec::put_string;
using codec::put_strings;

constexpr auto kNaming = codec::Naming::kCamelCase;

// v0.3 data parts must hold an object. Other JSON values travel wrapped as {"value": ...}
// with this metadata flag, the convention of the reference SDK, which unwraps them again.
constexpr std::string_view kDataPartCompatFlag = "data_part_compat";

constexpr std::array<std::pair<TaskState, std::string_view>, 9> kStates{{
    {TaskState::kUnknown, "unknown"},
    {TaskState::kSubmitted, "submitted"},
    {TaskState::kWorking, "working"},
    {TaskState::kInputRequired, "input-required"},
    {TaskState::kAuthRequired, "auth-required"},
    {TaskState::kCompleted, "completed"},
    {TaskState::kFailed, "failed"},
    {TaskState::kCanceled, "canceled"},
    {TaskState::kRejected, "rejected"},
}};

// `kind`, when present, must name the expected object.
Status check_kind(const ObjectReader& r, std::string_view expected) {
  std::string kind;
  AGENTHUB_RETURN_IF_ERROR(r.string("kind", kind));
  if (!kind.empty() && kind != expected) {
    return r.error("kind", "must be \"" + std::string(expected) + "\", not \"" + kind + "\"");
  }
  return {};
}

template <typename T, typename Decode>
Status read_required(const ObjectReader& r, std::string_view key, T& out, Decode&& decode) {
  const Json* member = r.find(key);
  if (member == nullptr) return r.error(key, "is required");
  auto decoded = decode(*member, r.path_of(key));
  if (!decoded.ok()) return std::move(decoded).take_error();
  out = std::move(decoded).value();
  return {};
}

template <typename T, typename Decode>
Status read_optional(const ObjectReader& r, std::string_view key, T& out, Decode&& decode) {
  if (!r.has(key)) return {};
  return read_required(r, key, out, std::forward<Decode>(decode));
}

// ---- decoders (each takes the path of the value it decodes) -----------------------------

Result<Part> file_part_from(const ObjectReader& r, Part p) {
  const Json* file = r.find("file");
  if (file == nullptr) return r.error("file", "is required");
  auto opened = ObjectReader::open(*file, r.path_of("file"), kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& f = *opened;
  if (const Json* bytes = f.find("bytes")) {
    if (!bytes->is_string()) return f.error("bytes", "must be a base64 string");
    auto decoded = base64_decode(bytes->get_ref<const std::string&>());
    if (!decoded) return f.error("bytes", "is not valid base64");
    p.kind = Part::Kind::kRaw;
    p.raw = std::move(*decoded);
  } else if (f.has("uri")) {
    p.kind = Part::Kind::kUrl;
    AGENTHUB_RETURN_IF_ERROR(f.string("uri", p.url));
  } else {
    return codec::invalid(f.path(), "needs bytes or uri");
  }
  AGENTHUB_RETURN_IF_ERROR(f.string("mimeType", p.media_type));
  AGENTHUB_RETURN_IF_ERROR(f.string("name", p.filename));
  return p;
}

Result<Part> part_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  Part p;
  AGENTHUB_RETURN_IF_ERROR(r.object("metadata", p.metadata));
  std::string kind;
  AGENTHUB_RETURN_IF_ERROR(r.string("kind", kind));
  if (kind == "text") {
    p.kind = Part::Kind::kText;
    const Json* text = r.find("text");
    if (text == nullptr) return r.error("text", "is required");
    AGENTHUB_RETURN_IF_ERROR(r.string("text", p.text));
    return p;
  }
  if (kind == "file") return file_part_from(r, std::move(p));
  if (kind == "data") {
    const Json* data = r.find("data");
    if (data == nullptr) return r.error("data", "is required");
    p.kind = Part::Kind::kData;
    p.data = *data;
    if (p.metadata.is_object()) {
      auto flag = p.metadata.find(kDataPartCompatFlag);
      if (flag != p.metadata.end() && *flag == true) {
        if (p.data.is_object() && p.data.contains("value")) p.data = p.data["value"];
        p.metadata.erase(flag);
        if (p.metadata.empty()) p.metadata = nullptr;
      }
    }
    return p;
  }
  if (kind.empty()) return r.error("kind", "is required (text, file or data)");
  return r.error("kind", "is not a part kind: \"" + kind + "\"");
}

Result<Message> message_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  Message m;
  AGENTHUB_RETURN_IF_ERROR(check_kind(r, "message"));
  AGENTHUB_RETURN_IF_ERROR(r.required_string("messageId", m.message_id));
  std::string role;
  AGENTHUB_RETURN_IF_ERROR(r.string("role", role));
  m.role = decode_role(role);
  if (m.role == Role::kUnknown) return r.error("role", "must be \"user\" or \"agent\"");
  if (!r.has("parts")) return r.error("parts", "is required");
  AGENTHUB_RETURN_IF_ERROR(r.array("parts", m.parts, part_from));
  AGENTHUB_RETURN_IF_ERROR(r.string("contextId", m.context_id));
  AGENTHUB_RETURN_IF_ERROR(r.string("taskId", m.task_id));
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
  std::string state;
  AGENTHUB_RETURN_IF_ERROR(r.string("state", state));
  s.state = decode_state(state);
  if (r.has("message")) {
    auto message = message_from(*r.find("message"), r.path_of("message"));
    if (!message.ok()) return std::move(message).take_error();
    s.message = std::move(message).value();
  }
  AGENTHUB_RETURN_IF_ERROR(r.string("timestamp", s.timestamp));
  return s;
}

Result<Artifact> artifact_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  Artifact a;
  AGENTHUB_RETURN_IF_ERROR(r.string("artifactId", a.artifact_id));
  if (!r.has("parts")) return r.error("parts", "is required");
  AGENTHUB_RETURN_IF_ERROR(r.array("parts", a.parts, part_from));
  AGENTHUB_RETURN_IF_ERROR(r.string("name", a.name));
  AGENTHUB_RETURN_IF_ERROR(r.string("description", a.description));
  AGENTHUB_RETURN_IF_ERROR(r.object("metadata", a.metadata));
  AGENTHUB_RETURN_IF_ERROR(r.strings("extensions", a.extensions));
  return a;
}

Result<Task> task_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  Task t;
  AGENTHUB_RETURN_IF_ERROR(check_kind(r, "task"));
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
  AGENTHUB_RETURN_IF_ERROR(check_kind(r, "status-update"));
  AGENTHUB_RETURN_IF_ERROR(r.required_string("taskId", e.task_id));
  AGENTHUB_RETURN_IF_ERROR(r.string("contextId", e.context_id));
  AGENTHUB_RETURN_IF_ERROR(read_required(r, "status", e.status, status_from));
  AGENTHUB_RETURN_IF_ERROR(r.boolean("final", e.is_final));
  AGENTHUB_RETURN_IF_ERROR(r.object("metadata", e.metadata));
  return e;
}

Result<TaskArtifactUpdateEvent> artifact_update_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  TaskArtifactUpdateEvent e;
  AGENTHUB_RETURN_IF_ERROR(check_kind(r, "artifact-update"));
  AGENTHUB_RETURN_IF_ERROR(r.required_string("taskId", e.task_id));
  AGENTHUB_RETURN_IF_ERROR(r.string("contextId", e.context_id));
  AGENTHUB_RETURN_IF_ERROR(read_required(r, "artifact", e.artifact, artifact_from));
  AGENTHUB_RETURN_IF_ERROR(r.boolean("append", e.append));
  AGENTHUB_RETURN_IF_ERROR(r.boolean("lastChunk", e.last_chunk));
  AGENTHUB_RETURN_IF_ERROR(r.object("metadata", e.metadata));
  return e;
}

// The `kind` of an unwrapped v0.3 result object.
Result<std::string> result_kind(const Json& j) {
  if (!j.is_object()) return codec::invalid("result", "must be a JSON object");
  const Json* kind = json_find(j, "kind");
  if (kind == nullptr) return codec::invalid("result.kind", "is required");
  if (!kind->is_string()) return codec::invalid("result.kind", "must be a string");
  return kind->get<std::string>();
}

Result<StreamResponse> stream_response_from(const Json& j) {
  auto kind = result_kind(j);
  if (!kind.ok()) return std::move(kind).take_error();
  auto wrap = [](auto decoded) -> Result<StreamResponse> {
    if (!decoded.ok()) return std::move(decoded).take_error();
    return StreamResponse(std::move(decoded).value());
  };
  if (*kind == "task") return wrap(task_from(j, "task"));
  if (*kind == "message") return wrap(message_from(j, "message"));
  if (*kind == "status-update") return wrap(status_update_from(j, "statusUpdate"));
  if (*kind == "artifact-update") return wrap(artifact_update_from(j, "artifactUpdate"));
  return codec::invalid("result.kind", "is not a stream event kind: \"" + *kind + "\"");
}

Result<SendMessageResponse> send_message_response_from(const Json& j) {
  auto kind = result_kind(j);
  if (!kind.ok()) return std::move(kind).take_error();
  if (*kind == "task") {
    auto task = task_from(j, "task");
    if (!task.ok()) return std::move(task).take_error();
    return SendMessageResponse(std::move(task).value());
  }
  if (*kind == "message") {
    auto message = message_from(j, "message");
    if (!message.ok()) return std::move(message).take_error();
    return SendMessageResponse(std::move(message).value());
  }
  return codec::invalid("result.kind", "must be \"task\" or \"message\", not \"" + *kind + "\"");
}

Result<SendMessageConfiguration> configuration_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  SendMessageConfiguration c;
  AGENTHUB_RETURN_IF_ERROR(r.strings("acceptedOutputModes", c.accepted_output_modes));
  AGENTHUB_RETURN_IF_ERROR(r.integer("historyLength", c.history_length));
  // Only an explicit blocking=false asks for an immediate answer; absent means blocking.
  bool blocking = true;
  AGENTHUB_RETURN_IF_ERROR(r.boolean("blocking", blocking));
  c.return_immediately = !blocking;
  AGENTHUB_RETURN_IF_ERROR(r.object("pushNotificationConfig", c.push_notification_config));
  return c;
}

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

}  // namespace

// ---- enums --------------------------------------------------------------------------------

std::string_view encode_state(TaskState s) {
  for (const auto& [state, name] : kStates) {
    if (state == s) return name;
  }
  return "unknown";
}

TaskState decode_state(std::string_view s) {
  for (const auto& [state, name] : kStates) {
    if (name == s) return state;
  }
  return TaskState::kUnknown;
}

// v0.3 has no "unspecified" role; like the reference SDK, anything but the user is the agent.
std::string_view encode_role(Role r) { return r == Role::kUser ? "user" : "agent"; }

Role decode_role(std::string_view s) {
  if (s == "user") return Role::kUser;
  if (s == "agent") return Role::kAgent;
  return Role::kUnknown;
}

// ---- encoders -----------------------------------------------------------------------------

Json encode(const Part& v) {
  Json j = Json::object();
  Json metadata = v.metadata;
  switch (v.kind) {
    case Part::Kind::kRaw:
    case Part::Kind::kUrl: {
      Json file = Json::object();
      if (v.kind == Part::Kind::kRaw) {
        file["bytes"] = base64_encode(v.raw);
      } else {
        file["uri"] = v.url;
      }
      put_string(file, "mimeType", v.media_type);
      put_string(file, "name", v.filename);
      j["kind"] = "file";
      j["file"] = std::move(file);
      break;
    }
    case Part::Kind::kData:
      j["kind"] = "data";
      if (v.data.is_object()) {
        j["data"] = v.data;
      } else {
        j["data"] = {{"value", v.data}};
        if (!metadata.is_object()) metadata = Json::object();
        metadata[std::string(kDataPartCompatFlag)] = true;
      }
      break;
    case Part::Kind::kText:
    case Part::Kind::kUnknown:
      j["kind"] = "text";
      j["text"] = v.text;
      break;
  }
  put_json(j, "metadata", metadata);
  return j;
}

namespace {

template <typename T>
Json encode_list(const std::vector<T>& items) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(encode(item));
  return out;
}

}  // namespace

Json encode(const Message& v) {
  Json j = {{"kind", "message"},
            {"messageId", v.message_id},
            {"role", encode_role(v.role)},
            {"parts", encode_list(v.parts)}};
  put_string(j, "contextId", v.context_id);
  put_string(j, "taskId", v.task_id);
  put_json(j, "metadata", v.metadata);
  put_strings(j, "extensions", v.extensions);
  put_strings(j, "referenceTaskIds", v.reference_task_ids);
  return j;
}

Json encode(const TaskStatus& v) {
  Json j = {{"state", encode_state(v.state)}};
  if (v.message) j["message"] = encode(*v.message);
  put_string(j, "timestamp", v.timestamp);
  return j;
}

Json encode(const Artifact& v) {
  Json j = {{"artifactId", v.artifact_id}, {"parts", encode_list(v.parts)}};
  put_string(j, "name", v.name);
  put_string(j, "description", v.description);
  put_json(j, "metadata", v.metadata);
  put_strings(j, "extensions", v.extensions);
  return j;
}

Json encode(const Task& v) {
  Json j = {
      {"kind", "task"}, {"id", v.id}, {"contextId", v.context_id}, {"status", encode(v.status)}};
  if (!v.history.empty()) j["history"] = encode_list(v.history);
  if (!v.artifacts.empty()) j["artifacts"] = encode_list(v.artifacts);
  put_json(j, "metadata", v.metadata);
  return j;
}

Json encode(const TaskStatusUpdateEvent& v) {
  // v0.3 clients stop reading at `final`; our streams end at terminal and interrupted states.
  const bool final = v.is_final || is_terminal(v.status.state) || is_interrupted(v.status.state);
  Json j = {{"kind", "status-update"},
            {"taskId", v.task_id},
            {"contextId", v.context_id},
            {"status", encode(v.status)},
            {"final", final}};
  put_json(j, "metadata", v.metadata);
  return j;
}

Json encode(const TaskArtifactUpdateEvent& v) {
  Json j = {{"kind", "artifact-update"},      {"taskId", v.task_id}, {"contextId", v.context_id},
            {"artifact", encode(v.artifact)}, {"append", v.append},  {"lastChunk", v.last_chunk}};
  put_json(j, "metadata", v.metadata);
  return j;
}

Json encode(const StreamResponse& v) {
  return std::visit([](const auto& item) { return encode(item); }, v);
}

Json encode(const SendMessageRequest& v) {
  const SendMessageConfiguration& c = v.configuration;
  // Always explicit: v0.3 servers disagree on what an absent `blocking` means.
  Json config = {{"blocking", !c.return_immediately},
                 {"acceptedOutputModes", c.accepted_output_modes}};
  if (c.history_length) config["historyLength"] = *c.history_length;
  put_json(config, "pushNotificationConfig", c.push_notification_config);
  Json j = {{"message", encode(v.message)}, {"configuration", std::move(config)}};
  put_json(j, "metadata", v.metadata);
  return j;
}

Json encode(const SendMessageResponse& v) {
  return std::visit([](const auto& item) { return encode(item); }, v);
}

Json encode(const GetTaskRequest& v) {
  Json j = {{"id", v.id}};
  if (v.history_length) j["historyLength"] = *v.history_length;
  return j;
}

Json encode(const CancelTaskRequest& v) {
  Json j = {{"id", v.id}};
  put_json(j, "metadata", v.metadata);
  return j;
}

Json encode(const SubscribeToTaskRequest& v) { return {{"id", v.id}}; }

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
  return codec::guarded<StreamResponse>("result", [&] { return stream_response_from(j); });
}

Result<SendMessageRequest> decode_send_message_request(const Json& j) {
  return codec::guarded<SendMessageRequest>("params", [&] { return send_message_request_from(j); });
}

Result<SendMessageResponse> decode_send_message_response(const Json& j) {
  return codec::guarded<SendMessageResponse>("result",
                                             [&] { return send_message_response_from(j); });
}

Result<GetTaskRequest> decode_get_task_request(const Json& j) {
  return codec::guarded<GetTaskRequest>("params", [&] { return get_task_request_from(j); });
}

Result<CancelTaskRequest> decode_cancel_task_request(const Json& j) {
  return codec::guarded<CancelTaskRequest>("params", [&] { return cancel_request_from(j); });
}

Result<SubscribeToTaskRequest> decode_subscribe_request(const Json& j) {
  return codec::guarded<SubscribeToTaskRequest>("params",
                                                [&] { return subscribe_request_from(j); });
}

}  // namespace agenthub::a2a::v03
