#pragma once

// A2A protocol semantics, independent of transport and protocol version: creates and
// continues tasks, runs the AgentExecutor on server-owned threads, answers queries, cancels,
// and hands out event streams. The JSON-RPC transport decodes requests into the
// version-neutral types of types.h and calls these. Thread-safe.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>

#include "a2a/server/agent_executor.h"
#include "a2a/server/task_event_stream.h"
#include "a2a/server/task_runner.h"
#include "a2a/server/task_store.h"
#include "core/result.h"

namespace agenthub::a2a {

struct RequestHandlerOptions {
  // Tasks executing at once; 0 = unlimited. Extra tasks wait in SUBMITTED and start in order.
  std::size_t max_concurrent_tasks = 0;
  TaskStoreOptions store;
};

class RequestHandler {
 public:
  RequestHandler(std::shared_ptr<AgentExecutor> executor, RequestHandlerOptions options = {});
  RequestHandler(const RequestHandler&) = delete;
  RequestHandler& operator=(const RequestHandler&) = delete;
  ~RequestHandler();  // shutdown()

  // Starts a task (or continues an input-required one) and waits until it is terminal or
  // interrupted, unless configuration.return_immediately: then answers with the task as
  // just submitted. Errors: kInvalidArgument (bad message), kTaskNotFound (unknown taskId),
  // kUnsupportedOperation (task terminal or still running), or whatever admit() returned.
  [[nodiscard]] Result<SendMessageResponse> send_message(const SendMessageRequest& request);
  // Like send_message, answering with a stream: the task first, then its updates.
  [[nodiscard]] Result<std::unique_ptr<TaskEventStream>> send_streaming_message(
      const SendMessageRequest& request);
  [[nodiscard]] Result<Task> get_task(const GetTaskRequest& request) const;
  [[nodiscard]] Result<ListTasksResponse> list_tasks(const ListTasksRequest& request) const;
  // Makes the task canceled at once, tells subscribers, stops its run (a queued run never
  // starts) and calls executor->cancel(). kTaskNotFound; kTaskNotCancelable when terminal.
  [[nodiscard]] Result<Task> cancel_task(const CancelTaskRequest& request);
  // The current task, then live updates. kTaskNotFound; kUnsupportedOperation when the task
  // is terminal.
  [[nodiscard]] Result<std::unique_ptr<TaskEventStream>> subscribe_to_task(
      const SubscribeToTaskRequest& request);

  // Ends every stream and blocked send_message promptly (server stopping). Idempotent.
  void close_streams();
  // Refuses new messages, fails unfinished tasks ("shutting down": subscribers see that as
  // their last event), stops their executors, joins every task thread, then
  // close_streams(). Idempotent.
  void shutdown();

  [[nodiscard]] const TaskStore& store() const { return store_; }
  [[nodiscard]] std::size_t running_tasks() const { return runner_.running(); }

 private:
  struct Started {
    std::unique_ptr<TaskEventStream> stream;
    Task submitted;  // the task right after it was created or continued
  };
  [[nodiscard]] Result<Started> start(const SendMessageRequest& request);
  void run(const RequestContext& ctx, std::stop_token stop);

  std::shared_ptr<AgentExecutor> executor_;
  TaskStore store_;
  TaskRunner runner_;
  std::atomic<bool> shut_down_{false};
};

}  // namespace agenthub::a2a
