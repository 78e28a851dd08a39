#include "a2a/server/request_handler.h"

#include <spdlog/spdlog.h>

#include <exception>

#include "a2a/server/store_task_updater.h"
#include "core/clock.h"
#include "core/ids.h"

namespace agenthub::a2a {
namespace {

// How often a blocked SendMessage re-checks; it is woken by the task's events anyway.
constexpr std::chrono::milliseconds kWaitSlice{1000};

Status require_id(const std::string& id) {
  if (id.empty()) return Error{ErrorCode::kInvalidArgument, "params.id is required"};
  return {};
}

}  // namespace

RequestHandler::RequestHandler(std::shared_ptr<AgentExecutor> executor,
                               RequestHandlerOptions options)
    : executor_(std::move(executor)),
      store_(options.store),
      runner_(options.max_concurrent_tasks) {}

RequestHandler::~RequestHandler() { shutdown(); }

Result<RequestHandler::Started> RequestHandler::start(const SendMessageRequest& request) {
  if (shut_down_.load()) return Error{ErrorCode::kUnavailable, "the agent is shutting down"};
  const Message& in = request.message;
  if (in.parts.empty()) {
    return Error{ErrorCode::kInvalidArgument, "params.message.parts must hold at least one part"};
  }

  RequestContext ctx;
  ctx.message = in;
  if (ctx.message.message_id.empty()) ctx.message.message_id = new_uuid_v4();
  if (ctx.message.role == Role::kUnknown) ctx.message.role = Role::kUser;
  ctx.configuration = request.configuration;
  ctx.request_metadata = request.metadata;

  const bool continuing = !in.task_id.empty();
  if (continuing) {
    auto existing = store_.get(in.task_id);
    if (!existing.ok()) return existing.error();
    if (!in.context_id.empty() && in.context_id != existing->context_id) {
      return Error{ErrorCode::kInvalidArgument,
                   "params.message.contextId does not match the context of task " + in.task_id};
    }
    AGENTHUB_RETURN_IF_ERROR(check_resumable(*existing));
    ctx.task_id = existing->id;
    ctx.context_id = existing->context_id;
    ctx.existing_task = std::move(existing).value();
    ctx.new_context = false;
  } else {
    ctx.task_id = new_uuid_v4();
    ctx.context_id = in.context_id.empty() ? new_uuid_v4() : in.context_id;
    ctx.new_context = !store_.has_context(ctx.context_id);
  }
  ctx.message.task_id = ctx.task_id;
  ctx.message.context_id = ctx.context_id;

  try {
    AGENTHUB_RETURN_IF_ERROR(executor_->admit(ctx));
  } catch (const std::exception& e) {
    spdlog::error("admit threw task_id={}: {}", ctx.task_id, e.what());
    return Error{ErrorCode::kInternal,
                 std::string("the agent failed to admit the task: ") + e.what()};
  } catch (...) {
    return Error{ErrorCode::kInternal, "the agent failed to admit the task"};
  }

  Result<TaskStore::Snapshot> snap = Error{ErrorCode::kInternal, "unreachable"};
  if (continuing) {
    snap = store_.resume(ctx.task_id, ctx.message);
  } else {
    Task task;
    task.id = ctx.task_id;
    task.context_id = ctx.context_id;
    task.status.state = TaskState::kSubmitted;
    task.status.timestamp = iso8601_now();
    task.history.push_back(ctx.message);
    snap = store_.create(std::move(task));
  }
  if (!snap.ok()) return snap.error();

  Started started;
  started.submitted = snap->task;
  started.stream = std::make_unique<TaskEventStream>(store_, std::move(snap).value());
  spdlog::debug("task {} task_id={} context_id={}", continuing ? "continued" : "submitted",
                ctx.task_id, ctx.context_id);
  const std::string task_id = ctx.task_id;
  if (!runner_.submit(task_id, [this, ctx = std::move(ctx)](std::stop_token stop) {
        run(ctx, std::move(stop));
      })) {
    StoreTaskUpdater(store_, task_id, started.submitted.context_id)
        .fail("the agent is shutting down");
    return Error{ErrorCode::kUnavailable, "the agent is shutting down"};
  }
  return started;
}

void RequestHandler::run(const RequestContext& base, std::stop_token stop) {
  StoreTaskUpdater updater(store_, base.task_id, base.context_id);
  if (updater.is_final()) return;  // canceled while it waited for a slot
  RequestContext ctx = base;
  ctx.stop = std::move(stop);
  try {
    executor_->execute(ctx, updater);
  } catch (const std::exception& e) {
    spdlog::error("executor threw task_id={}: {}", ctx.task_id, e.what());
    updater.fail(std::string("the agent failed: ") + e.what());
  } catch (...) {
    spdlog::error("executor threw a non-standard exception task_id={}", ctx.task_id);
    updater.fail("the agent failed with an unknown error");
  }
  const TaskState last = updater.last_published_state();
  if (!is_terminal(last) && !is_interrupted(last) && !updater.is_final()) {
    spdlog::warn("executor returned without settling its task task_id={}", ctx.task_id);
    updater.fail("the agent stopped without finishing the task");
  }
}

Result<SendMessageResponse> RequestHandler::send_message(const SendMessageRequest& request) {
  auto started = start(request);
  if (!started.ok()) return started.error();
  const auto history_length = request.configuration.history_length;
  if (request.configuration.return_immediately) {
    Task task = std::move(started->submitted);
    apply_history_length(task, history_length);
    return SendMessageResponse{std::move(task)};
  }
  StreamResponse item;
  while (started->stream->next(kWaitSlice, item) != TaskEventStream::Next::kEnd) {
  }
  auto task = store_.get(started->stream->task_id(), history_length);
  if (!task.ok()) return task.error();
  return SendMessageResponse{std::move(task).value()};
}

Result<std::unique_ptr<TaskEventStream>> RequestHandler::send_streaming_message(
    const SendMessageRequest& request) {
  auto started = start(request);
  if (!started.ok()) return started.error();
  return std::move(started->stream);
}

Result<Task> RequestHandler::get_task(const GetTaskRequest& request) const {
  AGENTHUB_RETURN_IF_ERROR(require_id(request.id));
  return store_.get(request.id, request.history_length);
}

Result<ListTasksResponse> RequestHandler::list_tasks(const ListTasksRequest& request) const {
  return store_.list(request);
}

Result<Task> RequestHandler::cancel_task(const CancelTaskRequest& request) {
  AGENTHUB_RETURN_IF_ERROR(require_id(request.id));
  auto task = store_.cancel(request.id);
  if (!task.ok()) return task.error();
  spdlog::info("task canceled task_id={}", request.id);
  if (!runner_.drop_queued(request.id)) {
    runner_.stop_running(request.id);
    try {
      executor_->cancel(request.id);
    } catch (const std::exception& e) {
      spdlog::error("executor cancel threw task_id={}: {}", request.id, e.what());
    } catch (...) {
      spdlog::error("executor cancel threw task_id={}", request.id);
    }
  }
  return task;
}

Result<std::unique_ptr<TaskEventStream>> RequestHandler::subscribe_to_task(
    const SubscribeToTaskRequest& request) {
  AGENTHUB_RETURN_IF_ERROR(require_id(request.id));
  auto snap = store_.subscribe(request.id);
  if (!snap.ok()) return snap.error();
  const TaskState state = snap->task.status.state;
  if (is_terminal(state)) {
    return Error{ErrorCode::kUnsupportedOperation,
                 "task " + request.id + " is " + std::string(task_state_name(state)) +
                     "; there are no more updates to subscribe to (use GetTask)"};
  }
  return std::make_unique<TaskEventStream>(store_, std::move(snap).value());
}

void RequestHandler::close_streams() { store_.close_all(); }

void RequestHandler::shutdown() {
  if (shut_down_.exchange(true)) return;
  // Fail first and close the queues last, so open streams deliver the failure and end.
  for (const std::string& id : store_.unfinished_task_ids()) {
    auto task = store_.get(id, 0);
    if (!task.ok()) continue;
    StoreTaskUpdater(store_, id, task->context_id).fail("the agent is shutting down");
    if (runner_.drop_queued(id)) continue;
    runner_.stop_running(id);
    try {
      executor_->cancel(id);
    } catch (...) {
      spdlog::error("executor cancel threw during shutdown task_id={}", id);
    }
  }
  runner_.shutdown();
  close_streams();
}

}  // namespace agenthub::a2a
