#include "core/jsonrpc.h"

#include "core/error_table.h"

namespace agenthub {
namespace {

bool valid_id(const Json& id) { return id.is_string() || id.is_number() || id.is_null(); }

}  // namespace

Json jsonrpc_reply_id(const Json& message) {
  if (!message.is_object()) return nullptr;
  auto it = message.find("id");
  if (it == message.end() || !valid_id(*it)) return nullptr;
  return *it;
}

Result<JsonRpcRequest> decode_jsonrpc_request(const Json& message) {
  if (message.is_array()) {
    return Error{ErrorCode::kInvalidRequest, "JSON-RPC batches are not supported"};
  }
  if (!message.is_object()) {
    return Error{ErrorCode::kInvalidRequest, "a JSON-RPC request must be an object"};
  }
  auto version = message.find("jsonrpc");
  if (version == message.end() || *version != "2.0") {
    return Error{ErrorCode::kInvalidRequest, "\"jsonrpc\" must be \"2.0\""};
  }
  auto method = message.find("method");
  if (method == message.end() || !method->is_string()) {
    return Error{ErrorCode::kInvalidRequest, "\"method\" must be a string"};
  }
  JsonRpcRequest req;
  req.method = method->get<std::string>();
  auto id = message.find("id");
  req.is_notification = id == message.end();
  if (!req.is_notification) {
    if (!valid_id(*id)) {
      return Error{ErrorCode::kInvalidRequest, "\"id\" must be a string, a number or null"};
    }
    req.id = *id;
  }
  if (auto params = message.find("params"); params != message.end()) {
    if (!params->is_object() && !params->is_array()) {
      return Error{ErrorCode::kInvalidRequest, "\"params\" must be an object or an array"};
    }
    req.params = *params;
  }
  return req;
}

Json make_jsonrpc_request(const Json& id, std::string_view method, Json params) {
  Json out = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null()) out["params"] = std::move(params);
  return out;
}

Json make_jsonrpc_notification(std::string_view method, Json params) {
  Json out = {{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null()) out["params"] = std::move(params);
  return out;
}

Json make_jsonrpc_result(const Json& id, Json result) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

Json make_jsonrpc_error(const Json& id, const Error& error) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", to_jsonrpc_error(error)}};
}

Result<Json> decode_jsonrpc_response(const Json& message) {
  if (!message.is_object()) {
    return Error{ErrorCode::kInvalidAgentResponse, "JSON-RPC response is not an object"};
  }
  if (auto err = message.find("error"); err != message.end() && !err->is_null()) {
    return error_from_jsonrpc(*err);
  }
  auto result = message.find("result");
  if (result == message.end()) {
    return Error{ErrorCode::kInvalidAgentResponse, "JSON-RPC response has neither result nor error"};
  }
  return *result;
}

}  // namespace agenthub
