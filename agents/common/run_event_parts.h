#pragma once

// Builders for the A2A pieces of the run-event wire (run_event_wire.h): the message parts of
// a run event, and the result artifact of a finished turn.

#include <string>
#include <string_view>
#include <vector>

#include "a2a/types.h"
#include "agents/common/cli_backend.h"
#include "core/json.h"

namespace agenthub::agents {

// The parts of one run event: a data part (mediaType kRunEventMediaType) holding `event`, then
// a text part with `text` when it is not empty (agent text for generic A2A clients).
[[nodiscard]] std::vector<a2a::Part> run_event_parts(Json event, std::string text = {});

// {"type":"status_changed","status":"running","backend_session_id":id, <id_key>: id}.
[[nodiscard]] Json session_announcement(std::string_view session_id, std::string_view id_key);

// The artifact named kResultArtifactName: the final text, the structured output (as an
// application/json data part) when there is one, and metadata {kMetaResultMarker: true,
// usage, cost_usd?, backend, backend_session_id?, structured_output_error?}.
[[nodiscard]] a2a::Artifact result_artifact(const TurnOutcome& outcome, std::string_view backend,
                                            std::string_view session_id);

// `message`, then the CLI's stderr tail (when there is one) under a heading; the tail is cut
// to its last `max_bytes` on a line boundary where possible.
[[nodiscard]] std::string with_stderr_tail(std::string message, std::string_view stderr_tail,
                                           std::size_t max_bytes = 4000);

}  // namespace agenthub::agents
