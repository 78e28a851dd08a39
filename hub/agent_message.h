#pragma once

// The MCP contract's AgentMessage ({role, parts[{type:text|data|file}], metadata?}) and its A2A
// counterpart. A2A has only user and agent roles: a "system" message travels as a user message
// whose metadata says it was a system message.

#include <string>

#include "a2a/types.h"
#include "core/json.h"
#include "core/result.h"

namespace agenthub::hub {

// Converts an AgentMessage to an A2A message (ids left empty). kInvalidArgument names the part
// that is wrong ("input_message.parts[1]: ...").
[[nodiscard]] Result<a2a::Message> to_a2a_message(const Json& agent_message);

// A one-text-part user message.
[[nodiscard]] a2a::Message text_message(std::string text);

// An A2A part in the AgentMessage part shape.
[[nodiscard]] Json to_agent_part(const a2a::Part& part);

}  // namespace agenthub::hub
