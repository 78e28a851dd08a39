#include "a2a/server/task_store.h"

#include <gtest/gtest.h>

#include <set>

namespace agenthub::a2a {
namespace {

constexpr std::chrono::milliseconds kNoWait{0};

Task new_task(std::string id, std::string context = "ctx") {
  Task t;
  t.id = std::move(id);
  t.context_id = std::move(context);
  t.status.state = TaskState::kSubmitted;
  Message m;
  m.message_id = "first";
  m.parts.push_back(Part::text_part("hello"));
  t.history.push_back(m);
  return t;
}

TaskStatusUpdateEvent status(const std::string& id, TaskState state, std::string text = {}) {
  TaskStatusUpdateEvent e;
  e.task_id = id;
  e.status.state = state;
  if (!text.empty()) {
    Message m;
    m.message_id = "msg-" + text;
    m.role = Role::kAgent;
    m.parts.push_back(Part::text_part(text));
    e.status.message = m;
  }
  return e;
}

TaskArtifactUpdateEvent artifact(const std::string& id, std::string artifact_id, std::string text,
                                 bool append = false) {
  TaskArtifactUpdateEvent e;
  e.task_id = id;
  e.artifact.artifact_id = std::move(artifact_id);
  e.artifact.parts.push_back(Part::text_part(std::move(text)));
  e.append = append;
  return e;
}

TEST(TaskStore, CreatesAndGetsTasks) {
  TaskStore store;
  auto snap = store.create(new_task("t1"));
  ASSERT_TRUE(snap.ok());
  EXPECT_EQ(snap->seq, 0U);
  ASSERT_NE(snap->queue, nullptr);
  auto got = store.get("t1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->context_id, "ctx");
  EXPECT_EQ(got->status.state, TaskState::kSubmitted);
  EXPECT_EQ(store.create(new_task("t1")).error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(store.get("nope").error().code, ErrorCode::kTaskNotFound);
  EXPECT_TRUE(store.has_context("ctx"));
  EXPECT_FALSE(store.has_context("other"));
}

TEST(TaskStore, StatusUpdatesChangeTheSnapshotAndArePublished) {
  TaskStore store;
  auto snap = store.create(new_task("t1"));
  ASSERT_TRUE(snap.ok());
  ASSERT_TRUE(store.publish_status(status("t1", TaskState::kWorking, "busy")));

  auto task = store.get("t1");
  ASSERT_TRUE(task.ok());
  EXPECT_EQ(task->status.state, TaskState::kWorking);
  ASSERT_EQ(task->history.size(), 2U);  // the user's message, then the status message
  EXPECT_EQ(task->history[1].text(), "busy");

  auto read = snap->queue->wait_next(snap->seq, kNoWait);
  ASSERT_EQ(read.kind, EventQueue::Read::Kind::kEvent);
  const auto& event = std::get<TaskStatusUpdateEvent>(*read.event);
  EXPECT_EQ(event.context_id, "ctx");  // filled in by the store
  EXPECT_FALSE(event.is_final);

  ASSERT_TRUE(store.publish_status(status("t1", TaskState::kInputRequired)));
  read = snap->queue->wait_next(read.seq, kNoWait);
  EXPECT_TRUE(std::get<TaskStatusUpdateEvent>(*read.event).is_final);
}

TEST(TaskStore, TerminalStateIsFinal) {
  TaskStore store;
  ASSERT_TRUE(store.create(new_task("t1")).ok());
  ASSERT_TRUE(store.publish_status(status("t1", TaskState::kCompleted)));
  EXPECT_FALSE(store.publish_status(status("t1", TaskState::kWorking)));
  EXPECT_FALSE(store.publish_artifact(artifact("t1", "a", "late")));
  auto task = store.get("t1");
  EXPECT_EQ(task->status.state, TaskState::kCompleted);
  EXPECT_TRUE(task->artifacts.empty());
  EXPECT_FALSE(store.publish_status(status("unknown", TaskState::kWorking)));
}

TEST(TaskStore, CancelMakesTheTaskCanceledOnce) {
  TaskStore store;
  auto snap = store.create(new_task("t1"));
  ASSERT_TRUE(snap.ok());
  auto canceled = store.cancel("t1");
  ASSERT_TRUE(canceled.ok());
  EXPECT_EQ(canceled->status.state, TaskState::kCanceled);
  EXPECT_EQ(store.cancel("t1").error().code, ErrorCode::kTaskNotCancelable);
  EXPECT_EQ(store.cancel("nope").error().code, ErrorCode::kTaskNotFound);
  // A later completion from a slow executor is dropped.
  EXPECT_FALSE(store.publish_status(status("t1", TaskState::kCompleted)));
  EXPECT_EQ(store.get("t1")->status.state, TaskState::kCanceled);

  auto read = snap->queue->wait_next(0, kNoWait);
  ASSERT_EQ(read.kind, EventQueue::Read::Kind::kEvent);
  const auto& event = std::get<TaskStatusUpdateEvent>(*read.event);
  EXPECT_EQ(event.status.state, TaskState::kCanceled);
  EXPECT_TRUE(event.is_final);
}

TEST(TaskStore, ArtifactsAreAddedReplacedAndAppended) {
  TaskStore store;
  ASSERT_TRUE(store.create(new_task("t1")).ok());
  ASSERT_TRUE(store.publish_artifact(artifact("t1", "a", "one")));
  ASSERT_TRUE(store.publish_artifact(artifact("t1", "a", "two", /*append=*/true)));
  ASSERT_TRUE(store.publish_artifact(artifact("t1", "b", "other")));
  auto task = store.get("t1");
  ASSERT_EQ(task->artifacts.size(), 2U);
  ASSERT_EQ(task->artifacts[0].parts.size(), 2U);
  EXPECT_EQ(task->artifacts[0].parts[1].text, "two");
  ASSERT_TRUE(store.publish_artifact(artifact("t1", "a", "replaced")));
  task = store.get("t1");
  ASSERT_EQ(task->artifacts[0].parts.size(), 1U);
  EXPECT_EQ(task->artifacts[0].parts[0].text, "replaced");
}

TEST(TaskStore, HistoryIsBounded) {
  TaskStore store(TaskStoreOptions{.max_history = 3, .max_events = 256, .max_terminal_tasks = 10});
  ASSERT_TRUE(store.create(new_task("t1")).ok());
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(store.publish_status(status("t1", TaskState::kWorking, std::to_string(i))));
  }
  auto task = store.get("t1");
  ASSERT_EQ(task->history.size(), 3U);
  EXPECT_EQ(task->history.front().text(), "7");
  EXPECT_EQ(task->history.back().text(), "9");
}

TEST(TaskStore, HistoryLengthTrimsTheAnswer) {
  TaskStore store;
  ASSERT_TRUE(store.create(new_task("t1")).ok());
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(store.publish_status(status("t1", TaskState::kWorking, std::to_string(i))));
  }
  EXPECT_EQ(store.get("t1")->history.size(), 5U);
  auto two = store.get("t1", 2);
  ASSERT_EQ(two->history.size(), 2U);
  EXPECT_EQ(two->history.back().text(), "3");
  EXPECT_TRUE(store.get("t1", 0)->history.empty());
  EXPECT_TRUE(store.get("t1", -4)->history.empty());
}

TEST(TaskStore, EventQueuesAreBounded) {
  TaskStore store(TaskStoreOptions{.max_history = 256, .max_events = 4, .max_terminal_tasks = 10});
  auto snap = store.create(new_task("t1"));
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(store.publish_status(status("t1", TaskState::kWorking)));
  EXPECT_EQ(snap->queue->size(), 4U);
  EXPECT_EQ(snap->queue->last_seq(), 20U);
}

TEST(TaskStore, EvictsTheOldestTerminalTasksBeyondTheCap) {
  TaskStore store(TaskStoreOptions{.max_history = 256, .max_events = 256, .max_terminal_tasks = 2});
  auto first = store.create(new_task("t1", "c1"));
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(store.create(new_task("t2", "c2")).ok());
  ASSERT_TRUE(store.create(new_task("t3", "c3")).ok());
  ASSERT_TRUE(store.create(new_task("running", "c4")).ok());
  ASSERT_TRUE(store.publish_status(status("t1", TaskState::kCompleted)));
  ASSERT_TRUE(store.publish_status(status("t2", TaskState::kFailed)));
  EXPECT_EQ(store.size(), 4U);
  ASSERT_TRUE(store.cancel("t3").ok());

  EXPECT_EQ(store.size(), 3U);
  EXPECT_EQ(store.get("t1").error().code, ErrorCode::kTaskNotFound);
  EXPECT_TRUE(store.get("t2").ok());
  EXPECT_TRUE(store.get("t3").ok());
  EXPECT_TRUE(store.get("running").ok());
  EXPECT_FALSE(store.has_context("c1"));
  EXPECT_TRUE(first->queue->closed());
}

TEST(TaskStore, ResumeContinuesOnlyInterruptedTasks) {
  TaskStore store;
  ASSERT_TRUE(store.create(new_task("t1")).ok());
  Message follow_up;
  follow_up.message_id = "follow";
  follow_up.parts.push_back(Part::text_part("answer"));

  auto not_yet = store.resume("t1", follow_up);
  EXPECT_EQ(not_yet.error().code, ErrorCode::kUnsupportedOperation);

  ASSERT_TRUE(store.publish_status(status("t1", TaskState::kInputRequired, "question?")));
  auto resumed = store.resume("t1", follow_up);
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->task.status.state, TaskState::kWorking);
  EXPECT_EQ(resumed->task.history.back().message_id, "follow");
  EXPECT_EQ(resumed->seq, 2U);  // input-required, then the working status

  ASSERT_TRUE(store.publish_status(status("t1", TaskState::kCompleted)));
  auto done = store.resume("t1", follow_up);
  EXPECT_EQ(done.error().code, ErrorCode::kUnsupportedOperation);
  EXPECT_NE(done.error().message.find("completed"), std::string::npos);
  EXPECT_EQ(store.resume("nope", follow_up).error().code, ErrorCode::kTaskNotFound);
}

TEST(TaskStore, ListFiltersByContextAndState) {
  TaskStore store;
  ASSERT_TRUE(store.create(new_task("a1", "A")).ok());
  ASSERT_TRUE(store.create(new_task("a2", "A")).ok());
  ASSERT_TRUE(store.create(new_task("b1", "B")).ok());
  ASSERT_TRUE(store.publish_status(status("a2", TaskState::kCompleted)));

  ListTasksRequest by_context;
  by_context.context_id = "A";
  auto a = store.list(by_context);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->tasks.size(), 2U);
  EXPECT_EQ(a->tasks[0].id, "a2");  // most recently updated first
  EXPECT_EQ(a->total_size, 2);
  EXPECT_TRUE(a->next_page_token.empty());

  ListTasksRequest by_state;
  by_state.status = TaskState::kSubmitted;
  auto submitted = store.list(by_state);
  ASSERT_EQ(submitted->tasks.size(), 2U);
  for (const auto& t : submitted->tasks) EXPECT_EQ(t.status.state, TaskState::kSubmitted);
}

TEST(TaskStore, ListPagesThroughEveryTaskOnce) {
  TaskStore store;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(store.create(new_task("t" + std::to_string(i))).ok());
  ListTasksRequest request;
  request.page_size = 2;
  std::set<std::string> seen;
  int pages = 0;
  while (true) {
    auto page = store.list(request);
    ASSERT_TRUE(page.ok());
    ++pages;
    EXPECT_EQ(page->page_size, 2);
    EXPECT_EQ(page->total_size, 5);
    for (const auto& t : page->tasks) EXPECT_TRUE(seen.insert(t.id).second) << t.id;
    if (page->next_page_token.empty()) break;
    request.page_token = page->next_page_token;
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 5U);
}

TEST(TaskStore, ListRejectsBadPageSizeAndToken) {
  TaskStore store;
  ListTasksRequest request;
  request.page_size = 101;
  EXPECT_EQ(store.list(request).error().code, ErrorCode::kInvalidArgument);
  request.page_size = -1;
  EXPECT_EQ(store.list(request).error().code, ErrorCode::kInvalidArgument);
  request.page_size = 0;
  request.page_token = "not-a-token";
  EXPECT_EQ(store.list(request).error().code, ErrorCode::kInvalidArgument);
}

TEST(TaskStore, ListOmitsArtifactsUnlessAskedAndAppliesHistoryLength) {
  TaskStore store;
  ASSERT_TRUE(store.create(new_task("t1")).ok());
  ASSERT_TRUE(store.publish_artifact(artifact("t1", "a", "x")));
  ListTasksRequest request;
  request.history_length = 0;
  auto plain = store.list(request);
  ASSERT_EQ(plain->tasks.size(), 1U);
  EXPECT_TRUE(plain->tasks[0].artifacts.empty());
  EXPECT_TRUE(plain->tasks[0].history.empty());
  request.include_artifacts = true;
  EXPECT_EQ(store.list(request)->tasks[0].artifacts.size(), 1U);
}

TEST(TaskStore, CloseAllClosesEveryQueue) {
  TaskStore store;
  auto snap = store.create(new_task("t1"));
  store.close_all();
  EXPECT_TRUE(snap->queue->closed());
  auto later = store.create(new_task("t2"));
  EXPECT_TRUE(later->queue->closed());
  EXPECT_EQ(store.unfinished_task_ids().size(), 2U);
}

}  // namespace
}  // namespace agenthub::a2a
