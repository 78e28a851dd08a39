#include "mcp/lazy_run_service.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace agenthub::mcp {

hub::RunService* LazyRunService::get() {
  std::call_once(once_, [this] {
    try {
      auto made = factory_();
      if (made.ok()) {
        service_ = std::move(made).value();
      } else {
        error_ = made.error();
      }
    } catch (const std::exception& e) {
      error_ = Error{ErrorCode::kInternal, std::string("starting the hub failed: ") + e.what()};
    }
    if (service_ == nullptr) {
      if (error_.message.empty()) error_ = Error{ErrorCode::kInternal, "no run service"};
      spdlog::error("mcp: run service unavailable: {}", error_.to_string());
    }
  });
  return service_.get();
}

Result<Json> LazyRunService::spawn_run(const hub::SpawnRunRequest& request) {
  return with_service([&](hub::RunService& s) { return s.spawn_run(request); });
}
Result<Json> LazyRunService::get_run(const std::string& run_id) {
  return with_service([&](hub::RunService& s) { return s.get_run(run_id); });
}
Result<Json> LazyRunService::poll_events(const hub::PollEventsRequest& request) {
  return with_service([&](hub::RunService& s) { return s.poll_events(request); });
}
Result<Json> LazyRunService::cancel_run(const std::string& run_id) {
  return with_service([&](hub::RunService& s) { return s.cancel_run(run_id); });
}
Result<Json> LazyRunService::continue_run(const std::string& run_id, const Json& input_message) {
  return with_service([&](hub::RunService& s) { return s.continue_run(run_id, input_message); });
}
Result<Json> LazyRunService::list_runs(const hub::ListRunsRequest& request) {
  return with_service([&](hub::RunService& s) { return s.list_runs(request); });
}
Result<Json> LazyRunService::get_event_artifact(const hub::EventArtifactRequest& request) {
  return with_service([&](hub::RunService& s) { return s.get_event_artifact(request); });
}

}  // namespace agenthub::mcp
