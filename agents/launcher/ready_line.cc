#include "agents/launcher/ready_line.h"

#include "a2a/client/url.h"

namespace agenthub::agents {

Result<ReadyLine> parse_ready_line(const Json& line) {
  if (!line.is_object()) {
    return Error{ErrorCode::kInvalidAgentResponse, "the ready line is not a JSON object"};
  }
  ReadyLine ready;
  ready.agent_url = json_string(line, "agent_url");
  if (ready.agent_url.empty() || !a2a::parse_url(ready.agent_url).ok()) {
    return Error{ErrorCode::kInvalidAgentResponse,
                 "the ready line has no usable agent_url (an http:// URL)"};
  }
  ready.rpc_url = json_string(line, "rpc_url");
  ready.token = json_string(line, "token");
  ready.backend = json_string(line, "backend");
  if (const Json* pid = json_find(line, "pid"); pid != nullptr && pid->is_number_integer()) {
    ready.pid = pid->get<long long>();
  }
  return ready;
}

}  // namespace agenthub::agents
