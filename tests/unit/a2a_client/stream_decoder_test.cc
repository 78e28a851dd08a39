#include "a2a/client/stream_decoder.h"

#include <gtest/gtest.h>

#include "a2a/client/versioned_codec.h"

namespace agenthub::a2a {
namespace {

std::string event(const Json& result, int id = 1) {
  return "data: " + dump_json(Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}}) + "\n\n";
}

const Json kV1Task = {
    {"task", {{"id", "t1"}, {"contextId", "c1"}, {"status", {{"state", "TASK_STATE_SUBMITTED"}}}}}};
const Json kV1Working = {
    {"statusUpdate",
     {{"taskId", "t1"}, {"contextId", "c1"}, {"status", {{"state", "TASK_STATE_WORKING"}}}}}};
const Json kV1Artifact = {
    {"artifactUpdate",
     {{"taskId", "t1"},
      {"contextId", "c1"},
      {"artifact", {{"artifactId", "a1"}, {"parts", {{{"text", "echo: hi"}}}}}}}}};
const Json kV1Done = {
    {"statusUpdate",
     {{"taskId", "t1"}, {"contextId", "c1"}, {"status", {{"state", "TASK_STATE_COMPLETED"}}}}}};

std::string v1_stream() {
  return ": ping\n\n" + event(kV1Task) + event(kV1Working) + event(kV1Artifact) + event(kV1Done);
}

void expect_v1_items(const std::vector<StreamResponse>& items) {
  ASSERT_EQ(items.size(), 4u);
  ASSERT_TRUE(std::holds_alternative<Task>(items[0]));
  EXPECT_EQ(std::get<Task>(items[0]).id, "t1");
  ASSERT_TRUE(std::holds_alternative<TaskStatusUpdateEvent>(items[1]));
  EXPECT_EQ(std::get<TaskStatusUpdateEvent>(items[1]).status.state, TaskState::kWorking);
  ASSERT_TRUE(std::holds_alternative<TaskArtifactUpdateEvent>(items[2]));
  EXPECT_EQ(std::get<TaskArtifactUpdateEvent>(items[2]).artifact.parts.at(0).text, "echo: hi");
  ASSERT_TRUE(std::holds_alternative<TaskStatusUpdateEvent>(items[3]));
  EXPECT_EQ(std::get<TaskStatusUpdateEvent>(items[3]).status.state, TaskState::kCompleted);
  EXPECT_FALSE(client_codec::ends_stream(items[0]));
  EXPECT_FALSE(client_codec::ends_stream(items[1]));
  EXPECT_FALSE(client_codec::ends_stream(items[2]));
  EXPECT_TRUE(client_codec::ends_stream(items[3]));
}

TEST(StreamDecoder, DecodesV1Items) {
  StreamDecoder d(ProtocolVersion::kV1, 1, 1 << 20);
  std::vector<StreamResponse> items;
  ASSERT_TRUE(d.feed(v1_stream(), items).ok());
  expect_v1_items(items);
}

TEST(StreamDecoder, SplitAtEveryByteOffset) {
  const std::string stream = v1_stream();
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    StreamDecoder d(ProtocolVersion::kV1, 1, 1 << 20);
    std::vector<StreamResponse> items;
    ASSERT_TRUE(d.feed(std::string_view(stream).substr(0, cut), items).ok());
    ASSERT_TRUE(d.feed(std::string_view(stream).substr(cut), items).ok());
    SCOPED_TRACE("cut at " + std::to_string(cut));
    expect_v1_items(items);
  }
}

TEST(StreamDecoder, DecodesV03KindObjects) {
  Json task = {
      {"kind", "task"}, {"id", "t1"}, {"contextId", "c1"}, {"status", {{"state", "submitted"}}}};
  Json status = {{"kind", "status-update"},
                 {"taskId", "t1"},
                 {"contextId", "c1"},
                 {"status", {{"state", "input-required"}}},
                 {"final", true}};
  StreamDecoder d(ProtocolVersion::kV03, "req-1", 1 << 20);
  std::vector<StreamResponse> items;
  auto ev = [](const Json& r) {
    return "data: " + dump_json(Json{{"jsonrpc", "2.0"}, {"id", "req-1"}, {"result", r}}) + "\n\n";
  };
  ASSERT_TRUE(d.feed(ev(task) + ev(status), items).ok());
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(std::get<Task>(items[0]).status.state, TaskState::kSubmitted);
  const auto& update = std::get<TaskStatusUpdateEvent>(items[1]);
  EXPECT_EQ(update.status.state, TaskState::kInputRequired);
  EXPECT_TRUE(client_codec::ends_stream(items[1]));
}

TEST(StreamDecoder, ErrorEventEndsTheStreamAfterEarlierItems) {
  StreamDecoder d(ProtocolVersion::kV1, 1, 1 << 20);
  std::vector<StreamResponse> items;
  std::string stream =
      event(kV1Task) + "event: error\ndata: " +
      dump_json(Json{{"jsonrpc", "2.0"},
                     {"id", 1},
                     {"error", {{"code", -32001}, {"message", "task vanished"}}}}) +
      "\n\n" + event(kV1Working);
  Status st = d.feed(stream, items);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kTaskNotFound);
  EXPECT_EQ(st.error().message, "task vanished");
  EXPECT_EQ(items.size(), 1u);
  EXPECT_FALSE(d.feed(event(kV1Done), items).ok());  // stays failed
}

TEST(StreamDecoder, NonJsonEventData) {
  StreamDecoder d(ProtocolVersion::kV1, 1, 1 << 20);
  std::vector<StreamResponse> items;
  Status st = d.feed("data: <html>\n\n", items);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kInvalidAgentResponse);
}

TEST(StreamDecoder, UndecodableResult) {
  StreamDecoder d(ProtocolVersion::kV1, 1, 1 << 20);
  std::vector<StreamResponse> items;
  Status st = d.feed(event(Json{{"surprise", 1}}), items);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kInvalidAgentResponse);
}

TEST(StreamDecoder, OversizedEvent) {
  StreamDecoder d(ProtocolVersion::kV1, 1, 256);
  std::vector<StreamResponse> items;
  Status st = d.feed("data: \"" + std::string(1000, 'x'), items);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kResourceExhausted);
}

TEST(EndsStream, FinalStates) {
  Task t;
  for (auto [state, final] :
       {std::pair{TaskState::kWorking, false}, std::pair{TaskState::kSubmitted, false},
        std::pair{TaskState::kInputRequired, true}, std::pair{TaskState::kAuthRequired, true},
        std::pair{TaskState::kCompleted, true}, std::pair{TaskState::kCanceled, true},
        std::pair{TaskState::kFailed, true}, std::pair{TaskState::kRejected, true}}) {
    t.status.state = state;
    EXPECT_EQ(client_codec::ends_stream(StreamResponse(t)), final) << task_state_name(state);
    TaskStatusUpdateEvent e;
    e.status.state = state;
    EXPECT_EQ(client_codec::ends_stream(StreamResponse(e)), final) << task_state_name(state);
  }
  EXPECT_TRUE(client_codec::ends_stream(StreamResponse(Message{})));
  EXPECT_FALSE(client_codec::ends_stream(StreamResponse(TaskArtifactUpdateEvent{})));
  TaskStatusUpdateEvent flagged;
  flagged.status.state = TaskState::kWorking;
  flagged.is_final = true;
  EXPECT_TRUE(client_codec::ends_stream(StreamResponse(flagged)));
}

}  // namespace
}  // namespace agenthub::a2a
