#include "a2a/server/served_agent_card.h"

#include <gtest/gtest.h>

namespace agenthub::a2a {
namespace {

TEST(ServedAgentCard, AddsTheBoundJsonRpcInterface) {
  AgentCard card;
  card.name = "x";
  AgentCard served = prepare_served_card(card, {.rpc_url = "http://127.0.0.1:5/a2a/jsonrpc"});
  ASSERT_EQ(served.supported_interfaces.size(), 1U);
  EXPECT_EQ(served.supported_interfaces[0].url, "http://127.0.0.1:5/a2a/jsonrpc");
  EXPECT_EQ(served.supported_interfaces[0].protocol_binding, "JSONRPC");
  EXPECT_EQ(served.supported_interfaces[0].protocol_version, "1.0");
  EXPECT_TRUE(served.capabilities.streaming);
  EXPECT_FALSE(served.capabilities.push_notifications);
  EXPECT_TRUE(served.security_schemes.empty());
}

TEST(ServedAgentCard, FillsOnlyEmptyInterfaceUrls) {
  AgentCard card;
  card.supported_interfaces.resize(2);
  card.supported_interfaces[1].url = "https://public.example/rpc";
  AgentCard served = prepare_served_card(card, {.rpc_url = "http://127.0.0.1:5/rpc"});
  EXPECT_EQ(served.supported_interfaces[0].url, "http://127.0.0.1:5/rpc");
  EXPECT_EQ(served.supported_interfaces[1].url, "https://public.example/rpc");
}

TEST(ServedAgentCard, DeclaresBearerAuthWhenATokenIsRequired) {
  AgentCard served =
      prepare_served_card(AgentCard{}, {.rpc_url = "http://h:1/rpc", .bearer_auth = true});
  ASSERT_EQ(served.security_schemes.count("bearer"), 1U);
  EXPECT_EQ(served.security_schemes["bearer"].type, SecurityScheme::Type::kHttp);
  ASSERT_EQ(served.security_requirements.size(), 1U);
  EXPECT_EQ(served.security_requirements[0].count("bearer"), 1U);
}

TEST(ServedAgentCard, KeepsTheCardsOwnSecuritySchemes) {
  AgentCard card;
  SecurityScheme key;
  key.type = SecurityScheme::Type::kApiKey;
  key.name = "X-Key";
  key.location = "header";
  card.security_schemes.emplace("key", key);
  AgentCard served = prepare_served_card(card, {.rpc_url = "u", .bearer_auth = true});
  EXPECT_EQ(served.security_schemes.size(), 1U);
  EXPECT_EQ(served.security_schemes.count("key"), 1U);
}

}  // namespace
}  // namespace agenthub::a2a
