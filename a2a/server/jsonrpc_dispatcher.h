#pragma once

// JSON-RPC method dispatch, without HTTP: takes one parsed JSON-RPC message, decides the
// protocol version from the method name (v1.0 "SendMessage", v0.3 "message/send"), decodes
// the params with that version's codec, calls the RequestHandler and encodes the answer in
// the same version. Streaming methods answer with a TaskEventStream the transport frames as
// SSE. Every failure becomes a JSON-RPC error response; nothing here throws.

#include <memory>
#include <optional>
#include <string_view>

#include "a2a/protocol.h"
#include "a2a/server/request_handler.h"
#include "a2a/server/task_event_stream.h"
#include "core/json.h"

namespace agenthub::a2a {

struct RpcReply {
  // Non-streaming answers and every error: a complete JSON-RPC response.
  Json response;
  // Streaming answers: the items to send, each framed by stream_item().
  std::unique_ptr<TaskEventStream> stream;
  ProtocolVersion version = ProtocolVersion::kV1;
  Json id;  // the request id, echoed in every stream item

  [[nodiscard]] bool streaming() const { return stream != nullptr; }
};

class JsonRpcDispatcher {
 public:
  // `handler` must outlive the dispatcher. `extended_card`, when set, answers
  // GetExtendedAgentCard; otherwise that method is -32007.
  explicit JsonRpcDispatcher(RequestHandler& handler,
                             std::optional<AgentCard> extended_card = std::nullopt);

  // `version_header`: the A2A-Version header when present. A version we do not speak is
  // -32009; otherwise the method name decides the version.
  [[nodiscard]] RpcReply dispatch(const Json& message,
                                  std::optional<std::string_view> version_header) const;

  // One stream item as the JSON-RPC response an SSE `data:` line carries.
  [[nodiscard]] static Json stream_item(const Json& id, ProtocolVersion version,
                                        const StreamResponse& item);

 private:
  [[nodiscard]] RpcReply call(const Json& id, Method method, ProtocolVersion version,
                              const Json& params) const;

  RequestHandler& handler_;
  std::optional<AgentCard> extended_card_;
};

}  // namespace agenthub::a2a
