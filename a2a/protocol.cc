#include "a2a/protocol.h"

#include <array>

namespace agenthub::a2a {
namespace {

struct MethodRow {
  Method method;
  std::string_view v1;
  std::string_view v03;
};

constexpr std::array kMethods{
    MethodRow{Method::kSendMessage, "SendMessage", "message/send"},
    MethodRow{Method::kSendStreamingMessage, "SendStreamingMessage", "message/stream"},
    MethodRow{Method::kGetTask, "GetTask", "tasks/get"},
    MethodRow{Method::kListTasks, "ListTasks", ""},
    MethodRow{Method::kCancelTask, "CancelTask", "tasks/cancel"},
    MethodRow{Method::kSubscribeToTask, "SubscribeToTask", "tasks/resubscribe"},
    MethodRow{Method::kCreatePushConfig, "CreateTaskPushNotificationConfig",
              "tasks/pushNotificationConfig/set"},
    MethodRow{Method::kGetPushConfig, "GetTaskPushNotificationConfig",
              "tasks/pushNotificationConfig/get"},
    MethodRow{Method::kListPushConfigs, "ListTaskPushNotificationConfigs",
              "tasks/pushNotificationConfig/list"},
    MethodRow{Method::kDeletePushConfig, "DeleteTaskPushNotificationConfig",
              "tasks/pushNotificationConfig/delete"},
    MethodRow{Method::kGetExtendedAgentCard, "GetExtendedAgentCard",
              "agent/getAuthenticatedExtendedCard"},
};

}  // namespace

std::string_view protocol_version_string(ProtocolVersion v) {
  switch (v) {
    case ProtocolVersion::kV1: return "1.0";
    case ProtocolVersion::kV03: return "0.3";
    case ProtocolVersion::kUnknown: break;
  }
  return "";
}

ProtocolVersion parse_protocol_version(std::string_view text) {
  if (text == "1.0" || text == "1" || text == "1.0.0") return ProtocolVersion::kV1;
  if (text.substr(0, 3) == "0.3" && (text.size() == 3 || text[3] == '.')) {
    return ProtocolVersion::kV03;
  }
  return ProtocolVersion::kUnknown;
}

std::string_view method_name(Method m, ProtocolVersion v) {
  for (const auto& row : kMethods) {
    if (row.method == m) return v == ProtocolVersion::kV03 ? row.v03 : row.v1;
  }
  return "";
}

MethodLookup lookup_method(std::string_view wire_name) {
  for (const auto& row : kMethods) {
    if (row.v1 == wire_name) return {row.method, ProtocolVersion::kV1};
    if (!row.v03.empty() && row.v03 == wire_name) return {row.method, ProtocolVersion::kV03};
  }
  return {};
}

bool is_streaming(Method m) {
  return m == Method::kSendStreamingMessage || m == Method::kSubscribeToTask;
}

}  // namespace agenthub::a2a
