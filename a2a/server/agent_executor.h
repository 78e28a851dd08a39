#pragma once

// The seam between the A2A server and an agent's own logic. An agent is a small class that
// implements AgentExecutor; the server owns ids, task storage, streaming, cancellation and
// the protocol rules.

#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "a2a/types.h"
#include "core/result.h"

namespace agenthub::a2a {

// What an executor learns about the message it must act on.
struct RequestContext {
  std::string task_id;
  std::string context_id;
  // The client's message with messageId, taskId and contextId filled in by the server.
  Message message;
  // Set when the message continues a task that was input-required / auth-required: the task
  // as it stood (status, artifacts, history) before this message arrived.
  std::optional<Task> existing_task;
  // True when this is the first task of its context on this server.
  bool new_context = false;
  SendMessageConfiguration configuration;
  Json request_metadata;  // SendMessageRequest.metadata
  // Requested when the task is canceled or the server shuts down: an alternative to
  // cancel() for executors that wait (std::condition_variable_any takes it directly).
  std::stop_token stop;
};

// Publishes one task's updates to its store and live subscribers. Thread-safe. Once the task
// is terminal (including canceled by a client) every further call is ignored, so a canceled
// task can never later report completed.
class TaskUpdater {
 public:
  virtual ~TaskUpdater() = default;

  [[nodiscard]] virtual const std::string& task_id() const = 0;
  [[nodiscard]] virtual const std::string& context_id() const = 0;

  // A status update; `message` (role agent) is stamped with this task's ids and a fresh
  // messageId when they are empty. Returns false when the update was dropped because the
  // task is already terminal.
  virtual bool update_status(TaskState state, std::optional<Message> message = std::nullopt,
                             Json metadata = nullptr) = 0;
  virtual bool add_artifact(Artifact artifact, bool append = false, bool last_chunk = true,
                            Json metadata = nullptr) = 0;

  // True once the task is terminal (for example canceled meanwhile).
  [[nodiscard]] virtual bool is_final() const = 0;

  // An agent message carrying these parts, with this task's ids.
  [[nodiscard]] Message agent_message(std::vector<Part> parts) const;
  bool working(std::string text) { return update_status(TaskState::kWorking, text_message(text)); }
  bool complete(std::optional<Message> message = std::nullopt) {
    return update_status(TaskState::kCompleted, std::move(message));
  }
  bool fail(std::string reason) { return update_status(TaskState::kFailed, text_message(reason)); }
  bool require_input(std::optional<Message> question) {
    return update_status(TaskState::kInputRequired, std::move(question));
  }

 private:
  [[nodiscard]] Message text_message(std::string text) const {
    return agent_message({Part::text_part(std::move(text))});
  }
};

class AgentExecutor {
 public:
  virtual ~AgentExecutor() = default;

  // Called synchronously before a task is created or continued. An Error here is answered
  // to the client as a JSON-RPC error and nothing is stored (e.g. a missing `cwd`).
  [[nodiscard]] virtual Status admit(const RequestContext& /*ctx*/) { return {}; }

  // Runs on a server-owned thread. Publishes progress through `updater` and returns once the
  // task is terminal or interrupted (input-required / auth-required). A continuation of an
  // interrupted task calls execute() again with ctx.existing_task set. Exceptions are caught
  // by the server and fail the task.
  virtual void execute(const RequestContext& ctx, TaskUpdater& updater) = 0;

  // A client canceled the task, or the server is shutting down (the task is then failed).
  // Called on the canceling thread; must not block for long. The server has already made the
  // task terminal; execute() should stop promptly (its later updates are dropped) and release
  // what it holds. Also called for a task whose execute() has already returned (an
  // input-required task being canceled): release any state kept for it; ignore unknown ids.
  virtual void cancel(const std::string& task_id) = 0;
};

}  // namespace agenthub::a2a
