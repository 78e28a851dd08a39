#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace agenthub {

// What went wrong, independent of the protocol that reports it. The single table that maps
// these to JSON-RPC codes lives in error_table.h.
enum class ErrorCode {
  kUnknown = 0,
  // JSON-RPC 2.0 generic errors.
  kParseError,
  kInvalidRequest,
  kMethodNotFound,
  kInvalidArgument,
  kInternal,
  // A2A errors.
  kTaskNotFound,
  kTaskNotCancelable,
  kPushNotificationNotSupported,
  kUnsupportedOperation,
  kContentTypeNotSupported,
  kInvalidAgentResponse,
  kExtendedCardNotConfigured,
  kExtensionSupportRequired,
  kVersionNotSupported,
  // Transport and resource errors.
  kUnauthenticated,
  kPermissionDenied,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kUnavailable,
  kDeadlineExceeded,
  kCancelled,
  kResourceExhausted,
  kIo,
};

struct Error {
  ErrorCode code = ErrorCode::kUnknown;
  std::string message;
  // Optional structured detail (JSON-RPC `error.data`); null when absent.
  nlohmann::json data;

  Error() = default;
  Error(ErrorCode c, std::string msg, nlohmann::json d = nullptr)
      : code(c), message(std::move(msg)), data(std::move(d)) {}

  // "invalid_argument: cwd must be absolute"
  [[nodiscard]] std::string to_string() const;
};

}  // namespace agenthub
