#pragma once

// How our CLI wrappers carry normalized run events over plain A2A, and how the hub reads
// them back. A2A stays the only protocol; this is a small, declared A2A extension:
//
// - Every CLI event becomes a TaskStatusUpdateEvent (state WORKING) whose agent message holds a
//   `data` part with mediaType kRunEventMediaType: {"type": <run event type>, ...fields}
//   (types and field names as in seed-behaviour.md: command_started, command_finished,
//   tool_started, file_changed, reasoning, todo_updated, agent_message, ...). Agent text also
//   gets a plain `text` part so generic A2A clients see it; readers that understand run-event
//   parts use those and ignore the duplicate text.
// - When the CLI reports its session (Codex thread id, Claude session id) the wrapper sends a
//   run event {"type":"status_changed","status":"running","backend_session_id":...}.
// - The final answer is an artifact named kResultArtifactName: a text part with the final
//   response, plus a data part (mediaType application/json) with the structured output when an
//   output schema was given. Its metadata carries kMetaResultMarker: true, "usage" (and
//   "cost_usd" when known); readers take it as the run's result, not as an extra artifact.
// - Failures end the task FAILED with a text message: the CLI's own message and the tail of its
//   stderr. Missing or rejected credentials end it AUTH_REQUIRED with a message that says how to
//   fix them.
// - Message metadata understood by the wrappers (all optional except cwd on a context's first
//   message): kMetaCwd, kMetaProfile, kMetaOutputSchema, kMetaModel, plus backend-specific keys:
//   kMetaSandbox (codex-a2a-agent: a sandbox no looser than its --sandbox).
//
// What the CLI wrappers add (agents/common/cli_executor.h):
// - The result artifact's metadata also has "backend" (codex | claude_code),
//   "backend_session_id", and "structured_output_error" when an output schema was given but
//   the answer could not be read as structured output (the text part still has it).
// - A question from the CLI (claude's permission request under --permission relay) leaves the
//   task INPUT_REQUIRED with a status message of a text question and a data part
//   (application/json) {tool, input, request_id, tool_use_id?, description?, blocked_path?}.
//   The answer is a message on the same task with a data part {kDecisionKey: "allow" | "deny",
//   "message"?, "updated_input"?} (a bare text "allow" / "deny" works too).
// - CLI error lines that are not fatal, and CLI lines of unknown types, arrive as run events
//   {"type":"message_added","role":"system","content":..., "is_error"?, "event"?}.

#include <string_view>

namespace agenthub::agents {

inline constexpr std::string_view kRunEventExtensionUri =
    "https://github.com/agenthub/agenthub/a2a-extensions/run-events/v1";
inline constexpr std::string_view kRunEventMediaType = "application/vnd.agenthub.run-event+json";
inline constexpr std::string_view kResultArtifactName = "result";

inline constexpr std::string_view kMetaCwd = "cwd";
inline constexpr std::string_view kMetaProfile = "profile";             // persona text
inline constexpr std::string_view kMetaOutputSchema = "output_schema";  // JSON Schema object
inline constexpr std::string_view kMetaModel = "model";
inline constexpr std::string_view kMetaUsage = "usage";
inline constexpr std::string_view kMetaResultMarker = "agenthub.result";
inline constexpr std::string_view kMetaSandbox = "sandbox";
inline constexpr std::string_view kDecisionKey = "decision";

}  // namespace agenthub::agents
