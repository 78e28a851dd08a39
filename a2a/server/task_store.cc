#include "a2a/server/task_store.h"

#include <algorithm>
#include <charconv>

#include "core/clock.h"

namespace agenthub::a2a {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 100;

Error not_found(const std::string& id) {
  return Error{ErrorCode::kTaskNotFound, "task not found: " + id};
}

void merge_artifact(std::vector<Artifact>& artifacts, Artifact incoming, bool append) {
  auto it = std::find_if(artifacts.begin(), artifacts.end(),
                         [&](const Artifact& a) { return a.artifact_id == incoming.artifact_id; });
  if (it == artifacts.end()) {
    artifacts.push_back(std::move(incoming));
    return;
  }
  if (!append) {
    *it = std::move(incoming);
    return;
  }
  for (auto& part : incoming.parts) it->parts.push_back(std::move(part));
  if (!incoming.name.empty()) it->name = std::move(incoming.name);
  if (!incoming.description.empty()) it->description = std::move(incoming.description);
  if (incoming.metadata.is_object()) {
    if (!it->metadata.is_object()) it->metadata = Json::object();
    it->metadata.update(incoming.metadata);
  }
}

}  // namespace

void apply_history_length(Task& task, std::optional<int> history_length) {
  if (!history_length) return;
  if (*history_length <= 0) {
    task.history.clear();
    return;
  }
  const auto keep = static_cast<std::size_t>(*history_length);
  if (task.history.size() > keep) {
    task.history.erase(task.history.begin(),
                       task.history.end() - static_cast<std::ptrdiff_t>(keep));
  }
}

Status check_resumable(const Task& task) {
  const TaskState state = task.status.state;
  if (is_terminal(state)) {
    return Error{ErrorCode::kUnsupportedOperation,
                 "task " + task.id + " is " + std::string(task_state_name(state)) +
                     " and accepts no more messages; send a message without taskId to start a "
                     "new task"};
  }
  if (!is_interrupted(state)) {
    return Error{ErrorCode::kUnsupportedOperation,
                 "task " + task.id + " is " + std::string(task_state_name(state)) +
                     "; a message can continue it only when it is input-required or "
                     "auth-required"};
  }
  return {};
}

TaskStore::TaskStore(TaskStoreOptions options)
    : options_([&] {
        // Zero would make every limit meaningless (nothing kept); clamp to the smallest sane value.
        options.max_history = std::max<std::size_t>(options.max_history, 1);
        options.max_events = std::max<std::size_t>(options.max_events, 1);
        options.max_terminal_tasks = std::max<std::size_t>(options.max_terminal_tasks, 1);
        return options;
      }()) {}

TaskStore::Entry* TaskStore::find_locked(const std::string& id) {
  auto it = tasks_.find(id);
  return it == tasks_.end() ? nullptr : &it->second;
}

const TaskStore::Entry* TaskStore::find_locked(const std::string& id) const {
  auto it = tasks_.find(id);
  return it == tasks_.end() ? nullptr : &it->second;
}

Result<TaskStore::Snapshot> TaskStore::create(Task task) {
  std::lock_guard lock(mu_);
  if (tasks_.contains(task.id)) {
    return Error{ErrorCode::kAlreadyExists, "task already exists: " + task.id};
  }
  Entry entry;
  entry.queue = std::make_shared<EventQueue>(options_.max_events);
  if (closed_) entry.queue->close();
  entry.updated = ++update_counter_;
  if (task.history.size() > options_.max_history) {
    task.history.erase(task.history.begin(),
                       task.history.end() - static_cast<std::ptrdiff_t>(options_.max_history));
  }
  entry.task = std::move(task);
  ++contexts_[entry.task.context_id];
  Snapshot snap{entry.task, entry.queue->last_seq(), entry.queue};
  const std::string id = entry.task.id;
  const bool terminal = is_terminal(entry.task.status.state);
  tasks_.emplace(id, std::move(entry));
  if (terminal) on_terminal_locked(id);
  return snap;
}

Result<Task> TaskStore::get(const std::string& id, std::optional<int> history_length) const {
  std::lock_guard lock(mu_);
  const Entry* entry = find_locked(id);
  if (entry == nullptr) return not_found(id);
  Task out = entry->task;
  apply_history_length(out, history_length);
  return out;
}

Result<TaskStore::Snapshot> TaskStore::subscribe(const std::string& id) const {
  std::lock_guard lock(mu_);
  const Entry* entry = find_locked(id);
  if (entry == nullptr) return not_found(id);
  return Snapshot{entry->task, entry->queue->last_seq(), entry->queue};
}

std::optional<TaskState> TaskStore::state(const std::string& id) const {
  std::lock_guard lock(mu_);
  const Entry* entry = find_locked(id);
  if (entry == nullptr) return std::nullopt;
  return entry->task.status.state;
}

bool TaskStore::has_context(const std::string& context_id) const {
  std::lock_guard lock(mu_);
  return contexts_.contains(context_id);
}

Result<ListTasksResponse> TaskStore::list(const ListTasksRequest& request) const {
  const int page_size = request.page_size == 0 ? kDefaultPageSize : request.page_size;
  if (page_size < 1 || page_size > kMaxPageSize) {
    return Error{ErrorCode::kInvalidArgument, "pageSize must be between 1 and 100"};
  }
  std::uint64_t before = UINT64_MAX;
  if (!request.page_token.empty()) {
    const char* first = request.page_token.data();
    const char* last = first + request.page_token.size();
    auto [end, ec] = std::from_chars(first, last, before);
    if (ec != std::errc() || end != last) {
      return Error{ErrorCode::kInvalidArgument, "pageToken is not one this server issued"};
    }
  }
  const bool filter_state = request.status.has_value() && *request.status != TaskState::kUnknown;

  std::lock_guard lock(mu_);
  std::vector<const Entry*> matching;
  for (const auto& [id, entry] : tasks_) {
    if (!request.context_id.empty() && entry.task.context_id != request.context_id) continue;
    if (filter_state && entry.task.status.state != *request.status) continue;
    matching.push_back(&entry);
  }
  std::sort(matching.begin(), matching.end(),
            [](const Entry* a, const Entry* b) { return a->updated > b->updated; });

  ListTasksResponse out;
  out.page_size = page_size;
  out.total_size = static_cast<int>(matching.size());
  auto it = std::find_if(matching.begin(), matching.end(),
                         [&](const Entry* e) { return e->updated < before; });
  for (; it != matching.end() && static_cast<int>(out.tasks.size()) < page_size; ++it) {
    Task task = (*it)->task;
    apply_history_length(task, request.history_length);
    if (!request.include_artifacts) task.artifacts.clear();
    out.tasks.push_back(std::move(task));
  }
  if (it != matching.end() && !out.tasks.empty()) {
    out.next_page_token = std::to_string((*(it - 1))->updated);
  }
  return out;
}

void TaskStore::append_history_locked(Entry& entry, Message message) {
  auto& history = entry.task.history;
  history.push_back(std::move(message));
  if (history.size() > options_.max_history) {
    history.erase(history.begin(),
                  history.end() - static_cast<std::ptrdiff_t>(options_.max_history));
  }
}

std::uint64_t TaskStore::publish_locked(Entry& entry, StreamResponse event) {
  entry.updated = ++update_counter_;
  return entry.queue->push(std::move(event));
}

void TaskStore::on_terminal_locked(const std::string& id) {
  if (Entry* entry = find_locked(id)) entry->queue->release();
  terminal_order_.push_back(id);
  while (terminal_order_.size() > options_.max_terminal_tasks) {
    auto it = tasks_.find(terminal_order_.front());
    terminal_order_.pop_front();
    if (it == tasks_.end()) continue;
    it->second.queue->close();
    auto ctx = contexts_.find(it->second.task.context_id);
    if (ctx != contexts_.end() && --ctx->second == 0) contexts_.erase(ctx);
    tasks_.erase(it);
  }
}

void TaskStore::wait_for_room(const std::string& id) const {
  std::shared_ptr<EventQueue> queue;
  {
    std::lock_guard lock(mu_);
    const Entry* entry = find_locked(id);
    if (entry == nullptr || is_terminal(entry->task.status.state)) return;
    queue = entry->queue;
  }
  // Outside mu_: other tasks, readers and GetTask go on while this task's publisher waits.
  queue->wait_for_room(options_.max_publish_wait);
}

bool TaskStore::publish_status(TaskStatusUpdateEvent event) {
  wait_for_room(event.task_id);
  std::lock_guard lock(mu_);
  Entry* entry = find_locked(event.task_id);
  if (entry == nullptr || is_terminal(entry->task.status.state)) return false;
  event.context_id = entry->task.context_id;
  event.is_final = is_terminal(event.status.state) || is_interrupted(event.status.state);
  entry->task.status = event.status;
  if (event.status.message) append_history_locked(*entry, *event.status.message);
  const bool terminal = is_terminal(event.status.state);
  const std::string id = event.task_id;
  publish_locked(*entry, std::move(event));
  if (terminal) on_terminal_locked(id);
  return true;
}

bool TaskStore::publish_artifact(TaskArtifactUpdateEvent event) {
  wait_for_room(event.task_id);
  std::lock_guard lock(mu_);
  Entry* entry = find_locked(event.task_id);
  if (entry == nullptr || is_terminal(entry->task.status.state)) return false;
  event.context_id = entry->task.context_id;
  merge_artifact(entry->task.artifacts, event.artifact, event.append);
  publish_locked(*entry, std::move(event));
  return true;
}

Result<TaskStore::Snapshot> TaskStore::resume(const std::string& id, Message message) {
  std::lock_guard lock(mu_);
  Entry* entry = find_locked(id);
  if (entry == nullptr) return not_found(id);
  AGENTHUB_RETURN_IF_ERROR(check_resumable(entry->task));
  append_history_locked(*entry, std::move(message));
  // The awaited answer arrived: the task is being worked on again (it was accepted long ago,
  // so it does not go back to submitted).
  TaskStatusUpdateEvent event;
  event.task_id = id;
  event.context_id = entry->task.context_id;
  event.status.state = TaskState::kWorking;
  event.status.timestamp = iso8601_now();
  entry->task.status = event.status;
  publish_locked(*entry, std::move(event));
  return Snapshot{entry->task, entry->queue->last_seq(), entry->queue};
}

Result<Task> TaskStore::cancel(const std::string& id) {
  std::lock_guard lock(mu_);
  Entry* entry = find_locked(id);
  if (entry == nullptr) return not_found(id);
  const TaskState state = entry->task.status.state;
  if (is_terminal(state)) {
    return Error{ErrorCode::kTaskNotCancelable,
                 "task " + id + " is already " + std::string(task_state_name(state))};
  }
  TaskStatusUpdateEvent event;
  event.task_id = id;
  event.context_id = entry->task.context_id;
  event.status.state = TaskState::kCanceled;
  event.status.timestamp = iso8601_now();
  event.is_final = true;
  entry->task.status = event.status;
  Task out = entry->task;
  publish_locked(*entry, std::move(event));
  on_terminal_locked(id);
  return out;
}

std::vector<std::string> TaskStore::unfinished_task_ids() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const auto& [id, entry] : tasks_) {
    if (!is_terminal(entry.task.status.state)) out.push_back(id);
  }
  return out;
}

void TaskStore::close_all() {
  std::lock_guard lock(mu_);
  closed_ = true;
  for (auto& [id, entry] : tasks_) entry.queue->close();
}

std::size_t TaskStore::size() const {
  std::lock_guard lock(mu_);
  return tasks_.size();
}

}  // namespace agenthub::a2a
