#pragma once

#include <string_view>

#include "core/json.h"
#include "mcp/args.h"

namespace agenthub::mcp {

// Checks the shape of an AgentMessage {role user|agent|system, parts[], metadata?}: parts is a
// non-empty array and each part carries what its type needs (text: text; data: data object;
// file: uri or bytes_base64). Problems go to `errors`, named under `field`.
void check_agent_message(const Json& message, std::string_view field, ArgErrors& errors);

}  // namespace agenthub::mcp
