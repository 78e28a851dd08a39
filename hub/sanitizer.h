#pragma once

// Makes an event small enough to store in events.jsonl and hand to pollers, moving large values
// to artifacts. A pure function: no I/O; the caller writes the returned artifacts (see
// artifact_store.h) before it publishes the event.
//
// Rules, applied in order to event.data (pointers are relative to it):
// 1. Text previews. /stdout /stderr /output /aggregated_output keep 4000 characters; /content
//    /text /final_response /summary /input/content /input/old_string /input/new_string keep
//    2000. A longer string is cut there (counted in Unicode characters, cut on a UTF-8
//    boundary), kTruncationMarker-style text is appended ("\n...[truncated, see artifact_refs:
//    N more chars]"; the old tool's wording, which clients match) and the full text is moved
//    (text/plain). A non-string at these pointers: objects and arrays are treated like rule 2
//    (moved when their JSON exceeds 4 KiB; Claude's /content is often an array of blocks);
//    numbers, booleans and null are left alone.
// 2. Structured fields /raw_tool_use_result /arguments /result /error /changes whose compact
//    JSON exceeds 4096 bytes are replaced by {"artifact_summary": {original_type, key_count,
//    preview_keys (first 8 keys)}} for objects or {original_type, item_count, preview (first 3
//    items)} for arrays, and moved (application/json, compact JSON). Preview items larger than
//    1 KiB are themselves shortened (strings cut to 200 characters, containers reduced to their
//    type and count) so that a summary stays small. A string at these pointers whose JSON
//    exceeds 4096 bytes is cut to 2000 characters like rule 1.
// 3. While the serialized event is still over 16 KiB, the largest remaining string (> 1000
//    bytes; keeps 1000 characters) or object/array (compact JSON > 1 KiB; summarized as in
//    rule 2) anywhere in data is moved the same way. Ties go to the earlier value in document
//    order. A value is skipped when moving it would not shrink the event (e.g. a 1500-byte
//    string of 600 multi-byte characters), and values that already hold a moved field are never
//    moved themselves, so no artifact contains another artifact's preview. The event can stay
//    over 16 KiB when nothing movable is left (e.g. huge protected fields): that is accepted.
// 4. Never moved or altered: /command /tool /tool_use_id /exit_code /status /is_error
//    /interrupted /file_path /backend_session_id /thread_id /context_id /task_id /agent_url
//    /agent_name /conversation_id /artifact_refs (whole subtrees).
//
// data.artifact_refs is reserved: any incoming value is dropped (it would point at files this
// event does not own) and, when something was moved, replaced by {pointer: ArtifactRef}.
// Non-object data is left unchanged.
//
// Cost: sizes are computed once bottom-up and updated along the ancestor chain after each move;
// the event is serialized once at the end. O(n log n) for an event of n JSON values, plus
// O(depth) per move.

#include <cstddef>
#include <string>
#include <vector>

#include "hub/artifact_ref.h"
#include "hub/run_event.h"

namespace agenthub::hub {

struct SanitizerLimits {
  std::size_t event_target_bytes = 16 * 1024;
  std::size_t command_text_chars = 4000;  // rule 1, /stdout etc.
  std::size_t text_chars = 2000;          // rule 1, /content etc., and strings in rule 2
  std::size_t structured_bytes = 4096;    // rule 2
  std::size_t large_string_bytes = 1000;  // rule 3 candidates
  std::size_t large_string_keep_chars = 1000;
  std::size_t large_structured_bytes = 1024;  // rule 3 candidates
};

// One moved field: its ref (as placed in data.artifact_refs) and the full original content
// (the string's bytes, or the value's compact JSON).
struct ArtifactWrite {
  ArtifactRef ref;
  std::string content;
};

struct SanitizedEvent {
  RunEvent event;          // data holds previews, summaries and artifact_refs
  std::string serialized;  // compact JSON of the sanitized event (no trailing newline)
  std::vector<ArtifactWrite> artifacts;
};

// `event.seq` and the type must be final: they name the artifact directory.
[[nodiscard]] SanitizedEvent sanitize_event(RunEvent event, const SanitizerLimits& limits = {});

// The text appended to a cut string.
[[nodiscard]] std::string truncation_marker(std::size_t omitted_chars);

}  // namespace agenthub::hub
