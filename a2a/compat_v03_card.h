#pragma once

// The v0.3 pieces of agent cards that the v1.0 card codec also needs: the combined card
// carries v0.3 top-level fields, and the card decoder accepts v0.3 cards and v0.3-shaped
// security declarations. Private to a2a/.

#include <string>
#include <vector>

#include "a2a/codec_util.h"
#include "a2a/types.h"
#include "core/result.h"

namespace agenthub::a2a::v03::card {

// {url, preferredTransport, protocolVersion: "0.3.0", additionalInterfaces?}: the first
// interface that declares v0.3 (or no version) is the primary one, the other v0.3 ones are
// additional. A card declaring no v0.3 interface uses all of them: our servers answer both
// versions on the same endpoint.
[[nodiscard]] Json interface_fields(const std::vector<AgentInterface>& interfaces);

// OpenAPI style: {type: "http", scheme, bearerFormat?, description?} and so on.
[[nodiscard]] Json encode_security_scheme(const SecurityScheme& scheme);
// [{name: [scopes]}].
[[nodiscard]] Json encode_security(const std::vector<SecurityRequirement>& requirements);

// A scheme with a `type` member.
[[nodiscard]] Result<SecurityScheme> decode_security_scheme(const Json& j, const std::string& path);
// {name: [scopes]}.
[[nodiscard]] Result<SecurityRequirement> decode_security_requirement(const Json& j,
                                                                      const std::string& path);
// The interfaces of a v0.3 card: url + preferredTransport, then additionalInterfaces, all
// with protocol version "0.3".
[[nodiscard]] Result<std::vector<AgentInterface>> decode_interfaces(
    const codec::ObjectReader& card);

}  // namespace agenthub::a2a::v03::card
