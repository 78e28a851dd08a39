#include "a2a/compat_v03.h"

#include <gtest/gtest.h>

#include "golden.h"

namespace agenthub::a2a {
namespace {

using testing::expect_golden;
using testing::expect_invalid;
using testing::with_member;
using testing::without_member;

Json golden(std::string_view name) { return testing::load_golden("v03", name); }

template <typename T>
auto encoder() {
  return [](const T& v) { return v03::encode(v); };
}

TEST(CompatV03Enums, StatesAreKebabCaseAndRolesLowercase) {
  EXPECT_EQ(v03::encode_state(TaskState::kInputRequired), "input-required");
  EXPECT_EQ(v03::encode_state(TaskState::kAuthRequired), "auth-required");
  EXPECT_EQ(v03::encode_state(TaskState::kCanceled), "canceled");
  EXPECT_EQ(v03::encode_state(TaskState::kUnknown), "unknown");
  for (auto s : {TaskState::kUnknown, TaskState::kSubmitted, TaskState::kWorking,
                 TaskState::kInputRequired, TaskState::kAuthRequired, TaskState::kCompleted,
                 TaskState::kFailed, TaskState::kCanceled, TaskState::kRejected}) {
    EXPECT_EQ(v03::decode_state(v03::encode_state(s)), s);
    EXPECT_EQ(v03::encode_state(s), task_state_name(s));
  }
  EXPECT_EQ(v03::decode_state("TASK_STATE_WORKING"), TaskState::kUnknown);
  EXPECT_EQ(v03::encode_role(Role::kUser), "user");
  EXPECT_EQ(v03::encode_role(Role::kAgent), "agent");
  EXPECT_EQ(v03::decode_role("agent"), Role::kAgent);
  EXPECT_EQ(v03::decode_role("ROLE_USER"), Role::kUnknown);
}

TEST(CompatV03Part, Golden) {
  const auto encode = encoder<Part>();
  expect_golden(testing::sample_text_part(), golden("part_text"), encode, v03::decode_part);
  expect_golden(testing::sample_raw_part(), golden("part_file_bytes"), encode, v03::decode_part);
  expect_golden(testing::sample_url_part(), golden("part_file_uri"), encode, v03::decode_part);
  expect_golden(testing::sample_data_part(), golden("part_data"), encode, v03::decode_part);
  // Non-object data travels wrapped, flagged in metadata, and comes back unwrapped.
  expect_golden(testing::sample_scalar_data_part(), golden("part_data_scalar"), encode,
                v03::decode_part);
}

TEST(CompatV03Part, FilePartsMapToRawAndUrl) {
  auto bytes = v03::decode_part(golden("part_file_bytes"));
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->kind, Part::Kind::kRaw);
  EXPECT_EQ(bytes->raw, std::string("\x00\x01\x02\xfa", 4));
  EXPECT_EQ(bytes->media_type, "application/octet-stream");
  EXPECT_EQ(bytes->filename, "a.bin");
  auto uri = v03::decode_part(golden("part_file_uri"));
  ASSERT_TRUE(uri.ok());
  EXPECT_EQ(uri->kind, Part::Kind::kUrl);
  EXPECT_EQ(uri->url, "https://example.com/report.pdf");
  auto scalar = v03::decode_part(golden("part_data_scalar"));
  ASSERT_TRUE(scalar.ok());
  EXPECT_EQ(scalar->data, Json::array({1, "two"}));
  EXPECT_TRUE(scalar->metadata.is_null());
  // Other metadata survives the unwrapping.
  auto kept = v03::decode_part(with_member(golden("part_data_scalar"), "/metadata/source", "x"));
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->metadata, (Json{{"source", "x"}}));
}

TEST(CompatV03Part, RejectsWrongShapes) {
  expect_invalid(v03::decode_part({{"text", "no kind"}}), "part.kind");
  expect_invalid(v03::decode_part({{"kind", "image"}}), "part.kind");
  expect_invalid(v03::decode_part({{"kind", "text"}}), "part.text");
  expect_invalid(v03::decode_part({{"kind", "file"}}), "part.file");
  expect_invalid(v03::decode_part({{"kind", "file"}, {"file", {{"name", "a"}}}}), "part.file");
  expect_invalid(v03::decode_part({{"kind", "file"}, {"file", {{"bytes", "a$b"}}}}),
                 "part.file.bytes");
  expect_invalid(v03::decode_part({{"kind", "data"}}), "part.data");
  expect_invalid(v03::decode_part(3), "part");
}

TEST(CompatV03Message, Golden) {
  expect_golden(testing::sample_message(), golden("message"), encoder<Message>(),
                v03::decode_message);
}

TEST(CompatV03Message, RejectsWrongShapes) {
  const Json g = golden("message");
  expect_invalid(v03::decode_message(with_member(g, "/role", "ROLE_USER")), "message.role");
  expect_invalid(v03::decode_message(without_member(g, "/role")), "message.role");
  expect_invalid(v03::decode_message(without_member(g, "/parts")), "message.parts");
  expect_invalid(v03::decode_message(with_member(g, "/parts", "hello")), "message.parts");
  expect_invalid(v03::decode_message(with_member(g, "/parts/3/kind", "blob")),
                 "message.parts[3].kind");
  expect_invalid(v03::decode_message(without_member(g, "/messageId")), "message.messageId");
  expect_invalid(v03::decode_message(with_member(g, "/kind", "task")), "message.kind");
}

TEST(CompatV03TaskStatus, Golden) {
  expect_golden(testing::sample_status(), golden("task_status"), encoder<TaskStatus>(),
                v03::decode_task_status);
  auto unknown = v03::decode_task_status({{"state", "paused"}});
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->state, TaskState::kUnknown);
  EXPECT_EQ(v03::encode(*unknown), (Json{{"state", "unknown"}}));
  expect_invalid(v03::decode_task_status({{"state", 2}}), "status.state");
}

TEST(CompatV03Artifact, Golden) {
  expect_golden(testing::sample_artifact(), golden("artifact"), encoder<Artifact>(),
                v03::decode_artifact);
  expect_invalid(v03::decode_artifact(without_member(golden("artifact"), "/parts")),
                 "artifact.parts");
}

TEST(CompatV03Task, Golden) {
  expect_golden(testing::sample_task(), golden("task"), encoder<Task>(), v03::decode_task);
  const Json g = golden("task");
  expect_invalid(v03::decode_task(without_member(g, "/id")), "task.id");
  expect_invalid(v03::decode_task(with_member(g, "/kind", "message")), "task.kind");
  expect_invalid(v03::decode_task(with_member(g, "/history/0/role", "system")),
                 "task.history[0].role");
  expect_invalid(v03::decode_task(with_member(g, "/artifacts/0/parts/0", {{"kind", "x"}})),
                 "task.artifacts[0].parts[0].kind");
}

TEST(CompatV03StatusUpdate, Golden) {
  expect_golden(testing::sample_status_update(), golden("status_update"),
                encoder<TaskStatusUpdateEvent>(), v03::decode_status_update);
}

TEST(CompatV03StatusUpdate, FinalMarksTheEndOfOurStreams) {
  TaskStatusUpdateEvent e = testing::sample_status_update();
  e.status.state = TaskState::kWorking;
  EXPECT_EQ(v03::encode(e)["final"], false);
  e.is_final = true;
  EXPECT_EQ(v03::encode(e)["final"], true);
  e.is_final = false;
  for (auto s : {TaskState::kCompleted, TaskState::kFailed, TaskState::kCanceled,
                 TaskState::kRejected, TaskState::kInputRequired, TaskState::kAuthRequired}) {
    e.status.state = s;
    EXPECT_EQ(v03::encode(e)["final"], true) << task_state_name(s);
  }
  // Decoding keeps what the peer said.
  auto kept = v03::decode_status_update(with_member(golden("status_update"), "/final", false));
  ASSERT_TRUE(kept.ok());
  EXPECT_FALSE(kept->is_final);
  expect_invalid(v03::decode_status_update(with_member(golden("status_update"), "/final", "no")),
                 "statusUpdate.final");
  expect_invalid(v03::decode_status_update(without_member(golden("status_update"), "/status")),
                 "statusUpdate.status");
}

TEST(CompatV03ArtifactUpdate, Golden) {
  expect_golden(testing::sample_artifact_update(), golden("artifact_update"),
                encoder<TaskArtifactUpdateEvent>(), v03::decode_artifact_update);
  TaskArtifactUpdateEvent e = testing::sample_artifact_update();
  e.append = false;
  e.last_chunk = false;
  EXPECT_EQ(v03::encode(e)["append"], false);  // always written, like the reference SDK
  EXPECT_EQ(v03::encode(e)["lastChunk"], false);
  expect_invalid(
      v03::decode_artifact_update(without_member(golden("artifact_update"), "/artifact")),
      "artifactUpdate.artifact");
}

TEST(CompatV03StreamResponse, GoldenIsUnwrappedWithKind) {
  const auto encode = encoder<StreamResponse>();
  expect_golden(StreamResponse(testing::sample_task()), golden("stream_task"), encode,
                v03::decode_stream_response);
  expect_golden(StreamResponse(testing::sample_agent_message()), golden("stream_message"), encode,
                v03::decode_stream_response);
  expect_golden(StreamResponse(testing::sample_status_update()), golden("stream_status_update"),
                encode, v03::decode_stream_response);
  expect_golden(StreamResponse(testing::sample_artifact_update()), golden("stream_artifact_update"),
                encode, v03::decode_stream_response);
}

TEST(CompatV03StreamResponse, RejectsMissingOrUnknownKind) {
  expect_invalid(v03::decode_stream_response({{"id", "t"}}), "result.kind");
  expect_invalid(v03::decode_stream_response({{"kind", "progress"}}), "result.kind");
  expect_invalid(v03::decode_stream_response({{"kind", 1}}), "result.kind");
  expect_invalid(v03::decode_stream_response({{"kind", "status-update"}, {"taskId", "t"}}),
                 "statusUpdate.status");
  // The v1.0 wrapper is not v0.3.
  expect_invalid(v03::decode_stream_response({{"task", {{"id", "t"}}}}), "result.kind");
}

TEST(CompatV03SendMessage, RequestGolden) {
  expect_golden(testing::sample_send_message_request(), golden("send_message_request"),
                encoder<SendMessageRequest>(), v03::decode_send_message_request);
}

TEST(CompatV03SendMessage, BlockingIsTheInverseOfReturnImmediately) {
  SendMessageRequest plain;
  plain.message = testing::sample_message();
  const Json encoded = v03::encode(plain);
  EXPECT_EQ(encoded["configuration"],
            (Json{{"blocking", true}, {"acceptedOutputModes", Json::array()}}));
  auto blocking = v03::decode_send_message_request(encoded);
  ASSERT_TRUE(blocking.ok());
  EXPECT_FALSE(blocking->configuration.return_immediately);

  auto absent = v03::decode_send_message_request(without_member(encoded, "/configuration"));
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->configuration.return_immediately);
  auto no_flag =
      v03::decode_send_message_request(with_member(encoded, "/configuration", Json::object()));
  ASSERT_TRUE(no_flag.ok());
  EXPECT_FALSE(no_flag->configuration.return_immediately);
  auto non_blocking =
      v03::decode_send_message_request(with_member(encoded, "/configuration/blocking", false));
  ASSERT_TRUE(non_blocking.ok());
  EXPECT_TRUE(non_blocking->configuration.return_immediately);
}

TEST(CompatV03SendMessage, RequestRejectsWrongShapes) {
  const Json g = golden("send_message_request");
  expect_invalid(v03::decode_send_message_request(without_member(g, "/message")), "message");
  expect_invalid(v03::decode_send_message_request(with_member(g, "/message/parts/1/file", "x")),
                 "message.parts[1].file");
  expect_invalid(
      v03::decode_send_message_request(with_member(g, "/configuration/blocking", "false")),
      "configuration.blocking");
  expect_invalid(v03::decode_send_message_request(nullptr), "params");
}

TEST(CompatV03SendMessage, ResponseGolden) {
  const auto encode = encoder<SendMessageResponse>();
  expect_golden(SendMessageResponse(testing::sample_task()), golden("send_message_response_task"),
                encode, v03::decode_send_message_response);
  expect_golden(SendMessageResponse(testing::sample_agent_message()),
                golden("send_message_response_message"), encode, v03::decode_send_message_response);
  expect_invalid(v03::decode_send_message_response({{"kind", "status-update"}}), "result.kind");
}

TEST(CompatV03Requests, GetCancelSubscribe) {
  expect_golden(testing::sample_get_task_request(), golden("get_task_request"),
                encoder<GetTaskRequest>(), v03::decode_get_task_request);
  expect_golden(testing::sample_cancel_task_request(), golden("cancel_task_request"),
                encoder<CancelTaskRequest>(), v03::decode_cancel_task_request);
  expect_golden(testing::sample_subscribe_request(), golden("subscribe_request"),
                encoder<SubscribeToTaskRequest>(), v03::decode_subscribe_request);
  expect_invalid(v03::decode_get_task_request({{"historyLength", 2}}), "id");
  expect_invalid(v03::decode_cancel_task_request({{"id", "t"}, {"metadata", 1}}), "metadata");
  expect_invalid(v03::decode_subscribe_request(Json::object()), "id");
}

// Verbatim output of the reference SDK's v0.3 compatibility layer decodes and encodes back to
// the same JSON. One deliberate difference: the SDK marks an input-required update
// final=false, we mark it final=true because our streams end there.
TEST(CompatV03Sdk, RecordedTrafficRoundTrips) {
  const Json result = golden("sdk_send_message_result");
  auto response = v03::decode_send_message_response(result);
  ASSERT_TRUE(response.ok()) << response.error().to_string();
  EXPECT_EQ(v03::encode(*response), result);

  const Json events = golden("sdk_stream_events");
  ASSERT_EQ(events.size(), 4u);
  for (const Json& event : events) {
    auto item = v03::decode_stream_response(event);
    ASSERT_TRUE(item.ok()) << item.error().to_string();
    Json expected = event;
    if (event["kind"] == "status-update" && event["status"]["state"] == "input-required") {
      EXPECT_FALSE(std::get<TaskStatusUpdateEvent>(*item).is_final);
      expected["final"] = true;
    }
    EXPECT_EQ(v03::encode(*item), expected);
  }

  const Json params = golden("sdk_send_message_params");
  auto request = v03::decode_send_message_request(params);
  ASSERT_TRUE(request.ok()) << request.error().to_string();
  EXPECT_EQ(v03::encode(*request), params);
  EXPECT_TRUE(request->configuration.return_immediately);
  EXPECT_EQ(request->message.parts[4].data, "str");  // unwrapped data_part_compat value
}

}  // namespace
}  // namespace agenthub::a2a
