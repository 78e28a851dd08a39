#include "a2a/compat_v03_card.h"

#include <utility>

#include "a2a/compat_v03.h"
#include "a2a/protocol.h"

namespace agenthub::a2a::v03 {
namespace card {
namespace {

using codec::ObjectReader;
using codec::put_json;
using codec::put_string;

constexpr auto kNaming = codec::Naming::kCamelCase;
constexpr std::string_view kCardProtocolVersion = "0.3.0";

bool speaks_v03(const AgentInterface& iface) {
  return iface.protocol_version.empty() ||
         parse_protocol_version(iface.protocol_version) == ProtocolVersion::kV03;
}

}  // namespace

Json interface_fields(const std::vector<AgentInterface>& interfaces) {
  std::vector<const AgentInterface*> chosen;
  for (const auto& iface : interfaces) {
    if (speaks_v03(iface)) chosen.push_back(&iface);
  }
  if (chosen.empty()) {
    for (const auto& iface : interfaces) chosen.push_back(&iface);
  }
  Json j = Json::object();
  j["url"] = chosen.empty() ? std::string() : chosen.front()->url;
  j["preferredTransport"] =
      chosen.empty() ? std::string("JSONRPC") : chosen.front()->protocol_binding;
  j["protocolVersion"] = kCardProtocolVersion;
  if (chosen.size() > 1) {
    Json additional = Json::array();
    for (std::size_t i = 1; i < chosen.size(); ++i) {
      additional.push_back({{"url", chosen[i]->url}, {"transport", chosen[i]->protocol_binding}});
    }
    j["additionalInterfaces"] = std::move(additional);
  }
  return j;
}

Json encode_security_scheme(const SecurityScheme& s) {
  Json j = Json::object();
  switch (s.type) {
    case SecurityScheme::Type::kHttp:
      j["type"] = "http";
      j["scheme"] = s.scheme;
      put_string(j, "bearerFormat", s.bearer_format);
      break;
    case SecurityScheme::Type::kApiKey:
      j["type"] = "apiKey";
      j["name"] = s.name;
      // v0.3 only knows the OpenAPI locations; header is the OpenAPI default.
      j["in"] = s.location == "query" || s.location == "cookie" ? s.location : "header";
      break;
    case SecurityScheme::Type::kOAuth2:
      j["type"] = "oauth2";
      j["flows"] = s.oauth2_flows.is_null() ? Json::object() : s.oauth2_flows;
      break;
    case SecurityScheme::Type::kOpenIdConnect:
      j["type"] = "openIdConnect";
      j["openIdConnectUrl"] = s.open_id_connect_url;
      break;
    case SecurityScheme::Type::kMutualTls:
      j["type"] = "mutualTLS";
      break;
    case SecurityScheme::Type::kUnknown:
      break;
  }
  put_string(j, "description", s.description);
  return j;
}

Json encode_security(const std::vector<SecurityRequirement>& requirements) {
  Json out = Json::array();
  for (const auto& requirement : requirements) {
    Json alternative = Json::object();
    for (const auto& [name, scopes] : requirement) alternative[name] = scopes;
    out.push_back(std::move(alternative));
  }
  return out;
}

Result<SecurityScheme> decode_security_scheme(const Json& j, const std::string& path) {
  auto opened = ObjectReader::open(j, path, kNaming);
  if (!opened.ok()) return std::move(opened).take_error();
  const ObjectReader& r = *opened;

  SecurityScheme s;
  std::string type;
  AGENTHUB_RETURN_IF_ERROR(r.string("type", type));
  AGENTHUB_RETURN_IF_ERROR(r.string("description", s.description));
  if (type == "http") {
    s.type = SecurityScheme::Type::kHttp;
    AGENTHUB_RETURN_IF_ERROR(r.string("scheme", s.scheme));
    AGENTHUB_RETURN_IF_ERROR(r.string("bearerFormat", s.bearer_format));
  } else if (type == "apiKey") {
    s.type = SecurityScheme::Type::kApiKey;
    AGENTHUB_RETURN_IF_ERROR(r.string("name", s.name));
    AGENTHUB_RETURN_IF_ERROR(r.string("in", s.location));
  } else if (type == "oauth2") {
    s.type = SecurityScheme::Type::kOAuth2;
    AGENTHUB_RETURN_IF_ERROR(r.object("flows", s.oauth2_flows));
  } else if (type == "openIdConnect") {
    s.type = SecurityScheme::Type::kOpenIdConnect;
    AGENTHUB_RETURN_IF_ERROR(r.string("openIdConnectUrl", s.open_id_connect_url));
  } else if (type == "mutualTLS") {
    s.type = SecurityScheme::Type::kMutualTls;
  }
  return s;
}

Result<SecurityRequirement> decode_security_requirement(const Json& j, const std::string& path) {
  if (!j.is_object()) return codec::invalid(path, "must be a JSON object");
  SecurityRequirement requirement;
  for (const auto& [name, scopes] : j.items()) {
    const std::string scopes_path = codec::field_path(path, name);
    if (scopes.is_null()) {
      requirement[name] = {};
      continue;
    }
    if (!scopes.is_array()) return codec::invalid(scopes_path, "must be an array of scopes");
    std::vector<std::string> list;
    for (std::size_t i = 0; i < scopes.size(); ++i) {
      if (!scopes[i].is_string()) {
        return codec::invalid(codec::index_path(scopes_path, i), "must be a string");
      }
      list.push_back(scopes[i].get<std::string>());
    }
    requirement[name] = std::move(list);
  }
  return requirement;
}

Result<std::vector<AgentInterface>> decode_interfaces(const ObjectReader& card) {
  std::vector<AgentInterface> interfaces;
  AgentInterface primary;
  primary.protocol_version = "0.3";
  AGENTHUB_RETURN_IF_ERROR(card.required_string("url", primary.url));
  AGENTHUB_RETURN_IF_ERROR(card.string("preferredTransport", primary.protocol_binding));
  interfaces.push_back(std::move(primary));

  std::vector<AgentInterface> additional;
  AGENTHUB_RETURN_IF_ERROR(
      card.array("additionalInterfaces", additional,
                 [](const Json& item, const std::string& path) -> Result<AgentInterface> {
                   auto opened = ObjectReader::open(item, path, kNaming);
                   if (!opened.ok()) return std::move(opened).take_error();
                   AgentInterface iface;
                   iface.protocol_version = "0.3";
                   iface.protocol_binding.clear();
                   AGENTHUB_RETURN_IF_ERROR(opened->required_string("url", iface.url));
                   AGENTHUB_RETURN_IF_ERROR(opened->string("transport", iface.protocol_binding));
                   return iface;
                 }));
  for (auto& iface : additional) interfaces.push_back(std::move(iface));
  return interfaces;
}

}  // namespace card

namespace {

using codec::put_string;
using codec::put_strings;

Json encode_skill(const AgentSkill& s) {
  Json j = {{"id", s.id}, {"name", s.name}, {"description", s.description}, {"tags", s.tags}};
  put_strings(j, "examples", s.examples);
  put_strings(j, "inputModes", s.input_modes);
  put_strings(j, "outputModes", s.output_modes);
  return j;
}

Json encode_capabilities(const AgentCapabilities& c) {
  Json j = {{"streaming", c.streaming}, {"pushNotifications", c.push_notifications}};
  if (!c.extensions.empty()) {
    Json extensions = Json::array();
    for (const auto& e : c.extensions) {
      Json ext = {{"uri", e.uri}};
      put_string(ext, "description", e.description);
      ext["required"] = e.required;
      codec::put_json(ext, "params", e.params);
      extensions.push_back(std::move(ext));
    }
    j["extensions"] = std::move(extensions);
  }
  return j;
}

}  // namespace

Json encode(const AgentCard& v) {
  Json j = {{"name", v.name}, {"description", v.description}, {"version", v.version}};
  j.update(card::interface_fields(v.supported_interfaces));
  j["capabilities"] = encode_capabilities(v.capabilities);
  j["defaultInputModes"] = v.default_input_modes;
  j["defaultOutputModes"] = v.default_output_modes;
  Json skills = Json::array();
  for (const auto& skill : v.skills) skills.push_back(encode_skill(skill));
  j["skills"] = std::move(skills);
  if (v.provider) {
    j["provider"] = {{"organization", v.provider->organization}, {"url", v.provider->url}};
  }
  put_string(j, "documentationUrl", v.documentation_url);
  put_string(j, "iconUrl", v.icon_url);
  if (v.capabilities.extended_agent_card) j["supportsAuthenticatedExtendedCard"] = true;
  if (!v.security_schemes.empty()) {
    Json schemes = Json::object();
    for (const auto& [name, scheme] : v.security_schemes) {
      schemes[name] = card::encode_security_scheme(scheme);
    }
    j["securitySchemes"] = std::move(schemes);
  }
  if (!v.security_requirements.empty()) {
    j["security"] = card::encode_security(v.security_requirements);
  }
  return j;
}

}  // namespace agenthub::a2a::v03
