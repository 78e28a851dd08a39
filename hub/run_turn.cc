#include "hub/run_turn.h"

#include <spdlog/spdlog.h>

#include <condition_variable>

#include "core/clock.h"

namespace agenthub::hub {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kPollInterval{1000};
// GetTask failures in a row (about this many seconds) before the agent counts as gone. A local
// wrapper is on loopback: a few refusals mean it has died (the pool restarts it for the next
// run), and a run should not sit `running` for half a minute after that.
constexpr int kMaxPollFailures = 30;
constexpr int kMaxLocalPollFailures = 3;

// Sleeps for `duration`; returns false at once when stop is requested.
bool pause(std::stop_token stop, milliseconds duration) {
  std::mutex mu;
  std::condition_variable_any cv;
  std::unique_lock lock(mu);
  cv.wait_for(lock, stop, duration, [] { return false; });
  return !stop.stop_requested();
}

std::string agent_label(const LiveRun& live) {
  return live.endpoint ? live.endpoint->url : std::string("(unresolved agent)");
}

// Brings one stream item (or a GetTask snapshot) into the run: events, status, where the task
// lives, and the session's context.
void absorb(LiveRun& live, const a2a::StreamResponse& item) {
  std::vector<MappedEvent> events;
  RunStatus status = RunStatus::kUnknown;
  std::optional<RemoteRef> ref;
  std::optional<SessionRecord> session;
  {
    std::lock_guard lock(live.mu);
    const std::string task_before = live.mapper.task_id();
    const std::string context_before = live.mapper.context_id();
    const std::string backend_session_before = live.mapper.backend_session_id();
    const a2a::TaskState state_before = live.mapper.state();
    events = live.mapper.map(item);
    // Only a change of the task's state moves the run (the run may be ahead of the mapper,
    // e.g. running again after continue_run while the agent has not said so yet).
    if (live.mapper.state() != state_before) status = run_status_from(live.mapper.state());
    live.last_activity = std::chrono::steady_clock::now();

    const bool ids_changed =
        live.mapper.task_id() != task_before || live.mapper.context_id() != context_before;
    if (ids_changed) {
      RemoteRef r;
      r.provider = "a2a";
      r.task_id = live.mapper.task_id();
      r.context_id = live.mapper.context_id();
      r.conversation_id = r.context_id;
      r.agent_url = agent_label(live);
      if (live.client) r.agent_name = live.client->card().name;
      ref = r;
    }
    if (ids_changed || live.mapper.backend_session_id() != backend_session_before ||
        !live.session_saved) {
      if (!live.mapper.context_id().empty()) {
        if (ref) live.session.remote_ref = *ref;
        if (!live.mapper.backend_session_id().empty()) {
          live.session.backend_session_id = live.mapper.backend_session_id();
        }
        live.session.updated_at = iso8601_now();
        live.session_saved = true;
        session = live.session;
      }
    }
  }
  live.run->apply(events, status);
  if (ref) live.run->set_remote_ref(std::move(*ref));
  if (session && live.store != nullptr) {
    if (Status saved = live.store->save_session(*session); !saved.ok()) {
      spdlog::error("run_id={} could not write session {}: {}", live.run->id(), session->session_id,
                    saved.error().message);
    }
  }
}

RunResult result_of(LiveRun& live) {
  Json result;
  {
    std::lock_guard lock(live.mu);
    result = live.mapper.result();
  }
  RunResult out = decode_run_result(result);
  if (!live.output_schema.is_null() && out.structured_output.is_null() &&
      !out.final_response.empty()) {
    // Agents without a structured channel answer with the JSON as text.
    auto parsed = parse_json(out.final_response);
    if (parsed.ok() && (parsed->is_object() || parsed->is_array())) {
      out.structured_output = std::move(parsed).value();
    } else {
      out.extra["structured_output_error"] =
          "an output_schema was given but the final response is not a JSON value";
    }
  }
  return out;
}

void fail(LiveRun& live, std::string reason) {
  spdlog::warn("run_id={} failed: {}", live.run->id(), reason);
  live.run->finish(RunStatus::kFailed, result_of(live), std::move(reason));
}

// Ends the run according to the task's final state.
void conclude(LiveRun& live) {
  a2a::TaskState state;
  std::string text;
  {
    std::lock_guard lock(live.mu);
    state = live.mapper.state();
    text = live.mapper.status_text();
  }
  if (!a2a::is_terminal(state)) return;  // interrupted: the run waits for continue_run
  const RunStatus status = run_status_from(state);
  if (status != RunStatus::kCompleted && text.empty()) {
    text = "the agent ended the task as " + std::string(a2a::task_state_name(state));
  }
  live.run->finish(status, result_of(live), status == RunStatus::kCompleted ? "" : text);
}

a2a::TaskState current_state(LiveRun& live) {
  std::lock_guard lock(live.mu);
  return live.mapper.state();
}

bool settled(LiveRun& live) {
  a2a::TaskState state = current_state(live);
  return a2a::is_terminal(state) || a2a::is_interrupted(state) || live.run->terminal();
}

// Follows the task by GetTask until it settles. False when the run was stopped or failed.
bool poll_until_settled(LiveRun& live, a2a::Client& client, std::optional<int> history_length,
                        std::stop_token stop) {
  int failures = 0;
  while (!settled(live)) {
    std::string task_id;
    {
      std::lock_guard lock(live.mu);
      task_id = live.mapper.task_id();
    }
    if (task_id.empty()) {
      fail(live, "the agent at " + agent_label(live) + " answered without a task to follow");
      return false;
    }
    if (!pause(stop, kPollInterval)) return false;
    auto task = client.get_task({task_id, history_length});
    if (!task.ok()) {
      const bool local = live.endpoint && live.endpoint->local;
      if (task.error().code == ErrorCode::kTaskNotFound ||
          ++failures >= (local ? kMaxLocalPollFailures : kMaxPollFailures)) {
        fail(live,
             "lost the task on the agent at " + agent_label(live) + ": " + task.error().message);
        return false;
      }
      continue;
    }
    failures = 0;
    absorb(live, a2a::StreamResponse(std::move(task).value()));
  }
  return true;
}

// The run's client, connecting on first use; null after failing the run (`prefix` leads the
// reason).
std::shared_ptr<a2a::Client> connect_client(LiveRun& live, const EndpointResolver& resolve,
                                            const std::string& prefix) {
  {
    std::lock_guard lock(live.mu);
    if (live.client) return live.client;
  }
  auto endpoint = resolve();
  if (!endpoint.ok()) {
    fail(live, prefix + endpoint.error().message);
    return nullptr;
  }
  auto connected = a2a::Client::connect(endpoint->url, endpoint->options);
  const std::string url = endpoint->url;
  std::shared_ptr<a2a::Client> client;
  {
    std::lock_guard lock(live.mu);
    live.endpoint = std::move(endpoint).value();
    if (connected.ok()) live.client = std::shared_ptr<a2a::Client>(std::move(connected).value());
    client = live.client;
  }
  if (!client) fail(live, prefix + "cannot reach the agent at " + url + ": " + connected.error().message);
  return client;
}

enum class StreamEnd {
  kEnded,    // the agent closed it, or the run ended
  kBroken,   // it broke off: follow the task by GetTask
  kStopped,  // the turn was stopped
};

// Reads a stream into the run. `snapshot_history` is false when Task items must not replay
// their history (a resubscription: the run recorded it before).
StreamEnd follow_stream(LiveRun& live, std::unique_ptr<a2a::EventStream> opened,
                        bool snapshot_history, std::stop_token stop) {
  std::shared_ptr<a2a::EventStream> stream(std::move(opened));
  {
    std::lock_guard lock(live.mu);
    live.stream = stream;
  }
  StreamEnd end = StreamEnd::kEnded;
  for (;;) {
    auto item = stream->next();
    if (!item.ok()) {
      if (stop.stop_requested()) {
        end = StreamEnd::kStopped;
        break;
      }
      spdlog::warn("run_id={} stream from {} broke off ({}); following the task by GetTask",
                   live.run->id(), agent_label(live), item.error().message);
      end = StreamEnd::kBroken;
      break;
    }
    if (!item->has_value()) break;
    a2a::StreamResponse response = std::move(**item);
    if (!snapshot_history) {
      if (auto* task = std::get_if<a2a::Task>(&response)) task->history.clear();
    }
    absorb(live, response);
    if (live.run->terminal()) break;
  }
  std::lock_guard lock(live.mu);
  live.stream.reset();
  return end;
}

// Runs `body`; an exception ends the run as failed instead of the process.
template <typename Body>
void guarded(LiveRun& live, Body&& body) {
  try {
    body();
  } catch (const std::exception& e) {
    live.run->finish(RunStatus::kFailed, std::nullopt, std::string("internal error: ") + e.what());
  } catch (...) {
    live.run->finish(RunStatus::kFailed, std::nullopt, "internal error");
  }
}

}  // namespace

void drive_turn(LiveRun& live, a2a::SendMessageRequest request, const EndpointResolver& resolve,
                std::stop_token stop) {
  guarded(live, [&] {
    std::shared_ptr<a2a::Client> client = connect_client(live, resolve, "");
    if (!client || stop.stop_requested() || live.run->terminal()) return;

    bool answered = false;
    if (client->card().capabilities.streaming && !live.blocking) {
      auto stream = client->open_stream(request);
      if (stream.ok()) {
        if (follow_stream(live, std::move(stream).value(), true, stop) == StreamEnd::kStopped) {
          return;
        }
        answered = true;
      } else if (stream.error().code != ErrorCode::kUnsupportedOperation &&
                 stream.error().code != ErrorCode::kMethodNotFound) {
        fail(live, "the agent at " + agent_label(live) +
                       " refused the message: " + stream.error().message);
        return;
      }
    }
    if (!answered) {
      // No streaming: start the task and follow it, or wait for it when asked to block.
      request.configuration.return_immediately = !live.blocking;
      auto reply = client->send_message(request);
      if (!reply.ok()) {
        fail(live, "the agent at " + agent_label(live) +
                       " refused the message: " + reply.error().message);
        return;
      }
      std::visit([&](auto&& value) { absorb(live, a2a::StreamResponse(value)); }, *reply);
    }
    if (stop.stop_requested() || live.run->terminal()) return;
    if (!poll_until_settled(live, *client, request.configuration.history_length, stop)) return;
    conclude(live);
  });
}

void reattach_turn(LiveRun& live, const EndpointResolver& resolve, std::stop_token stop) {
  guarded(live, [&] {
    const std::string orphaned = "orphaned: its hub stopped and ";
    std::shared_ptr<a2a::Client> client = connect_client(live, resolve, orphaned);
    if (!client || stop.stop_requested() || live.run->terminal()) return;
    std::string task_id;
    {
      std::lock_guard lock(live.mu);
      task_id = live.mapper.task_id();
    }
    auto task = client->get_task({task_id, 0});
    if (!task.ok()) {
      fail(live, orphaned + "the agent at " + agent_label(live) + " no longer has task " +
                     task_id + ": " + task.error().message);
      return;
    }
    spdlog::info("run_id={} reattached to task {} at {} ({})", live.run->id(), task_id,
                 agent_label(live), a2a::task_state_name(task->status.state));
    task->history.clear();  // recorded by the earlier hub
    absorb(live, a2a::StreamResponse(std::move(task).value()));
    if (settled(live)) {
      conclude(live);
      return;
    }
    if (client->card().capabilities.streaming && !live.blocking) {
      auto stream = client->open_subscription({task_id});
      if (stream.ok() &&
          follow_stream(live, std::move(stream).value(), false, stop) == StreamEnd::kStopped) {
        return;
      }
    }
    if (stop.stop_requested() || live.run->terminal()) return;
    if (!poll_until_settled(live, *client, 0, stop)) return;
    conclude(live);
  });
}

void cancel_remote_task(LiveRun& live) {
  std::shared_ptr<a2a::Client> client;
  std::optional<AgentEndpoint> endpoint;
  std::string task_id;
  {
    std::lock_guard lock(live.mu);
    client = live.client;
    endpoint = live.endpoint;
    task_id = live.mapper.task_id();
    if (a2a::is_terminal(live.mapper.state())) return;
  }
  if (task_id.empty()) return;
  if (!client && endpoint) {
    // A run taken over from an earlier hub may be cancelled before its turn connected.
    auto connected = a2a::Client::connect(endpoint->url, endpoint->options);
    if (connected.ok()) client = std::shared_ptr<a2a::Client>(std::move(connected).value());
  }
  if (!client) return;
  auto cancelled = client->cancel_task({task_id, nullptr});
  if (!cancelled.ok() && cancelled.error().code != ErrorCode::kTaskNotCancelable) {
    spdlog::warn("run_id={} CancelTask {} failed: {}", live.run->id(), task_id,
                 cancelled.error().message);
  }
}

}  // namespace agenthub::hub
