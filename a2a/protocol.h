#pragma once

// Method names and protocol versions shared by the server and the client.

#include <optional>
#include <string_view>

namespace agenthub::a2a {

enum class ProtocolVersion { kUnknown = 0, kV03, kV1 };

// "1.0" / "0.3" as carried by the A2A-Version header and agent cards.
[[nodiscard]] std::string_view protocol_version_string(ProtocolVersion v);
// Accepts "1.0", "1", "0.3", "0.3.0"...; kUnknown for anything else.
[[nodiscard]] ProtocolVersion parse_protocol_version(std::string_view text);

inline constexpr std::string_view kVersionHeader = "A2A-Version";
inline constexpr std::string_view kAgentCardPath = "/.well-known/agent-card.json";
inline constexpr std::string_view kDefaultRpcPath = "/a2a/jsonrpc";

enum class Method {
  kUnknown = 0,
  kSendMessage,
  kSendStreamingMessage,
  kGetTask,
  kListTasks,
  kCancelTask,
  kSubscribeToTask,
  kCreatePushConfig,
  kGetPushConfig,
  kListPushConfigs,
  kDeletePushConfig,
  kGetExtendedAgentCard,
};

// Wire name of a method in a protocol version; empty when that version lacks it.
[[nodiscard]] std::string_view method_name(Method m, ProtocolVersion v);
// The method a wire name denotes, and the version whose name it is.
struct MethodLookup {
  Method method = Method::kUnknown;
  ProtocolVersion version = ProtocolVersion::kUnknown;
};
[[nodiscard]] MethodLookup lookup_method(std::string_view wire_name);
// SendStreamingMessage and SubscribeToTask answer with SSE.
[[nodiscard]] bool is_streaming(Method m);

}  // namespace agenthub::a2a
