#pragma once

// JSON Schema pieces shared by several tools. Input schemas are strict about types and enums
// (they teach the model the contract); output schemas are loose (types only where the hub
// guarantees them, no enums) because the SDK rejects a result that does not match.

#include <string_view>

#include "core/json.h"

namespace agenthub::mcp {

// Parses a schema or descriptor literal written in this directory. The literals are constants
// checked by the unit tests, so a parse failure here is a programming error.
[[nodiscard]] Json schema_literal(std::string_view json_text);

// AgentMessage {role, parts[], metadata?}, with `description` on the whole.
[[nodiscard]] Json agent_message_schema(std::string_view description);
// {type:string, description} for a run id.
[[nodiscard]] Json run_id_schema();
// One run summary as get_run and list_runs return it.
[[nodiscard]] Json run_summary_output_schema();
// One event envelope as poll_events returns it.
[[nodiscard]] Json event_output_schema();

}  // namespace agenthub::mcp
