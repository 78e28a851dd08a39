#include "hub/secret_redaction.h"

namespace agenthub::hub {

Json redact_backend_config(const Json& backend_config) {
  if (!backend_config.is_object()) return backend_config;
  Json out = backend_config;
  for (const char* key : {"auth_token", "authToken"}) {
    auto it = out.find(key);
    if (it != out.end() && !it->is_null()) *it = kRedacted;
  }
  auto headers = out.find("headers");
  if (headers != out.end()) {
    if (headers->is_object()) {
      for (Json& value : *headers) value = kRedacted;
    } else if (!headers->is_null()) {
      *headers = kRedacted;
    }
  }
  return out;
}

bool has_redacted_secrets(const Json& backend_config) {
  if (!backend_config.is_object()) return false;
  for (const char* key : {"auth_token", "authToken", "headers"}) {
    auto it = backend_config.find(key);
    if (it == backend_config.end()) continue;
    if (*it == kRedacted) return true;
    if (it->is_object()) {
      for (const Json& value : *it) {
        if (value == kRedacted) return true;
      }
    }
  }
  return false;
}

}  // namespace agenthub::hub
