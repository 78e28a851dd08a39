#pragma once

// The client's one switch on protocol versions: request params and results in the wire shape
// of the version a call is made with (codec_v1.h or compat_v03.h). Decoders never throw.

#include "a2a/protocol.h"
#include "a2a/types.h"
#include "core/result.h"

namespace agenthub::a2a::client_codec {

[[nodiscard]] Json encode_params(const SendMessageRequest& req, ProtocolVersion v);
[[nodiscard]] Json encode_params(const GetTaskRequest& req, ProtocolVersion v);
[[nodiscard]] Json encode_params(const CancelTaskRequest& req, ProtocolVersion v);
[[nodiscard]] Json encode_params(const SubscribeToTaskRequest& req, ProtocolVersion v);
[[nodiscard]] Json encode_params(const ListTasksRequest& req);  // v1.0 only

[[nodiscard]] Result<SendMessageResponse> decode_send_result(const Json& j, ProtocolVersion v);
[[nodiscard]] Result<Task> decode_task_result(const Json& j, ProtocolVersion v);
[[nodiscard]] Result<ListTasksResponse> decode_list_result(const Json& j);
// v1.0: the StreamResponse wrapper; v0.3: the bare object with its `kind`.
[[nodiscard]] Result<StreamResponse> decode_stream_result(const Json& j, ProtocolVersion v);

// True for the item after which a stream carries nothing more for its task: a direct Message,
// or a Task / status update in a terminal or interrupted state (or flagged final by v0.3).
[[nodiscard]] bool ends_stream(const StreamResponse& item);

}  // namespace agenthub::a2a::client_codec
