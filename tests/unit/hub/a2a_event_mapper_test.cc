#include "hub/a2a_event_mapper.h"

#include <gtest/gtest.h>

#include "agents/common/run_event_wire.h"

namespace agenthub::hub {
namespace {

using a2a::TaskState;

constexpr char kTask[] = "task-1";
constexpr char kContext[] = "ctx-1";

a2a::Part run_event_part(Json data) {
  a2a::Part part = a2a::Part::data_part(std::move(data));
  part.media_type = std::string(agents::kRunEventMediaType);
  return part;
}

a2a::Message agent_message(std::string id, std::vector<a2a::Part> parts) {
  a2a::Message m;
  m.message_id = std::move(id);
  m.task_id = kTask;
  m.context_id = kContext;
  m.role = a2a::Role::kAgent;
  m.parts = std::move(parts);
  return m;
}

a2a::Message user_message(std::string id, std::string text) {
  a2a::Message m = agent_message(std::move(id), {a2a::Part::text_part(std::move(text))});
  m.role = a2a::Role::kUser;
  return m;
}

a2a::StreamResponse status_update(TaskState state, std::optional<a2a::Message> message = {},
                                  Json metadata = nullptr) {
  a2a::TaskStatusUpdateEvent update;
  update.task_id = kTask;
  update.context_id = kContext;
  update.status.state = state;
  update.status.message = std::move(message);
  update.metadata = std::move(metadata);
  return update;
}

a2a::StreamResponse artifact_update(a2a::Artifact artifact, bool append = false,
                                    bool last_chunk = true, Json metadata = nullptr) {
  a2a::TaskArtifactUpdateEvent update;
  update.task_id = kTask;
  update.context_id = kContext;
  update.artifact = std::move(artifact);
  update.append = append;
  update.last_chunk = last_chunk;
  update.metadata = std::move(metadata);
  return update;
}

a2a::Artifact text_artifact(std::string id, std::string name, std::string text) {
  a2a::Artifact a;
  a.artifact_id = std::move(id);
  a.name = std::move(name);
  a.parts.push_back(a2a::Part::text_part(std::move(text)));
  return a;
}

std::vector<EventType> types_of(const std::vector<MappedEvent>& events) {
  std::vector<EventType> out;
  for (const auto& e : events) out.push_back(e.type);
  return out;
}

TEST(RunStatusFrom, MapsEveryTaskState) {
  EXPECT_EQ(run_status_from(TaskState::kSubmitted), RunStatus::kRunning);  // the agent has it
  EXPECT_EQ(run_status_from(TaskState::kWorking), RunStatus::kRunning);
  EXPECT_EQ(run_status_from(TaskState::kInputRequired), RunStatus::kInputRequired);
  EXPECT_EQ(run_status_from(TaskState::kAuthRequired), RunStatus::kAuthRequired);
  EXPECT_EQ(run_status_from(TaskState::kCompleted), RunStatus::kCompleted);
  EXPECT_EQ(run_status_from(TaskState::kFailed), RunStatus::kFailed);
  EXPECT_EQ(run_status_from(TaskState::kCanceled), RunStatus::kCancelled);
  EXPECT_EQ(run_status_from(TaskState::kRejected), RunStatus::kRejected);
  EXPECT_EQ(run_status_from(TaskState::kUnknown), RunStatus::kUnknown);
}

TEST(A2aEventMapper, WrapperRunEventPartsBecomeTypedEvents) {
  A2aEventMapper mapper;
  auto events = mapper.map(status_update(
      TaskState::kWorking,
      agent_message("m1", {run_event_part({{"type", "command_started"}, {"command", "ls -la"}}),
                           run_event_part({{"type", "command_finished"},
                                           {"command", "ls -la"},
                                           {"exit_code", 0},
                                           {"stdout", "a\nb\n"}}),
                           run_event_part({{"type", "tool_started"},
                                           {"tool", "Read"},
                                           {"tool_use_id", "t1"},
                                           {"arguments", {{"path", "x"}}}}),
                           run_event_part({{"type", "file_changed"}, {"file_path", "src/a.cc"}}),
                           // The plain text duplicate for generic clients is ignored.
                           a2a::Part::text_part("ran ls -la")})));
  ASSERT_EQ(events.size(), 5u);  // four run events + the working status change
  EXPECT_EQ(events[0].type, EventType::kCommandStarted);
  EXPECT_EQ(events[0].data, (Json{{"command", "ls -la"}}));  // "type" is not repeated in data
  EXPECT_EQ(events[1].type, EventType::kCommandFinished);
  EXPECT_EQ(events[1].data["exit_code"], 0);
  EXPECT_EQ(events[1].data["stdout"], "a\nb\n");
  EXPECT_EQ(events[2].type, EventType::kToolStarted);
  EXPECT_EQ(events[2].data["arguments"]["path"], "x");
  EXPECT_EQ(events[3].type, EventType::kFileChanged);
  EXPECT_EQ(events[4].type, EventType::kStatusChanged);
  EXPECT_EQ(events[4].data["status"], "running");
  EXPECT_EQ(mapper.task_id(), kTask);
  EXPECT_EQ(mapper.context_id(), kContext);
}

TEST(A2aEventMapper, CapturesBackendSessionIdFromRunEvent) {
  A2aEventMapper mapper;
  EXPECT_TRUE(mapper.backend_session_id().empty());
  auto events = mapper.map(
      status_update(TaskState::kWorking,
                    agent_message("m1", {run_event_part({{"type", "status_changed"},
                                                         {"status", "running"},
                                                         {"backend_session_id", "thread-42"}})})));
  EXPECT_EQ(mapper.backend_session_id(), "thread-42");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].type, EventType::kStatusChanged);
  EXPECT_EQ(events[0].data["backend_session_id"], "thread-42");
}

TEST(A2aEventMapper, RunEventAgentMessageFeedsTheFallbackFinalResponse) {
  A2aEventMapper mapper;
  (void)mapper.map(status_update(
      TaskState::kWorking,
      agent_message("m1", {run_event_part({{"type", "agent_message"}, {"text", "all done"}})})));
  (void)mapper.map(status_update(TaskState::kCompleted));
  EXPECT_EQ(mapper.result()["final_response"], "all done");
}

TEST(A2aEventMapper, PeerCannotDictateReservedEventTypes) {
  A2aEventMapper mapper;
  auto events = mapper.map(status_update(
      TaskState::kWorking,
      agent_message("m1", {run_event_part({{"type", "run_completed"}, {"final_response", "x"}}),
                           run_event_part({{"type", "no_such_type"}})})));
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events[0].type, EventType::kMessageAdded);
  EXPECT_EQ(events[0].data["content"]["type"], "run_completed");
  EXPECT_EQ(events[1].type, EventType::kMessageAdded);
  for (const auto& e : events) EXPECT_NE(e.type, EventType::kRunCompleted);
}

TEST(A2aEventMapper, GenericAgentTextBecomesAgentMessage) {
  A2aEventMapper mapper;
  a2a::Message message =
      agent_message("m1", {a2a::Part::text_part("hello"), a2a::Part::text_part("world")});
  auto events = mapper.map(a2a::StreamResponse(message));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, EventType::kAgentMessage);
  EXPECT_EQ(events[0].data["text"], "hello\nworld");
  EXPECT_EQ(events[0].data["role"], "agent");
}

TEST(A2aEventMapper, WorkingStatusMessageBecomesAgentMessageAfterStatusChange) {
  A2aEventMapper mapper;
  auto events = mapper.map(
      status_update(TaskState::kWorking, agent_message("m1", {a2a::Part::text_part("received")})));
  ASSERT_EQ(types_of(events),
            (std::vector<EventType>{EventType::kAgentMessage, EventType::kStatusChanged}));
  EXPECT_EQ(events[0].data["text"], "received");
  EXPECT_EQ(events[1].data["status"], "running");
  EXPECT_TRUE(events[1].data["previous_status"].is_null());
  EXPECT_EQ(events[1].data["task_id"], kTask);
  EXPECT_EQ(events[1].data["context_id"], kContext);

  // A second working update is not a change of status: only its message.
  events = mapper.map(
      status_update(TaskState::kWorking, agent_message("m2", {a2a::Part::text_part("echoing")})));
  EXPECT_EQ(types_of(events), (std::vector<EventType>{EventType::kAgentMessage}));
}

TEST(A2aEventMapper, NonTextPartsBecomeMessageAdded) {
  A2aEventMapper mapper;
  a2a::Message message =
      agent_message("m1", {a2a::Part::text_part("see attached"), a2a::Part::data_part({{"k", 1}}),
                           a2a::Part::url_part("https://example.com/f.txt", "text/plain", "f.txt"),
                           a2a::Part::raw_part("AB", "application/octet-stream")});
  auto events = mapper.map(a2a::StreamResponse(message));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, EventType::kMessageAdded);
  const Json& data = events[0].data;
  EXPECT_EQ(data["content"], "see attached");
  EXPECT_EQ(data["message_id"], "m1");
  ASSERT_EQ(data["parts"].size(), 3u);
  EXPECT_EQ(data["parts"][0], (Json{{"type", "data"}, {"data", {{"k", 1}}}}));
  EXPECT_EQ(data["parts"][1]["type"], "file");
  EXPECT_EQ(data["parts"][1]["uri"], "https://example.com/f.txt");
  EXPECT_EQ(data["parts"][1]["mime_type"], "text/plain");
  EXPECT_EQ(data["parts"][1]["name"], "f.txt");
  EXPECT_EQ(data["parts"][2]["bytes_base64"], "QUI=");
}

TEST(A2aEventMapper, ArtifactsBecomeArtifactAddedAndResultArtifacts) {
  A2aEventMapper mapper;
  auto events =
      mapper.map(artifact_update(text_artifact("a1", "report", "part one"), false, false));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, EventType::kArtifactAdded);
  EXPECT_EQ(events[0].data["artifact_id"], "a1");
  EXPECT_EQ(events[0].data["name"], "report");
  EXPECT_EQ(events[0].data["text"], "part one");
  EXPECT_EQ(events[0].data["append"], false);
  EXPECT_EQ(events[0].data["last_chunk"], false);

  events = mapper.map(artifact_update(text_artifact("a1", "report", ", part two"), true, true));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data["append"], true);
  EXPECT_EQ(events[0].data["text"], ", part two");  // the event carries the chunk only

  events = mapper.map(artifact_update(text_artifact("a2", "notes", "n")));
  ASSERT_EQ(events.size(), 1u);

  Json result = mapper.result();
  ASSERT_EQ(result["artifacts"].size(), 2u);
  EXPECT_EQ(result["artifacts"][0]["artifact_id"], "a1");
  EXPECT_EQ(result["artifacts"][0]["text"], "part one, part two");  // the result accumulates
  EXPECT_EQ(result["artifacts"][1]["artifact_id"], "a2");
  EXPECT_EQ(result["artifacts"][1]["text"], "n");
  // Without a result artifact or a completed status text, the newest artifact text answers.
  EXPECT_EQ(result["final_response"], "n");
}

TEST(A2aEventMapper, ArtifactReplacedWithoutAppend) {
  A2aEventMapper mapper;
  (void)mapper.map(artifact_update(text_artifact("a1", "r", "old")));
  (void)mapper.map(artifact_update(text_artifact("a1", "r", "new")));
  Json result = mapper.result();
  ASSERT_EQ(result["artifacts"].size(), 1u);
  EXPECT_EQ(result["artifacts"][0]["text"], "new");
}

TEST(A2aEventMapper, ResultArtifactSetsFinalResponseStructuredOutputAndUsageWithoutEvent) {
  A2aEventMapper mapper;
  a2a::Artifact result_artifact = text_artifact("r1", "result", "the answer");
  result_artifact.parts.push_back(a2a::Part::data_part({{"ok", true}}));
  result_artifact.metadata = {{agents::kMetaResultMarker, true},
                              {agents::kMetaUsage, {{"input_tokens", 10}}}};
  auto events = mapper.map(artifact_update(result_artifact));
  EXPECT_TRUE(events.empty());

  // A later chunk appended to the result.
  a2a::Artifact more = text_artifact("r1", "result", " (more)");
  more.metadata = {{agents::kMetaResultMarker, true}};
  EXPECT_TRUE(mapper.map(artifact_update(more, true)).empty());

  events = mapper.map(
      status_update(TaskState::kCompleted, agent_message("m9", {a2a::Part::text_part("bye")})));
  EXPECT_TRUE(events.empty());  // terminal: the run emits its own terminal event
  Json result = mapper.result();
  EXPECT_EQ(result["final_response"], "the answer (more)");  // the result artifact wins
  EXPECT_EQ(result["structured_output"], (Json{{"ok", true}}));
  EXPECT_EQ(result["usage"], (Json{{"input_tokens", 10}}));
  EXPECT_TRUE(result["artifacts"].empty());  // the result artifact is not an extra artifact
}

TEST(A2aEventMapper, UsageFromStatusMetadata) {
  A2aEventMapper mapper;
  (void)mapper.map(
      status_update(TaskState::kWorking, std::nullopt, {{agents::kMetaUsage, {{"tokens", 3}}}}));
  EXPECT_EQ(mapper.result()["usage"], (Json{{"tokens", 3}}));
}

TEST(A2aEventMapper, CompletedStatusTextIsFinalResponseAndNoEvent) {
  A2aEventMapper mapper;
  (void)mapper.map(status_update(TaskState::kWorking));
  auto events = mapper.map(status_update(TaskState::kCompleted,
                                         agent_message("m2", {a2a::Part::text_part("echo: hi")})));
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(mapper.state(), TaskState::kCompleted);
  EXPECT_EQ(mapper.status_text(), "echo: hi");
  EXPECT_EQ(mapper.result()["final_response"], "echo: hi");
}

TEST(A2aEventMapper, TerminalStatesProduceNoEvents) {
  for (TaskState state :
       {TaskState::kCompleted, TaskState::kFailed, TaskState::kCanceled, TaskState::kRejected}) {
    A2aEventMapper mapper;
    (void)mapper.map(status_update(TaskState::kWorking));
    auto events =
        mapper.map(status_update(state, agent_message("m", {a2a::Part::text_part("reason")})));
    EXPECT_TRUE(events.empty()) << a2a::task_state_name(state);
    EXPECT_EQ(mapper.state(), state);
    EXPECT_EQ(mapper.status_text(), "reason");
  }
}

TEST(A2aEventMapper, InputRequiredCarriesTheQuestion) {
  A2aEventMapper mapper;
  (void)mapper.map(status_update(TaskState::kWorking));
  auto events = mapper.map(
      status_update(TaskState::kInputRequired,
                    agent_message("q1", {a2a::Part::text_part("which file?"),
                                         a2a::Part::data_part({{"choices", {"a", "b"}}})})));
  ASSERT_EQ(types_of(events),
            (std::vector<EventType>{EventType::kStatusChanged, EventType::kInputRequired}));
  EXPECT_EQ(events[0].data["status"], "input_required");
  EXPECT_EQ(events[0].data["previous_status"], "running");
  EXPECT_EQ(events[1].data["message"], "which file?");
  EXPECT_EQ(events[1].data["task_id"], kTask);
  EXPECT_EQ(events[1].data["context_id"], kContext);
  ASSERT_EQ(events[1].data["parts"].size(), 1u);
  EXPECT_EQ(events[1].data["parts"][0]["type"], "data");
}

TEST(A2aEventMapper, AuthRequiredEvent) {
  A2aEventMapper mapper;
  auto events = mapper.map(status_update(
      TaskState::kAuthRequired, agent_message("a1", {a2a::Part::text_part("log in first")})));
  ASSERT_EQ(types_of(events),
            (std::vector<EventType>{EventType::kStatusChanged, EventType::kAuthRequired}));
  EXPECT_EQ(events[0].data["status"], "auth_required");
  EXPECT_EQ(events[1].data["message"], "log in first");
}

TEST(A2aEventMapper, AssumeStateMakesTheNextReportOfItNoChange) {
  A2aEventMapper mapper;
  (void)mapper.map(status_update(TaskState::kInputRequired,
                                 agent_message("q1", {a2a::Part::text_part("which?")})));
  mapper.assume_state(TaskState::kWorking);  // continue_run sent the answer
  auto events = mapper.map(status_update(TaskState::kWorking));
  EXPECT_TRUE(events.empty());
  // Asked again: that is a change once more.
  events = mapper.map(status_update(TaskState::kInputRequired,
                                    agent_message("q2", {a2a::Part::text_part("and then?")})));
  ASSERT_EQ(types_of(events),
            (std::vector<EventType>{EventType::kStatusChanged, EventType::kInputRequired}));
  EXPECT_EQ(events[1].data["message"], "and then?");
}

TEST(A2aEventMapper, TaskSnapshotsDoNotRepeatMessagesOrArtifacts) {
  a2a::Task task;
  task.id = kTask;
  task.context_id = kContext;
  task.history = {user_message("u1", "do it"),
                  agent_message("m1", {a2a::Part::text_part("step one")})};
  task.status.state = TaskState::kWorking;
  task.artifacts = {text_artifact("a1", "out", "x")};

  A2aEventMapper mapper;
  auto events = mapper.map(a2a::StreamResponse(task));
  EXPECT_EQ(types_of(events),
            (std::vector<EventType>{EventType::kAgentMessage, EventType::kArtifactAdded,
                                    EventType::kStatusChanged}));
  EXPECT_EQ(events[0].data["text"], "step one");

  // GetTask again, one more message in history: only it is new.
  task.history.push_back(agent_message("m2", {a2a::Part::text_part("step two")}));
  events = mapper.map(a2a::StreamResponse(task));
  ASSERT_EQ(types_of(events), (std::vector<EventType>{EventType::kAgentMessage}));
  EXPECT_EQ(events[0].data["text"], "step two");

  // The same snapshot a third time: nothing.
  EXPECT_TRUE(mapper.map(a2a::StreamResponse(task)).empty());
}

TEST(A2aEventMapper, TaskSnapshotStatusMessageReportedOnceNotAlsoAsHistory) {
  a2a::Message question = agent_message("q1", {a2a::Part::text_part("which?")});
  a2a::Task task;
  task.id = kTask;
  task.context_id = kContext;
  task.history = {user_message("u1", "ask: which?"), question};
  task.status.state = TaskState::kInputRequired;
  task.status.message = question;

  A2aEventMapper mapper;
  auto events = mapper.map(a2a::StreamResponse(task));
  ASSERT_EQ(types_of(events),
            (std::vector<EventType>{EventType::kStatusChanged, EventType::kInputRequired}));
  EXPECT_EQ(events[1].data["message"], "which?");
  EXPECT_TRUE(mapper.map(a2a::StreamResponse(task)).empty());
}

TEST(A2aEventMapper, UserRoleHistoryIgnored) {
  a2a::Task task;
  task.id = kTask;
  task.context_id = kContext;
  task.history = {user_message("u1", "my own prompt"), user_message("u2", "my follow-up")};
  task.status.state = TaskState::kSubmitted;
  A2aEventMapper mapper;
  auto events = mapper.map(a2a::StreamResponse(task));
  EXPECT_EQ(types_of(events), (std::vector<EventType>{EventType::kStatusChanged}));
  EXPECT_EQ(events[0].data["status"], "running");  // accepted by the agent
  // Starting work on it changes nothing the run reports.
  task.status.state = TaskState::kWorking;
  EXPECT_TRUE(mapper.map(a2a::StreamResponse(task)).empty());
  // A user message streamed on its own is ignored too.
  EXPECT_TRUE(mapper.map(a2a::StreamResponse(user_message("u3", "echoed"))).empty());
}

TEST(A2aEventMapper, TasklessDirectReplyCompletesWithItsText) {
  A2aEventMapper mapper;
  a2a::Message reply;
  reply.message_id = "m1";
  reply.context_id = kContext;
  reply.role = a2a::Role::kAgent;
  reply.parts = {a2a::Part::text_part("direct answer")};
  auto events = mapper.map(a2a::StreamResponse(reply));
  EXPECT_EQ(types_of(events), (std::vector<EventType>{EventType::kAgentMessage}));
  EXPECT_EQ(mapper.state(), TaskState::kCompleted);
  EXPECT_EQ(mapper.result()["final_response"], "direct answer");
  EXPECT_EQ(mapper.context_id(), kContext);
  EXPECT_TRUE(mapper.task_id().empty());
}

TEST(A2aEventMapper, EmptyResultIsNulls) {
  A2aEventMapper mapper;
  Json result = mapper.result();
  EXPECT_TRUE(result["final_response"].is_null());
  EXPECT_TRUE(result["structured_output"].is_null());
  EXPECT_TRUE(result["usage"].is_null());
  EXPECT_EQ(result["artifacts"], Json::array());
}

}  // namespace
}  // namespace agenthub::hub
