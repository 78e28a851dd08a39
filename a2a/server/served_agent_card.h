#pragma once

// The agent card as a running server publishes it at /.well-known/agent-card.json.

#include <string>

#include "a2a/types.h"

namespace agenthub::a2a {

struct ServedCardFacts {
  std::string rpc_url;       // the bound JSON-RPC endpoint
  bool bearer_auth = false;  // the server requires a bearer token
  bool extended_card = false;
  bool streaming = true;
};

// Fills in what only the running server knows: a JSONRPC interface at `rpc_url` when the card
// has none, the URL of interfaces that left it empty (random ports), the streaming and
// extended-card capabilities, and a "bearer" HTTP security scheme plus requirement when the
// server requires a token and the card declares no scheme of its own.
[[nodiscard]] AgentCard prepare_served_card(AgentCard card, const ServedCardFacts& facts);

}  // namespace agenthub::a2a
