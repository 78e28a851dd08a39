#pragma once

#include <string_view>

#include "core/error.h"

namespace agenthub {

// The one table between our ErrorCodes and the outside world: JSON-RPC error codes (generic and
// A2A-specific), HTTP statuses, and stable snake_case names.
[[nodiscard]] int jsonrpc_code(ErrorCode code);
[[nodiscard]] ErrorCode error_code_from_jsonrpc(int jsonrpc_code);
[[nodiscard]] int http_status(ErrorCode code);
[[nodiscard]] std::string_view error_code_name(ErrorCode code);

// {"code": -32602, "message": "...", "data": ...} as a JSON-RPC error object.
[[nodiscard]] nlohmann::json to_jsonrpc_error(const Error& error);
[[nodiscard]] Error error_from_jsonrpc(const nlohmann::json& error_object);

}  // namespace agenthub
