// Agent cards: the v1.0 card (optionally carrying v0.3 top-level fields), the pure v0.3 card,
// and reading cards of either version (v1::decode_agent_card).

#include <gtest/gtest.h>

#include "a2a/codec_v1.h"
#include "a2a/compat_v03.h"
#include "golden.h"

namespace agenthub::a2a {
namespace {

using testing::expect_golden;
using testing::expect_invalid;
using testing::with_member;
using testing::without_member;

auto v1_encoder(bool with_v03_fields) {
  return [with_v03_fields](const AgentCard& v) { return v1::encode(v, with_v03_fields); };
}
auto v03_encoder() {
  return [](const AgentCard& v) { return v03::encode(v); };
}

TEST(AgentCardV1, Golden) {
  expect_golden(testing::sample_agent_card(), testing::load_golden("v1", "agent_card_v1_only"),
                v1_encoder(false), v1::decode_agent_card);
}

TEST(AgentCardV1, CombinedCardGolden) {
  expect_golden(testing::sample_agent_card(), testing::load_golden("v1", "agent_card"),
                v1_encoder(true), v1::decode_agent_card);
}

TEST(AgentCardV1, CombinedCardAddsOnlyV03TopLevelFields) {
  const Json combined = v1::encode(testing::sample_agent_card(), true);
  Json stripped = combined;
  for (const char* key : {"url", "protocolVersion", "preferredTransport", "security"}) {
    ASSERT_TRUE(stripped.contains(key)) << key;
    stripped.erase(key);
  }
  EXPECT_EQ(stripped, v1::encode(testing::sample_agent_card(), false));
  EXPECT_EQ(combined["url"], "http://127.0.0.1:8080/a2a/jsonrpc");
  EXPECT_EQ(combined["protocolVersion"], "0.3.0");
  EXPECT_EQ(combined["preferredTransport"], "JSONRPC");
  EXPECT_EQ(combined["security"], (Json::array({{{"bearer", Json::array()}}})));
  // securitySchemes keeps the ProtoJSON shape: the reference v1.0 client detects ProtoJSON
  // cards by the absence of `type` there.
  EXPECT_FALSE(combined["securitySchemes"]["bearer"].contains("type"));
}

TEST(AgentCardV1, CombinedCardFallsBackToAnyInterfaceForTheV03Url) {
  AgentCard card = testing::sample_agent_card();
  card.supported_interfaces = {{"http://h:1/rpc", "JSONRPC", "1.0", ""}};
  const Json encoded = v1::encode(card, true);
  EXPECT_EQ(encoded["url"], "http://h:1/rpc");
  EXPECT_FALSE(encoded.contains("additionalInterfaces"));
  card.supported_interfaces.clear();
  EXPECT_FALSE(v1::encode(card, true).contains("url"));
}

TEST(AgentCardV1, DecodedCardNamesItsInterfaces) {
  auto card = v1::decode_agent_card(testing::load_golden("v1", "agent_card"));
  ASSERT_TRUE(card.ok()) << card.error().to_string();
  ASSERT_EQ(card->supported_interfaces.size(), 2u);
  EXPECT_EQ(card->jsonrpc_url(), "http://127.0.0.1:8080/a2a/jsonrpc");
  EXPECT_EQ(card->best_protocol_version(), "1.0");
  ASSERT_EQ(card->security_schemes.count("bearer"), 1u);
  EXPECT_EQ(card->security_schemes.at("bearer").type, SecurityScheme::Type::kHttp);
  EXPECT_EQ(card->security_schemes.at("bearer").scheme, "Bearer");
  ASSERT_EQ(card->security_requirements.size(), 1u);
  EXPECT_EQ(card->security_requirements[0].count("bearer"), 1u);
}

TEST(AgentCardV1, SecuritySchemeShapes) {
  AgentCard card = testing::sample_agent_card();
  SecurityScheme api_key;
  api_key.type = SecurityScheme::Type::kApiKey;
  api_key.name = "X-Key";
  api_key.location = "header";
  SecurityScheme oidc;
  oidc.type = SecurityScheme::Type::kOpenIdConnect;
  oidc.open_id_connect_url = "https://id.example/.well-known/openid-configuration";
  SecurityScheme oauth;
  oauth.type = SecurityScheme::Type::kOAuth2;
  oauth.oauth2_flows = {{"clientCredentials", {{"tokenUrl", "https://id.example/token"}}}};
  SecurityScheme mtls;
  mtls.type = SecurityScheme::Type::kMutualTls;
  card.security_schemes = {{"key", api_key}, {"oidc", oidc}, {"oauth", oauth}, {"mtls", mtls}};
  card.security_requirements = {{{"key", {}}}, {{"oauth", {"read", "write"}}, {"mtls", {}}}};

  const Json v1_card = v1::encode(card, false);
  EXPECT_EQ(v1_card["securitySchemes"]["key"],
            (Json{{"apiKeySecurityScheme", {{"location", "header"}, {"name", "X-Key"}}}}));
  EXPECT_EQ(v1_card["securitySchemes"]["mtls"], (Json{{"mtlsSecurityScheme", Json::object()}}));
  EXPECT_EQ(
      v1_card["securityRequirements"][1],
      (Json{{"schemes",
             {{"mtls", {{"list", Json::array()}}}, {"oauth", {{"list", {"read", "write"}}}}}}}));
  const Json v03_card = v03::encode(card);
  EXPECT_EQ(v03_card["securitySchemes"]["key"],
            (Json{{"type", "apiKey"}, {"name", "X-Key"}, {"in", "header"}}));
  EXPECT_EQ(v03_card["securitySchemes"]["oidc"]["type"], "openIdConnect");
  EXPECT_EQ(v03_card["securitySchemes"]["oauth"]["flows"], oauth.oauth2_flows);
  EXPECT_EQ(v03_card["securitySchemes"]["mtls"], (Json{{"type", "mutualTLS"}}));
  EXPECT_EQ(v03_card["security"][1], (Json{{"mtls", Json::array()}, {"oauth", {"read", "write"}}}));

  for (const Json& encoded : {v1_card, v03_card}) {
    auto decoded = v1::decode_agent_card(encoded);
    ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
    EXPECT_EQ(decoded->security_requirements, card.security_requirements);
    ASSERT_EQ(decoded->security_schemes.size(), 4u);
    EXPECT_EQ(decoded->security_schemes.at("key").location, "header");
    EXPECT_EQ(decoded->security_schemes.at("oidc").open_id_connect_url, oidc.open_id_connect_url);
    EXPECT_EQ(decoded->security_schemes.at("oauth").oauth2_flows, oauth.oauth2_flows);
    EXPECT_EQ(decoded->security_schemes.at("mtls").type, SecurityScheme::Type::kMutualTls);
  }
}

TEST(AgentCardV1, RejectsWrongShapes) {
  const Json g = testing::load_golden("v1", "agent_card_v1_only");
  expect_invalid(v1::decode_agent_card(Json::array()), "agentCard");
  expect_invalid(v1::decode_agent_card(without_member(g, "/supportedInterfaces")),
                 "supportedInterfaces");
  expect_invalid(v1::decode_agent_card(with_member(g, "/supportedInterfaces", "x")),
                 "supportedInterfaces");
  expect_invalid(v1::decode_agent_card(without_member(g, "/supportedInterfaces/1/url")),
                 "supportedInterfaces[1].url");
  expect_invalid(v1::decode_agent_card(with_member(g, "/skills/0", "code")), "skills[0]");
  expect_invalid(v1::decode_agent_card(with_member(g, "/securitySchemes", Json::array())),
                 "securitySchemes");
  expect_invalid(v1::decode_agent_card(with_member(g, "/capabilities/streaming", "yes")),
                 "capabilities.streaming");
  expect_invalid(
      v1::decode_agent_card(with_member(g, "/securityRequirements/0/schemes/bearer/list", 1)),
      "securityRequirements[0].schemes.bearer.list");
}

TEST(AgentCardV1, UnknownSchemeKindsDoNotFailTheCard) {
  const Json g = testing::load_golden("v1", "agent_card_v1_only");
  auto card = v1::decode_agent_card(
      with_member(g, "/securitySchemes/bearer", {{"quantumSecurityScheme", Json::object()}}));
  ASSERT_TRUE(card.ok()) << card.error().to_string();
  EXPECT_EQ(card->security_schemes.at("bearer").type, SecurityScheme::Type::kUnknown);
}

TEST(AgentCardV03, Golden) {
  expect_golden(testing::sample_agent_card(), testing::load_golden("v03", "agent_card"),
                v03_encoder(), v1::decode_agent_card);
}

TEST(AgentCardV03, DecodesIntoV03Interfaces) {
  Json g = testing::load_golden("v03", "agent_card");
  g["additionalInterfaces"] = {{{"url", "http://127.0.0.1:8080/rest"}, {"transport", "HTTP+JSON"}}};
  g["supportsAuthenticatedExtendedCard"] = true;
  auto card = v1::decode_agent_card(g);
  ASSERT_TRUE(card.ok()) << card.error().to_string();
  ASSERT_EQ(card->supported_interfaces.size(), 2u);
  EXPECT_EQ(card->supported_interfaces[0].url, "http://127.0.0.1:8080/a2a/jsonrpc");
  EXPECT_EQ(card->supported_interfaces[0].protocol_binding, "JSONRPC");
  EXPECT_EQ(card->supported_interfaces[0].protocol_version, "0.3");
  EXPECT_EQ(card->supported_interfaces[1].protocol_binding, "HTTP+JSON");
  EXPECT_EQ(card->supported_interfaces[1].protocol_version, "0.3");
  EXPECT_EQ(card->best_protocol_version(), "0.3");
  EXPECT_TRUE(card->capabilities.extended_agent_card);
  EXPECT_EQ(card->security_schemes.at("bearer").type, SecurityScheme::Type::kHttp);

  // preferredTransport defaults to JSONRPC.
  auto bare = v1::decode_agent_card(without_member(g, "/preferredTransport"));
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->jsonrpc_url(), "http://127.0.0.1:8080/a2a/jsonrpc");
  expect_invalid(v1::decode_agent_card(with_member(g, "/url", 8080)), "url");
  expect_invalid(v1::decode_agent_card(with_member(g, "/additionalInterfaces/0", "x")),
                 "additionalInterfaces[0]");
}

// The card the reference SDK serves to requests without A2A-Version (v0.3 shape with the v1.0
// supportedInterfaces embedded) reads as the v1.0 interfaces plus v0.3 security shapes.
TEST(AgentCardV03, ReadsTheReferenceSdkLegacyCard) {
  auto card = v1::decode_agent_card(testing::load_golden("v03", "sdk_agent_card"));
  ASSERT_TRUE(card.ok()) << card.error().to_string();
  ASSERT_EQ(card->supported_interfaces.size(), 2u);
  EXPECT_EQ(card->best_protocol_version(), "1.0");
  EXPECT_EQ(card->jsonrpc_url(), "http://127.0.0.1:8080/a2a/jsonrpc");
  EXPECT_EQ(card->security_schemes.at("bearer").type, SecurityScheme::Type::kHttp);
  EXPECT_EQ(card->security_schemes.at("bearer").description, "token");
  ASSERT_EQ(card->security_requirements.size(), 1u);
  EXPECT_EQ(card->security_requirements[0].at("bearer"), std::vector<std::string>{});
  ASSERT_TRUE(card->provider.has_value());
  EXPECT_EQ(card->provider->organization, "Org");
  ASSERT_EQ(card->skills.size(), 1u);
  EXPECT_EQ(card->skills[0].tags, std::vector<std::string>{"t"});
}

}  // namespace
}  // namespace agenthub::a2a
