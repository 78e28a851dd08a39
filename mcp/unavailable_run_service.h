#pragma once

#include <string>

#include "hub/run_service.h"

namespace agenthub::mcp {

// A RunService whose every call fails with kUnavailable and a fixed reason: used when the
// real one is missing or could not start, so the MCP surface still answers and says why.
class UnavailableRunService final : public hub::RunService {
 public:
  explicit UnavailableRunService(std::string reason) : reason_(std::move(reason)) {}

  Result<Json> spawn_run(const hub::SpawnRunRequest&) override { return fail(); }
  Result<Json> get_run(const std::string&) override { return fail(); }
  Result<Json> poll_events(const hub::PollEventsRequest&) override { return fail(); }
  Result<Json> cancel_run(const std::string&) override { return fail(); }
  Result<Json> continue_run(const std::string&, const Json&) override { return fail(); }
  Result<Json> list_runs(const hub::ListRunsRequest&) override { return fail(); }
  Result<Json> get_event_artifact(const hub::EventArtifactRequest&) override { return fail(); }

 private:
  [[nodiscard]] Error fail() const { return {ErrorCode::kUnavailable, reason_}; }

  std::string reason_;
};

}  // namespace agenthub::mcp
