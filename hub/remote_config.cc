#include "hub/remote_config.h"

#include <string_view>

#include "a2a/client/url.h"

namespace agenthub::hub {
namespace {

Error bad(const std::string& field, const std::string& what) {
  return {ErrorCode::kInvalidArgument, "backend_config." + field + ": " + what};
}

// Header names and values go on the wire verbatim: refuse anything that could split a header.
bool header_safe(const std::string& s) {
  for (char c : s) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

// True when the URL's authority holds userinfo ("scheme://user:password@host/...").
bool has_userinfo(std::string_view url) {
  const std::size_t sep = url.find("://");
  if (sep == std::string_view::npos) return false;
  std::string_view authority = url.substr(sep + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  return authority.find('@') != std::string_view::npos;
}

}  // namespace

Result<RemoteConfig> parse_remote_config(const Json& config) {
  if (!config.is_object()) {
    return Error{ErrorCode::kInvalidArgument,
                 "backend_config must be an object with at least agent_url for remote_a2a"};
  }
  RemoteConfig out;
  const Json* url = json_find(config, "agent_url");
  if (url == nullptr || !url->is_string() || url->get<std::string>().empty()) {
    return bad("agent_url", "required for remote_a2a (the agent's base URL, http or https)");
  }
  out.agent_url = url->get<std::string>();
  // The client's own parser decides, so what is accepted here is what can be reached: an
  // http(s) scheme and a host. Credentials in the URL would be stored in run.json and shown in
  // every event and answer; they belong in auth_token or headers (kept off disk), and the URL
  // carrying them is not echoed back.
  if (has_userinfo(out.agent_url)) {
    return bad("agent_url",
               "must not carry credentials (user:password@); pass auth_token or headers instead");
  }
  if (!a2a::parse_url(out.agent_url).ok() || !header_safe(out.agent_url)) {
    return bad("agent_url",
               "must be an http:// or https:// URL with a host, got \"" + out.agent_url + "\"");
  }
  if (const Json* path = json_find(config, "agent_card_path"); path != nullptr) {
    if (!path->is_string()) return bad("agent_card_path", "must be a string");
    out.agent_card_path = path->get<std::string>();
  }
  if (const Json* headers = json_find(config, "headers"); headers != nullptr) {
    if (!headers->is_object()) return bad("headers", "must be an object of strings");
    for (const auto& [name, value] : headers->items()) {
      if (!value.is_string()) return bad("headers." + name, "must be a string");
      if (name.empty() || !header_safe(name) || !header_safe(value.get<std::string>())) {
        return bad("headers." + name, "contains a line break or an empty name");
      }
      out.headers.emplace_back(name, value.get<std::string>());
    }
  }
  if (const Json* token = json_find(config, "auth_token"); token != nullptr) {
    if (!token->is_string() || !header_safe(token->get<std::string>())) {
      return bad("auth_token", "must be a string without line breaks");
    }
    out.auth_token = token->get<std::string>();
  }
  if (const Json* history = json_find(config, "history_length"); history != nullptr) {
    if (!history->is_number_integer() || history->get<long long>() < 0 ||
        history->get<long long>() > 100000) {
      return bad("history_length", "must be an integer from 0 to 100000");
    }
    out.history_length = history->get<int>();
  }
  if (const Json* blocking = json_find(config, "blocking"); blocking != nullptr) {
    if (!blocking->is_boolean()) return bad("blocking", "must be true or false");
    out.blocking = blocking->get<bool>();
  }
  if (const Json* modes = json_find(config, "accepted_output_modes"); modes != nullptr) {
    if (!modes->is_array()) return bad("accepted_output_modes", "must be an array of strings");
    for (const auto& mode : *modes) {
      if (!mode.is_string()) return bad("accepted_output_modes", "must be an array of strings");
      out.accepted_output_modes.push_back(mode.get<std::string>());
    }
  }
  return out;
}

}  // namespace agenthub::hub
