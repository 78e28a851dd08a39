#pragma once

// How the client reads an HTTP answer to a JSON-RPC call: auth failures (401/403) first, then
// the JSON-RPC envelope (whatever the status, since servers answer JSON-RPC errors with 200,
// 4xx or 5xx alike), then the HTTP status, then a clear complaint about what came instead.

#include <optional>
#include <string>
#include <string_view>

#include "a2a/client/http_transport.h"
#include "core/json.h"
#include "core/result.h"

namespace agenthub::a2a {

// "text/event-stream" from "Text/Event-Stream; charset=utf-8".
[[nodiscard]] std::string media_type(std::string_view content_type);

// kUnauthenticated for 401, kPermissionDenied for 403, else nullopt.
[[nodiscard]] std::optional<Error> http_auth_error(int status, const Url& url);

// The result member of the JSON-RPC response in `answer`, or the Error it carries (mapped back
// through the error table), or kInvalidAgentResponse / an HTTP-status Error when the answer is
// not a JSON-RPC response to `request_id`. `expected` names what a good answer looks like, for
// messages ("application/json", "text/event-stream").
[[nodiscard]] Result<Json> decode_rpc_answer(const HttpResponse& answer, const Url& url,
                                             const Json& request_id, std::string_view expected);

// The result of one parsed JSON-RPC response message (an SSE event's data, say). Takes the
// message by value so the result is moved out of it rather than copied.
[[nodiscard]] Result<Json> decode_rpc_message(Json message, const Json& request_id);

// At most ~160 printable characters of a body, for error messages.
[[nodiscard]] std::string body_snippet(std::string_view body);

}  // namespace agenthub::a2a
