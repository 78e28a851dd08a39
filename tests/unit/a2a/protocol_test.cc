// Behaviour of the version-neutral types (types.cc) and the method table (protocol.cc).

#include "a2a/protocol.h"

#include <gtest/gtest.h>

#include "a2a/types.h"

namespace agenthub::a2a {
namespace {

TEST(TaskStateTest, TerminalAndInterruptedStates) {
  for (auto s :
       {TaskState::kCompleted, TaskState::kFailed, TaskState::kCanceled, TaskState::kRejected}) {
    EXPECT_TRUE(is_terminal(s)) << task_state_name(s);
    EXPECT_FALSE(is_interrupted(s)) << task_state_name(s);
  }
  for (auto s : {TaskState::kInputRequired, TaskState::kAuthRequired}) {
    EXPECT_FALSE(is_terminal(s)) << task_state_name(s);
    EXPECT_TRUE(is_interrupted(s)) << task_state_name(s);
  }
  for (auto s : {TaskState::kUnknown, TaskState::kSubmitted, TaskState::kWorking}) {
    EXPECT_FALSE(is_terminal(s)) << task_state_name(s);
    EXPECT_FALSE(is_interrupted(s)) << task_state_name(s);
  }
  EXPECT_EQ(task_state_name(TaskState::kInputRequired), "input-required");
  EXPECT_EQ(task_state_name(TaskState::kUnknown), "unknown");
}

TEST(ProtocolTest, LooksUpMethodsOfBothVersions) {
  struct Row {
    std::string_view v1;
    std::string_view v03;
    Method method;
  };
  const Row rows[] = {
      {"SendMessage", "message/send", Method::kSendMessage},
      {"SendStreamingMessage", "message/stream", Method::kSendStreamingMessage},
      {"GetTask", "tasks/get", Method::kGetTask},
      {"CancelTask", "tasks/cancel", Method::kCancelTask},
      {"SubscribeToTask", "tasks/resubscribe", Method::kSubscribeToTask},
      {"CreateTaskPushNotificationConfig", "tasks/pushNotificationConfig/set",
       Method::kCreatePushConfig},
      {"GetExtendedAgentCard", "agent/getAuthenticatedExtendedCard", Method::kGetExtendedAgentCard},
  };
  for (const auto& row : rows) {
    const MethodLookup v1 = lookup_method(row.v1);
    EXPECT_EQ(v1.method, row.method) << row.v1;
    EXPECT_EQ(v1.version, ProtocolVersion::kV1) << row.v1;
    const MethodLookup v03 = lookup_method(row.v03);
    EXPECT_EQ(v03.method, row.method) << row.v03;
    EXPECT_EQ(v03.version, ProtocolVersion::kV03) << row.v03;
    EXPECT_EQ(method_name(row.method, ProtocolVersion::kV1), row.v1);
    EXPECT_EQ(method_name(row.method, ProtocolVersion::kV03), row.v03);
  }
  EXPECT_EQ(lookup_method("ListTasks").method, Method::kListTasks);
  EXPECT_EQ(method_name(Method::kListTasks, ProtocolVersion::kV03), "");  // v0.3 lacks it
  EXPECT_EQ(lookup_method("").method, Method::kUnknown);
  EXPECT_EQ(lookup_method("tasks/list").method, Method::kUnknown);
  EXPECT_EQ(lookup_method("sendMessage").method, Method::kUnknown);
  EXPECT_TRUE(is_streaming(Method::kSendStreamingMessage));
  EXPECT_TRUE(is_streaming(Method::kSubscribeToTask));
  EXPECT_FALSE(is_streaming(Method::kSendMessage));
}

TEST(ProtocolTest, ParsesProtocolVersions) {
  EXPECT_EQ(parse_protocol_version("1.0"), ProtocolVersion::kV1);
  EXPECT_EQ(parse_protocol_version("1"), ProtocolVersion::kV1);
  EXPECT_EQ(parse_protocol_version("1.0.0"), ProtocolVersion::kV1);
  EXPECT_EQ(parse_protocol_version("0.3"), ProtocolVersion::kV03);
  EXPECT_EQ(parse_protocol_version("0.3.0"), ProtocolVersion::kV03);
  EXPECT_EQ(parse_protocol_version("0.30"), ProtocolVersion::kUnknown);
  EXPECT_EQ(parse_protocol_version("0.2.5"), ProtocolVersion::kUnknown);
  EXPECT_EQ(parse_protocol_version("2.0"), ProtocolVersion::kUnknown);
  EXPECT_EQ(parse_protocol_version(""), ProtocolVersion::kUnknown);
  EXPECT_EQ(protocol_version_string(ProtocolVersion::kV1), "1.0");
  EXPECT_EQ(protocol_version_string(ProtocolVersion::kV03), "0.3");
}

TEST(TypesTest, MessageTextAndStreamIds) {
  Message m;
  m.parts = {Part::text_part("a"), Part::data_part({{"k", 1}}), Part::text_part("b")};
  EXPECT_EQ(m.text(), "a\nb");

  TaskStatusUpdateEvent e;
  e.task_id = "t";
  e.context_id = "c";
  const StreamResponse item = e;
  EXPECT_EQ(stream_task_id(item), "t");
  EXPECT_EQ(stream_context_id(item), "c");
}

TEST(TypesTest, CardPicksTheJsonRpcInterfaceAndBestVersion) {
  AgentCard card;
  EXPECT_EQ(card.jsonrpc_url(), "");
  EXPECT_EQ(card.best_protocol_version(), "");
  card.supported_interfaces = {{"http://h/rest", "HTTP+JSON", "1.0", ""},
                               {"http://h/rpc03", "JSONRPC", "0.3", ""},
                               {"http://h/rpc", "JSONRPC", "1.0", ""}};
  EXPECT_EQ(card.jsonrpc_url(), "http://h/rpc03");
  EXPECT_EQ(card.best_protocol_version(), "1.0");
}

}  // namespace
}  // namespace agenthub::a2a
