#include "a2a/client/rpc_answer.h"

#include "core/error_table.h"

namespace agenthub::a2a {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// An HTTP status that is not a JSON-RPC answer, as the closest ErrorCode.
ErrorCode code_for_status(int status) {
  switch (status) {
    case 404:
      return ErrorCode::kNotFound;
    case 408:
    case 504:
      return ErrorCode::kDeadlineExceeded;
    case 413:
    case 429:
      return ErrorCode::kResourceExhausted;
    case 415:
      return ErrorCode::kContentTypeNotSupported;
    default:
      break;
  }
  if (status >= 500) return ErrorCode::kUnavailable;
  return ErrorCode::kInvalidAgentResponse;
}

bool looks_like_json_rpc(const Json& j) {
  return j.is_object() && (j.contains("jsonrpc") || j.contains("result") || j.contains("error"));
}

}  // namespace

std::string media_type(std::string_view content_type) {
  std::string_view base = trim(content_type.substr(0, content_type.find(';')));
  std::string out(base);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<Error> http_auth_error(int status, const Url& url) {
  if (status == 401) {
    return Error{ErrorCode::kUnauthenticated,
                 "HTTP 401 from " + url.host_port() + ": missing or wrong bearer token"};
  }
  if (status == 403) {
    return Error{ErrorCode::kPermissionDenied,
                 "HTTP 403 from " + url.host_port() + ": the token is not allowed to do this"};
  }
  return std::nullopt;
}

std::string body_snippet(std::string_view body) {
  constexpr std::size_t kMax = 160;
  std::string out;
  for (char c : trim(body).substr(0, kMax)) {
    unsigned char u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u != 0x7f) || u >= 0x80 ? c : ' ';
  }
  if (trim(body).size() > kMax) out += "...";
  return out;
}

Result<Json> decode_rpc_message(Json message, const Json& request_id) {
  try {
    if (!looks_like_json_rpc(message)) {
      return Error{ErrorCode::kInvalidAgentResponse,
                   "not a JSON-RPC response: " + body_snippet(dump_json(message))};
    }
    if (auto err = message.find("error"); err != message.end() && !err->is_null()) {
      // JSON-RPC requires an integer code; anything else says nothing we could act on.
      const Json* code = json_find(*err, "code");
      if (code == nullptr || !code->is_number_integer()) {
        return Error{ErrorCode::kInvalidAgentResponse,
                     "malformed JSON-RPC error: " + body_snippet(dump_json(*err))};
      }
      return error_from_jsonrpc(*err);
    }
    auto result = message.find("result");
    if (result == message.end()) {
      return Error{ErrorCode::kInvalidAgentResponse,
                   "JSON-RPC response has neither result nor error"};
    }
    // An error may carry a null id (the server could not read ours); a result must match it.
    if (auto id = message.find("id");
        id != message.end() && !id->is_null() && !request_id.is_null() && *id != request_id) {
      return Error{ErrorCode::kInvalidAgentResponse, "JSON-RPC response id " + dump_json(*id) +
                                                         " does not match request id " +
                                                         dump_json(request_id)};
    }
    return std::move(*result);
  } catch (const std::exception& e) {
    // A malformed error object (say a string `code`) makes the accessors throw.
    return Error{ErrorCode::kInvalidAgentResponse,
                 std::string("malformed JSON-RPC response: ") + e.what()};
  }
}

Result<Json> decode_rpc_answer(const HttpResponse& answer, const Url& url, const Json& request_id,
                               std::string_view expected) {
  if (auto auth = http_auth_error(answer.status, url)) return *auth;
  const std::string type = media_type(answer.content_type);
  const std::string_view body = trim(answer.body);
  // Servers answer JSON-RPC errors with all sorts of statuses and content types; the envelope
  // is the authority whenever there is one.
  if (!body.empty() && body.front() == '{') {
    auto parsed = parse_json(body);
    if (parsed.ok() && looks_like_json_rpc(*parsed)) {
      return decode_rpc_message(std::move(parsed).value(), request_id);
    }
    if (parsed.ok() && answer.status >= 200 && answer.status < 300) {
      return Error{ErrorCode::kInvalidAgentResponse,
                   "answer from " + url.to_string() +
                       " is JSON but not a JSON-RPC response: " + body_snippet(body)};
    }
    if (!parsed.ok() && (type == "application/json" || type.ends_with("+json"))) {
      return Error{ErrorCode::kInvalidAgentResponse,
                   "answer from " + url.to_string() + " is not valid JSON (HTTP " +
                       std::to_string(answer.status) + "): " + parsed.error().message};
    }
  }
  if (answer.status < 200 || answer.status >= 300) {
    return Error{code_for_status(answer.status),
                 "HTTP " + std::to_string(answer.status) + " from " + url.to_string() +
                     (body.empty() ? std::string() : ": " + body_snippet(body))};
  }
  return Error{ErrorCode::kInvalidAgentResponse,
               "expected " + std::string(expected) + " from " + url.to_string() + ", got " +
                   (type.empty() ? std::string("no content type") : type) + " (HTTP " +
                   std::to_string(answer.status) +
                   "): " + (body.empty() ? std::string("empty body") : body_snippet(body))};
}

}  // namespace agenthub::a2a
