#pragma once

// Runs the wrapper in the foreground: waits (bounded) for its ready line, prints the report,
// relays its logs, and stops it on SIGINT / SIGTERM / SIGHUP (SIGTERM to its process group,
// SIGKILL after the grace; a second SIGINT kills at once).
//
// Exit status: 0 after a stop we asked for; 1 when the wrapper could not start (it exited,
// printed something else than its ready line, or stayed silent past the startup timeout); the
// wrapper's own status when it died by itself after being ready (128 + signal when killed,
// 1 when it exited 0).

#include <chrono>
#include <string>

#include "agents/launcher/stop_signals.h"
#include "agents/launcher/wrapped_backend.h"
#include "agents/launcher/wrapper_command.h"

namespace agenthub::agents {

struct SuperviseOptions {
  WrappedBackend backend = WrappedBackend::kUnknown;
  std::string host;   // what the wrapper listens on
  std::string token;  // the token we gave it ("" with --no-auth)
  bool json = false;
  std::chrono::seconds startup_timeout{30};
  std::chrono::seconds stop_grace{15};
};

[[nodiscard]] int supervise_wrapper(WrapperCommand command, const SuperviseOptions& options,
                                    StopSignals& signals);

}  // namespace agenthub::agents
