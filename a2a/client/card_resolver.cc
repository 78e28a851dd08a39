#include "a2a/client/card_resolver.h"

#include <exception>
#include <vector>

#include "a2a/client/rpc_answer.h"
#include "a2a/codec_v1.h"
#include "a2a/protocol.h"

namespace agenthub::a2a {
namespace {

std::string trimmed_path(std::string path) {
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

Result<AgentCard> fetch_one(HttpTransport& http, const Url& url, const HttpHeaders& headers) {
  auto answer = http.get(url, headers);
  if (!answer.ok()) return std::move(answer).take_error();
  if (auto auth = http_auth_error(answer->status, url)) return *auth;
  if (answer->status != 200) {
    return Error{
        answer->status == 404 ? ErrorCode::kNotFound : ErrorCode::kInvalidAgentResponse,
        "no agent card at " + url.to_string() + " (HTTP " + std::to_string(answer->status) + ")"};
  }
  auto card = parse_agent_card(answer->body);
  if (!card.ok()) {
    return Error{
        card.error().code,
        card.error().message + " (from " + url.to_string() + ", " +
            (answer->content_type.empty() ? std::string("no type") : answer->content_type) + ")"};
  }
  return card;
}

bool is_transport_or_auth(const Error& e) {
  return e.code == ErrorCode::kUnavailable || e.code == ErrorCode::kDeadlineExceeded ||
         e.code == ErrorCode::kUnauthenticated || e.code == ErrorCode::kPermissionDenied;
}

bool lists_path(const AgentCard& card, const std::string& path) {
  for (const auto& iface : card.supported_interfaces) {
    if (iface.protocol_binding != "JSONRPC") continue;
    auto url = parse_url(iface.url);
    if (url.ok() && trimmed_path(url->path) == path) return true;
    if (!url.ok() && trimmed_path(iface.url) == path) return true;  // relative URL
  }
  return false;
}

}  // namespace

Result<AgentCard> parse_agent_card(std::string_view json_text) {
  auto json = parse_json(json_text);
  if (!json.ok() || !json->is_object()) {
    return Error{ErrorCode::kInvalidAgentResponse,
                 "agent card is not a JSON object: " + body_snippet(json_text)};
  }
  try {
    auto card = v1::decode_agent_card(*json);
    if (!card.ok()) {
      return Error{ErrorCode::kInvalidAgentResponse, "invalid agent card: " + card.error().message};
    }
    return card;
  } catch (const std::exception& e) {
    return Error{ErrorCode::kInvalidAgentResponse, std::string("invalid agent card: ") + e.what()};
  }
}

Result<ResolvedCard> fetch_agent_card(HttpTransport& http, std::string_view agent_url,
                                      std::string_view card_path, const HttpHeaders& headers) {
  auto base = parse_url(agent_url);
  if (!base.ok()) return std::move(base).take_error();
  const std::string base_path = trimmed_path(base->path);

  std::vector<Url> candidates;
  if (base_path.ends_with(".json")) {
    candidates.push_back(*base);
  } else {
    Url dir = *base;
    dir.path = base_path;
    auto under = resolve_url(dir, card_path.starts_with("/") ? card_path.substr(1) : card_path);
    if (!under.ok()) return std::move(under).take_error();
    candidates.push_back(*under);
    if (!base_path.empty() && card_path.find("://") == std::string_view::npos) {
      Url origin = *base;
      origin.path.clear();
      auto at_origin = resolve_url(origin, card_path);
      if (!at_origin.ok()) return std::move(at_origin).take_error();
      candidates.push_back(*at_origin);
    }
  }

  std::optional<Error> first_error;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    auto card = fetch_one(http, candidates[i], headers);
    if (!card.ok()) {
      if (is_transport_or_auth(card.error())) return std::move(card).take_error();
      if (!first_error) first_error = card.error();
      continue;
    }
    const bool at_origin_fallback = i > 0;
    if (at_origin_fallback && !lists_path(*card, base_path)) {
      return Error{ErrorCode::kNotFound, "no agent card under " + base->to_string() +
                                             ", and the card at " + candidates[i].to_string() +
                                             " does not list " + base_path +
                                             " as a JSON-RPC endpoint"};
    }
    return ResolvedCard{std::move(card).value(), candidates[i]};
  }
  return *first_error;
}

Result<CardEndpoints> card_endpoints(const AgentCard& card, const std::optional<Url>& base) {
  CardEndpoints out;
  for (const auto& iface : card.supported_interfaces) {
    if (iface.protocol_binding != "JSONRPC") continue;
    Result<Url> url = iface.url.find("://") != std::string::npos || !base
                          ? parse_url(iface.url)
                          : resolve_url(*base, iface.url);
    if (!url.ok()) continue;
    if (base && (url->host == "0.0.0.0" || url->host == "[::]")) url->host = base->host;
    std::optional<Url>* slot = &out.unversioned;
    switch (parse_protocol_version(iface.protocol_version)) {
      case ProtocolVersion::kV1:
        slot = &out.v1;
        break;
      case ProtocolVersion::kV03:
        slot = &out.v03;
        break;
      case ProtocolVersion::kUnknown:
        break;
    }
    if (!*slot) *slot = std::move(url).value();
  }
  if (!out.v1 && !out.v03 && !out.unversioned) {
    return Error{ErrorCode::kUnsupportedOperation,
                 "agent card of \"" + card.name + "\" declares no usable JSON-RPC interface"};
  }
  return out;
}

}  // namespace agenthub::a2a
