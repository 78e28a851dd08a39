#include "mcp/message_decoder.h"

#include <string>

#include "core/utf8.h"

namespace agenthub::mcp {
namespace {

DecodedMessage invalid(const Json& id, ErrorCode code, std::string message) {
  DecodedMessage out;
  out.kind = DecodedMessage::Kind::kInvalid;
  out.error_response = make_jsonrpc_error(id, Error{code, std::move(message)});
  return out;
}

}  // namespace

bool json_nests_deeper_than(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

Json oversized_message_response(std::size_t max_bytes) {
  return make_jsonrpc_error(
      nullptr, Error{ErrorCode::kInvalidRequest,
                     "message longer than " + std::to_string(max_bytes) + " bytes was dropped"});
}

DecodedMessage decode_message(std::string_view line) {
  std::string repaired;
  if (!is_valid_utf8(line)) {
    repaired = sanitize_utf8(line);
    line = repaired;
  }
  if (json_nests_deeper_than(line, kMaxNestingDepth)) {
    return invalid(nullptr, ErrorCode::kInvalidRequest,
                   "JSON nests deeper than " + std::to_string(kMaxNestingDepth) + " levels");
  }
  auto parsed = parse_json(line);
  if (!parsed.ok()) return invalid(nullptr, ErrorCode::kParseError, parsed.error().message);
  const Json& message = *parsed;
  if (message.is_object() && !message.contains("method") &&
      (message.contains("result") || message.contains("error"))) {
    DecodedMessage out;
    out.kind = DecodedMessage::Kind::kResponse;
    return out;
  }
  auto request = decode_jsonrpc_request(message);
  if (!request.ok()) {
    return invalid(jsonrpc_reply_id(message), request.error().code, request.error().message);
  }
  if (!request->is_notification && request->id.is_null()) {
    return invalid(nullptr, ErrorCode::kInvalidRequest,
                   "an MCP request id must be a string or a number, not null");
  }
  DecodedMessage out;
  out.kind = request->is_notification ? DecodedMessage::Kind::kNotification
                                      : DecodedMessage::Kind::kRequest;
  out.request = std::move(request).value();
  return out;
}

}  // namespace agenthub::mcp
