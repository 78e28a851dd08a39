#include "a2a/client/client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "fake_agent.h"

namespace agenthub::a2a {
namespace {

using testing::FakeAgent;
using testing::RecordedCall;

constexpr auto kDeadline = std::chrono::seconds(20);

ClientOptions test_options() {
  ClientOptions o;
  o.bearer_token = "s3cret";
  o.headers = {{"X-Test", "yes"}};
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.request_timeout = std::chrono::milliseconds(10000);
  o.stream_idle_timeout = std::chrono::milliseconds(10000);
  return o;
}

GetTaskRequest get(std::string id) {
  GetTaskRequest r;
  r.id = std::move(id);
  return r;
}

SendMessageRequest hello() {
  SendMessageRequest r;
  r.message = user_text_message("hello");
  return r;
}

std::unique_ptr<Client> connect_or_die(const FakeAgent& agent, ClientOptions o = test_options()) {
  auto c = Client::connect(agent.url(), std::move(o));
  EXPECT_TRUE(c.ok()) << c.error().to_string();
  return c.ok() ? std::move(c).value() : nullptr;
}

// A v1.0 server: answers SendMessage with a completed task.
void v1_send_handler(const RecordedCall& call, httplib::Response& res) {
  if (call.method == "SendMessage") {
    FakeAgent::reply_result(call, res, {{"task", testing::v1_task("t1", "TASK_STATE_COMPLETED")}});
  } else if (call.method == "GetTask") {
    FakeAgent::reply_result(call, res, testing::v1_task("t1", "TASK_STATE_WORKING"));
  } else {
    FakeAgent::reply_error(call, res, -32601, "method not found");
  }
}

// A v0.3 server: knows only the slash-separated names.
void v03_handler(const RecordedCall& call, httplib::Response& res) {
  if (call.method == "message/send") {
    FakeAgent::reply_result(call, res, testing::v03_task("t3", "completed"));
  } else if (call.method == "tasks/get") {
    FakeAgent::reply_result(call, res, testing::v03_task("t3", "working"));
  } else if (call.method == "message/stream" || call.method == "tasks/resubscribe") {
    res.set_content(FakeAgent::sse_of(call, {testing::v03_task("t3", "working"),
                                             {{"kind", "status-update"},
                                              {"taskId", "t3"},
                                              {"contextId", "ctx-1"},
                                              {"status", {{"state", "completed"}}},
                                              {"final", true}}}),
                    "text/event-stream");
  } else {
    FakeAgent::reply_error(call, res, -32601, "Method not found: " + call.method);
  }
}

TEST(Client, ConnectReadsCardAndSpeaksV1) {
  FakeAgent agent;
  agent.on_rpc(v1_send_handler);
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  EXPECT_EQ(client->version(), ProtocolVersion::kV1);
  EXPECT_EQ(client->card().name, "fake");
  EXPECT_EQ(client->endpoint(), agent.rpc_url());
  ASSERT_EQ(agent.card_fetches().size(), 1u);
  EXPECT_EQ(agent.card_fetches()[0], "1.0");

  auto reply = client->send_message(hello());
  ASSERT_TRUE(reply.ok()) << reply.error().to_string();
  ASSERT_TRUE(std::holds_alternative<Task>(*reply));
  EXPECT_EQ(std::get<Task>(*reply).status.state, TaskState::kCompleted);

  auto calls = agent.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].method, "SendMessage");
  EXPECT_EQ(calls[0].version_header, "1.0");
  EXPECT_EQ(calls[0].authorization, "Bearer s3cret");
  EXPECT_EQ(calls[0].custom, "yes");
  EXPECT_EQ(calls[0].accept, "application/json");
  const Json& message = calls[0].body["params"]["message"];
  EXPECT_EQ(message["role"], "ROLE_USER");
  EXPECT_FALSE(message["messageId"].get<std::string>().empty());
  EXPECT_EQ(message["parts"][0]["text"], "hello");
}

TEST(Client, V03CardMeansV03Calls) {
  FakeAgent agent;
  agent.set_card(agent.v03_card());
  agent.on_rpc(v03_handler);
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  EXPECT_EQ(client->version(), ProtocolVersion::kV03);
  auto reply = client->send_message(hello());
  ASSERT_TRUE(reply.ok()) << reply.error().to_string();
  EXPECT_EQ(std::get<Task>(*reply).id, "t3");
  auto calls = agent.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].method, "message/send");
  EXPECT_EQ(calls[0].version_header, "0.3");
  EXPECT_EQ(calls[0].body["params"]["message"]["kind"], "message");
  EXPECT_EQ(calls[0].body["params"]["message"]["role"], "user");
}

TEST(Client, FallsBackToV03OnMethodNotFoundAndRemembers) {
  FakeAgent agent;  // the card claims v1.0, the server only has v0.3
  agent.on_rpc(v03_handler);
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  EXPECT_EQ(client->version(), ProtocolVersion::kV1);
  auto reply = client->send_message(hello());
  ASSERT_TRUE(reply.ok()) << reply.error().to_string();
  EXPECT_EQ(std::get<Task>(*reply).id, "t3");
  EXPECT_EQ(client->version(), ProtocolVersion::kV03);

  auto task = client->get_task({.id = "t3", .history_length = 2});
  ASSERT_TRUE(task.ok()) << task.error().to_string();
  auto calls = agent.calls();
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].method, "SendMessage");
  EXPECT_EQ(calls[1].method, "message/send");
  EXPECT_EQ(calls[2].method, "tasks/get");  // no second v1.0 attempt
  EXPECT_EQ(calls[2].body["params"]["historyLength"], 2);
}

TEST(Client, FallsBackOnVersionNotSupported) {
  FakeAgent agent;
  agent.on_rpc([](const RecordedCall& call, httplib::Response& res) {
    if (call.version_header == "1.0") {
      FakeAgent::reply_error(call, res, -32009, "version 1.0 not supported");
    } else {
      v03_handler(call, res);
    }
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto task = client->get_task(get("t3"));
  ASSERT_TRUE(task.ok()) << task.error().to_string();
  EXPECT_EQ(task->status.state, TaskState::kWorking);
  EXPECT_EQ(client->version(), ProtocolVersion::kV03);
}

TEST(Client, StreamFallsBackWhenTheErrorComesAsPlainJson) {
  FakeAgent agent;
  agent.on_rpc(v03_handler);
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  std::vector<StreamResponse> seen;
  auto outcome = client->send_streaming_message(hello(), [&](const StreamResponse& item) {
    seen.push_back(item);
    return true;
  });
  ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
  EXPECT_EQ(*outcome, StreamOutcome::kFinal);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(client->version(), ProtocolVersion::kV03);
  auto calls = agent.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].method, "SendStreamingMessage");
  EXPECT_EQ(calls[1].method, "message/stream");
  EXPECT_EQ(calls[1].accept, "text/event-stream");
}

TEST(Client, PullStreamFallsBackToo) {
  FakeAgent agent;
  agent.on_rpc(v03_handler);
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto stream = client->open_subscription({.id = "t3"});
  ASSERT_TRUE(stream.ok()) << stream.error().to_string();
  int items = 0;
  while (true) {
    auto next = (*stream)->next();
    ASSERT_TRUE(next.ok()) << next.error().to_string();
    if (!next->has_value()) break;
    ++items;
  }
  EXPECT_EQ(items, 2);
  EXPECT_EQ((*stream)->outcome(), StreamOutcome::kFinal);
  EXPECT_EQ(agent.calls().back().method, "tasks/resubscribe");
}

TEST(Client, ForcedVersionNeverFallsBack) {
  FakeAgent agent;
  agent.on_rpc(v03_handler);
  ClientOptions o = test_options();
  o.force_version = ProtocolVersion::kV1;
  auto client = connect_or_die(agent, o);
  ASSERT_TRUE(client);
  auto reply = client->send_message(hello());
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::kMethodNotFound);
  EXPECT_EQ(agent.calls().size(), 1u);
}

TEST(Client, OtherErrorsDoNotTriggerFallback) {
  FakeAgent agent;
  agent.on_rpc([](const RecordedCall& call, httplib::Response& res) {
    if (call.method == "CancelTask") {
      FakeAgent::reply_error(call, res, -32002, "task is already completed");
    } else {
      FakeAgent::reply_error(call, res, -32001, "no such task");
    }
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto task = client->get_task(get("nope"));
  ASSERT_FALSE(task.ok());
  EXPECT_EQ(task.error().code, ErrorCode::kTaskNotFound);
  EXPECT_EQ(task.error().message, "no such task");
  auto cancel = client->cancel_task({.id = "done", .metadata = nullptr});
  ASSERT_FALSE(cancel.ok());
  EXPECT_EQ(cancel.error().code, ErrorCode::kTaskNotCancelable);
  EXPECT_EQ(agent.calls().size(), 2u);
  EXPECT_EQ(client->version(), ProtocolVersion::kV1);
}

TEST(Client, ListTasksNeedsV1) {
  FakeAgent agent;
  agent.set_card(agent.v03_card());
  agent.on_rpc(v03_handler);
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto list = client->list_tasks({});
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().code, ErrorCode::kUnsupportedOperation);
  EXPECT_TRUE(agent.calls().empty());
}

TEST(Client, ListTasksV1) {
  FakeAgent agent;
  agent.on_rpc([](const RecordedCall& call, httplib::Response& res) {
    FakeAgent::reply_result(call, res,
                            {{"tasks",
                              {testing::v1_task("a", "TASK_STATE_COMPLETED"),
                               testing::v1_task("b", "TASK_STATE_WORKING")}},
                             {"nextPageToken", ""},
                             {"pageSize", 50},
                             {"totalSize", 2}});
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  ListTasksRequest req;
  req.context_id = "ctx-1";
  auto list = client->list_tasks(req);
  ASSERT_TRUE(list.ok()) << list.error().to_string();
  ASSERT_EQ(list->tasks.size(), 2u);
  EXPECT_EQ(list->tasks[1].status.state, TaskState::kWorking);
  EXPECT_EQ(agent.calls()[0].method, "ListTasks");
  EXPECT_EQ(agent.calls()[0].body["params"]["contextId"], "ctx-1");
}

TEST(Client, HttpAuthFailures) {
  FakeAgent agent;
  agent.on_rpc([](const RecordedCall& call, httplib::Response& res) {
    res.status = call.method == "GetTask" ? 401 : 403;
    res.set_content("{\"error\":\"no\"}", "application/json");
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto task = client->get_task(get("x"));
  ASSERT_FALSE(task.ok());
  EXPECT_EQ(task.error().code, ErrorCode::kUnauthenticated);
  auto cancel = client->cancel_task({.id = "x", .metadata = nullptr});
  ASSERT_FALSE(cancel.ok());
  EXPECT_EQ(cancel.error().code, ErrorCode::kPermissionDenied);
  auto stream = client->open_stream(hello());
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().code, ErrorCode::kPermissionDenied);
}

TEST(Client, CardBehindAuthIsReported) {
  FakeAgent agent;
  agent.set_card_status(401);
  auto client = Client::connect(agent.url(), test_options());
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kUnauthenticated);
}

TEST(Client, MissingCard) {
  FakeAgent agent;
  agent.set_card_status(404);
  auto client = Client::connect(agent.url(), test_options());
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kNotFound);
}

TEST(Client, CardThatIsNotJson) {
  FakeAgent agent;
  agent.set_card("just a string");
  auto client = Client::connect(agent.url(), test_options());
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kInvalidAgentResponse);
}

TEST(Client, AgentUrlMayBeTheRpcEndpoint) {
  FakeAgent agent;
  agent.on_rpc(v1_send_handler);
  auto client = Client::connect(agent.rpc_url(), test_options());
  ASSERT_TRUE(client.ok()) << client.error().to_string();
  EXPECT_EQ((*client)->endpoint(), agent.rpc_url());
  EXPECT_TRUE((*client)->send_message(hello()).ok());
}

TEST(Client, AgentUrlWithAPathTheCardDoesNotList) {
  FakeAgent agent;
  auto client = Client::connect(agent.url() + "/elsewhere", test_options());
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kNotFound);
  EXPECT_NE(client.error().message.find("/elsewhere"), std::string::npos);
}

TEST(Client, CustomCardPath) {
  FakeAgent agent;
  ClientOptions o = test_options();
  o.agent_card_path = "/custom/card.json";
  auto client = Client::connect(agent.url(), o);
  ASSERT_TRUE(client.ok()) << client.error().to_string();
  EXPECT_EQ((*client)->card().name, "custom-path");
  EXPECT_TRUE(agent.card_fetches().empty());
}

TEST(Client, CardUrlGivenDirectly) {
  FakeAgent agent;
  auto client = Client::connect(agent.url() + "/.well-known/agent-card.json", test_options());
  ASSERT_TRUE(client.ok()) << client.error().to_string();
}

TEST(Client, UnreachableHostNamesHostAndPort) {
  int port = 0;
  {
    FakeAgent gone;
    port = gone.port();
  }
  auto client = Client::connect("http://127.0.0.1:" + std::to_string(port), test_options());
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(client.error().message.find("127.0.0.1:" + std::to_string(port)), std::string::npos);
}

TEST(Client, ServerVanishingAfterTheCardGivesUnavailable) {
  AgentCard card;
  {
    FakeAgent agent;
    auto client = connect_or_die(agent);
    ASSERT_TRUE(client);
    card = client->card();
  }
  auto client = Client::from_card(card, test_options());
  ASSERT_TRUE(client.ok()) << client.error().to_string();
  auto reply = (*client)->send_message(hello());
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::kUnavailable);
  auto stream = (*client)->open_stream(hello());
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().code, ErrorCode::kUnavailable);
}

TEST(Client, FromCardWithoutJsonRpcInterface) {
  AgentCard card;
  card.name = "grpc only";
  card.supported_interfaces = {{"http://h:1", "GRPC", "1.0", ""}};
  auto client = Client::from_card(card, {});
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::kUnsupportedOperation);
}

TEST(Client, NonJsonAnswer) {
  FakeAgent agent;
  agent.on_rpc([](const RecordedCall&, httplib::Response& res) {
    res.set_content("<html><body>proxy login</body></html>", "text/html");
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto reply = client->send_message(hello());
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::kInvalidAgentResponse);
  EXPECT_NE(reply.error().message.find("text/html"), std::string::npos);
  std::vector<StreamResponse> seen;
  auto outcome = client->send_streaming_message(hello(), [&](const StreamResponse& item) {
    seen.push_back(item);
    return true;
  });
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, ErrorCode::kInvalidAgentResponse);
  EXPECT_NE(outcome.error().message.find("text/event-stream"), std::string::npos);
  EXPECT_TRUE(seen.empty());
}

TEST(Client, MalformedResultIsInvalidAgentResponse) {
  FakeAgent agent;
  agent.on_rpc([](const RecordedCall& call, httplib::Response& res) {
    FakeAgent::reply_result(call, res, {{"task", "not an object"}});
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto reply = client->send_message(hello());
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::kInvalidAgentResponse);
}

TEST(Client, JsonRpcErrorAnsweredAsPlainJsonToAStream) {
  FakeAgent agent;
  agent.on_rpc([](const RecordedCall& call, httplib::Response& res) {
    FakeAgent::reply_error(call, res, -32001, "task t9 not found");
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto outcome = client->subscribe({.id = "t9"}, [](const StreamResponse&) { return true; });
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, ErrorCode::kTaskNotFound);
  auto stream = client->open_subscription({.id = "t9"});
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().code, ErrorCode::kTaskNotFound);
}

TEST(Client, SingleResultAnsweredAsPlainJsonToAStream) {
  FakeAgent agent;
  agent.on_rpc([](const RecordedCall& call, httplib::Response& res) {
    FakeAgent::reply_result(call, res, {{"task", testing::v1_task("t1", "TASK_STATE_COMPLETED")}});
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  int items = 0;
  auto outcome = client->send_streaming_message(hello(), [&](const StreamResponse&) {
    ++items;
    return true;
  });
  ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
  EXPECT_EQ(*outcome, StreamOutcome::kFinal);
  EXPECT_EQ(items, 1);
}

// ---- Streams against a server that holds the connection open -------------------------------

std::string sse_result(const Json& id, const Json& result) {
  return "data: " + dump_json(Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}}) + "\n\n";
}

TEST(ClientStream, CloseFromAnotherThreadUnblocksNext) {
  FakeAgent agent;
  agent.on_rpc([&agent](const RecordedCall& call, httplib::Response& res) {
    agent.serve_held_stream(
        res, sse_result(call.body["id"], {{"task", testing::v1_task("t1", "TASK_STATE_WORKING")}}));
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto stream = client->open_stream(hello());
  ASSERT_TRUE(stream.ok()) << stream.error().to_string();
  auto first = (*stream)->next();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->has_value());

  auto blocked = std::async(std::launch::async, [&] { return (*stream)->next(); });
  // next() has nothing to return until close(): the server holds the stream open.
  EXPECT_EQ(blocked.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);
  (*stream)->close();
  ASSERT_EQ(blocked.wait_for(kDeadline), std::future_status::ready);
  auto after = blocked.get();
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, ErrorCode::kCancelled);
  EXPECT_EQ((*stream)->outcome(), StreamOutcome::kStopped);
  stream->reset();  // joins the reader thread
}

TEST(ClientStream, IdleTimeoutEndsASilentStream) {
  FakeAgent agent;
  agent.on_rpc([&agent](const RecordedCall& call, httplib::Response& res) {
    agent.serve_held_stream(
        res, sse_result(call.body["id"], {{"task", testing::v1_task("t1", "TASK_STATE_WORKING")}}));
  });
  ClientOptions o = test_options();
  o.stream_idle_timeout = std::chrono::milliseconds(300);
  auto client = connect_or_die(agent, o);
  ASSERT_TRUE(client);
  auto stream = client->open_stream(hello());
  ASSERT_TRUE(stream.ok()) << stream.error().to_string();
  ASSERT_TRUE((*stream)->next().ok());
  auto timed_out = (*stream)->next();
  ASSERT_FALSE(timed_out.ok());
  EXPECT_EQ(timed_out.error().code, ErrorCode::kDeadlineExceeded);
  EXPECT_NE(timed_out.error().message.find("127.0.0.1"), std::string::npos);
}

TEST(ClientStream, HeartbeatsKeepAnIdleStreamAlive) {
  FakeAgent agent;
  agent.on_rpc([&agent](const RecordedCall& call, httplib::Response& res) {
    agent.serve_held_stream(
        res, sse_result(call.body["id"], {{"task", testing::v1_task("t1", "TASK_STATE_WORKING")}}),
        sse_result(call.body["id"], testing::v1_status_update("t1", "TASK_STATE_COMPLETED")),
        /*pings=*/12, std::chrono::milliseconds(100));
  });
  ClientOptions o = test_options();
  // Twelve heartbeats 100 ms apart outlast the idle timeout several times over; only the
  // heartbeats keep the stream alive.
  o.stream_idle_timeout = std::chrono::milliseconds(600);
  auto client = connect_or_die(agent, o);
  ASSERT_TRUE(client);
  std::vector<StreamResponse> seen;
  auto outcome = client->send_streaming_message(hello(), [&](const StreamResponse& item) {
    seen.push_back(item);
    return true;
  });
  ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
  EXPECT_EQ(*outcome, StreamOutcome::kFinal);
  EXPECT_EQ(seen.size(), 2u);
}

TEST(ClientStream, StreamEndingBeforeAFinalStateIsIncomplete) {
  FakeAgent agent;
  agent.on_rpc([](const RecordedCall& call, httplib::Response& res) {
    res.set_content(
        sse_result(call.body["id"], {{"task", testing::v1_task("t1", "TASK_STATE_SUBMITTED")}}) +
            sse_result(call.body["id"], testing::v1_status_update("t1", "TASK_STATE_WORKING")),
        "text/event-stream");
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  int items = 0;
  auto outcome = client->send_streaming_message(hello(), [&](const StreamResponse&) {
    ++items;
    return true;
  });
  ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
  EXPECT_EQ(*outcome, StreamOutcome::kIncomplete);
  EXPECT_EQ(items, 2);

  auto stream = client->open_stream(hello());
  ASSERT_TRUE(stream.ok());
  int pulled = 0;
  while (true) {
    auto next = (*stream)->next();
    ASSERT_TRUE(next.ok());
    if (!next->has_value()) break;
    ++pulled;
  }
  EXPECT_EQ(pulled, 2);
  EXPECT_EQ((*stream)->outcome(), StreamOutcome::kIncomplete);
  // The end is sticky.
  auto again = (*stream)->next();
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());
}

TEST(ClientStream, CallbackCanStopTheStream) {
  FakeAgent agent;
  agent.on_rpc([&agent](const RecordedCall& call, httplib::Response& res) {
    agent.serve_held_stream(
        res, sse_result(call.body["id"], {{"task", testing::v1_task("t1", "TASK_STATE_WORKING")}}));
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto outcome =
      client->send_streaming_message(hello(), [](const StreamResponse&) { return false; });
  ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
  EXPECT_EQ(*outcome, StreamOutcome::kStopped);
}

TEST(ClientStream, FinalItemEndsTheStreamEvenIfTheServerKeepsItOpen) {
  FakeAgent agent;
  agent.on_rpc([&agent](const RecordedCall& call, httplib::Response& res) {
    agent.serve_held_stream(
        res, sse_result(call.body["id"],
                        {{"task", testing::v1_task("t1", "TASK_STATE_INPUT_REQUIRED")}}));
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto outcome = client->subscribe({.id = "t1"}, [](const StreamResponse&) { return true; });
  ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
  EXPECT_EQ(*outcome, StreamOutcome::kFinal);
}

TEST(ClientStream, ErrorEventInsideTheStream) {
  FakeAgent agent;
  agent.on_rpc([](const RecordedCall& call, httplib::Response& res) {
    res.set_content(
        sse_result(call.body["id"], {{"task", testing::v1_task("t1", "TASK_STATE_WORKING")}}) +
            "event: error\ndata: " +
            dump_json(Json{{"jsonrpc", "2.0"},
                           {"id", call.body["id"]},
                           {"error", {{"code", -32603}, {"message", "executor crashed"}}}}) +
            "\n\n",
        "text/event-stream");
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto stream = client->open_stream(hello());
  ASSERT_TRUE(stream.ok());
  auto first = (*stream)->next();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->has_value());
  auto second = (*stream)->next();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kInternal);
  EXPECT_EQ(second.error().message, "executor crashed");
}

TEST(ClientStream, OversizedEventIsRefused) {
  FakeAgent agent;
  agent.on_rpc([](const RecordedCall& call, httplib::Response& res) {
    Json big = {{"task", testing::v1_task("t1", "TASK_STATE_WORKING")}};
    big["task"]["metadata"] = {{"blob", std::string(4096, 'x')}};
    res.set_content(sse_result(call.body["id"], big), "text/event-stream");
  });
  ClientOptions o = test_options();
  o.max_message_bytes = 1024;
  auto client = connect_or_die(agent, o);
  ASSERT_TRUE(client);
  auto outcome =
      client->send_streaming_message(hello(), [](const StreamResponse&) { return true; });
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, ErrorCode::kResourceExhausted);
}

TEST(ClientStream, ManyItemsThroughTheBoundedQueue) {
  FakeAgent agent;
  agent.on_rpc([](const RecordedCall& call, httplib::Response& res) {
    std::string body =
        sse_result(call.body["id"], {{"task", testing::v1_task("t1", "TASK_STATE_SUBMITTED")}});
    for (int i = 0; i < 2000; ++i) {
      body += sse_result(call.body["id"], testing::v1_status_update("t1", "TASK_STATE_WORKING"));
    }
    body += sse_result(call.body["id"], testing::v1_status_update("t1", "TASK_STATE_COMPLETED"));
    res.set_content(body, "text/event-stream");
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto stream = client->open_stream(hello());
  ASSERT_TRUE(stream.ok());
  int pulled = 0;
  while (true) {
    auto next = (*stream)->next();
    ASSERT_TRUE(next.ok()) << next.error().to_string();
    if (!next->has_value()) break;
    ++pulled;
  }
  EXPECT_EQ(pulled, 2002);
  EXPECT_EQ((*stream)->outcome(), StreamOutcome::kFinal);
}

TEST(ClientStream, DestroyingAnOpenStreamDoesNotHang) {
  FakeAgent agent;
  agent.on_rpc([&agent](const RecordedCall& call, httplib::Response& res) {
    agent.serve_held_stream(
        res, sse_result(call.body["id"], {{"task", testing::v1_task("t1", "TASK_STATE_WORKING")}}));
  });
  auto client = connect_or_die(agent);
  ASSERT_TRUE(client);
  auto stream = client->open_stream(hello());
  ASSERT_TRUE(stream.ok());
  auto destroyed =
      std::async(std::launch::async, [s = std::move(stream).value()]() mutable { s.reset(); });
  EXPECT_EQ(destroyed.wait_for(kDeadline), std::future_status::ready);
}

}  // namespace
}  // namespace agenthub::a2a
