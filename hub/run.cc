#include "hub/run.h"

#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "core/fs.h"
#include "core/utf8.h"
#include "hub/storage_layout.h"

namespace agenthub::hub {
namespace {

constexpr std::size_t kSummaryChars = 200;

RunEvent make_event(const RunRecord& record, EventType type, Json data) {
  RunEvent event;
  event.run_id = record.run_id;
  event.session_id = record.session_id;
  event.backend = record.backend;
  event.backend_text = record.backend_text;
  event.type = type;
  event.data = data.is_object() ? std::move(data) : Json::object();
  return event;
}

}  // namespace

std::string summarize_text(const std::string& text) {
  std::string line;
  for (char c : text) line += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  std::size_t cut = utf8_prefix_bytes(line, kSummaryChars);
  if (cut < line.size()) {
    line.resize(cut);
    line += "...";
  }
  return line;
}

Result<std::shared_ptr<Run>> Run::create(RunRecord record, const RunStore& store,
                                         Json run_started_data) {
  AGENTHUB_RETURN_IF_ERROR(validate_storage_id("run_id", record.run_id));
  std::filesystem::path dir = run_dir(record.cwd, record.run_id);
  AGENTHUB_RETURN_IF_ERROR(ensure_dir(dir));
  auto log = EventLog::open(dir);
  if (!log.ok()) return log.error();
  std::shared_ptr<Run> run(new Run(std::move(record), std::move(log).value(), store));
  std::lock_guard lock(run->mu_);
  run->save_locked();
  if (!run->append_locked(EventType::kRunStarted, std::move(run_started_data),
                          Durability::kSyncNow)) {
    return Error{ErrorCode::kIo, "could not write the first event of run " + run->id_};
  }
  return run;
}

Result<std::shared_ptr<Run>> Run::reopen(RunRecord record, const RunStore& store) {
  AGENTHUB_RETURN_IF_ERROR(validate_storage_id("run_id", record.run_id));
  auto log = EventLog::open(run_dir(record.cwd, record.run_id));
  if (!log.ok()) return log.error();
  return std::shared_ptr<Run>(new Run(std::move(record), std::move(log).value(), store));
}

Run::Run(RunRecord record, std::unique_ptr<EventLog> log, const RunStore& store)
    : id_(record.run_id), store_(store), log_(std::move(log)), record_(std::move(record)) {}

std::filesystem::path Run::dir() const { return run_dir(record_.cwd, id_); }

RunRecord Run::snapshot() const {
  RunRecord copy;
  {
    std::lock_guard lock(mu_);
    copy = record_;
  }
  copy.last_seq = log_->last_seq();
  return copy;
}

RunStatus Run::status() const {
  std::lock_guard lock(mu_);
  return record_.status;
}

bool Run::terminal() const { return is_terminal(status()); }

bool Run::emit(EventType type, Json data) {
  std::lock_guard lock(mu_);
  if (is_terminal(record_.status)) return false;
  return append_locked(type, std::move(data), Durability::kBatched);
}

bool Run::apply(const std::vector<MappedEvent>& events, RunStatus status) {
  std::lock_guard lock(mu_);
  if (is_terminal(record_.status)) return false;
  const RunStatus before = record_.status;
  for (const auto& event : events) {
    if (event.type != EventType::kStatusChanged) {
      append_locked(event.type, event.data, Durability::kBatched);
      continue;
    }
    // The run knows its own previous status better than the agent's report does.
    Json data = event.data;
    data["previous_status"] = run_status_name(record_.status);
    const RunStatus reported = parse_run_status(json_string(data, "status"));
    if (reported != RunStatus::kUnknown && !is_terminal(reported)) record_.status = reported;
    append_locked(event.type, std::move(data), Durability::kBatched);
  }
  if (status != RunStatus::kUnknown && !is_terminal(status)) record_.status = status;
  if (record_.status != before) {
    record_.updated_at = iso8601_now();
    save_locked();
  }
  return true;
}

void Run::set_remote_ref(RemoteRef ref) {
  std::lock_guard lock(mu_);
  record_.remote_ref = std::move(ref);
  save_locked();
}

bool Run::finish(RunStatus status, std::optional<RunResult> result, std::string error) {
  std::lock_guard lock(mu_);
  if (is_terminal(record_.status)) return false;
  const std::string now = iso8601_now();
  Json data;
  EventType type = EventType::kRunFailed;
  switch (status) {
    case RunStatus::kCompleted:
      type = EventType::kRunCompleted;
      data = {{"final_response", result ? Json(result->final_response) : Json(nullptr)},
              {"structured_output", result ? result->structured_output : Json(nullptr)},
              {"usage", result ? result->usage : Json(nullptr)}};
      break;
    case RunStatus::kRejected:
      type = EventType::kRejected;
      data = {{"reason", error}};
      break;
    case RunStatus::kCancelled:
      type = EventType::kStatusChanged;
      data = {{"status", "cancelled"},
              {"previous_status", run_status_name(record_.status)},
              {"reason", error.empty() ? std::string("cancelled by cancel_run") : error}};
      record_.cancelled_at = now;
      break;
    default:
      status = RunStatus::kFailed;
      data = {{"error", error}};
      break;
  }
  data["status"] = run_status_name(status);
  append_locked(type, std::move(data), Durability::kSyncNow);

  record_.status = status;
  record_.updated_at = now;
  record_.completed_at = now;
  record_.error = status == RunStatus::kCompleted ? std::string() : error;
  if (result) {
    record_.result = *result;
    if (Status saved = store_.save_result(record_.cwd, id_, *result); !saved.ok()) {
      spdlog::error("run_id={} could not write result.json: {}", id_, saved.error().message);
    }
  }
  if (status == RunStatus::kCompleted && result) {
    record_.summary = summarize_text(result->final_response);
  } else if (!error.empty()) {
    record_.summary = summarize_text(error);
  }
  save_locked();
  if (lease_) lease_->finish();  // after run.json: a taker finds the run ended, never half-way
  return true;
}

void Run::hold_lease(RunLease lease) {
  std::lock_guard lock(mu_);
  lease_ = std::move(lease);
  if (is_terminal(record_.status)) lease_->finish();
}

bool Run::append_locked(EventType type, Json data, Durability durability) {
  auto stored = log_->append(make_event(record_, type, std::move(data)), durability);
  if (!stored.ok()) {
    spdlog::error("run_id={} could not append {} event: {}", id_, event_type_name(type),
                  stored.error().message);
    return false;
  }
  return true;
}

void Run::save_locked() {
  record_.last_seq = log_->last_seq();
  if (Status saved = store_.save_run(record_); !saved.ok()) {
    spdlog::error("run_id={} could not write run.json: {}", id_, saved.error().message);
  }
}

}  // namespace agenthub::hub
