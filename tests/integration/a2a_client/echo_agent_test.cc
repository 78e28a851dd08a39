// Our client against our a2a-echo-agent binary over loopback (see echo_executor.h for what the
// agent does with each message prefix), plus a2a-call and a few broken servers.

#include <gtest/gtest.h>
#include <httplib.h>

#include <future>
#include <thread>

#include "a2a/client/client.h"
#include "agent_process.h"
#include "run_capture.h"

namespace agenthub::a2a {
namespace {

using testing::AgentProcess;

constexpr auto kDeadline = std::chrono::seconds(30);

std::string bin(const char* name) { return std::string(AGENTHUB_BIN_DIR) + "/" + name; }

std::unique_ptr<AgentProcess> start_echo(std::vector<std::string> extra = {}) {
  std::vector<std::string> argv = {bin("a2a-echo-agent"), "--port", "0"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto agent = AgentProcess::start(argv);
  EXPECT_TRUE(agent.ok()) << agent.error().to_string();
  return agent.ok() ? std::move(agent).value() : nullptr;
}

ClientOptions options(std::string token = {}) {
  ClientOptions o;
  o.bearer_token = std::move(token);
  o.request_timeout = std::chrono::seconds(30);
  o.stream_idle_timeout = std::chrono::seconds(30);
  return o;
}

std::unique_ptr<Client> connect(const AgentProcess& agent, ClientOptions o = options()) {
  auto c = Client::connect(agent.url(), std::move(o));
  EXPECT_TRUE(c.ok()) << c.error().to_string();
  return c.ok() ? std::move(c).value() : nullptr;
}

SendMessageRequest text(std::string t, std::string task_id = {}, std::string context_id = {}) {
  SendMessageRequest r;
  r.message = user_text_message(std::move(t), std::move(context_id), std::move(task_id));
  return r;
}

GetTaskRequest get(const std::string& id, std::optional<int> history = std::nullopt) {
  GetTaskRequest r;
  r.id = id;
  r.history_length = history;
  return r;
}

CancelTaskRequest cancel(const std::string& id) {
  CancelTaskRequest r;
  r.id = id;
  return r;
}

std::string status_text(const TaskStatus& s) { return s.message ? s.message->text() : ""; }

std::string artifact_text(const Task& t) {
  return t.artifacts.empty() || t.artifacts[0].parts.empty() ? "" : t.artifacts[0].parts[0].text;
}

// Pulls items until the stream ends; fails the test on an Error.
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

class EchoAgentTest : public ::testing::TestWithParam<ProtocolVersion> {
 protected:
  void SetUp() override {
    agent_ = start_echo();
    ASSERT_TRUE(agent_);
    ClientOptions o = options();
    o.force_version = GetParam();
    client_ = connect(*agent_, o);
    ASSERT_TRUE(client_);
    ASSERT_EQ(client_->version(), GetParam());
  }

  std::unique_ptr<AgentProcess> agent_;
  std::unique_ptr<Client> client_;
};

TEST_P(EchoAgentTest, SendEchoes) {
  auto reply = client_->send_message(text("hello there"));
  ASSERT_TRUE(reply.ok()) << reply.error().to_string();
  ASSERT_TRUE(std::holds_alternative<Task>(*reply));
  const Task& task = std::get<Task>(*reply);
  EXPECT_EQ(task.status.state, TaskState::kCompleted);
  EXPECT_EQ(status_text(task.status), "echo: hello there");
  EXPECT_EQ(artifact_text(task), "echo: hello there");
  EXPECT_FALSE(task.context_id.empty());
}

TEST_P(EchoAgentTest, StreamShowsWorkingArtifactAndCompletion) {
  std::vector<StreamResponse> items;
  auto outcome = client_->send_streaming_message(text("stream me"), [&](const StreamResponse& i) {
    items.push_back(i);
    return true;
  });
  ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
  EXPECT_EQ(*outcome, StreamOutcome::kFinal);
  ASSERT_GE(items.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<Task>(items.front()));
  bool saw_working = false;
  bool saw_artifact = false;
  for (const auto& item : items) {
    if (const auto* e = std::get_if<TaskStatusUpdateEvent>(&item)) {
      saw_working = saw_working || e->status.state == TaskState::kWorking;
    }
    if (const auto* a = std::get_if<TaskArtifactUpdateEvent>(&item)) {
      saw_artifact = true;
      EXPECT_EQ(a->artifact.parts.at(0).text, "echo: stream me");
    }
  }
  EXPECT_TRUE(saw_working);
  EXPECT_TRUE(saw_artifact);
  EXPECT_EQ(last_state(items), TaskState::kCompleted);
}

TEST_P(EchoAgentTest, PullStreamThenGetTask) {
  auto stream = client_->open_stream(text("pull"));
  ASSERT_TRUE(stream.ok()) << stream.error().to_string();
  auto items = drain(**stream);
  EXPECT_EQ((*stream)->outcome(), StreamOutcome::kFinal);
  ASSERT_FALSE(items.empty());
  const std::string id = stream_task_id(items.front());
  auto task = client_->get_task(get(id, 10));
  ASSERT_TRUE(task.ok()) << task.error().to_string();
  EXPECT_EQ(task->status.state, TaskState::kCompleted);
  EXPECT_EQ(artifact_text(*task), "echo: pull");
  EXPECT_FALSE(task->history.empty());
  auto trimmed = client_->get_task(get(id, 0));
  ASSERT_TRUE(trimmed.ok());
  EXPECT_TRUE(trimmed->history.empty());
}

TEST_P(EchoAgentTest, UnknownTaskIsTaskNotFound) {
  auto task = client_->get_task(get("no-such-task"));
  ASSERT_FALSE(task.ok());
  EXPECT_EQ(task.error().code, ErrorCode::kTaskNotFound);
}

TEST_P(EchoAgentTest, CancelStopsASlowTaskAtOnce) {
  auto stream = client_->open_stream(text("slow: take your time"));
  ASSERT_TRUE(stream.ok()) << stream.error().to_string();
  auto first = (*stream)->next();
  ASSERT_TRUE(first.ok() && first->has_value());
  const std::string id = stream_task_id(**first);

  auto canceled = client_->cancel_task(cancel(id));
  ASSERT_TRUE(canceled.ok()) << canceled.error().to_string();
  EXPECT_EQ(canceled->status.state, TaskState::kCanceled);

  auto rest = drain(**stream);
  EXPECT_EQ((*stream)->outcome(), StreamOutcome::kFinal);
  EXPECT_EQ(last_state(rest), TaskState::kCanceled);
  auto task = client_->get_task(get(id));
  ASSERT_TRUE(task.ok());
  EXPECT_EQ(task->status.state, TaskState::kCanceled);

  auto again = client_->cancel_task(cancel(id));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kTaskNotCancelable);
}

TEST_P(EchoAgentTest, InputRequiredThenContinuation) {
  auto asked = client_->send_message(text("ask: favourite colour?"));
  ASSERT_TRUE(asked.ok()) << asked.error().to_string();
  const Task& question = std::get<Task>(*asked);
  EXPECT_EQ(question.status.state, TaskState::kInputRequired);
  EXPECT_NE(status_text(question.status).find("favourite colour?"), std::string::npos);

  auto answered = client_->send_message(text("blue", question.id, question.context_id));
  ASSERT_TRUE(answered.ok()) << answered.error().to_string();
  const Task& done = std::get<Task>(*answered);
  EXPECT_EQ(done.id, question.id);
  EXPECT_EQ(done.status.state, TaskState::kCompleted);
  EXPECT_EQ(status_text(done.status), "echo: blue");
}

TEST_P(EchoAgentTest, InputRequiredContinuationOverStreams) {
  auto first = client_->open_stream(text("ask: name?"));
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  auto items = drain(**first);
  EXPECT_EQ((*first)->outcome(), StreamOutcome::kFinal);
  EXPECT_EQ(last_state(items), TaskState::kInputRequired);
  const std::string id = stream_task_id(items.front());
  const std::string ctx = stream_context_id(items.front());

  auto second = client_->open_stream(text("Ada", id, ctx));
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  auto more = drain(**second);
  EXPECT_EQ(last_state(more), TaskState::kCompleted);
  ASSERT_FALSE(more.empty());
  EXPECT_EQ(stream_task_id(more.back()), id);
}

TEST_P(EchoAgentTest, SubscribeToARunningTask) {
  SendMessageRequest req = text("slow: in the background");
  req.configuration.return_immediately = true;
  auto started = client_->send_message(req);
  ASSERT_TRUE(started.ok()) << started.error().to_string();
  const std::string id = std::get<Task>(*started).id;
  EXPECT_FALSE(is_terminal(std::get<Task>(*started).status.state));

  SubscribeToTaskRequest sub;
  sub.id = id;
  auto stream = client_->open_subscription(sub);
  ASSERT_TRUE(stream.ok()) << stream.error().to_string();
  auto first = (*stream)->next();
  ASSERT_TRUE(first.ok() && first->has_value());
  ASSERT_TRUE(std::holds_alternative<Task>(**first));  // the current task comes first
  EXPECT_EQ(std::get<Task>(**first).id, id);

  ASSERT_TRUE(client_->cancel_task(cancel(id)).ok());
  auto rest = drain(**stream);
  EXPECT_EQ(last_state(rest), TaskState::kCanceled);
}

TEST_P(EchoAgentTest, CloseAbandonsABlockedNextPromptly) {
  auto stream = client_->open_stream(text("slow: never mind"));
  ASSERT_TRUE(stream.ok());
  auto first = (*stream)->next();
  ASSERT_TRUE(first.ok() && first->has_value());
  const std::string id = stream_task_id(**first);
  EventStream* s = stream->get();
  auto blocked = std::async(std::launch::async, [s] {
    while (true) {
      auto next = s->next();
      if (!next.ok() || !next->has_value()) return next;
    }
  });
  s->close();
  ASSERT_EQ(blocked.wait_for(kDeadline), std::future_status::ready);
  auto result = blocked.get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kCancelled);
  EXPECT_TRUE(client_->cancel_task(cancel(id)).ok());
}

TEST_P(EchoAgentTest, FailedTask) {
  auto reply = client_->send_message(text("fail: disk full"));
  ASSERT_TRUE(reply.ok()) << reply.error().to_string();
  const Task& task = std::get<Task>(*reply);
  EXPECT_EQ(task.status.state, TaskState::kFailed);
  EXPECT_NE(status_text(task.status).find("disk full"), std::string::npos);
}

TEST_P(EchoAgentTest, RejectedMessageIsAnInvalidArgument) {
  auto reply = client_->send_message(text("reject: not today"));
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::kInvalidArgument);
  auto stream = client_->open_stream(text("reject: nor now"));
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().code, ErrorCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Versions, EchoAgentTest,
                         ::testing::Values(ProtocolVersion::kV1, ProtocolVersion::kV03),
                         [](const auto& info) {
                           return info.param == ProtocolVersion::kV1 ? "V1" : "V03";
                         });

TEST(EchoAgent, ListTasksOverV1) {
  auto agent = start_echo();
  ASSERT_TRUE(agent);
  auto client = connect(*agent);
  ASSERT_TRUE(client);
  auto a = client->send_message(text("one"));
  ASSERT_TRUE(a.ok());
  const std::string ctx = std::get<Task>(*a).context_id;
  ASSERT_TRUE(client->send_message(text("two", "", ctx)).ok());
  ASSERT_TRUE(client->send_message(text("elsewhere")).ok());
  ListTasksRequest req;
  req.context_id = ctx;
  auto list = client->list_tasks(req);
  ASSERT_TRUE(list.ok()) << list.error().to_string();
  EXPECT_EQ(list->tasks.size(), 2u);
}

TEST(EchoAgent, BearerToken) {
  auto agent = start_echo({"--token", "tok-123"});
  ASSERT_TRUE(agent);
  // The card is public; every JSON-RPC call needs the token.
  auto right = connect(*agent, options("tok-123"));
  ASSERT_TRUE(right);
  EXPECT_TRUE(right->send_message(text("with token")).ok());

  auto wrong = connect(*agent, options("tok-999"));
  ASSERT_TRUE(wrong);
  auto denied = wrong->send_message(text("wrong token"));
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::kUnauthenticated);
  auto denied_stream = wrong->open_stream(text("wrong token"));
  ASSERT_FALSE(denied_stream.ok());
  EXPECT_EQ(denied_stream.error().code, ErrorCode::kUnauthenticated);

  auto none = connect(*agent, options());
  ASSERT_TRUE(none);
  auto anonymous = none->get_task(get("x"));
  ASSERT_FALSE(anonymous.ok());
  EXPECT_EQ(anonymous.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(none->version(), ProtocolVersion::kV1);  // an auth failure is no reason to downgrade
}

TEST(EchoAgent, AgentGoneIsUnavailable) {
  auto agent = start_echo();
  ASSERT_TRUE(agent);
  auto client = connect(*agent);
  ASSERT_TRUE(client);
  agent->stop();
  auto reply = client->send_message(text("anyone?"));
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::kUnavailable);
  auto url = parse_url(client->endpoint());
  ASSERT_TRUE(url.ok());
  EXPECT_NE(reply.error().message.find(url->host_port()), std::string::npos);
}

// ---- Servers that are not (good) A2A agents ------------------------------------------------

class OddServer {
 public:
  explicit OddServer(std::function<void(const httplib::Request&, httplib::Response&)> rpc) {
    server_.Get("/.well-known/agent-card.json", [this](const httplib::Request&,
                                                       httplib::Response& res) {
      Json card = {
          {"name", "odd"},
          {"description", "not really an agent"},
          {"version", "1"},
          {"supportedInterfaces",
           {{{"url", url() + "/rpc"}, {"protocolBinding", "JSONRPC"}, {"protocolVersion", "1.0"}}}},
          {"capabilities", {{"streaming", true}}},
          {"defaultInputModes", {"text/plain"}},
          {"defaultOutputModes", {"text/plain"}},
          {"skills", Json::array()}};
      res.set_content(dump_json(card), "application/json");
    });
    server_.Post("/rpc", std::move(rpc));
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
  }
  ~OddServer() {
    server_.stop();
    thread_.join();
  }
  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

TEST(OddServers, HtmlEverywhere) {
  OddServer server([](const httplib::Request&, httplib::Response& res) {
    res.set_content("<!doctype html><title>Login</title>", "text/html");
  });
  auto client = Client::connect(server.url(), options());
  ASSERT_TRUE(client.ok()) << client.error().to_string();
  auto reply = (*client)->send_message(text("hi"));
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::kInvalidAgentResponse);
  EXPECT_NE(reply.error().message.find("text/html"), std::string::npos);
  auto stream = (*client)->open_stream(text("hi"));
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().code, ErrorCode::kInvalidAgentResponse);
}

TEST(OddServers, JsonWhereSseWasExpected) {
  OddServer server([](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok"})", "application/json");
  });
  auto client = Client::connect(server.url(), options());
  ASSERT_TRUE(client.ok()) << client.error().to_string();
  auto outcome =
      (*client)->send_streaming_message(text("hi"), [](const StreamResponse&) { return true; });
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, ErrorCode::kInvalidAgentResponse);
}

TEST(OddServers, GarbageStream) {
  OddServer server([](const httplib::Request&, httplib::Response& res) {
    res.set_content("data: this is not json\n\n", "text/event-stream");
  });
  auto client = Client::connect(server.url(), options());
  ASSERT_TRUE(client.ok());
  auto outcome =
      (*client)->send_streaming_message(text("hi"), [](const StreamResponse&) { return true; });
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, ErrorCode::kInvalidAgentResponse);
}

TEST(OddServers, NotAnAgentAtAll) {
  OddServer server([](const httplib::Request&, httplib::Response&) {});
  auto client = Client::connect(server.url() + "/some/page", options());
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kNotFound);
}

// ---- a2a-call -------------------------------------------------------------------------------

TEST(A2aCall, StreamPrintsOneLinePerEvent) {
  auto agent = start_echo();
  ASSERT_TRUE(agent);
  auto run = testing::run_capture({bin("a2a-call"), "--url", agent->url(), "--stream", "hi"});
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("state=submitted"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("status working"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("artifact echo"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("status completed"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("end final"), std::string::npos) << run.out;
}

TEST(A2aCall, SendGetCancelAndTokens) {
  auto agent = start_echo({"--token", "t0k"});
  ASSERT_TRUE(agent);
  auto sent = testing::run_capture({bin("a2a-call"), "--url", agent->url(), "--token", "t0k",
                                    "--return-immediately", "slow: later"});
  ASSERT_EQ(sent.exit_code, 0) << sent.out;
  // "task <id> context=..."
  ASSERT_EQ(sent.out.rfind("task ", 0), 0u) << sent.out;
  const std::string id = sent.out.substr(5, sent.out.find(' ', 5) - 5);

  auto got =
      testing::run_capture({bin("a2a-call"), "--url", agent->url(), "--token", "t0k", "--get", id});
  EXPECT_EQ(got.exit_code, 0) << got.out;
  EXPECT_NE(got.out.find("task " + id), std::string::npos) << got.out;

  auto canceled = testing::run_capture(
      {bin("a2a-call"), "--url", agent->url(), "--token", "t0k", "--cancel", id});
  EXPECT_EQ(canceled.exit_code, 0) << canceled.out;
  EXPECT_NE(canceled.out.find("state=canceled"), std::string::npos) << canceled.out;

  auto denied = testing::run_capture({bin("a2a-call"), "--url", agent->url(), "--get", id});
  EXPECT_EQ(denied.exit_code, 1);
  EXPECT_NE(denied.err.find("unauthenticated"), std::string::npos) << denied.err;

  auto failed = testing::run_capture(
      {bin("a2a-call"), "--url", agent->url(), "--token", "t0k", "fail: on purpose"});
  EXPECT_EQ(failed.exit_code, 3) << failed.out;
}

TEST(A2aCall, UsageAndUnreachable) {
  auto usage = testing::run_capture({bin("a2a-call"), "hello"});
  EXPECT_EQ(usage.exit_code, 2);
  auto gone = testing::run_capture({bin("a2a-call"), "--url", "http://127.0.0.1:1", "hi"});
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_NE(gone.err.find("127.0.0.1:1"), std::string::npos) << gone.err;
}

}  // namespace
}  // namespace agenthub::a2a
