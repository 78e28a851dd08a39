// SSE behaviour of the A2A server over real HTTP: framing, heartbeats, resubscription,
// cancellation, clients that vanish mid-stream, many concurrent streams, and shutdown.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "http_harness.h"

namespace agenthub::a2a {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): test helpers

ServerOptions fast_heartbeat() {
  ServerOptions o;
  o.heartbeat_interval = std::chrono::milliseconds(50);
  return o;
}

// Waits (with the deadline) until GetTask reports `state`.
bool task_reaches(httplib::Client& client, const std::string& id, const std::string& state) {
  return eventually([&] {
    auto reply = post_rpc(client, rpc("GetTask", {{"id", id}}));
    return json_string(reply.json["result"]["status"], "state") == state;
  });
}

TEST(ServerStream, StreamingSendDeliversTheTaskThenEveryUpdate) {
  auto server = start_echo_server();
  auto client = http_client(*server);
  auto reply = post_sse(*client, rpc("SendStreamingMessage", send_params("hello"), 42));
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.content_type, "text/event-stream");
  EXPECT_TRUE(reply.ended_by_server);
  ASSERT_EQ(reply.events.size(), 5U);
  for (const Json& e : reply.events) {
    EXPECT_EQ(e["jsonrpc"], "2.0");
    EXPECT_EQ(e["id"], 42);
    EXPECT_TRUE(e.contains("result")) << e.dump();
  }
  EXPECT_EQ(event_state(reply.events[0]), "TASK_STATE_SUBMITTED");
  EXPECT_TRUE(reply.events[0]["result"].contains("task"));
  EXPECT_EQ(event_state(reply.events[1]), "TASK_STATE_WORKING");
  EXPECT_EQ(reply.events[3]["result"]["artifactUpdate"]["artifact"]["parts"][0]["text"],
            "echo: hello");
  EXPECT_EQ(event_state(reply.events[4]), "TASK_STATE_COMPLETED");
}

TEST(ServerStream, V03StreamsCarryKindAndFinal) {
  auto server = start_echo_server();
  auto client = http_client(*server);
  auto reply = post_sse(*client, rpc("message/stream", {{"message", v03_message("old")}}), {},
                        httplib::Headers{});
  ASSERT_GE(reply.events.size(), 2U);
  EXPECT_EQ(reply.events[0]["result"]["kind"], "task");
  const Json& last = reply.events.back()["result"];
  EXPECT_EQ(last["kind"], "status-update");
  EXPECT_EQ(last["status"]["state"], "completed");
  EXPECT_EQ(last["final"], true);
}

TEST(ServerStream, StreamEndsWhenTheTaskNeedsInput) {
  auto server = start_echo_server();
  auto client = http_client(*server);
  auto reply = post_sse(*client, rpc("SendStreamingMessage", send_params("ask: name?")));
  EXPECT_TRUE(reply.ended_by_server);
  ASSERT_FALSE(reply.events.empty());
  EXPECT_EQ(event_state(reply.events.back()), "TASK_STATE_INPUT_REQUIRED");
  const std::string id = reply.events[0]["result"]["task"]["id"];

  auto resumed = post_sse(*client, rpc("SendStreamingMessage", send_params("Ada", id)));
  ASSERT_FALSE(resumed.events.empty());
  EXPECT_EQ(resumed.events[0]["result"]["task"]["id"], id);
  EXPECT_EQ(event_state(resumed.events.back()), "TASK_STATE_COMPLETED");
}

TEST(ServerStream, StreamingErrorsBeforeTheStreamAreJsonRpcErrors) {
  auto server = start_echo_server();
  auto client = http_client(*server);
  auto reply = post_sse(*client, rpc("SubscribeToTask", {{"id", "no-such-task"}}));
  EXPECT_EQ(reply.content_type, "application/json");
  auto body = parse_json(reply.raw_error);
  ASSERT_TRUE(body.ok()) << reply.raw_error;
  EXPECT_EQ((*body)["error"]["code"], -32001);
}

TEST(ServerStream, IdleStreamsGetHeartbeats) {
  auto server = start_echo_server(fast_heartbeat());
  auto client = http_client(*server);
  std::string id;
  auto reply = post_sse(*client, rpc("SendStreamingMessage", send_params("slow: quiet")),
                        [&](const SseReply& r) {
                          if (id.empty() && !r.events.empty()) {
                            id = json_string(r.events[0]["result"]["task"], "id");
                          }
                          return r.comments < 2;
                        });
  EXPECT_GE(reply.comments, 2U);
  EXPECT_FALSE(reply.ended_by_server);
  ASSERT_FALSE(id.empty());
  auto control = http_client(*server);
  EXPECT_EQ(post_rpc(*control, rpc("CancelTask", {{"id", id}})).status, 200);
}

TEST(ServerStream, ClientDisconnectingMidStreamBreaksNothing) {
  auto server = start_echo_server(fast_heartbeat());
  auto client = http_client(*server);
  std::string id;
  auto cut = post_sse(*client, rpc("SendStreamingMessage", send_params("slow: walk away")),
                      [&](const SseReply& r) {
                        if (!r.events.empty())
                          id = json_string(r.events[0]["result"]["task"], "id");
                        return r.events.size() < 2;  // the task, then one working update
                      });
  EXPECT_FALSE(cut.ended_by_server);
  ASSERT_FALSE(id.empty());
  // The server notices the gone client at its next write and releases the stream.
  EXPECT_TRUE(eventually([&] { return server->active_streams() == 0; }));

  auto control = http_client(*server);
  auto state = post_rpc(*control, rpc("GetTask", {{"id", id}}));
  EXPECT_EQ(state.json["result"]["status"]["state"], "TASK_STATE_WORKING") << state.body;
  auto canceled = post_rpc(*control, rpc("CancelTask", {{"id", id}}));
  EXPECT_EQ(canceled.json["result"]["status"]["state"], "TASK_STATE_CANCELED");
  auto fresh = post_sse(*control, rpc("SendStreamingMessage", send_params("again")));
  EXPECT_EQ(event_state(fresh.events.back()), "TASK_STATE_COMPLETED");
}

TEST(ServerStream, ResubscribingGetsTheCurrentTaskThenLiveUpdatesUntilCanceled) {
  auto server = start_echo_server();
  auto client = http_client(*server);
  auto started = post_rpc(*client, rpc("SendMessage", send_params("slow: long", "", true)));
  const std::string id = started.json["result"]["task"]["id"];
  ASSERT_TRUE(task_reaches(*client, id, "TASK_STATE_WORKING"));

  std::atomic<bool> canceled{false};
  std::jthread canceler;
  auto subscriber = http_client(*server);
  auto reply = post_sse(*subscriber, rpc("SubscribeToTask", {{"id", id}}), [&](const SseReply& r) {
    if (!canceled.exchange(true) && !r.events.empty()) {
      canceler = std::jthread([&] {
        auto c = http_client(*server);
        post_rpc(*c, rpc("CancelTask", {{"id", id}}));
      });
    }
    return true;
  });
  EXPECT_TRUE(reply.ended_by_server);
  ASSERT_GE(reply.events.size(), 2U);
  ASSERT_TRUE(reply.events[0]["result"].contains("task"));
  EXPECT_EQ(reply.events[0]["result"]["task"]["id"], id);
  EXPECT_EQ(event_state(reply.events.back()), "TASK_STATE_CANCELED");
  canceler.join();
  // Cancel is final: the slow task never reports completed afterwards.
  EXPECT_TRUE(eventually([&] { return server->handler().running_tasks() == 0; }));
  auto got = post_rpc(*client, rpc("GetTask", {{"id", id}}));
  EXPECT_EQ(got.json["result"]["status"]["state"], "TASK_STATE_CANCELED");
}

TEST(ServerStream, V03ResubscribeUsesV03Shapes) {
  auto server = start_echo_server();
  auto client = http_client(*server);
  auto started = post_rpc(*client, rpc("SendMessage", send_params("ask: ready?")));
  const std::string id = started.json["result"]["task"]["id"];
  auto reply = post_sse(*client, rpc("tasks/resubscribe", {{"id", id}}), {}, httplib::Headers{});
  ASSERT_EQ(reply.events.size(), 1U);  // the task, already input-required: the stream ends
  EXPECT_EQ(reply.events[0]["result"]["kind"], "task");
  EXPECT_EQ(reply.events[0]["result"]["status"]["state"], "input-required");
}

// Holds every task in WORKING until released, so all streams are open at the same time.
class GatedExecutor final : public AgentExecutor {
 public:
  void execute(const RequestContext& ctx, TaskUpdater& updater) override {
    updater.working("waiting for the gate");
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, ctx.stop, kDeadline, [&] { return open_; });
    }
    updater.complete(updater.agent_message({Part::text_part("echo: " + ctx.message.text())}));
  }
  void cancel(const std::string&) override {}
  void open() {
    {
      std::lock_guard lock(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable_any cv_;
  bool open_ = false;
};

TEST(ServerStream, TwoHundredConcurrentStreamsAllComplete) {
  constexpr int kStreams = 200;
  auto gate = std::make_shared<GatedExecutor>();
  Server server(agenthub::testing::EchoExecutor::card(), gate, ServerOptions{});
  ASSERT_TRUE(server.start().ok());
  std::atomic<int> completed{0};
  std::vector<std::jthread> threads;
  threads.reserve(kStreams);
  for (int i = 0; i < kStreams; ++i) {
    threads.emplace_back([&, i] {
      auto client = http_client(server);
      auto reply = post_sse(
          *client, rpc("SendStreamingMessage", send_params("hello " + std::to_string(i)), i));
      if (!reply.events.empty() && event_state(reply.events.back()) == "TASK_STATE_COMPLETED" &&
          reply.events.back()["id"] == i) {
        ++completed;
      }
    });
  }
  // Every stream is open at once (each holds a server worker) before any task may finish.
  EXPECT_TRUE(eventually([&] { return server.active_streams() == kStreams; }));
  gate->open();
  threads.clear();  // joins
  EXPECT_EQ(completed.load(), kStreams);
  EXPECT_TRUE(eventually([&] { return server.active_streams() == 0; }));
}

TEST(ServerStream, StopEndsOpenStreamsAndFailsRunningTasks) {
  auto server = start_echo_server();
  auto client = http_client(*server);
  std::atomic<bool> streaming{false};
  SseReply reply;
  std::jthread reader([&] {
    reply = post_sse(*client, rpc("SendStreamingMessage", send_params("slow: forever")),
                     [&](const SseReply&) {
                       streaming = true;
                       return true;
                     });
  });
  ASSERT_TRUE(eventually([&] { return streaming.load(); }));
  server->stop();
  reader.join();
  ASSERT_FALSE(reply.events.empty());
  EXPECT_EQ(event_state(reply.events.back()), "TASK_STATE_FAILED");
  EXPECT_TRUE(reply.ended_by_server);
  EXPECT_EQ(server->active_streams(), 0U);
  EXPECT_EQ(server->handler().running_tasks(), 0U);
}

TEST(ServerStream, QueuedTasksWaitInSubmitted) {
  ServerOptions o;
  o.max_concurrent_tasks = 1;
  auto server = start_echo_server(o);
  auto client = http_client(*server);
  auto first = post_rpc(*client, rpc("SendMessage", send_params("slow: one", "", true)));
  auto second = post_rpc(*client, rpc("SendMessage", send_params("slow: two", "", true)));
  const std::string first_id = first.json["result"]["task"]["id"];
  const std::string second_id = second.json["result"]["task"]["id"];
  ASSERT_TRUE(task_reaches(*client, first_id, "TASK_STATE_WORKING"));
  auto waiting = post_rpc(*client, rpc("GetTask", {{"id", second_id}}));
  EXPECT_EQ(waiting.json["result"]["status"]["state"], "TASK_STATE_SUBMITTED");
  // Canceling the queued task means it never runs; canceling the first frees the slot.
  EXPECT_EQ(
      post_rpc(*client, rpc("CancelTask", {{"id", second_id}})).json["result"]["status"]["state"],
      "TASK_STATE_CANCELED");
  EXPECT_EQ(
      post_rpc(*client, rpc("CancelTask", {{"id", first_id}})).json["result"]["status"]["state"],
      "TASK_STATE_CANCELED");
  auto next = post_rpc(*client, rpc("SendMessage", send_params("after")));
  EXPECT_EQ(next.json["result"]["task"]["status"]["state"], "TASK_STATE_COMPLETED");
}

}  // namespace
}  // namespace agenthub::a2a
