#pragma once

// A2A v1.0 ProtoJSON: camelCase fields, enums as SCREAMING_SNAKE strings, no `kind`
// discriminators, oneofs as the presence of one member. Encoding is exact (absent values are
// omitted); decoding ignores unknown fields and fails with kInvalidArgument on wrong shapes.

#include "a2a/types.h"
#include "core/result.h"

namespace agenthub::a2a::v1 {

[[nodiscard]] Json encode(const Part& v);
[[nodiscard]] Json encode(const Message& v);
[[nodiscard]] Json encode(const TaskStatus& v);
[[nodiscard]] Json encode(const Artifact& v);
[[nodiscard]] Json encode(const Task& v);
[[nodiscard]] Json encode(const TaskStatusUpdateEvent& v);
[[nodiscard]] Json encode(const TaskArtifactUpdateEvent& v);
// {"task":...} | {"message":...} | {"statusUpdate":...} | {"artifactUpdate":...}
[[nodiscard]] Json encode(const StreamResponse& v);
[[nodiscard]] Json encode(const SendMessageRequest& v);
// {"task":...} | {"message":...}
[[nodiscard]] Json encode(const SendMessageResponse& v);
[[nodiscard]] Json encode(const GetTaskRequest& v);
[[nodiscard]] Json encode(const ListTasksRequest& v);
[[nodiscard]] Json encode(const ListTasksResponse& v);
[[nodiscard]] Json encode(const CancelTaskRequest& v);
[[nodiscard]] Json encode(const SubscribeToTaskRequest& v);
// The v1.0 card. Also carries the v0.3 top-level fields (url, protocolVersion,
// preferredTransport) when `with_v03_fields` so one card serves both kinds of client.
[[nodiscard]] Json encode(const AgentCard& v, bool with_v03_fields = true);

[[nodiscard]] std::string_view encode_state(TaskState s);  // "TASK_STATE_WORKING"
[[nodiscard]] TaskState decode_state(std::string_view s);   // kUnknown when unrecognized
[[nodiscard]] std::string_view encode_role(Role r);        // "ROLE_USER"
[[nodiscard]] Role decode_role(std::string_view s);

[[nodiscard]] Result<Part> decode_part(const Json& j);
[[nodiscard]] Result<Message> decode_message(const Json& j);
[[nodiscard]] Result<TaskStatus> decode_task_status(const Json& j);
[[nodiscard]] Result<Artifact> decode_artifact(const Json& j);
[[nodiscard]] Result<Task> decode_task(const Json& j);
[[nodiscard]] Result<TaskStatusUpdateEvent> decode_status_update(const Json& j);
[[nodiscard]] Result<TaskArtifactUpdateEvent> decode_artifact_update(const Json& j);
[[nodiscard]] Result<StreamResponse> decode_stream_response(const Json& j);
[[nodiscard]] Result<SendMessageRequest> decode_send_message_request(const Json& j);
[[nodiscard]] Result<SendMessageResponse> decode_send_message_response(const Json& j);
[[nodiscard]] Result<GetTaskRequest> decode_get_task_request(const Json& j);
[[nodiscard]] Result<ListTasksRequest> decode_list_tasks_request(const Json& j);
[[nodiscard]] Result<ListTasksResponse> decode_list_tasks_response(const Json& j);
[[nodiscard]] Result<CancelTaskRequest> decode_cancel_task_request(const Json& j);
[[nodiscard]] Result<SubscribeToTaskRequest> decode_subscribe_request(const Json& j);
// Accepts v1.0 cards and v0.3 cards (top-level url / preferredTransport / additionalInterfaces,
// v0.3 security scheme shapes), so the client can read either kind of agent.
[[nodiscard]] Result<AgentCard> decode_agent_card(const Json& j);

}  // namespace agenthub::a2a::v1
