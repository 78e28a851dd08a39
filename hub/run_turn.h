#pragma once

// One turn of a run: send a message to the run's agent and follow its task until the task is
// terminal (the run ends) or waits for input (the run waits for continue_run). Streaming first;
// agents without streaming (or backend_config.blocking) get SendMessage and, while the task is
// still working, GetTask polling; a stream that breaks off is recovered the same way. A dead
// agent fails the run with a message that names the URL; nothing here ends the process.

#include <functional>
#include <stop_token>

#include "a2a/types.h"
#include "core/result.h"
#include "hub/live_run.h"

namespace agenthub::hub {

// Resolves the agent (the local wrapper pool, or backend_config) when the run has none yet.
using EndpointResolver = std::function<Result<AgentEndpoint>()>;

// Runs on the run's worker thread. `stop` is requested by cancel_run and shutdown.
void drive_turn(LiveRun& live, a2a::SendMessageRequest request, const EndpointResolver& resolve,
                std::stop_token stop);

// Takes up a run an earlier hub process was following (the mapper knows its task): GetTask
// brings the run up to the task's state, then the task is followed by SubscribeToTask (or
// GetTask polling) like a turn. A task the agent no longer has fails the run as orphaned.
// Progress the agent reported while no hub listened is not replayed, only its outcome.
void reattach_turn(LiveRun& live, const EndpointResolver& resolve, std::stop_token stop);

// Sends CancelTask for the run's task when the agent has one; best effort, bounded by the
// client's timeouts.
void cancel_remote_task(LiveRun& live);

}  // namespace agenthub::hub
