#include "a2a/client/versioned_codec.h"

#include <exception>

#include "a2a/codec_v1.h"
#include "a2a/compat_v03.h"

namespace agenthub::a2a::client_codec {
namespace {

bool is_v03(ProtocolVersion v) { return v == ProtocolVersion::kV03; }

// Codecs report shape errors as values, but a hostile peer must not be able to crash us
// through an accessor that throws either.
template <typename F>
auto guarded(const char* what, F&& decode) -> decltype(decode()) {
  try {
    auto r = decode();
    if (!r.ok()) {
      Error e = std::move(r).take_error();
      return Error{ErrorCode::kInvalidAgentResponse,
                   std::string("agent sent an invalid ") + what + ": " + e.message};
    }
    return r;
  } catch (const std::exception& e) {
    return Error{ErrorCode::kInvalidAgentResponse,
                 std::string("agent sent an invalid ") + what + ": " + e.what()};
  }
}

}  // namespace

Json encode_params(const SendMessageRequest& req, ProtocolVersion v) {
  return is_v03(v) ? v03::encode(req) : v1::encode(req);
}

Json encode_params(const GetTaskRequest& req, ProtocolVersion v) {
  return is_v03(v) ? v03::encode(req) : v1::encode(req);
}

Json encode_params(const CancelTaskRequest& req, ProtocolVersion v) {
  return is_v03(v) ? v03::encode(req) : v1::encode(req);
}

Json encode_params(const SubscribeToTaskRequest& req, ProtocolVersion v) {
  return is_v03(v) ? v03::encode(req) : v1::encode(req);
}

Json encode_params(const ListTasksRequest& req) { return v1::encode(req); }

Result<SendMessageResponse> decode_send_result(const Json& j, ProtocolVersion v) {
  return guarded("SendMessage result", [&] {
    return is_v03(v) ? v03::decode_send_message_response(j) : v1::decode_send_message_response(j);
  });
}

Result<Task> decode_task_result(const Json& j, ProtocolVersion v) {
  return guarded("task", [&] { return is_v03(v) ? v03::decode_task(j) : v1::decode_task(j); });
}

Result<ListTasksResponse> decode_list_result(const Json& j) {
  return guarded("ListTasks result", [&] { return v1::decode_list_tasks_response(j); });
}

Result<StreamResponse> decode_stream_result(const Json& j, ProtocolVersion v) {
  return guarded("stream event", [&] {
    return is_v03(v) ? v03::decode_stream_response(j) : v1::decode_stream_response(j);
  });
}

bool ends_stream(const StreamResponse& item) {
  struct Visitor {
    bool operator()(const Task& t) const {
      return is_terminal(t.status.state) || is_interrupted(t.status.state);
    }
    bool operator()(const Message&) const { return true; }
    bool operator()(const TaskStatusUpdateEvent& e) const {
      return e.is_final || is_terminal(e.status.state) || is_interrupted(e.status.state);
    }
    bool operator()(const TaskArtifactUpdateEvent&) const { return false; }
  };
  return std::visit(Visitor{}, item);
}

}  // namespace agenthub::a2a::client_codec
