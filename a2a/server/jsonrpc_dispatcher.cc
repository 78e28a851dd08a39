#include "a2a/server/jsonrpc_dispatcher.h"

#include <spdlog/spdlog.h>

#include <exception>

#include "a2a/codec_v1.h"
#include "a2a/compat_v03.h"
#include "core/jsonrpc.h"

namespace agenthub::a2a {
namespace {

RpcReply error_reply(const Json& id, Error error) {
  RpcReply reply;
  reply.response = make_jsonrpc_error(id, error);
  return reply;
}

RpcReply result_reply(const Json& id, Json result) {
  RpcReply reply;
  reply.response = make_jsonrpc_result(id, std::move(result));
  return reply;
}

// The version-specific codec calls, chosen once per request.
template <typename T>
using Decoder = Result<T> (*)(const Json&);

template <typename T>
Result<T> decode(ProtocolVersion v, const Json& params, Decoder<T> v1_decoder,
                 Decoder<T> v03_decoder) {
  return v == ProtocolVersion::kV03 ? v03_decoder(params) : v1_decoder(params);
}

template <typename T>
Json encode(ProtocolVersion v, const T& value) {
  return v == ProtocolVersion::kV03 ? v03::encode(value) : v1::encode(value);
}

}  // namespace

JsonRpcDispatcher::JsonRpcDispatcher(RequestHandler& handler,
                                     std::optional<AgentCard> extended_card)
    : handler_(handler), extended_card_(std::move(extended_card)) {}

Json JsonRpcDispatcher::stream_item(const Json& id, ProtocolVersion version,
                                    const StreamResponse& item) {
  return make_jsonrpc_result(id, encode(version, item));
}

RpcReply JsonRpcDispatcher::dispatch(const Json& message,
                                     std::optional<std::string_view> version_header) const {
  auto request = decode_jsonrpc_request(message);
  if (!request.ok()) return error_reply(jsonrpc_reply_id(message), request.error());
  if (request->is_notification) {
    return error_reply(nullptr, Error{ErrorCode::kInvalidRequest,
                                      "A2A requests need an \"id\"; notifications are not "
                                      "supported"});
  }
  const Json& id = request->id;
  if (version_header && !version_header->empty() &&
      parse_protocol_version(*version_header) == ProtocolVersion::kUnknown) {
    return error_reply(id, Error{ErrorCode::kVersionNotSupported,
                                 "A2A-Version " + std::string(*version_header) +
                                     " is not supported; this agent speaks 1.0 and 0.3"});
  }
  const MethodLookup found = lookup_method(request->method);
  if (found.method == Method::kUnknown) {
    return error_reply(id,
                       Error{ErrorCode::kMethodNotFound, "method not found: " + request->method});
  }
  if (request->params.is_array()) {
    return error_reply(
        id, Error{ErrorCode::kInvalidArgument, "params must be an object (named parameters)"});
  }
  const Json params = request->params.is_null() ? Json::object() : request->params;
  spdlog::debug("rpc method={} version={}", request->method,
                protocol_version_string(found.version));
  try {
    return call(id, found.method, found.version, params);
  } catch (const std::exception& e) {
    spdlog::error("rpc method={} failed: {}", request->method, e.what());
    return error_reply(id, Error{ErrorCode::kInternal, std::string("internal error: ") + e.what()});
  }
}

RpcReply JsonRpcDispatcher::call(const Json& id, Method method, ProtocolVersion v,
                                 const Json& params) const {
  auto stream_reply = [&](Result<std::unique_ptr<TaskEventStream>> stream) {
    if (!stream.ok()) return error_reply(id, stream.error());
    RpcReply reply;
    reply.stream = std::move(stream).value();
    reply.version = v;
    reply.id = id;
    return reply;
  };

  switch (method) {
    case Method::kSendMessage:
    case Method::kSendStreamingMessage: {
      auto req =
          decode(v, params, &v1::decode_send_message_request, &v03::decode_send_message_request);
      if (!req.ok()) return error_reply(id, req.error());
      if (method == Method::kSendStreamingMessage) {
        return stream_reply(handler_.send_streaming_message(*req));
      }
      auto res = handler_.send_message(*req);
      if (!res.ok()) return error_reply(id, res.error());
      return result_reply(id, encode(v, *res));
    }
    case Method::kGetTask: {
      auto req = decode(v, params, &v1::decode_get_task_request, &v03::decode_get_task_request);
      if (!req.ok()) return error_reply(id, req.error());
      auto res = handler_.get_task(*req);
      if (!res.ok()) return error_reply(id, res.error());
      return result_reply(id, encode(v, *res));
    }
    case Method::kListTasks: {
      auto req = v1::decode_list_tasks_request(params);
      if (!req.ok()) return error_reply(id, req.error());
      auto res = handler_.list_tasks(*req);
      if (!res.ok()) return error_reply(id, res.error());
      return result_reply(id, v1::encode(*res));
    }
    case Method::kCancelTask: {
      auto req =
          decode(v, params, &v1::decode_cancel_task_request, &v03::decode_cancel_task_request);
      if (!req.ok()) return error_reply(id, req.error());
      auto res = handler_.cancel_task(*req);
      if (!res.ok()) return error_reply(id, res.error());
      return result_reply(id, encode(v, *res));
    }
    case Method::kSubscribeToTask: {
      auto req = decode(v, params, &v1::decode_subscribe_request, &v03::decode_subscribe_request);
      if (!req.ok()) return error_reply(id, req.error());
      return stream_reply(handler_.subscribe_to_task(*req));
    }
    case Method::kCreatePushConfig:
    case Method::kGetPushConfig:
    case Method::kListPushConfigs:
    case Method::kDeletePushConfig:
      return error_reply(id, Error{ErrorCode::kPushNotificationNotSupported,
                                   "push notifications are not supported by this agent"});
    case Method::kGetExtendedAgentCard:
      if (!extended_card_) {
        return error_reply(id, Error{ErrorCode::kExtendedCardNotConfigured,
                                     "this agent has no extended agent card"});
      }
      return result_reply(id, v == ProtocolVersion::kV03 ? v03::encode(*extended_card_)
                                                         : v1::encode(*extended_card_, true));
    case Method::kUnknown:
      break;
  }
  return error_reply(id, Error{ErrorCode::kMethodNotFound, "method not found"});
}

}  // namespace agenthub::a2a
