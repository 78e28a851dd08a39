#pragma once

// Turns one input line into a JSON-RPC message, or into the error response it deserves.
// Never throws: invalid UTF-8 is replaced (the request is still served), over-deep nesting and
// non-JSON are refused before they can exhaust the stack or memory.

#include <cstddef>
#include <string_view>

#include "core/json.h"
#include "core/jsonrpc.h"

namespace agenthub::mcp {

inline constexpr std::size_t kMaxNestingDepth = 256;

struct DecodedMessage {
  enum class Kind {
    kRequest,       // answer it
    kNotification,  // never answered
    kResponse,      // a client's reply to a server request: we send none, so it is dropped
    kInvalid,       // answer with `error_response`
  };
  Kind kind = Kind::kInvalid;
  JsonRpcRequest request{};
  Json error_response;
};

[[nodiscard]] DecodedMessage decode_message(std::string_view line);

// -32600 with id null, for a line longer than the transport accepts.
[[nodiscard]] Json oversized_message_response(std::size_t max_bytes);

// True when arrays/objects nest deeper than max_depth (strings are skipped correctly).
[[nodiscard]] bool json_nests_deeper_than(std::string_view text, std::size_t max_depth);

}  // namespace agenthub::mcp
