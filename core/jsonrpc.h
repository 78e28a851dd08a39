#pragma once

// JSON-RPC 2.0 envelopes, shared by the A2A transport (HTTP) and the MCP front-end (stdio).

#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"

namespace agenthub {

struct JsonRpcRequest {
  Json id;                       // string or number as sent; null for notifications
  bool is_notification = false;  // no "id" member at all
  std::string method;
  Json params;  // object, array, or null when absent
};

// Validates one parsed message as a request: jsonrpc "2.0", string method, id a string,
// number or null when present, params an object or array when present. Batches (arrays) and
// other shapes are kInvalidRequest.
[[nodiscard]] Result<JsonRpcRequest> decode_jsonrpc_request(const Json& message);

// The id to answer a message with: its id when that is a valid JSON-RPC id, else null.
[[nodiscard]] Json jsonrpc_reply_id(const Json& message);

[[nodiscard]] Json make_jsonrpc_request(const Json& id, std::string_view method, Json params);
[[nodiscard]] Json make_jsonrpc_notification(std::string_view method, Json params);
[[nodiscard]] Json make_jsonrpc_result(const Json& id, Json result);
[[nodiscard]] Json make_jsonrpc_error(const Json& id, const Error& error);

// A response's result, or its error as an Error (codes mapped back through error_table).
// A message that is neither is kInvalidAgentResponse.
[[nodiscard]] Result<Json> decode_jsonrpc_response(const Json& message);

}  // namespace agenthub
