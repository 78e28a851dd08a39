#include "core/error_table.h"

#include <array>
#include <cmath>
#include <cstdint>

namespace agenthub {
namespace {

struct Row {
  ErrorCode code;
  std::string_view name;
  int jsonrpc;
  int http;
};

// Codes without a JSON-RPC counterpart of their own travel as -32603 (internal) or, for
// caller mistakes, -32602; their name goes in error.data so nothing is lost.
constexpr std::array kTable{
    Row{ErrorCode::kUnknown, "unknown", -32603, 500},
    Row{ErrorCode::kParseError, "parse_error", -32700, 400},
    Row{ErrorCode::kInvalidRequest, "invalid_request", -32600, 400},
    Row{ErrorCode::kMethodNotFound, "method_not_found", -32601, 404},
    Row{ErrorCode::kInvalidArgument, "invalid_argument", -32602, 400},
    Row{ErrorCode::kInternal, "internal", -32603, 500},
    Row{ErrorCode::kTaskNotFound, "task_not_found", -32001, 404},
    Row{ErrorCode::kTaskNotCancelable, "task_not_cancelable", -32002, 409},
    Row{ErrorCode::kPushNotificationNotSupported, "push_notification_not_supported", -32003, 400},
    Row{ErrorCode::kUnsupportedOperation, "unsupported_operation", -32004, 400},
    Row{ErrorCode::kContentTypeNotSupported, "content_type_not_supported", -32005, 415},
    Row{ErrorCode::kInvalidAgentResponse, "invalid_agent_response", -32006, 502},
    Row{ErrorCode::kExtendedCardNotConfigured, "extended_card_not_configured", -32007, 400},
    Row{ErrorCode::kExtensionSupportRequired, "extension_support_required", -32008, 400},
    Row{ErrorCode::kVersionNotSupported, "version_not_supported", -32009, 400},
    Row{ErrorCode::kUnauthenticated, "unauthenticated", -32603, 401},
    Row{ErrorCode::kPermissionDenied, "permission_denied", -32603, 403},
    Row{ErrorCode::kNotFound, "not_found", -32602, 404},
    Row{ErrorCode::kAlreadyExists, "already_exists", -32602, 409},
    Row{ErrorCode::kFailedPrecondition, "failed_precondition", -32602, 409},
    Row{ErrorCode::kUnavailable, "unavailable", -32603, 503},
    Row{ErrorCode::kDeadlineExceeded, "deadline_exceeded", -32603, 504},
    Row{ErrorCode::kCancelled, "cancelled", -32603, 499},
    Row{ErrorCode::kResourceExhausted, "resource_exhausted", -32600, 413},
    Row{ErrorCode::kIo, "io", -32603, 500},
};

const Row& row(ErrorCode code) {
  for (const auto& r : kTable) {
    if (r.code == code) return r;
  }
  return kTable[0];
}

// The integer `code` of a wire error object: -32603 when absent, 0 (an unknown code) when it is
// not an integer that fits an int. Read by hand because json::value() throws for non-numbers
// and converts out-of-range numbers with undefined behaviour.
int wire_code(const nlohmann::json& error_object) {
  auto c = error_object.find("code");
  if (c == error_object.end()) return -32603;
  if (c->is_number_unsigned()) {
    return c->get<std::uint64_t>() <= INT32_MAX ? static_cast<int>(c->get<std::uint64_t>()) : 0;
  }
  if (c->is_number_integer()) {
    const auto v = c->get<std::int64_t>();
    return v >= INT32_MIN && v <= INT32_MAX ? static_cast<int>(v) : 0;
  }
  if (c->is_number_float()) {
    const double v = c->get<double>();
    return v >= INT32_MIN && v <= INT32_MAX && v == std::trunc(v) ? static_cast<int>(v) : 0;
  }
  return 0;
}

}  // namespace

int jsonrpc_code(ErrorCode code) { return row(code).jsonrpc; }
int http_status(ErrorCode code) { return row(code).http; }
std::string_view error_code_name(ErrorCode code) { return row(code).name; }

ErrorCode error_code_from_jsonrpc(int code) {
  // The first row with this code is the canonical one (table order matters).
  for (const auto& r : kTable) {
    if (r.jsonrpc == code && r.code != ErrorCode::kUnknown) return r.code;
  }
  return ErrorCode::kUnknown;
}

nlohmann::json to_jsonrpc_error(const Error& error) {
  nlohmann::json out = {{"code", jsonrpc_code(error.code)}, {"message", error.message}};
  if (!error.data.is_null()) {
    out["data"] = error.data;
  } else if (row(error.code).jsonrpc == -32603 || row(error.code).jsonrpc == -32602) {
    // Keep the precise reason when the JSON-RPC code is a shared one.
    out["data"] = {{"reason", std::string(error_code_name(error.code))}};
  }
  return out;
}

Error error_from_jsonrpc(const nlohmann::json& error_object) {
  if (!error_object.is_object()) {
    return {ErrorCode::kInvalidAgentResponse, "malformed JSON-RPC error object"};
  }
  const int code = wire_code(error_object);
  std::string message = "(no message)";
  if (auto it = error_object.find("message"); it != error_object.end() && it->is_string()) {
    message = it->get<std::string>();
  }
  ErrorCode ec = error_code_from_jsonrpc(code);
  if (auto d = error_object.find("data"); d != error_object.end() && d->is_object()) {
    if (auto r = d->find("reason"); r != d->end() && r->is_string()) {
      for (const auto& row : kTable) {
        if (row.name == r->get<std::string>()) ec = row.code;
      }
    }
  }
  nlohmann::json data = error_object.contains("data") ? error_object["data"] : nlohmann::json();
  return {ec, std::move(message), std::move(data)};
}

}  // namespace agenthub
