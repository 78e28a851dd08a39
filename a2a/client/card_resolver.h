#pragma once

// Finding an agent's card and the JSON-RPC endpoints it declares.

#include <optional>
#include <string>
#include <string_view>

#include "a2a/client/http_transport.h"
#include "a2a/client/url.h"
#include "a2a/types.h"
#include "core/result.h"

namespace agenthub::a2a {

struct ResolvedCard {
  AgentCard card;
  Url card_url;  // where it was found; relative interface URLs resolve against it
};

// Fetches the card for `agent_url`, trying in order:
//   - `agent_url` itself when it names a .json document;
//   - `card_path` under `agent_url` (an absolute `card_path` URL is used as is);
//   - `card_path` at the origin of `agent_url`, accepted only if the card lists `agent_url`'s
//     path as one of its JSON-RPC interfaces (so the agent URL may be the endpoint itself).
// Transport and auth failures end the search at once; a 404 or a non-card answer moves on.
[[nodiscard]] Result<ResolvedCard> fetch_agent_card(HttpTransport& http, std::string_view agent_url,
                                                    std::string_view card_path,
                                                    const HttpHeaders& headers);

// A card parsed from a JSON document (either version's card shape).
[[nodiscard]] Result<AgentCard> parse_agent_card(std::string_view json_text);

// The card's JSON-RPC endpoints, by protocol version. Interfaces that name no version we
// recognise land in `unversioned`. Relative URLs resolve against `base`; a wildcard host
// (0.0.0.0, [::]) is replaced by base's host.
struct CardEndpoints {
  std::optional<Url> v1;
  std::optional<Url> v03;
  std::optional<Url> unversioned;
};
[[nodiscard]] Result<CardEndpoints> card_endpoints(const AgentCard& card,
                                                   const std::optional<Url>& base);

}  // namespace agenthub::a2a
