#pragma once

// Bytes of an A2A SSE answer in, StreamResponse items out: SSE framing (sse_parser.h), then
// each event's data as one JSON-RPC response whose result is decoded in the call's protocol
// version. A JSON-RPC error inside the stream (including the `event: error` events some
// servers send) ends the stream with that Error.

#include <cstddef>
#include <string_view>
#include <vector>

#include "a2a/protocol.h"
#include "a2a/sse_parser.h"
#include "a2a/types.h"
#include "core/json.h"
#include "core/result.h"

namespace agenthub::a2a {

class StreamDecoder {
 public:
  StreamDecoder(ProtocolVersion version, Json request_id, std::size_t max_event_bytes);

  // Appends the items completed by `bytes` to `out`. Items decoded before a bad event are
  // still appended; the Error is returned after them, and the decoder stays failed.
  [[nodiscard]] Status feed(std::string_view bytes, std::vector<StreamResponse>& out);

 private:
  ProtocolVersion version_;
  Json request_id_;
  SseParser parser_;
  std::vector<SseEvent> events_;
  std::optional<Error> failed_;
};

}  // namespace agenthub::a2a
