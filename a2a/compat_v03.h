#pragma once

// A2A v0.3 JSON: objects carry `kind` ("message", "task", "status-update",
// "artifact-update"; parts "text" | "data" | "file"), roles "user" | "agent", lowercase
// kebab-case states, file parts as {kind:"file", file:{bytes|uri, mimeType, name}}, stream
// results unwrapped. Conversions to and from the version-neutral types in types.h; the v1.0
// code never branches on versions.

#include "a2a/types.h"
#include "core/result.h"

namespace agenthub::a2a::v03 {

[[nodiscard]] Json encode(const Part& v);
[[nodiscard]] Json encode(const Message& v);
[[nodiscard]] Json encode(const TaskStatus& v);
[[nodiscard]] Json encode(const Artifact& v);
[[nodiscard]] Json encode(const Task& v);
[[nodiscard]] Json encode(const TaskStatusUpdateEvent& v);  // carries `final`
[[nodiscard]] Json encode(const TaskArtifactUpdateEvent& v);
// The object itself with its `kind` (v0.3 streams are not wrapped).
[[nodiscard]] Json encode(const StreamResponse& v);
[[nodiscard]] Json encode(const SendMessageRequest& v);  // configuration.blocking
[[nodiscard]] Json encode(const SendMessageResponse& v);  // the task or message, unwrapped
[[nodiscard]] Json encode(const GetTaskRequest& v);
[[nodiscard]] Json encode(const CancelTaskRequest& v);
[[nodiscard]] Json encode(const SubscribeToTaskRequest& v);
// A pure v0.3 card: url, protocolVersion "0.3.0", preferredTransport "JSONRPC".
[[nodiscard]] Json encode(const AgentCard& v);

[[nodiscard]] std::string_view encode_state(TaskState s);  // "input-required"
[[nodiscard]] TaskState decode_state(std::string_view s);
[[nodiscard]] std::string_view encode_role(Role r);  // "user" | "agent"
[[nodiscard]] Role decode_role(std::string_view s);

[[nodiscard]] Result<Part> decode_part(const Json& j);
[[nodiscard]] Result<Message> decode_message(const Json& j);
[[nodiscard]] Result<TaskStatus> decode_task_status(const Json& j);
[[nodiscard]] Result<Artifact> decode_artifact(const Json& j);
[[nodiscard]] Result<Task> decode_task(const Json& j);
[[nodiscard]] Result<TaskStatusUpdateEvent> decode_status_update(const Json& j);
[[nodiscard]] Result<TaskArtifactUpdateEvent> decode_artifact_update(const Json& j);
// Dispatches on `kind`.
[[nodiscard]] Result<StreamResponse> decode_stream_response(const Json& j);
[[nodiscard]] Result<SendMessageRequest> decode_send_message_request(const Json& j);
[[nodiscard]] Result<SendMessageResponse> decode_send_message_response(const Json& j);
[[nodiscard]] Result<GetTaskRequest> decode_get_task_request(const Json& j);
[[nodiscard]] Result<CancelTaskRequest> decode_cancel_task_request(const Json& j);
[[nodiscard]] Result<SubscribeToTaskRequest> decode_subscribe_request(const Json& j);

}  // namespace agenthub::a2a::v03
