#pragma once

// A RunService for unit tests: records every request, answers with a canned reply or error,
// and can hold poll_events until the test releases it (or the call's stop token fires), so
// tests can prove ordering without sleeps.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "hub/run_service.h"

namespace agenthub::mcp::testing {

class FakeRunService final : public hub::RunService {
 public:
  static constexpr std::chrono::seconds kDeadline{20};

  Result<Json> spawn_run(const hub::SpawnRunRequest& request) override {
    std::lock_guard lock(mutex_);
    spawn = request;
    return answer("spawn_run");
  }
  Result<Json> get_run(const std::string& run_id) override {
    std::lock_guard lock(mutex_);
    run_ids.push_back(run_id);
    return answer("get_run");
  }
  Result<Json> poll_events(const hub::PollEventsRequest& request) override {
    std::unique_lock lock(mutex_);
    poll = request;
    ++polls_entered_;
    changed_.notify_all();
    if (block_polls_ && ignore_stop_) {
      changed_.wait(lock, [this] { return !block_polls_; });
      ++polls_left_;
      changed_.notify_all();
    } else if (block_polls_) {
      poll_stopped = !changed_.wait(lock, request.stop, [this] { return !block_polls_; });
      ++polls_left_;
      changed_.notify_all();
    }
    return answer("poll_events");
  }
  Result<Json> cancel_run(const std::string& run_id) override {
    std::lock_guard lock(mutex_);
    run_ids.push_back(run_id);
    return answer("cancel_run");
  }
  Result<Json> continue_run(const std::string& run_id, const Json& input_message) override {
    std::lock_guard lock(mutex_);
    run_ids.push_back(run_id);
    continued_with = input_message;
    return answer("continue_run");
  }
  Result<Json> list_runs(const hub::ListRunsRequest& request) override {
    std::lock_guard lock(mutex_);
    list = request;
    return answer("list_runs");
  }
  Result<Json> get_event_artifact(const hub::EventArtifactRequest& request) override {
    std::lock_guard lock(mutex_);
    artifact = request;
    return answer("get_event_artifact");
  }

  void set_reply(Json value) {
    std::lock_guard lock(mutex_);
    reply = std::move(value);
  }
  void set_error(Error error) {
    std::lock_guard lock(mutex_);
    fail_with = std::move(error);
  }
  void block_polls() {
    std::lock_guard lock(mutex_);
    block_polls_ = true;
  }
  // Blocked polls then ignore their stop token, like a hub call that cannot be interrupted.
  void ignore_stop() {
    std::lock_guard lock(mutex_);
    ignore_stop_ = true;
  }
  void release_polls() {
    std::lock_guard lock(mutex_);
    block_polls_ = false;
    changed_.notify_all();
  }
  // Waits until `n` polls have entered (or left) the service.
  bool wait_polls_entered(int n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kDeadline, [&] { return polls_entered_ >= n; });
  }
  bool wait_polls_left(int n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kDeadline, [&] { return polls_left_ >= n; });
  }
  [[nodiscard]] int calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }
  // The methods called, in order.
  [[nodiscard]] std::vector<std::string> methods() const {
    std::lock_guard lock(mutex_);
    return methods_;
  }

  // Recorded requests (read after the call returned).
  std::optional<hub::SpawnRunRequest> spawn;
  std::optional<hub::PollEventsRequest> poll;
  std::optional<hub::ListRunsRequest> list;
  std::optional<hub::EventArtifactRequest> artifact;
  std::vector<std::string> run_ids;
  Json continued_with;
  bool poll_stopped = false;

 private:
  Result<Json> answer(const char* method) {
    ++calls_;
    methods_.emplace_back(method);
    if (fail_with) return *fail_with;
    return reply;
  }

  mutable std::mutex mutex_;
  std::condition_variable_any changed_;
  Json reply = {{"run_id", "run-1"}, {"status", "running"}};
  std::optional<Error> fail_with;
  bool block_polls_ = false;
  bool ignore_stop_ = false;
  int polls_entered_ = 0;
  int polls_left_ = 0;
  int calls_ = 0;
  std::vector<std::string> methods_;
};

}  // namespace agenthub::mcp::testing
