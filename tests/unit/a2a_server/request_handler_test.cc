#include "a2a/server/request_handler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "scripted_executor.h"

namespace agenthub::a2a {
namespace {

using namespace std::chrono_literals;

using testing::Gate;
using testing::kDeadline;
using testing::ScriptedExecutor;
using testing::send_request;
using testing::user_text;

// Echoes like the real echo agent: working, artifact, completed.
void echo(const RequestContext& ctx, TaskUpdater& updater) {
  updater.working("received");
  Artifact a;
  a.name = "echo";
  a.parts.push_back(Part::text_part("echo: " + ctx.message.text()));
  updater.add_artifact(a);
  updater.complete(updater.agent_message({Part::text_part("echo: " + ctx.message.text())}));
}

const Task& task_of(const Result<SendMessageResponse>& r) { return std::get<Task>(*r); }

// Reads a stream to its end, collecting the items.
std::vector<StreamResponse> drain(TaskEventStream& stream) {
  std::vector<StreamResponse> items;
  StreamResponse item;
  while (true) {
    auto next = stream.next(kDeadline, item);
    if (next == TaskEventStream::Next::kEnd) break;
    if (next == TaskEventStream::Next::kTimeout) {
      ADD_FAILURE() << "stream stalled";
      break;
    }
    items.push_back(item);
  }
  return items;
}

TEST(RequestHandler, SendMessageWaitsForTheFinishedTask) {
  auto exec = std::make_shared<ScriptedExecutor>(echo);
  RequestHandler handler(exec);
  auto reply = handler.send_message(send_request(user_text("hello")));
  ASSERT_TRUE(reply.ok()) << reply.error().to_string();
  const Task& task = task_of(reply);
  EXPECT_EQ(task.status.state, TaskState::kCompleted);
  ASSERT_TRUE(task.status.message.has_value());
  EXPECT_EQ(task.status.message->text(), "echo: hello");
  EXPECT_EQ(task.status.message->role, Role::kAgent);
  EXPECT_EQ(task.status.message->task_id, task.id);
  ASSERT_EQ(task.artifacts.size(), 1U);
  EXPECT_FALSE(task.artifacts[0].artifact_id.empty());
  EXPECT_FALSE(task.id.empty());
  EXPECT_FALSE(task.context_id.empty());
  ASSERT_FALSE(task.history.empty());
  EXPECT_EQ(task.history[0].message_id, "m-hello");
  EXPECT_EQ(task.history[0].task_id, task.id);
}

TEST(RequestHandler, ReturnImmediatelyAnswersWithTheSubmittedTask) {
  Gate release;
  auto exec = std::make_shared<ScriptedExecutor>([&](const RequestContext& ctx, TaskUpdater& u) {
    release.wait();
    echo(ctx, u);
  });
  RequestHandler handler(exec);
  auto reply = handler.send_message(send_request(user_text("later"), /*return_immediately=*/true));
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(task_of(reply).status.state, TaskState::kSubmitted);
  release.open();
  auto stream = handler.subscribe_to_task({task_of(reply).id});
  if (stream.ok()) drain(**stream);  // may already be terminal: then nothing to wait for
  EXPECT_EQ(handler.get_task({task_of(reply).id, {}})->status.state, TaskState::kCompleted);
}

TEST(RequestHandler, HistoryLengthAppliesToTheAnswer) {
  RequestHandler handler(std::make_shared<ScriptedExecutor>(echo));
  auto request = send_request(user_text("hi"));
  request.configuration.history_length = 1;
  auto reply = handler.send_message(request);
  ASSERT_TRUE(reply.ok());
  ASSERT_EQ(task_of(reply).history.size(), 1U);
  EXPECT_EQ(task_of(reply).history[0].text(), "echo: hi");
}

TEST(RequestHandler, ContextsGroupTasks) {
  auto exec = std::make_shared<ScriptedExecutor>(echo);
  RequestHandler handler(exec);
  auto first = handler.send_message(send_request(user_text("one")));
  ASSERT_TRUE(first.ok());
  const std::string context = task_of(first).context_id;

  auto second = handler.send_message(send_request(user_text("two", "", context)));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(task_of(second).context_id, context);
  EXPECT_NE(task_of(second).id, task_of(first).id);

  auto chosen = handler.send_message(send_request(user_text("three", "", "client-chosen")));
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(task_of(chosen).context_id, "client-chosen");

  auto contexts = exec->contexts();
  ASSERT_EQ(contexts.size(), 3U);
  EXPECT_TRUE(contexts[0].new_context);
  EXPECT_FALSE(contexts[1].new_context);
  EXPECT_TRUE(contexts[2].new_context);
  EXPECT_FALSE(contexts[1].existing_task.has_value());
}

TEST(RequestHandler, InputRequiredTaskContinuesWithTheFollowUp) {
  auto exec = std::make_shared<ScriptedExecutor>([](const RequestContext& ctx, TaskUpdater& u) {
    if (!ctx.existing_task) {
      u.require_input(u.agent_message({Part::text_part("which one?")}));
      return;
    }
    u.complete(u.agent_message({Part::text_part("got " + ctx.message.text())}));
  });
  RequestHandler handler(exec);
  auto asked = handler.send_message(send_request(user_text("start")));
  ASSERT_TRUE(asked.ok());
  EXPECT_EQ(task_of(asked).status.state, TaskState::kInputRequired);
  const std::string id = task_of(asked).id;

  auto answered = handler.send_message(send_request(user_text("the red one", id)));
  ASSERT_TRUE(answered.ok()) << answered.error().to_string();
  EXPECT_EQ(task_of(answered).id, id);
  EXPECT_EQ(task_of(answered).status.state, TaskState::kCompleted);
  EXPECT_EQ(task_of(answered).status.message->text(), "got the red one");

  auto contexts = exec->contexts();
  ASSERT_EQ(contexts.size(), 2U);
  ASSERT_TRUE(contexts[1].existing_task.has_value());
  EXPECT_EQ(contexts[1].existing_task->status.state, TaskState::kInputRequired);
  EXPECT_FALSE(contexts[1].new_context);
  EXPECT_EQ(contexts[1].message.task_id, id);
}

TEST(RequestHandler, MessagesToFinishedUnknownOrBusyTasksAreErrors) {
  Gate release;
  auto exec = std::make_shared<ScriptedExecutor>([&](const RequestContext& ctx, TaskUpdater& u) {
    if (ctx.message.text() == "block") release.wait();
    echo(ctx, u);
  });
  RequestHandler handler(exec);
  auto done = handler.send_message(send_request(user_text("x")));
  ASSERT_TRUE(done.ok());
  auto to_done = handler.send_message(send_request(user_text("again", task_of(done).id)));
  EXPECT_EQ(to_done.error().code, ErrorCode::kUnsupportedOperation);
  EXPECT_NE(to_done.error().message.find("completed"), std::string::npos);

  EXPECT_EQ(handler.send_message(send_request(user_text("?", "no-such-task"))).error().code,
            ErrorCode::kTaskNotFound);

  auto busy = handler.send_message(send_request(user_text("block"), true));
  ASSERT_TRUE(busy.ok());
  auto to_busy = handler.send_message(send_request(user_text("more", task_of(busy).id)));
  EXPECT_EQ(to_busy.error().code, ErrorCode::kUnsupportedOperation);
  release.open();
}

TEST(RequestHandler, RejectsMismatchedContextAndEmptyParts) {
  auto exec = std::make_shared<ScriptedExecutor>(
      [](const RequestContext&, TaskUpdater& u) { u.require_input(std::nullopt); });
  RequestHandler handler(exec);
  auto asked = handler.send_message(send_request(user_text("q")));
  ASSERT_TRUE(asked.ok());
  auto wrong = handler.send_message(send_request(user_text("a", task_of(asked).id, "other-ctx")));
  EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidArgument);

  Message empty = user_text("x");
  empty.parts.clear();
  EXPECT_EQ(handler.send_message(send_request(empty)).error().code, ErrorCode::kInvalidArgument);
}

TEST(RequestHandler, AdmitErrorsAreReturnedAndNothingIsStored) {
  auto exec = std::make_shared<ScriptedExecutor>(echo);
  exec->on_admit = [](const RequestContext&) -> Status {
    return Error{ErrorCode::kInvalidArgument, "cwd is required"};
  };
  RequestHandler handler(exec);
  auto reply = handler.send_message(send_request(user_text("x")));
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().message, "cwd is required");
  EXPECT_EQ(handler.store().size(), 0U);
  EXPECT_TRUE(exec->started().empty());
}

TEST(RequestHandler, ExecutorExceptionsFailTheTaskNotTheServer) {
  auto exec = std::make_shared<ScriptedExecutor>([](const RequestContext& ctx, TaskUpdater& u) {
    if (ctx.message.text() == "boom") throw std::runtime_error("kaput");
    echo(ctx, u);
  });
  RequestHandler handler(exec);
  auto failed = handler.send_message(send_request(user_text("boom")));
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(task_of(failed).status.state, TaskState::kFailed);
  EXPECT_NE(task_of(failed).status.message->text().find("kaput"), std::string::npos);
  auto fine = handler.send_message(send_request(user_text("ok")));
  EXPECT_EQ(task_of(fine).status.state, TaskState::kCompleted);
}

TEST(RequestHandler, AnExecutorThatReturnsEarlyFailsItsTask) {
  RequestHandler handler(std::make_shared<ScriptedExecutor>(
      [](const RequestContext&, TaskUpdater& u) { u.working("started, then gave up"); }));
  auto reply = handler.send_message(send_request(user_text("x")));
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(task_of(reply).status.state, TaskState::kFailed);
}

TEST(RequestHandler, CancelIsFinalAndStopsTheExecutor) {
  Gate finished;
  std::atomic<bool> late_update_accepted{true};
  auto exec = std::make_shared<ScriptedExecutor>([&](const RequestContext& ctx, TaskUpdater& u) {
    u.working("busy");
    testing::wait_for_stop(ctx);
    late_update_accepted = u.complete();
    finished.open();
  });
  RequestHandler handler(exec);
  auto started = handler.send_message(send_request(user_text("x"), true));
  ASSERT_TRUE(started.ok());
  const std::string id = task_of(started).id;
  ASSERT_TRUE(exec->wait_started(1));

  auto canceled = handler.cancel_task({id, nullptr});
  ASSERT_TRUE(canceled.ok());
  EXPECT_EQ(canceled->status.state, TaskState::kCanceled);
  ASSERT_TRUE(finished.wait());
  EXPECT_FALSE(late_update_accepted.load());
  EXPECT_EQ(handler.get_task({id, {}})->status.state, TaskState::kCanceled);
  EXPECT_EQ(exec->canceled(), std::vector<std::string>{id});

  EXPECT_EQ(handler.cancel_task({id, nullptr}).error().code, ErrorCode::kTaskNotCancelable);
  EXPECT_EQ(handler.cancel_task({"nope", nullptr}).error().code, ErrorCode::kTaskNotFound);
}

TEST(RequestHandler, QueuedTasksWaitInSubmittedAndACanceledOneNeverRuns) {
  Gate release;
  auto exec = std::make_shared<ScriptedExecutor>([&](const RequestContext& ctx, TaskUpdater& u) {
    if (ctx.message.text() == "first") release.wait();
    echo(ctx, u);
  });
  RequestHandler handler(exec, RequestHandlerOptions{.max_concurrent_tasks = 1, .store = {}});
  auto first = handler.send_message(send_request(user_text("first"), true));
  ASSERT_TRUE(exec->wait_started(1));
  auto second = handler.send_message(send_request(user_text("second"), true));
  auto third = handler.send_message(send_request(user_text("third"), true));
  ASSERT_TRUE(second.ok() && third.ok());
  EXPECT_EQ(handler.get_task({task_of(second).id, {}})->status.state, TaskState::kSubmitted);

  ASSERT_TRUE(handler.cancel_task({task_of(second).id, nullptr}).ok());
  release.open();
  auto stream = handler.subscribe_to_task({task_of(third).id});
  if (stream.ok()) drain(**stream);
  EXPECT_EQ(handler.get_task({task_of(third).id, {}})->status.state, TaskState::kCompleted);
  EXPECT_EQ(handler.get_task({task_of(second).id, {}})->status.state, TaskState::kCanceled);
  EXPECT_EQ(exec->started(), (std::vector<std::string>{task_of(first).id, task_of(third).id}));
  EXPECT_TRUE(exec->canceled().empty());  // it never ran, so there was nothing to stop
}

TEST(RequestHandler, StreamingSendShowsTheTaskThenEveryUpdate) {
  RequestHandler handler(std::make_shared<ScriptedExecutor>(echo));
  auto stream = handler.send_streaming_message(send_request(user_text("hi")));
  ASSERT_TRUE(stream.ok());
  auto items = drain(**stream);
  ASSERT_EQ(items.size(), 4U);
  ASSERT_TRUE(std::holds_alternative<Task>(items[0]));
  EXPECT_EQ(std::get<Task>(items[0]).status.state, TaskState::kSubmitted);
  EXPECT_EQ(std::get<TaskStatusUpdateEvent>(items[1]).status.state, TaskState::kWorking);
  EXPECT_TRUE(std::holds_alternative<TaskArtifactUpdateEvent>(items[2]));
  const auto& last = std::get<TaskStatusUpdateEvent>(items[3]);
  EXPECT_EQ(last.status.state, TaskState::kCompleted);
  EXPECT_TRUE(last.is_final);
}

TEST(RequestHandler, StreamEndsWhenTheTaskIsInterrupted) {
  RequestHandler handler(std::make_shared<ScriptedExecutor>(
      [](const RequestContext&, TaskUpdater& u) { u.require_input(std::nullopt); }));
  auto stream = handler.send_streaming_message(send_request(user_text("q")));
  ASSERT_TRUE(stream.ok());
  auto items = drain(**stream);
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(std::get<TaskStatusUpdateEvent>(items[1]).status.state, TaskState::kInputRequired);
}

TEST(RequestHandler, SubscribeGivesTheCurrentTaskThenLiveUpdates) {
  Gate release;
  auto exec = std::make_shared<ScriptedExecutor>([&](const RequestContext& ctx, TaskUpdater& u) {
    u.working("one");
    release.wait();
    echo(ctx, u);
  });
  RequestHandler handler(exec);
  auto started = handler.send_message(send_request(user_text("x"), true));
  const std::string id = task_of(started).id;
  ASSERT_TRUE(exec->wait_started(1));

  auto stream = handler.subscribe_to_task({id});
  ASSERT_TRUE(stream.ok());
  release.open();
  auto items = drain(**stream);
  ASSERT_GE(items.size(), 2U);
  ASSERT_TRUE(std::holds_alternative<Task>(items[0]));
  EXPECT_EQ(std::get<Task>(items[0]).id, id);
  const auto& last = std::get<TaskStatusUpdateEvent>(items.back());
  EXPECT_EQ(last.status.state, TaskState::kCompleted);

  EXPECT_EQ(handler.subscribe_to_task({id}).error().code, ErrorCode::kUnsupportedOperation);
  EXPECT_EQ(handler.subscribe_to_task({"nope"}).error().code, ErrorCode::kTaskNotFound);
}

TEST(RequestHandler, ASlowReaderResynchronisesFromTheSnapshot) {
  Gate release, done;
  auto exec = std::make_shared<ScriptedExecutor>([&](const RequestContext&, TaskUpdater& u) {
    release.wait();
    for (int i = 0; i < 20; ++i) u.working(std::to_string(i));
    u.complete();
    done.open();
  });
  // A publisher waits only a moment for a reader that does not read, then lets it go.
  RequestHandler handler(exec, RequestHandlerOptions{.max_concurrent_tasks = 0,
                                                     .store = {.max_history = 256,
                                                               .max_events = 4,
                                                               .max_terminal_tasks = 1000,
                                                               .max_publish_wait = 1ms}});
  auto stream = handler.send_streaming_message(send_request(user_text("x")));
  ASSERT_TRUE(stream.ok());
  StreamResponse item;
  ASSERT_EQ((*stream)->next(kDeadline, item), TaskEventStream::Next::kItem);  // the task
  // Reading nothing until the task is done leaves this reader behind the 4-event window.
  release.open();
  ASSERT_TRUE(done.wait());
  auto rest = drain(**stream);
  ASSERT_EQ(rest.size(), 1U);
  ASSERT_TRUE(std::holds_alternative<Task>(rest.front()));
  EXPECT_EQ(std::get<Task>(rest.front()).status.state, TaskState::kCompleted);
}

// A reader that is slow but reads holds the agent back (backpressure): it gets all twenty
// updates through a four-event window, none replaced by a snapshot.
TEST(RequestHandler, ASlowReaderHoldsThePublisherBackAndMissesNothing) {
  auto exec = std::make_shared<ScriptedExecutor>([&](const RequestContext&, TaskUpdater& u) {
    for (int i = 0; i < 20; ++i) u.working(std::to_string(i));
    u.complete();
  });
  RequestHandler handler(
      exec, RequestHandlerOptions{
                .max_concurrent_tasks = 0,
                .store = {.max_history = 256, .max_events = 4, .max_terminal_tasks = 1000}});
  auto stream = handler.send_streaming_message(send_request(user_text("x")));
  ASSERT_TRUE(stream.ok());
  auto items = drain(**stream);
  ASSERT_FALSE(items.empty());
  EXPECT_TRUE(std::holds_alternative<Task>(items.front()));
  std::vector<std::string> said;
  for (std::size_t i = 1; i < items.size(); ++i) {
    const auto* update = std::get_if<TaskStatusUpdateEvent>(&items[i]);
    ASSERT_NE(update, nullptr) << "item " << i << " is not an update (a resynchronisation)";
    if (update->status.message) said.push_back(update->status.message->text());
  }
  std::vector<std::string> expected;
  for (int i = 0; i < 20; ++i) expected.push_back(std::to_string(i));
  EXPECT_EQ(said, expected);
  EXPECT_EQ(std::get<TaskStatusUpdateEvent>(items.back()).status.state, TaskState::kCompleted);
}

TEST(RequestHandler, GetAndListTasks) {
  RequestHandler handler(std::make_shared<ScriptedExecutor>(echo));
  auto a = handler.send_message(send_request(user_text("a", "", "ctx-a")));
  auto b = handler.send_message(send_request(user_text("b", "", "ctx-b")));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(handler.get_task({"", {}}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(handler.get_task({"nope", {}}).error().code, ErrorCode::kTaskNotFound);
  ListTasksRequest by_context;
  by_context.context_id = "ctx-b";
  auto listed = handler.list_tasks(by_context);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->tasks.size(), 1U);
  EXPECT_EQ(listed->tasks[0].id, task_of(b).id);
}

TEST(RequestHandler, ShutdownFailsRunningTasksAndJoinsTheirThreads) {
  auto exec = std::make_shared<ScriptedExecutor>([](const RequestContext& ctx, TaskUpdater& u) {
    u.working("busy");
    testing::wait_for_stop(ctx);
  });
  RequestHandler handler(exec);
  auto started = handler.send_message(send_request(user_text("x"), true));
  ASSERT_TRUE(exec->wait_started(1));
  handler.shutdown();
  EXPECT_EQ(handler.running_tasks(), 0U);
  EXPECT_EQ(handler.get_task({task_of(started).id, {}})->status.state, TaskState::kFailed);
  EXPECT_EQ(exec->canceled().size(), 1U);
  EXPECT_EQ(handler.send_message(send_request(user_text("late"))).error().code,
            ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace agenthub::a2a
