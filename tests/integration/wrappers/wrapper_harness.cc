#include "tests/integration/wrappers/wrapper_harness.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include "agents/common/jsonl_reader.h"
#include "agents/common/run_event_wire.h"

namespace agenthub::agents::testing {
namespace {

std::string status_text_of(const a2a::TaskStatus& status) {
  return status.message ? status.message->text() : std::string();
}

Json status_data_of(const a2a::TaskStatus& status) {
  if (!status.message) return nullptr;
  for (const auto& part : status.message->parts) {
    if (part.kind == a2a::Part::Kind::kData && part.media_type != kRunEventMediaType) {
      return part.data;
    }
  }
  return nullptr;
}

void take(StreamResult& r, const a2a::StreamResponse& item) {
  r.items.push_back(item);
  if (const auto* task = std::get_if<a2a::Task>(&item)) {
    r.task_id = task->id;
    r.context_id = task->context_id;
    r.state = task->status.state;
    r.status_text = status_text_of(task->status);
    r.status_data = status_data_of(task->status);
  } else if (const auto* update = std::get_if<a2a::TaskStatusUpdateEvent>(&item)) {
    r.task_id = update->task_id;
    r.context_id = update->context_id;
    r.state = update->status.state;
    if (update->status.message) {
      for (const auto& part : update->status.message->parts) {
        if (part.kind == a2a::Part::Kind::kData && part.media_type == kRunEventMediaType) {
          r.run_events.push_back(part.data);
          r.types.push_back(json_string(part.data, "type"));
        }
      }
    }
    r.status_text = status_text_of(update->status);
    r.status_data = status_data_of(update->status);
  } else if (const auto* art = std::get_if<a2a::TaskArtifactUpdateEvent>(&item)) {
    if (art->artifact.name == kResultArtifactName) r.result = art->artifact;
  }
}

}  // namespace

std::filesystem::path bin_path(const std::string& name) {
  return std::filesystem::path(AGENTHUB_BIN_DIR) / name;
}

std::filesystem::path recording_path(const std::string& relative) {
  return std::filesystem::path(AGENTHUB_SOURCE_DIR) / "tests/fakes/recordings" / relative;
}

std::filesystem::path fake_sample(const std::string& name) {
  return std::filesystem::path(AGENTHUB_SOURCE_DIR) / "tests/fakes/fake_cli/samples" / name;
}

std::unique_ptr<WrapperProcess> WrapperProcess::start(const std::string& binary,
                                                      std::vector<std::string> args,
                                                      const EnvList& env,
                                                      std::vector<std::string> drop) {
  SpawnOptions options;
  options.argv = {bin_path(binary).string()};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  drop.insert(drop.end(), {"FAKE_CLI_*", "AGENTHUB_AGENT_TOKEN", "CODEX_BIN", "CLAUDE_BIN"});
  options.env = inherited_env(drop, env);
  auto spawned = Process::spawn(std::move(options));
  EXPECT_TRUE(spawned.ok()) << spawned.error().to_string();
  if (!spawned.ok()) return nullptr;
  auto wrapper = std::unique_ptr<WrapperProcess>(new WrapperProcess());
  wrapper->process_ = std::move(spawned).value();
  // A wrapper that never gets ready is killed so the test fails instead of hanging.
  Process& process = *wrapper->process_;
  std::jthread watchdog([&process](std::stop_token stop) {
    const auto deadline = std::chrono::steady_clock::now() + kWrapperDeadline;
    while (!stop.stop_requested() && std::chrono::steady_clock::now() < deadline) {
      if (process.wait_for(std::chrono::milliseconds(100))) return;
    }
    if (!stop.stop_requested()) process.kill();
  });
  JsonlReader reader(process.stdout_source());
  auto first = reader.next();
  watchdog.request_stop();
  EXPECT_TRUE(first && first->ok()) << "no ready line; stderr: " << process.stderr_tail();
  if (!first || !first->ok()) return nullptr;
  wrapper->ready_ = std::move(first->value);
  return wrapper;
}

WrapperProcess::~WrapperProcess() {
  if (process_ && !process_->exit_status()) (void)stop();
}

std::string WrapperProcess::token() const {
  const Json* t = json_find(ready_, "token");
  return t != nullptr && t->is_string() ? t->get<std::string>() : std::string();
}

std::unique_ptr<a2a::Client> WrapperProcess::client(std::optional<std::string> token) const {
  a2a::ClientOptions options;
  options.bearer_token = token.value_or(this->token());
  options.request_timeout = std::chrono::milliseconds(kWrapperDeadline);
  auto client = a2a::Client::connect(agent_url(), options);
  EXPECT_TRUE(client.ok()) << client.error().to_string();
  return client.ok() ? std::move(client).value() : nullptr;
}

ExitStatus WrapperProcess::stop() {
  process_->request_terminate(std::chrono::milliseconds(kWrapperDeadline));
  return process_->wait();
}

a2a::Message user_message(const std::string& text, const std::string& cwd,
                          const std::string& context_id, Json metadata) {
  a2a::Message m = a2a::user_text_message(text, context_id);
  if (!cwd.empty()) metadata["cwd"] = cwd;
  if (!metadata.empty()) m.metadata = std::move(metadata);
  return m;
}

const Json* StreamResult::find(std::string_view type) const {
  for (const Json& e : run_events) {
    if (json_string(e, "type") == type) return &e;
  }
  return nullptr;
}

std::string StreamResult::dump() const {
  std::string out = "state " + std::string(a2a::task_state_name(state)) + ": " + status_text + "\n";
  for (const Json& e : run_events) out += dump_json(e).substr(0, 300) + "\n";
  if (error) out += "error: " + error->to_string() + "\n";
  return out;
}

StreamResult stream(a2a::Client& client, const a2a::Message& message) {
  StreamResult r;
  a2a::SendMessageRequest request;
  request.message = message;
  auto outcome = client.send_streaming_message(request, [&r](const a2a::StreamResponse& item) {
    take(r, item);
    return true;
  });
  if (outcome.ok()) {
    r.outcome = *outcome;
  } else {
    r.error = outcome.error();
  }
  return r;
}

StreamResult collect(a2a::Client& /*client*/, a2a::EventStream& events) {
  StreamResult r;
  while (true) {
    auto item = events.next();
    if (!item.ok()) {
      r.error = item.error();
      break;
    }
    if (!item->has_value()) break;
    take(r, **item);
  }
  r.outcome = events.outcome();
  return r;
}

std::string submit(a2a::Client& client, const a2a::Message& message) {
  a2a::SendMessageRequest request;
  request.message = message;
  request.configuration.return_immediately = true;
  auto answer = client.send_message(request);
  EXPECT_TRUE(answer.ok()) << answer.error().to_string();
  if (!answer.ok()) return {};
  const auto* task = std::get_if<a2a::Task>(&*answer);
  EXPECT_NE(task, nullptr);
  return task != nullptr ? task->id : std::string();
}

bool wait_for_state(a2a::Client& client, const std::string& task_id, a2a::TaskState state) {
  auto events = client.open_subscription({task_id});
  if (!events.ok()) return task_state(client, task_id) == state;
  while (true) {
    auto item = (*events)->next();
    if (!item.ok() || !item->has_value()) return task_state(client, task_id) == state;
    a2a::TaskState seen = a2a::TaskState::kUnknown;
    if (const auto* task = std::get_if<a2a::Task>(&**item)) seen = task->status.state;
    if (const auto* update = std::get_if<a2a::TaskStatusUpdateEvent>(&**item)) {
      seen = update->status.state;
    }
    if (seen == state) return true;
  }
}

bool wait_for_run_event(a2a::Client& client, const std::string& task_id, const std::string& type) {
  auto has_event = [&type](const a2a::Message& m) {
    for (const auto& part : m.parts) {
      if (part.kind == a2a::Part::Kind::kData && part.media_type == kRunEventMediaType &&
          json_string(part.data, "type") == type) {
        return true;
      }
    }
    return false;
  };
  auto events = client.open_subscription({task_id});
  if (!events.ok()) return false;
  while (true) {
    auto item = (*events)->next();
    if (!item.ok() || !item->has_value()) return false;
    if (const auto* task = std::get_if<a2a::Task>(&**item)) {
      for (const auto& m : task->history) {
        if (has_event(m)) return true;
      }
    }
    if (const auto* update = std::get_if<a2a::TaskStatusUpdateEvent>(&**item)) {
      if (update->status.message && has_event(*update->status.message)) return true;
    }
  }
}

Result<a2a::Task> cancel(a2a::Client& client, const std::string& task_id) {
  a2a::CancelTaskRequest request;
  request.id = task_id;
  return client.cancel_task(request);
}

a2a::TaskState task_state(a2a::Client& client, const std::string& task_id) {
  auto task = client.get_task({task_id, 0});
  return task.ok() ? task->status.state : a2a::TaskState::kUnknown;
}

std::vector<Json> record_events(const std::filesystem::path& record, const std::string& kind) {
  std::vector<Json> out;
  std::ifstream in(record);
  std::string line;
  while (std::getline(in, line)) {
    auto parsed = parse_json(line);
    if (parsed.ok() && json_string(*parsed, "event") == kind) out.push_back(std::move(*parsed));
  }
  return out;
}

std::vector<pid_t> recorded_pids(const std::filesystem::path& record) {
  std::vector<pid_t> pids;
  for (const Json& e : record_events(record, "start")) pids.push_back(e.value("pid", -1));
  for (const Json& e : record_events(record, "grandchild")) pids.push_back(e.value("pid", -1));
  return pids;
}

bool all_gone(const std::vector<pid_t>& pids) {
  for (pid_t pid : pids) {
    if (pid <= 0) return false;
    int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (fd < 0) {
      if (errno == ESRCH) continue;
      return false;
    }
    pollfd p{fd, POLLIN, 0};
    const int ready =
        ::poll(&p, 1, static_cast<int>(std::chrono::milliseconds(kWrapperDeadline).count()));
    ::close(fd);
    if (ready != 1) return false;
  }
  return true;
}

}  // namespace agenthub::agents::testing
