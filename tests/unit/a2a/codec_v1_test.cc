#include "a2a/codec_v1.h"

#include <gtest/gtest.h>

#include "golden.h"

namespace agenthub::a2a {
namespace {

using testing::expect_golden;
using testing::expect_invalid;
using testing::with_member;
using testing::without_member;

Json golden(std::string_view name) { return testing::load_golden("v1", name); }

// v1::encode is overloaded; these pin one overload each for the generic checks.
template <typename T>
auto encoder() {
  return [](const T& v) { return v1::encode(v); };
}

TEST(CodecV1Enums, StatesAndRolesUseProtoNames) {
  EXPECT_EQ(v1::encode_state(TaskState::kWorking), "TASK_STATE_WORKING");
  EXPECT_EQ(v1::encode_state(TaskState::kInputRequired), "TASK_STATE_INPUT_REQUIRED");
  EXPECT_EQ(v1::encode_state(TaskState::kUnknown), "TASK_STATE_UNSPECIFIED");
  for (auto s : {TaskState::kSubmitted, TaskState::kWorking, TaskState::kInputRequired,
                 TaskState::kAuthRequired, TaskState::kCompleted, TaskState::kFailed,
                 TaskState::kCanceled, TaskState::kRejected}) {
    EXPECT_EQ(v1::decode_state(v1::encode_state(s)), s);
  }
  EXPECT_EQ(v1::decode_state("working"), TaskState::kUnknown);
  EXPECT_EQ(v1::encode_role(Role::kUser), "ROLE_USER");
  EXPECT_EQ(v1::encode_role(Role::kAgent), "ROLE_AGENT");
  EXPECT_EQ(v1::decode_role("ROLE_AGENT"), Role::kAgent);
  EXPECT_EQ(v1::decode_role("user"), Role::kUnknown);
}

TEST(CodecV1Part, Golden) {
  expect_golden(testing::sample_text_part(), golden("part_text"), encoder<Part>(), v1::decode_part);
  expect_golden(testing::sample_raw_part(), golden("part_raw"), encoder<Part>(), v1::decode_part);
  expect_golden(testing::sample_url_part(), golden("part_url"), encoder<Part>(), v1::decode_part);
  expect_golden(testing::sample_data_part(), golden("part_data"), encoder<Part>(), v1::decode_part);
  expect_golden(testing::sample_scalar_data_part(), golden("part_data_scalar"), encoder<Part>(),
                v1::decode_part);
}

TEST(CodecV1Part, DecodesBytesAndKinds) {
  auto raw = v1::decode_part(golden("part_raw"));
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->kind, Part::Kind::kRaw);
  EXPECT_EQ(raw->raw, std::string("\x00\x01\x02\xfa", 4));
  EXPECT_EQ(raw->filename, "a.bin");
  auto unpadded = v1::decode_part({{"raw", "AAEC+g"}});
  ASSERT_TRUE(unpadded.ok());
  EXPECT_EQ(unpadded->raw, std::string("\x00\x01\x02\xfa", 4));
  auto snake = v1::decode_part({{"text", "t"}, {"media_type", "text/plain"}});
  ASSERT_TRUE(snake.ok());
  EXPECT_EQ(snake->media_type, "text/plain");
}

TEST(CodecV1Part, RejectsWrongShapes) {
  expect_invalid(v1::decode_part({{"mediaType", "text/plain"}}), "part");
  expect_invalid(v1::decode_part({{"text", "a"}, {"url", "https://x"}}), "part");
  expect_invalid(v1::decode_part({{"raw", "not base64!"}}), "part.raw");
  expect_invalid(v1::decode_part({{"text", 5}}), "part.text");
  expect_invalid(v1::decode_part({{"text", "a"}, {"metadata", Json::array()}}), "part.metadata");
  expect_invalid(v1::decode_part(Json::array()), "part");
  // A v0.3 file part is not a v1.0 part.
  expect_invalid(v1::decode_part({{"kind", "file"}, {"file", {{"uri", "https://x"}}}}), "part");
}

TEST(CodecV1Message, Golden) {
  expect_golden(testing::sample_message(), golden("message"), encoder<Message>(),
                v1::decode_message);
}

TEST(CodecV1Message, ToleratesAbsentAndUnknownEnumValues) {
  // ProtoJSON omits ROLE_UNSPECIFIED and empty lists; newer peers may send names we lack.
  auto bare = v1::decode_message({{"messageId", "m"}});
  ASSERT_TRUE(bare.ok()) << bare.error().to_string();
  EXPECT_EQ(bare->role, Role::kUnknown);
  EXPECT_TRUE(bare->parts.empty());
  auto unknown_role = v1::decode_message({{"messageId", "m"}, {"role", "ROLE_ROBOT"}});
  ASSERT_TRUE(unknown_role.ok());
  EXPECT_EQ(unknown_role->role, Role::kUnknown);
  auto numeric = v1::decode_message({{"messageId", "m"}, {"role", 2}});
  ASSERT_TRUE(numeric.ok());
  EXPECT_EQ(numeric->role, Role::kAgent);
  auto snake = v1::decode_message(
      {{"message_id", "m"}, {"context_id", "c"}, {"reference_task_ids", {"t0"}}});
  ASSERT_TRUE(snake.ok());
  EXPECT_EQ(snake->context_id, "c");
  EXPECT_EQ(snake->reference_task_ids, std::vector<std::string>{"t0"});
}

TEST(CodecV1Message, RejectsWrongShapes) {
  const Json g = golden("message");
  expect_invalid(v1::decode_message(with_member(g, "/parts", {{"text", "x"}})), "message.parts");
  expect_invalid(v1::decode_message(with_member(g, "/parts/2", Json::object())),
                 "message.parts[2]");
  expect_invalid(v1::decode_message(with_member(g, "/parts/1/raw", "@@")), "message.parts[1].raw");
  expect_invalid(v1::decode_message(without_member(g, "/messageId")), "message.messageId");
  expect_invalid(v1::decode_message(with_member(g, "/messageId", 12)), "message.messageId");
  expect_invalid(v1::decode_message(with_member(g, "/role", Json::object())), "message.role");
  expect_invalid(v1::decode_message(with_member(g, "/extensions", {1})), "message.extensions[0]");
  expect_invalid(v1::decode_message("text"), "message");
}

TEST(CodecV1TaskStatus, Golden) {
  expect_golden(testing::sample_status(), golden("task_status"), encoder<TaskStatus>(),
                v1::decode_task_status);
}

TEST(CodecV1TaskStatus, ReadsStatesByNameOrNumber) {
  auto numeric = v1::decode_task_status({{"state", 6}});
  ASSERT_TRUE(numeric.ok());
  EXPECT_EQ(numeric->state, TaskState::kInputRequired);
  auto newer = v1::decode_task_status({{"state", "TASK_STATE_PAUSED"}});
  ASSERT_TRUE(newer.ok());
  EXPECT_EQ(newer->state, TaskState::kUnknown);
  auto absent = v1::decode_task_status(Json::object());
  ASSERT_TRUE(absent.ok());
  EXPECT_EQ(v1::encode(*absent), Json::object());
  expect_invalid(v1::decode_task_status({{"state", {1}}}), "status.state");
  expect_invalid(v1::decode_task_status({{"message", {{"role", "ROLE_AGENT"}}}}),
                 "status.message.messageId");
}

TEST(CodecV1Artifact, Golden) {
  expect_golden(testing::sample_artifact(), golden("artifact"), encoder<Artifact>(),
                v1::decode_artifact);
  expect_invalid(v1::decode_artifact(with_member(golden("artifact"), "/parts", "done")),
                 "artifact.parts");
  expect_invalid(v1::decode_artifact(with_member(golden("artifact"), "/name", false)),
                 "artifact.name");
}

TEST(CodecV1Task, Golden) {
  expect_golden(testing::sample_task(), golden("task"), encoder<Task>(), v1::decode_task);
}

TEST(CodecV1Task, RejectsWrongShapes) {
  const Json g = golden("task");
  expect_invalid(v1::decode_task(without_member(g, "/id")), "task.id");
  expect_invalid(v1::decode_task(with_member(g, "/status", "done")), "task.status");
  expect_invalid(v1::decode_task(with_member(g, "/history/1/parts", Json::object())),
                 "task.history[1].parts");
  expect_invalid(v1::decode_task(with_member(g, "/artifacts/0/parts/1", {{"foo", 1}})),
                 "task.artifacts[0].parts[1]");
  expect_invalid(v1::decode_task(with_member(g, "/metadata", "k")), "task.metadata");
}

TEST(CodecV1Task, DefaultsMissingOptionalMembers) {
  auto t = v1::decode_task({{"id", "t"}});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->status.state, TaskState::kUnknown);
  EXPECT_TRUE(t->history.empty());
  EXPECT_TRUE(t->metadata.is_null());
  EXPECT_EQ(v1::encode(*t), (Json{{"id", "t"}, {"status", Json::object()}}));
}

TEST(CodecV1StatusUpdate, Golden) {
  expect_golden(testing::sample_status_update(), golden("status_update"),
                encoder<TaskStatusUpdateEvent>(), v1::decode_status_update);
}

TEST(CodecV1StatusUpdate, FinalIsDerivedFromTheState) {
  auto interrupted = v1::decode_status_update(golden("status_update"));
  ASSERT_TRUE(interrupted.ok());
  EXPECT_TRUE(interrupted->is_final);
  auto working = v1::decode_status_update(
      with_member(golden("status_update"), "/status/state", "TASK_STATE_WORKING"));
  ASSERT_TRUE(working.ok());
  EXPECT_FALSE(working->is_final);
  auto done = v1::decode_status_update(
      with_member(golden("status_update"), "/status/state", "TASK_STATE_CANCELED"));
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->is_final);
  // The encoder never writes v0.3's `final`.
  EXPECT_FALSE(v1::encode(*done).contains("final"));
}

TEST(CodecV1StatusUpdate, RejectsWrongShapes) {
  const Json g = golden("status_update");
  expect_invalid(v1::decode_status_update(without_member(g, "/status")), "statusUpdate.status");
  expect_invalid(v1::decode_status_update(without_member(g, "/taskId")), "statusUpdate.taskId");
}

TEST(CodecV1ArtifactUpdate, Golden) {
  expect_golden(testing::sample_artifact_update(), golden("artifact_update"),
                encoder<TaskArtifactUpdateEvent>(), v1::decode_artifact_update);
}

TEST(CodecV1ArtifactUpdate, OmitsFalseFlagsAndRejectsWrongShapes) {
  TaskArtifactUpdateEvent e = testing::sample_artifact_update();
  e.append = false;
  e.last_chunk = false;
  const Json encoded = v1::encode(e);
  EXPECT_FALSE(encoded.contains("append"));
  EXPECT_FALSE(encoded.contains("lastChunk"));
  const Json g = golden("artifact_update");
  expect_invalid(v1::decode_artifact_update(without_member(g, "/artifact")),
                 "artifactUpdate.artifact");
  expect_invalid(v1::decode_artifact_update(with_member(g, "/append", "yes")),
                 "artifactUpdate.append");
}

TEST(CodecV1StreamResponse, Golden) {
  const auto encode = encoder<StreamResponse>();
  expect_golden(StreamResponse(testing::sample_task()), golden("stream_task"), encode,
                v1::decode_stream_response);
  expect_golden(StreamResponse(testing::sample_agent_message()), golden("stream_message"), encode,
                v1::decode_stream_response);
  expect_golden(StreamResponse(testing::sample_status_update()), golden("stream_status_update"),
                encode, v1::decode_stream_response);
  expect_golden(StreamResponse(testing::sample_artifact_update()), golden("stream_artifact_update"),
                encode, v1::decode_stream_response);
}

TEST(CodecV1StreamResponse, RejectsWrongShapes) {
  expect_invalid(v1::decode_stream_response(Json::object()), "result");
  expect_invalid(
      v1::decode_stream_response({{"task", {{"id", "t"}}}, {"message", {{"messageId", "m"}}}}),
      "result");
  expect_invalid(v1::decode_stream_response({{"task", {{"contextId", "c"}}}}), "task.id");
  expect_invalid(v1::decode_stream_response({{"statusUpdate", {{"taskId", "t"}}}}),
                 "statusUpdate.status");
  // The unwrapped v0.3 form is not accepted in v1.0.
  expect_invalid(v1::decode_stream_response(
                     {{"kind", "task"}, {"id", "t"}, {"status", {{"state", "working"}}}}),
                 "result");
  auto snake = v1::decode_stream_response(
      {{"status_update", {{"task_id", "t"}, {"status", {{"state", "TASK_STATE_WORKING"}}}}}});
  ASSERT_TRUE(snake.ok()) << snake.error().to_string();
  EXPECT_EQ(std::get<TaskStatusUpdateEvent>(*snake).task_id, "t");
}

TEST(CodecV1SendMessage, RequestGolden) {
  expect_golden(testing::sample_send_message_request(), golden("send_message_request"),
                encoder<SendMessageRequest>(), v1::decode_send_message_request);
}

TEST(CodecV1SendMessage, RequestDefaultsAndRejects) {
  SendMessageRequest plain;
  plain.message = testing::sample_agent_message();
  plain.message.role = Role::kUser;
  const Json encoded = v1::encode(plain);
  EXPECT_FALSE(encoded.contains("configuration"));  // all defaults
  auto decoded = v1::decode_send_message_request(encoded);
  ASSERT_TRUE(decoded.ok());
  EXPECT_FALSE(decoded->configuration.return_immediately);
  EXPECT_FALSE(decoded->configuration.history_length.has_value());

  // v0.3's `blocking` means nothing in v1.0 (the reference SDK ignores it too).
  auto blocking = v1::decode_send_message_request(
      with_member(encoded, "/configuration", {{"blocking", false}}));
  ASSERT_TRUE(blocking.ok());
  EXPECT_FALSE(blocking->configuration.return_immediately);
  auto string_number = v1::decode_send_message_request(
      with_member(encoded, "/configuration", {{"historyLength", "3"}}));
  ASSERT_TRUE(string_number.ok());
  EXPECT_EQ(string_number->configuration.history_length, 3);

  const Json g = golden("send_message_request");
  expect_invalid(v1::decode_send_message_request(without_member(g, "/message")), "message");
  expect_invalid(v1::decode_send_message_request(without_member(g, "/message/role")),
                 "message.role");
  expect_invalid(v1::decode_send_message_request(with_member(g, "/message/role", "user")),
                 "message.role");
  expect_invalid(v1::decode_send_message_request(with_member(g, "/message/parts/2", 3)),
                 "message.parts[2]");
  expect_invalid(
      v1::decode_send_message_request(with_member(g, "/configuration/historyLength", "abc")),
      "configuration.historyLength");
  expect_invalid(
      v1::decode_send_message_request(with_member(g, "/configuration/returnImmediately", 1)),
      "configuration.returnImmediately");
  expect_invalid(v1::decode_send_message_request(Json::array({1})), "params");
}

TEST(CodecV1SendMessage, ResponseGolden) {
  const auto encode = encoder<SendMessageResponse>();
  expect_golden(SendMessageResponse(testing::sample_task()), golden("send_message_response_task"),
                encode, v1::decode_send_message_response);
  expect_golden(SendMessageResponse(testing::sample_agent_message()),
                golden("send_message_response_message"), encode, v1::decode_send_message_response);
  expect_invalid(v1::decode_send_message_response(Json::object()), "result");
  expect_invalid(v1::decode_send_message_response({{"statusUpdate", Json::object()}}), "result");
}

TEST(CodecV1Requests, GetTask) {
  expect_golden(testing::sample_get_task_request(), golden("get_task_request"),
                encoder<GetTaskRequest>(), v1::decode_get_task_request);
  expect_invalid(v1::decode_get_task_request(Json::object()), "id");
  expect_invalid(v1::decode_get_task_request({{"id", "t"}, {"historyLength", 1.5}}),
                 "historyLength");
  expect_invalid(v1::decode_get_task_request({{"id", "t"}, {"historyLength", 1e300}}),
                 "historyLength");
  expect_invalid(v1::decode_get_task_request({{"id", "t"}, {"historyLength", 4294967296LL}}),
                 "historyLength");
  auto whole = v1::decode_get_task_request({{"id", "t"}, {"historyLength", 2.0}});
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->history_length, 2);
}

TEST(CodecV1Requests, ListTasks) {
  expect_golden(testing::sample_list_tasks_request(), golden("list_tasks_request"),
                encoder<ListTasksRequest>(), v1::decode_list_tasks_request);
  auto empty = v1::decode_list_tasks_request(Json::object());
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->status.has_value());
  EXPECT_EQ(v1::encode(*empty), Json::object());
  auto unspecified = v1::decode_list_tasks_request({{"status", "TASK_STATE_UNSPECIFIED"}});
  ASSERT_TRUE(unspecified.ok());
  EXPECT_FALSE(unspecified->status.has_value());
  expect_invalid(v1::decode_list_tasks_request({{"status", "BOGUS"}}), "status");
  expect_invalid(v1::decode_list_tasks_request({{"pageSize", "ten"}}), "pageSize");
}

TEST(CodecV1Requests, ListTasksResponse) {
  expect_golden(testing::sample_list_tasks_response(), golden("list_tasks_response"),
                encoder<ListTasksResponse>(), v1::decode_list_tasks_response);
  // Like the reference server, every member is written even when empty.
  EXPECT_EQ(
      v1::encode(ListTasksResponse{}),
      (Json{{"tasks", Json::array()}, {"nextPageToken", ""}, {"pageSize", 0}, {"totalSize", 0}}));
  expect_invalid(v1::decode_list_tasks_response({{"tasks", Json::array({{{"id", 3}}})}}),
                 "tasks[0].id");
}

TEST(CodecV1Requests, CancelAndSubscribe) {
  expect_golden(testing::sample_cancel_task_request(), golden("cancel_task_request"),
                encoder<CancelTaskRequest>(), v1::decode_cancel_task_request);
  expect_golden(testing::sample_subscribe_request(), golden("subscribe_request"),
                encoder<SubscribeToTaskRequest>(), v1::decode_subscribe_request);
  expect_invalid(v1::decode_cancel_task_request({{"id", ""}}), "id");
  expect_invalid(v1::decode_subscribe_request({{"id", 4}}), "id");
  expect_invalid(v1::decode_subscribe_request("t"), "params");
}

// Verbatim output of the reference SDK (server results and client requests) decodes and
// encodes back to the same JSON.
TEST(CodecV1Sdk, RecordedTrafficRoundTrips) {
  const Json result = golden("sdk_send_message_result");
  auto response = v1::decode_send_message_response(result);
  ASSERT_TRUE(response.ok()) << response.error().to_string();
  EXPECT_EQ(v1::encode(*response), result);
  const Task& task = std::get<Task>(*response);
  EXPECT_EQ(task.status.state, TaskState::kCompleted);
  ASSERT_EQ(task.artifacts.size(), 1u);
  ASSERT_EQ(task.artifacts[0].parts.size(), 5u);
  EXPECT_EQ(task.artifacts[0].parts[1].raw, std::string("hello\x00\xc3\xbf", 8));

  for (const Json& event : golden("sdk_stream_events")) {
    auto item = v1::decode_stream_response(event);
    ASSERT_TRUE(item.ok()) << item.error().to_string();
    EXPECT_EQ(v1::encode(*item), event);
  }

  const Json params = golden("sdk_send_message_params");
  auto request = v1::decode_send_message_request(params);
  ASSERT_TRUE(request.ok()) << request.error().to_string();
  EXPECT_EQ(v1::encode(*request), params);
  EXPECT_TRUE(request->configuration.return_immediately);
}

}  // namespace
}  // namespace agenthub::a2a
