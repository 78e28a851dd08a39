// The v1.0 agent card codec (declared in codec_v1.h). Kept apart from the message codec because
// cards have their own concerns: the combined v1.0 + v0.3 card we serve, and reading cards
// from agents of either version.

#include <utility>

#include "a2a/codec_util.h"
#include "a2a/codec_v1.h"
#include "a2a/compat_v03_card.h"

namespace agenthub::a2a::v1 {
namespace {

using codec::ObjectReader;
using codec::put_json;
using codec::put_string;
using codec::put_strings;

constexpr auto kNaming = codec::Naming::kCamelOrSnakeCase;

// ---- encoding -----------------------------------------------------------------------------

Json encode_interface(const AgentInterface& i) {
  Json j = Json::object();
  put_string(j, "url", i.url);
  put_string(j, "protocolBinding", i.protocol_binding);
  put_string(j, "tenant", i.tenant);
  put_string(j, "protocolVersion", i.protocol_version);
  return j;
}

Json encode_capabilities(const AgentCapabilities& c) {
  // streaming and pushNotifications are proto3 `optional`: a card states them explicitly.
  Json j = {{"streaming", c.streaming}, {"pushNotifications", c.push_notifications}};
  if (!c.extensions.empty()) {
    Json extensions = Json::array();
    for (const auto& e : c.extensions) {
      Json ext = Json::object();
      put_string(ext, "uri", e.uri);
      put_string(ext, "description", e.description);
      if (e.required) ext["required"] = true;
      put_json(ext, "params", e.params);
      extensions.push_back(std::move(ext));
    }
    j["extensions"] = std::move(extensions);
  }
  if (c.extended_agent_card) j["extendedAgentCard"] = true;
  return j;
}

Json encode_security_scheme(const SecurityScheme& s) {
  Json inner = Json::object();
  put_string(inner, "description", s.description);
  switch (s.type) {
    case SecurityScheme::Type::kHttp:
      put_string(inner, "scheme", s.scheme);
      put_string(inner, "bearerFormat", s.bearer_format);
      return {{"httpAuthSecurityScheme", std::move(inner)}};
    case SecurityScheme::Type::kApiKey:
      put_string(inner, "location", s.location);
      put_string(inner, "name", s.name);
      return {{"apiKeySecurityScheme", std::move(inner)}};
    case SecurityScheme::Type::kOAuth2:
      put_json(inner, "flows", s.oauth2_flows);
      return {{"oauth2SecurityScheme", std::move(inner)}};
    case SecurityScheme::Type::kOpenIdConnect:
      put_string(inner, "openIdConnectUrl", s.open_id_connect_url);
      return {{"openIdConnectSecurityScheme", std::move(inner)}};
    case SecurityScheme::Type::kMutualTls:
      return {{"mtlsSecurityScheme", std::move(inner)}};
    case SecurityScheme::Type::kUnknown:
      break;
  }
  return Json::object();
}

// {"schemes": {name: {"list": [scopes]}}}. The empty list is written out (ProtoJSON would
// omit it; every parser accepts it, and readers that index `.list` do not trip).
Json encode_security_requirement(const SecurityRequirement& requirement) {
  Json schemes = Json::object();
  for (const auto& [name, scopes] : requirement) schemes[name] = {{"list", scopes}};
  return {{"schemes", std::move(schemes)}};
}

Json encode_skill(const AgentSkill& s) {
  Json j = Json::object();
  put_string(j, "id", s.id);
  put_string(j, "name", s.name);
  put_string(j, "description", s.description);
  put_strings(j, "tags", s.tags);
  put_strings(j, "examples", s.examples);
  put_strings(j, "inputModes", s.input_modes);
  put_strings(j, "outputModes", s.output_modes);
  return j;
}

// ---- decoding -----------------------------------------------------------------------------

Result<AgentInterface> interface_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;
  AgentInterface i;
  i.protocol_binding.clear();
  i.protocol_version.clear();
  AGENTHUB_RETURN_IF_ERROR(r.required_string("url", i.url));
  AGENTHUB_RETURN_IF_ERROR(r.string("protocolBinding", i.protocol_binding));
  AGENTHUB_RETURN_IF_ERROR(r.string("protocolVersion", i.protocol_version));
  AGENTHUB_RETURN_IF_ERROR(r.string("tenant", i.tenant));
  return i;
}

Result<AgentProvider> provider_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  AgentProvider p;
  AGENTHUB_RETURN_IF_ERROR(opened->string("organization", p.organization));
  AGENTHUB_RETURN_IF_ERROR(opened->string("url", p.url));
  return p;
}

Result<AgentExtension> extension_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;
  AgentExtension e;
  AGENTHUB_RETURN_IF_ERROR(r.string("uri", e.uri));
  AGENTHUB_RETURN_IF_ERROR(r.string("description", e.description));
  AGENTHUB_RETURN_IF_ERROR(r.boolean("required", e.required));
  AGENTHUB_RETURN_IF_ERROR(r.object("params", e.params));
  return e;
}

Result<AgentCapabilities> capabilities_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;
  AgentCapabilities c;
  AGENTHUB_RETURN_IF_ERROR(r.boolean("streaming", c.streaming));
  AGENTHUB_RETURN_IF_ERROR(r.boolean("pushNotifications", c.push_notifications));
  AGENTHUB_RETURN_IF_ERROR(r.boolean("extendedAgentCard", c.extended_agent_card));
  AGENTHUB_RETURN_IF_ERROR(r.array("extensions", c.extensions, extension_from));
  return c;
}

// The ProtoJSON oneof shape {"httpAuthSecurityScheme": {...}}, or the v0.3 / OpenAPI shape
// {"type": "http", ...} that v0.3 cards (and the reference SDK's v0.3 card) carry.
Result<SecurityScheme> security_scheme_from(const Json& j, const std::string& path) {
  if (j.is_object() && j.contains("type")) return v03::card::decode_security_scheme(j, path);
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  struct Variant {
    std::string_view key;
    SecurityScheme::Type type;
  };
  constexpr Variant kVariants[] = {
      {"httpAuthSecurityScheme", SecurityScheme::Type::kHttp},
      {"apiKeySecurityScheme", SecurityScheme::Type::kApiKey},
      {"oauth2SecurityScheme", SecurityScheme::Type::kOAuth2},
      {"openIdConnectSecurityScheme", SecurityScheme::Type::kOpenIdConnect},
      {"mtlsSecurityScheme", SecurityScheme::Type::kMutualTls},
  };
  SecurityScheme s;
  for (const auto& variant : kVariants) {
    const Json* member = r.find(variant.key);
    if (member == nullptr) continue;
    auto inner_opened = ObjectReader::open(*member, r.path_of(variant.key), kNaming);
    if (!inner_opened.ok()) return std::move(inner_opened).take_error();
    const ObjectReader& inner = *inner_opened;
    s.type = variant.type;
    AGENTHUB_RETURN_IF_ERROR(inner.string("description", s.description));
    AGENTHUB_RETURN_IF_ERROR(inner.string("scheme", s.scheme));
    AGENTHUB_RETURN_IF_ERROR(inner.string("bearerFormat", s.bearer_format));
    AGENTHUB_RETURN_IF_ERROR(inner.string("name", s.name));
    AGENTHUB_RETURN_IF_ERROR(inner.string("location", s.location));
    AGENTHUB_RETURN_IF_ERROR(inner.string("openIdConnectUrl", s.open_id_connect_url));
    AGENTHUB_RETURN_IF_ERROR(inner.object("flows", s.oauth2_flows));
    break;
  }
  // A scheme kind newer than us stays kUnknown rather than failing the whole card.
  return s;
}

// {"schemes": {name: {"list": [scopes]}}}, or the v0.3 shape {name: [scopes]}.
Result<SecurityRequirement> security_requirement_from(const Json& j, const std::string& path) {
  if (!j.is_object()) return codec::invalid(path, "must be a JSON object");
  const Json* schemes = json_find(j, "schemes");
  // v0.3 maps each scheme name to an array of scopes, so only an object is the v1.0 wrapper:
  // a v0.3 scheme that happens to be named "schemes" stays readable.
  if (schemes == nullptr || !schemes->is_object()) {
    return v03::card::decode_security_requirement(j, path);
  }
  const std::string schemes_path = codec::field_path(path, "schemes");
  SecurityRequirement requirement;
  for (const auto& [name, value] : schemes->items()) {
    auto opened = ObjectReader::open(value, codec::field_path(schemes_path, name), kNaming);
    if (!opened.ok()) return std::move(opened).take_error();
    std::vector<std::string> scopes;
    AGENTHUB_RETURN_IF_ERROR(opened->strings("list", scopes));
    requirement[name] = std::move(scopes);
  }
  return requirement;
}

Result<AgentSkill> skill_from(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;
  AgentSkill s;
  AGENTHUB_RETURN_IF_ERROR(r.string("id", s.id));
  AGENTHUB_RETURN_IF_ERROR(r.string("name", s.name));
  AGENTHUB_RETURN_IF_ERROR(r.string("description", s.description));
  AGENTHUB_RETURN_IF_ERROR(r.strings("tags", s.tags));
  AGENTHUB_RETURN_IF_ERROR(r.strings("examples", s.examples));
  AGENTHUB_RETURN_IF_ERROR(r.strings("inputModes", s.input_modes));
  AGENTHUB_RETURN_IF_ERROR(r.strings("outputModes", s.output_modes));
  return s;
}

Status read_interfaces(const ObjectReader& r, AgentCard& card) {
  const Json* declared = r.find("supportedInterfaces");
  if (declared != nullptr && !(declared->is_array() && declared->empty())) {
    return r.array("supportedInterfaces", card.supported_interfaces, interface_from);
  }
  if (r.has("url")) {
    auto interfaces = v03::card::decode_interfaces(r);
    if (!interfaces.ok()) return std::move(interfaces).take_error();
    card.supported_interfaces = std::move(interfaces).value();
    return {};
  }
  return r.error("supportedInterfaces", "is required (or, on a v0.3 card, url)");
}

Status read_security(const ObjectReader& r, AgentCard& card) {
  if (const Json* schemes = r.find("securitySchemes")) {
    const std::string path = r.path_of("securitySchemes");
    if (!schemes->is_object()) return codec::invalid(path, "must be a JSON object");
    for (const auto& [name, value] : schemes->items()) {
      if (value.is_null()) continue;
      auto scheme = security_scheme_from(value, codec::field_path(path, name));
      if (!scheme.ok()) return std::move(scheme).take_error();
      card.security_schemes[name] = std::move(scheme).value();
    }
  }
  const std::string_view key = r.has("securityRequirements") ? "securityRequirements" : "security";
  return r.array(key, card.security_requirements, security_requirement_from);
}

Result<AgentCard> card_from(const Json& j) {
  if (!j.is_object()) return codec::invalid("agentCard", "must be a JSON object");
  auto opened = ObjectReader::open(j, "", kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  AgentCard card;
  card.default_input_modes.clear();
  card.default_output_modes.clear();
  AGENTHUB_RETURN_IF_ERROR(r.string("name", card.name));
  AGENTHUB_RETURN_IF_ERROR(r.string("description", card.description));
  AGENTHUB_RETURN_IF_ERROR(r.string("version", card.version));
  AGENTHUB_RETURN_IF_ERROR(read_interfaces(r, card));
  if (r.has("provider")) {
    auto provider = provider_from(*r.find("provider"), r.path_of("provider"));
    if (!provider.ok()) return std::move(provider).take_error();
    card.provider = std::move(provider).value();
  }
  AGENTHUB_RETURN_IF_ERROR(r.string("documentationUrl", card.documentation_url));
  AGENTHUB_RETURN_IF_ERROR(r.string("iconUrl", card.icon_url));
  if (r.has("capabilities")) {
    auto capabilities = capabilities_from(*r.find("capabilities"), r.path_of("capabilities"));
    if (!capabilities.ok()) return std::move(capabilities).take_error();
    card.capabilities = std::move(capabilities).value();
  }
  // v0.3 declared the extended card at the top level.
  if (!card.capabilities.extended_agent_card) {
    AGENTHUB_RETURN_IF_ERROR(
        r.boolean("supportsAuthenticatedExtendedCard", card.capabilities.extended_agent_card));
  }
  AGENTHUB_RETURN_IF_ERROR(read_security(r, card));
  AGENTHUB_RETURN_IF_ERROR(r.strings("defaultInputModes", card.default_input_modes));
  AGENTHUB_RETURN_IF_ERROR(r.strings("defaultOutputModes", card.default_output_modes));
  AGENTHUB_RETURN_IF_ERROR(r.array("skills", card.skills, skill_from));
  return card;
}

}  // namespace

Json encode(const AgentCard& v, bool with_v03_fields) {
  Json j = Json::object();
  put_string(j, "name", v.name);
  put_string(j, "description", v.description);
  put_string(j, "version", v.version);
  if (!v.supported_interfaces.empty()) {
    Json interfaces = Json::array();
    for (const auto& i : v.supported_interfaces) interfaces.push_back(encode_interface(i));
    j["supportedInterfaces"] = std::move(interfaces);
  }
  if (v.provider) {
    Json provider = Json::object();
    put_string(provider, "organization", v.provider->organization);
    put_string(provider, "url", v.provider->url);
    j["provider"] = std::move(provider);
  }
  put_string(j, "documentationUrl", v.documentation_url);
  put_string(j, "iconUrl", v.icon_url);
  j["capabilities"] = encode_capabilities(v.capabilities);
  if (!v.security_schemes.empty()) {
    Json schemes = Json::object();
    for (const auto& [name, scheme] : v.security_schemes) {
      schemes[name] = encode_security_scheme(scheme);
    }
    j["securitySchemes"] = std::move(schemes);
  }
  if (!v.security_requirements.empty()) {
    Json requirements = Json::array();
    for (const auto& r : v.security_requirements) {
      requirements.push_back(encode_security_requirement(r));
    }
    j["securityRequirements"] = std::move(requirements);
  }
  put_strings(j, "defaultInputModes", v.default_input_modes);
  put_strings(j, "defaultOutputModes", v.default_output_modes);
  if (!v.skills.empty()) {
    Json skills = Json::array();
    for (const auto& s : v.skills) skills.push_back(encode_skill(s));
    j["skills"] = std::move(skills);
  }
  if (with_v03_fields && !v.supported_interfaces.empty()) {
    // v1.0 readers ignore these. The reference v1.0 client treats a card with a non-empty
    // supportedInterfaces as v1.0 whatever else it carries, and detects the ProtoJSON
    // security shape from securitySchemes (not `security`), so the v0.3 `security` list does
    // not disturb it. securitySchemes itself stays in the v1.0 shape.
    j.update(v03::card::interface_fields(v.supported_interfaces));
    if (!v.security_requirements.empty()) {
      j["security"] = v03::card::encode_security(v.security_requirements);
    }
    if (v.capabilities.extended_agent_card) j["supportsAuthenticatedExtendedCard"] = true;
  }
  return j;
}

Result<AgentCard> decode_agent_card(const Json& j) {
  return codec::guarded<AgentCard>("agentCard", [&] { return card_from(j); });
}

}  // namespace agenthub::a2a::v1
