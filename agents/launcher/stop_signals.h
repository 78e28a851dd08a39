#pragma once

// SIGINT, SIGTERM and SIGHUP taken as events instead of handlers: blocked in the calling
// thread (and so in every thread it starts afterwards) and read from a signalfd, which the
// launcher polls next to its wrapper's notifications. Children start with a clean mask
// (Process resets it), so the wrapper still gets its own SIGTERM.

#include "core/result.h"
#include "core/unique_fd.h"

namespace agenthub::agents {

class StopSignals {
 public:
  // Call before any thread starts.
  [[nodiscard]] static Result<StopSignals> block();

  [[nodiscard]] int fd() const { return fd_.get(); }
  // The next pending stop signal, or 0 when none is pending.
  [[nodiscard]] int take();

 private:
  explicit StopSignals(UniqueFd fd) : fd_(std::move(fd)) {}

  UniqueFd fd_;
};

}  // namespace agenthub::agents
