#include "tests/integration/mcp/scripted_run_service.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "core/clock.h"

namespace agenthub::mcp::testing {
namespace {

bool is_terminal(const std::string& status) {
  return status == "completed" || status == "failed" || status == "cancelled" ||
         status == "rejected";
}

std::string numbered(const char* prefix, int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s-%04d", prefix, n);
  return buf;
}

std::string first_text(const Json& message) {
  if (const Json* parts = json_find(message, "parts"); parts != nullptr && parts->is_array()) {
    for (const auto& part : *parts) {
      if (json_string(part, "type") == "text") return json_string(part, "text");
    }
  }
  return {};
}

}  // namespace

std::string ScriptedRunService::artifact_text() {
  std::string text;
  for (int i = 1; text.size() < kArtifactBytes; ++i) {
    char line[32];
    std::snprintf(line, sizeof line, "line %05d\n", i);
    text += line;
  }
  text.resize(kArtifactBytes);
  return text;
}

void ScriptedRunService::append_event(Run& run, std::string type, Json data) {
  Json& s = run.summary;
  int seq = static_cast<int>(run.events.size()) + 1;
  run.events.push_back({{"seq", seq},
                        {"ts", iso8601_now()},
                        {"run_id", s["run_id"]},
                        {"session_id", s["session_id"]},
                        {"backend", s["backend"]},
                        {"type", std::move(type)},
                        {"data", std::move(data)}});
  s["last_seq"] = seq;
  s["updated_at"] = iso8601_now();
  changed_.notify_all();
}

void ScriptedRunService::set_status(Run& run, const std::string& status) {
  run.summary["status"] = status;
  run.summary["updated_at"] = iso8601_now();
  changed_.notify_all();
}

Result<ScriptedRunService::Run*> ScriptedRunService::find(const std::string& run_id) {
  auto it = runs_.find(run_id);
  if (it == runs_.end()) {
    return Error{ErrorCode::kNotFound, "no run " + run_id + "; list_runs shows the known runs"};
  }
  return &it->second;
}

Result<Json> ScriptedRunService::spawn_run(const hub::SpawnRunRequest& request) {
  std::error_code ec;
  if (!std::filesystem::is_directory(request.cwd, ec)) {
    return Error{ErrorCode::kInvalidArgument, "cwd: " + request.cwd + " is not a directory"};
  }
  std::lock_guard lock(mutex_);
  std::string session_id = request.session_id;
  if (request.session_mode == "resume" && !sessions_.contains(session_id)) {
    return Error{ErrorCode::kInvalidArgument, "session_id: no session " + session_id};
  }
  int n = next_id_++;
  if (request.session_mode == "new") session_id = numbered("sess", n);
  sessions_[session_id] = request.backend;
  std::string run_id = numbered("run", n);
  std::string prompt = request.prompt.value_or(first_text(request.input_message));
  Run& run = runs_[run_id];
  run.summary = {{"run_id", run_id},
                 {"backend", request.backend},
                 {"role", request.role},
                 {"session_id", session_id},
                 {"status", "running"},
                 {"started_at", iso8601_now()},
                 {"updated_at", iso8601_now()},
                 {"summary", prompt.substr(0, 80)},
                 {"last_seq", 0},
                 {"cwd", request.cwd},
                 {"metadata", request.metadata},
                 {"remote_ref", nullptr},
                 {"result", nullptr},
                 {"error", nullptr}};
  append_event(run, "run_started", {{"backend", request.backend}, {"role", request.role}});
  if (!prompt.starts_with("[running]")) {
    append_event(run, "agent_message", {{"text", "Working on: " + prompt}});
    append_event(run, "command_finished",
                 {{"command", "cat big.log"},
                  {"exit_code", 0},
                  {"stdout", artifact_text().substr(0, 4000) + "\n[... truncated]"},
                  {"artifact_refs",
                   {{"/stdout",
                     {{"field_path", "/stdout"},
                      {"relpath", "artifacts/000003-command_finished/stdout.0001.txt"},
                      {"mime", "text/plain"},
                      {"encoding", "utf-8"},
                      {"total_bytes", kArtifactBytes},
                      {"chunk_count", 2},
                      {"truncated", true}}}}}});
    append_event(run, "input_required", {{"text", "Proceed with the change?"}});
    set_status(run, "input_required");
  }
  const Json& s = run.summary;
  return Json{{"run_id", run_id},
              {"backend", s["backend"]},
              {"role", s["role"]},
              {"session_id", session_id},
              {"status", s["status"]}};
}

Result<Json> ScriptedRunService::get_run(const std::string& run_id) {
  std::lock_guard lock(mutex_);
  auto run = find(run_id);
  if (!run.ok()) return run.error();
  return (*run)->summary;
}

Result<Json> ScriptedRunService::poll_events(const hub::PollEventsRequest& request) {
  std::unique_lock lock(mutex_);
  auto found = find(request.run_id);
  if (!found.ok()) return found.error();
  Run& run = **found;
  auto has_news = [&] {
    return static_cast<std::int64_t>(run.events.size()) > request.after_seq ||
           is_terminal(run.summary["status"].get<std::string>());
  };
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(request.wait_ms);
  changed_.wait_until(lock, request.stop, deadline, has_news);
  Json events = Json::array();
  std::int64_t next = request.after_seq;
  for (const auto& event : run.events) {
    std::int64_t seq = event["seq"].get<std::int64_t>();
    if (seq <= request.after_seq) continue;
    if (static_cast<int>(events.size()) >= request.limit) break;
    events.push_back(event);
    next = seq;
  }
  return Json{{"run_id", request.run_id},
              {"status", run.summary["status"]},
              {"events", std::move(events)},
              {"next_after_seq", next}};
}

Result<Json> ScriptedRunService::cancel_run(const std::string& run_id) {
  std::lock_guard lock(mutex_);
  auto found = find(run_id);
  if (!found.ok()) return found.error();
  Run& run = **found;
  std::string status = run.summary["status"].get<std::string>();
  if (is_terminal(status)) {
    return Error{ErrorCode::kFailedPrecondition,
                 "run " + run_id + " already ended (" + status + ")"};
  }
  std::string at = iso8601_now();
  append_event(run, "status_changed", {{"status", "cancelled"}});
  set_status(run, "cancelled");
  return Json{{"run_id", run_id}, {"status", "cancelled"}, {"cancelled_at", at}};
}

Result<Json> ScriptedRunService::continue_run(const std::string& run_id,
                                              const Json& input_message) {
  std::lock_guard lock(mutex_);
  auto found = find(run_id);
  if (!found.ok()) return found.error();
  Run& run = **found;
  if (run.summary["status"] != "input_required") {
    return Error{ErrorCode::kFailedPrecondition, "run " + run_id + " is " +
                                                     run.summary["status"].get<std::string>() +
                                                     ", not input_required"};
  }
  append_event(run, "message_added", {{"content", first_text(input_message)}});
  append_event(run, "agent_message", {{"text", "Done."}});
  append_event(run, "run_completed", {{"final_response", "Done."}});
  run.summary["result"] = {{"final_response", "Done."},
                           {"structured_output", nullptr},
                           {"usage", Json::object()},
                           {"artifacts", Json::array()}};
  set_status(run, "completed");
  return Json{{"run_id", run_id}, {"status", "completed"}};
}

Result<Json> ScriptedRunService::list_runs(const hub::ListRunsRequest& request) {
  std::lock_guard lock(mutex_);
  Json runs = Json::array();
  for (const auto& [id, run] : runs_) {
    const Json& s = run.summary;
    if (request.status && s["status"] != *request.status) continue;
    if (request.backend && s["backend"] != *request.backend) continue;
    if (request.cwd && s["cwd"] != *request.cwd) continue;
    runs.push_back(s);
  }
  return Json{{"runs", std::move(runs)}};
}

Result<Json> ScriptedRunService::get_event_artifact(const hub::EventArtifactRequest& request) {
  std::lock_guard lock(mutex_);
  auto found = find(request.run_id);
  if (!found.ok()) return found.error();
  const Run& run = **found;
  if (request.seq < 1 || request.seq > static_cast<std::int64_t>(run.events.size())) {
    return Error{ErrorCode::kNotFound,
                 "run " + request.run_id + " has no event " + std::to_string(request.seq)};
  }
  const Json& event = run.events[static_cast<std::size_t>(request.seq - 1)];
  const Json* refs = json_find(event["data"], "artifact_refs");
  const Json* ref = refs != nullptr ? json_find(*refs, request.field_path) : nullptr;
  if (ref == nullptr) {
    return Error{ErrorCode::kNotFound, "event " + std::to_string(request.seq) +
                                           " has no artifact at " + request.field_path};
  }
  std::string text = artifact_text();
  auto offset = static_cast<std::size_t>(
      std::min<std::int64_t>(request.offset, static_cast<std::int64_t>(text.size())));
  std::string content = text.substr(offset, static_cast<std::size_t>(request.limit));
  return Json{{"run_id", request.run_id},
              {"seq", request.seq},
              {"field_path", request.field_path},
              {"mime", (*ref)["mime"]},
              {"encoding", (*ref)["encoding"]},
              {"relpath", (*ref)["relpath"]},
              {"total_bytes", text.size()},
              {"offset", offset},
              {"returned_bytes", content.size()},
              {"has_more", offset + content.size() < text.size()},
              {"content", content}};
}

}  // namespace agenthub::mcp::testing
