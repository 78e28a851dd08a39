#pragma once

// A RunService for the MCP fuzz targets: answers at once (poll_events never waits) with replies
// in the hub's wire shapes, or with a reply / Error the input chose, and records what the tools
// asked so the targets can check the shape checks held. Single-threaded use.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "core/json.h"
#include "hub/run_service.h"

namespace agenthub::fuzz {

class CannedRunService final : public hub::RunService {
 public:
  // The next calls answer with this instead of the canned reply (null: canned).
  void set_reply(Json reply) { reply_ = std::move(reply); }
  void set_error(std::optional<Error> error) { error_ = std::move(error); }
  void reset_calls() {
    calls_ = 0;
    method_.clear();
  }

  [[nodiscard]] int calls() const { return calls_; }
  [[nodiscard]] const std::string& method() const { return method_; }
  [[nodiscard]] const Json& last_reply() const { return last_reply_; }

  std::optional<hub::SpawnRunRequest> spawn;
  std::optional<hub::PollEventsRequest> poll;
  std::optional<hub::ListRunsRequest> list;
  std::optional<hub::EventArtifactRequest> artifact;
  std::string run_id;
  Json continued_with;

  Result<Json> spawn_run(const hub::SpawnRunRequest& request) override {
    spawn = request;
    return answer("spawn_run",
                  {{"run_id", "run-1"},
                   {"backend", request.backend},
                   {"role", request.role},
                   {"session_id", request.session_id.empty() ? "sess-1" : request.session_id},
                   {"status", "running"}});
  }
  Result<Json> get_run(const std::string& id) override {
    run_id = id;
    return answer("get_run", summary(id, "completed"));
  }
  Result<Json> poll_events(const hub::PollEventsRequest& request) override {
    poll = request;
    // Up to three events after after_seq, none past the largest seq (as the hub would).
    Json events = Json::array();
    std::int64_t next = request.after_seq;
    for (std::int64_t i = 0; i < std::min(request.limit, 3) && next < INT64_MAX; ++i) {
      ++next;
      events.push_back({{"seq", next},
                        {"ts", "2025-01-01T00:00:00Z"},
                        {"run_id", request.run_id},
                        {"type", "agent_message"},
                        {"data", {{"text", "step " + std::to_string(i)}}}});
    }
    return answer("poll_events", {{"run_id", request.run_id},
                                  {"status", "running"},
                                  {"events", std::move(events)},
                                  {"next_after_seq", next}});
  }
  Result<Json> cancel_run(const std::string& id) override {
    run_id = id;
    return answer(
        "cancel_run",
        {{"run_id", id}, {"status", "cancelled"}, {"cancelled_at", "2025-01-01T00:00:09Z"}});
  }
  Result<Json> continue_run(const std::string& id, const Json& input_message) override {
    run_id = id;
    continued_with = input_message;
    return answer("continue_run", {{"run_id", id}, {"status", "running"}});
  }
  Result<Json> list_runs(const hub::ListRunsRequest& request) override {
    list = request;
    return answer(
        "list_runs",
        {{"runs", Json::array({summary("run-1", "running"), summary("run-2", "failed")})}});
  }
  Result<Json> get_event_artifact(const hub::EventArtifactRequest& request) override {
    artifact = request;
    // A 100-byte artifact paged like the hub pages it.
    constexpr std::int64_t kTotal = 100;
    const std::int64_t returned =
        request.offset >= kTotal ? 0 : std::min(request.limit, kTotal - request.offset);
    return answer("get_event_artifact",
                  {{"run_id", request.run_id},
                   {"seq", request.seq},
                   {"field_path", request.field_path},
                   {"mime", "text/plain"},
                   {"encoding", "utf-8"},
                   {"relpath", "artifacts/000001-agent_message/manifest.json"},
                   {"total_bytes", kTotal},
                   {"offset", request.offset},
                   {"returned_bytes", returned},
                   {"has_more", request.offset + returned < kTotal},
                   {"content", std::string(static_cast<std::size_t>(returned), 'x')}});
  }

 private:
  static Json summary(const std::string& id, const char* status) {
    return {{"run_id", id},         {"backend", "codex"},      {"role", "worker"},
            {"status", status},     {"summary", "did things"}, {"last_seq", 7},
            {"cwd", "/tmp/project"}};
  }

  Result<Json> answer(const char* method, Json canned) {
    ++calls_;
    method_ = method;
    if (error_) return *error_;
    last_reply_ = reply_.is_null() ? std::move(canned) : reply_;
    return last_reply_;
  }

  Json reply_;
  std::optional<Error> error_;
  Json last_reply_;
  int calls_ = 0;
  std::string method_;
};

}  // namespace agenthub::fuzz
