#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "core/result.h"
#include "hub/run_service.h"

namespace agenthub::mcp {

// Builds the real RunService on first use (cold start: an MCP client waits for initialize,
// and the hub may need time to open its state). When the factory fails, every call reports
// that failure instead of the process dying.
class LazyRunService final : public hub::RunService {
 public:
  using Factory = std::function<Result<std::unique_ptr<hub::RunService>>()>;
  explicit LazyRunService(Factory factory) : factory_(std::move(factory)) {}

  Result<Json> spawn_run(const hub::SpawnRunRequest& request) override;
  Result<Json> get_run(const std::string& run_id) override;
  Result<Json> poll_events(const hub::PollEventsRequest& request) override;
  Result<Json> cancel_run(const std::string& run_id) override;
  Result<Json> continue_run(const std::string& run_id, const Json& input_message) override;
  Result<Json> list_runs(const hub::ListRunsRequest& request) override;
  Result<Json> get_event_artifact(const hub::EventArtifactRequest& request) override;

 private:
  // The service, building it once; nullptr after a failed build (then `error_` says why).
  hub::RunService* get();
  template <typename Call>
  Result<Json> with_service(Call&& call) {
    hub::RunService* service = get();
    if (service == nullptr) return error_;
    return call(*service);
  }

  Factory factory_;
  std::once_flag once_;
  std::unique_ptr<hub::RunService> service_;
  Error error_;
};

}  // namespace agenthub::mcp
