// Our client against an agent built on the reference @a2a-js/sdk server (js_echo_agent.mjs),
// in each of its modes: v1.0 only, v1.0 + the SDK's v0.3 compatibility layer (spoken as v1.0
// and, forced, as v0.3), a v0.3-shaped card, and a server that refuses v1.0 so we must fall
// back. Each test starts its own agent on a random port and stops it at the end.

#include <gtest/gtest.h>

#include "../../integration/a2a_client/agent_process.h"
#include "a2a/client/client.h"

namespace agenthub::a2a {
namespace {

using testing::AgentProcess;

std::unique_ptr<AgentProcess> start_js_agent(const std::string& mode,
                                             const std::string& token = {}) {
  std::vector<std::string> argv = {
      AGENTHUB_NODE, std::string(AGENTHUB_SOURCE_DIR) + "/tests/interop/a2a/js_echo_agent.mjs",
      "--port",      "0",
      "--mode",      mode};
  if (!token.empty()) {
    argv.push_back("--token");
    argv.push_back(token);
  }
  auto agent = AgentProcess::start(argv);
  EXPECT_TRUE(agent.ok()) << agent.error().to_string()
                          << " (is tests/interop/node_modules installed? run `make test`)";
  return agent.ok() ? std::move(agent).value() : nullptr;
}

SendMessageRequest text(std::string t, std::string task_id = {}, std::string context_id = {}) {
  SendMessageRequest r;
  r.message = user_text_message(std::move(t), std::move(context_id), std::move(task_id));
  return r;
}

GetTaskRequest get(const std::string& id) {
  GetTaskRequest r;
  r.id = id;
  return r;
}

CancelTaskRequest cancel(const std::string& id) {
  CancelTaskRequest r;
  r.id = id;
  return r;
}

std::string status_text(const TaskStatus& s) { return s.message ? s.message->text() : ""; }

std::vector<StreamResponse> drain(EventStream& stream) {
  std::vector<StreamResponse> items;
  while (true) {
    auto next = stream.next();
    EXPECT_TRUE(next.ok()) << next.error().to_string();
    if (!next.ok() || !next->has_value()) return items;
    items.push_back(std::move(**next));
  }
}

TaskState last_state(const std::vector<StreamResponse>& items) {
  TaskState state = TaskState::kUnknown;
  for (const auto& item : items) {
    if (const auto* t = std::get_if<Task>(&item)) state = t->status.state;
    if (const auto* e = std::get_if<TaskStatusUpdateEvent>(&item)) state = e->status.state;
  }
  return state;
}

struct Mode {
  const char* name;
  const char* agent_mode;
  std::optional<ProtocolVersion> force;
  ProtocolVersion initial;  // chosen from the card
  ProtocolVersion spoken;   // after the first call
};

void PrintTo(const Mode& m, std::ostream* os) { *os << m.name; }

class JsAgentTest : public ::testing::TestWithParam<Mode> {
 protected:
  void SetUp() override {
    agent_ = start_js_agent(GetParam().agent_mode);
    ASSERT_TRUE(agent_);
    ClientOptions o;
    o.force_version = GetParam().force;
    o.request_timeout = std::chrono::seconds(30);
    o.stream_idle_timeout = std::chrono::seconds(30);
    auto c = Client::connect(agent_->url(), o);
    ASSERT_TRUE(c.ok()) << c.error().to_string();
    client_ = std::move(c).value();
    ASSERT_EQ(client_->version(), GetParam().initial);
  }

  std::unique_ptr<AgentProcess> agent_;
  std::unique_ptr<Client> client_;
};

TEST_P(JsAgentTest, Send) {
  auto reply = client_->send_message(text("hello js"));
  ASSERT_TRUE(reply.ok()) << reply.error().to_string();
  EXPECT_EQ(client_->version(), GetParam().spoken);
  const Task& task = std::get<Task>(*reply);
  EXPECT_EQ(task.status.state, TaskState::kCompleted);
  EXPECT_EQ(status_text(task.status), "echo: hello js");
  ASSERT_EQ(task.artifacts.size(), 1u);
  EXPECT_EQ(task.artifacts[0].parts.at(0).text, "echo: hello js");
}

TEST_P(JsAgentTest, StreamWithCallback) {
  std::vector<StreamResponse> items;
  auto outcome = client_->send_streaming_message(text("stream js"), [&](const StreamResponse& i) {
    items.push_back(i);
    return true;
  });
  ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
  EXPECT_EQ(*outcome, StreamOutcome::kFinal);
  EXPECT_EQ(client_->version(), GetParam().spoken);
  ASSERT_GE(items.size(), 4u);
  EXPECT_TRUE(std::holds_alternative<Task>(items.front()));
  bool saw_artifact = false;
  for (const auto& i : items) {
    if (const auto* a = std::get_if<TaskArtifactUpdateEvent>(&i)) {
      saw_artifact = true;
      EXPECT_EQ(a->artifact.parts.at(0).text, "echo: stream js");
    }
  }
  EXPECT_TRUE(saw_artifact);
  EXPECT_EQ(last_state(items), TaskState::kCompleted);
}

TEST_P(JsAgentTest, PullStreamThenGet) {
  auto stream = client_->open_stream(text("pull js"));
  ASSERT_TRUE(stream.ok()) << stream.error().to_string();
  auto items = drain(**stream);
  EXPECT_EQ((*stream)->outcome(), StreamOutcome::kFinal);
  ASSERT_FALSE(items.empty());
  auto task = client_->get_task(get(stream_task_id(items.front())));
  ASSERT_TRUE(task.ok()) << task.error().to_string();
  EXPECT_EQ(task->status.state, TaskState::kCompleted);
  EXPECT_FALSE(task->history.empty());
  auto missing = client_->get_task(get("no-such-task"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kTaskNotFound);
}

TEST_P(JsAgentTest, CancelSlowTask) {
  auto stream = client_->open_stream(text("slow: js takes its time"));
  ASSERT_TRUE(stream.ok()) << stream.error().to_string();
  auto first = (*stream)->next();
  ASSERT_TRUE(first.ok() && first->has_value());
  const std::string id = stream_task_id(**first);
  auto canceled = client_->cancel_task(cancel(id));
  ASSERT_TRUE(canceled.ok()) << canceled.error().to_string();
  EXPECT_EQ(canceled->status.state, TaskState::kCanceled);
  auto rest = drain(**stream);
  EXPECT_EQ(last_state(rest), TaskState::kCanceled);
  auto task = client_->get_task(get(id));
  ASSERT_TRUE(task.ok());
  EXPECT_EQ(task->status.state, TaskState::kCanceled);
  // (The reference server answers a second cancel with the canceled task rather than
  // TaskNotCancelable, so that is not asserted here.)
}

TEST_P(JsAgentTest, InputRequiredContinuation) {
  auto asked = client_->send_message(text("ask: which planet?"));
  ASSERT_TRUE(asked.ok()) << asked.error().to_string();
  const Task& question = std::get<Task>(*asked);
  EXPECT_EQ(question.status.state, TaskState::kInputRequired);
  EXPECT_NE(status_text(question.status).find("which planet?"), std::string::npos);
  auto answered = client_->send_message(text("Mars", question.id, question.context_id));
  ASSERT_TRUE(answered.ok()) << answered.error().to_string();
  const Task& done = std::get<Task>(*answered);
  EXPECT_EQ(done.id, question.id);
  EXPECT_EQ(done.status.state, TaskState::kCompleted);
  EXPECT_EQ(status_text(done.status), "echo: Mars");
}

TEST_P(JsAgentTest, SubscribeToARunningTask) {
  auto stream = client_->open_stream(text("slow: watched"));
  ASSERT_TRUE(stream.ok()) << stream.error().to_string();
  auto first = (*stream)->next();
  ASSERT_TRUE(first.ok() && first->has_value());
  const std::string id = stream_task_id(**first);
  SubscribeToTaskRequest req;
  req.id = id;
  auto sub = client_->open_subscription(req);
  ASSERT_TRUE(sub.ok()) << sub.error().to_string();
  auto head = (*sub)->next();
  ASSERT_TRUE(head.ok() && head->has_value()) << (head.ok() ? "" : head.error().to_string());
  ASSERT_TRUE(std::holds_alternative<Task>(**head));
  EXPECT_EQ(std::get<Task>(**head).id, id);
  ASSERT_TRUE(client_->cancel_task(cancel(id)).ok());
  EXPECT_EQ(last_state(drain(**sub)), TaskState::kCanceled);
}

INSTANTIATE_TEST_SUITE_P(Modes, JsAgentTest,
                         ::testing::Values(Mode{"V1Only", "v1", std::nullopt, ProtocolVersion::kV1,
                                                ProtocolVersion::kV1},
                                           Mode{"CompatSpokenAsV1", "compat", std::nullopt,
                                                ProtocolVersion::kV1, ProtocolVersion::kV1},
                                           Mode{"CompatForcedV03", "compat", ProtocolVersion::kV03,
                                                ProtocolVersion::kV03, ProtocolVersion::kV03},
                                           Mode{"V03Card", "v03card", std::nullopt,
                                                ProtocolVersion::kV03, ProtocolVersion::kV03},
                                           Mode{"FallbackFromV1", "reject-v1", std::nullopt,
                                                ProtocolVersion::kV1, ProtocolVersion::kV03}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(JsAgent, ListTasksOverV1) {
  auto agent = start_js_agent("v1");
  ASSERT_TRUE(agent);
  auto client = Client::connect(agent->url());
  ASSERT_TRUE(client.ok()) << client.error().to_string();
  auto first = (*client)->send_message(text("one"));
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  const std::string ctx = std::get<Task>(*first).context_id;
  ASSERT_TRUE((*client)->send_message(text("two", "", ctx)).ok());
  ListTasksRequest req;
  req.context_id = ctx;
  auto list = (*client)->list_tasks(req);
  ASSERT_TRUE(list.ok()) << list.error().to_string();
  EXPECT_EQ(list->tasks.size(), 2u);
}

TEST(JsAgent, BearerToken) {
  for (const char* mode : {"v1", "v03card"}) {
    SCOPED_TRACE(mode);
    auto agent = start_js_agent(mode, "js-secret");
    ASSERT_TRUE(agent);
    ClientOptions right;
    right.bearer_token = "js-secret";
    auto good = Client::connect(agent->url(), right);
    ASSERT_TRUE(good.ok()) << good.error().to_string();
    EXPECT_TRUE((*good)->send_message(text("let me in")).ok());

    ClientOptions wrong;
    wrong.bearer_token = "guess";
    auto bad = Client::connect(agent->url(), wrong);
    ASSERT_TRUE(bad.ok()) << bad.error().to_string();
    auto denied = (*bad)->send_message(text("let me in"));
    ASSERT_FALSE(denied.ok());
    EXPECT_EQ(denied.error().code, ErrorCode::kUnauthenticated);
    auto denied_stream = (*bad)->open_stream(text("let me in"));
    ASSERT_FALSE(denied_stream.ok());
    EXPECT_EQ(denied_stream.error().code, ErrorCode::kUnauthenticated);
  }
}

}  // namespace
}  // namespace agenthub::a2a
