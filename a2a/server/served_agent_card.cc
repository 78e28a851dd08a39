#include "a2a/server/served_agent_card.h"

namespace agenthub::a2a {

AgentCard prepare_served_card(AgentCard card, const ServedCardFacts& facts) {
  if (card.supported_interfaces.empty()) {
    AgentInterface iface;
    iface.url = facts.rpc_url;
    card.supported_interfaces.push_back(std::move(iface));
  }
  for (auto& iface : card.supported_interfaces) {
    if (iface.url.empty()) iface.url = facts.rpc_url;
  }
  card.capabilities.streaming = facts.streaming;
  card.capabilities.push_notifications = false;
  card.capabilities.extended_agent_card = facts.extended_card;
  if (facts.bearer_auth && card.security_schemes.empty()) {
    card.security_schemes.emplace("bearer",
                                  SecurityScheme::bearer("Bearer token given to the client"));
    card.security_requirements = {SecurityRequirement{{"bearer", {}}}};
  }
  return card;
}

}  // namespace agenthub::a2a
