#include "mcp/agent_message_args.h"

#include <string>

namespace agenthub::mcp {
namespace {

bool is_base64(std::string_view s) {
  for (char c : s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

void check_part(const Json& part, const std::string& field, ArgErrors& errors) {
  if (!part.is_object()) {
    errors.add(field, "must be an object like {\"type\":\"text\",\"text\":\"...\"}, got " +
                          describe_value(part));
    return;
  }
  ArgReader r(part, field, errors);
  auto type = r.enum_string("type", {"text", "data", "file"}, Need::kRequired);
  if (!type) return;
  if (*type == "text") {
    r.reject_unknown({"type", "text", "metadata"});
    (void)r.string("text", Need::kRequired);
  } else if (*type == "data") {
    r.reject_unknown({"type", "data", "metadata"});
    (void)r.object("data", Need::kRequired);
  } else {
    r.reject_unknown({"type", "uri", "bytes_base64", "mime_type", "name", "metadata"});
    (void)r.nonempty_string("uri", Need::kOptional);
    auto bytes = r.string("bytes_base64", Need::kOptional);
    (void)r.string("mime_type", Need::kOptional);
    (void)r.string("name", Need::kOptional);
    if (bytes && !is_base64(*bytes)) {
      r.fail("bytes_base64", "must be base64 (A-Z a-z 0-9 + / =), without whitespace");
    }
    if (r.find("uri") == nullptr && r.find("bytes_base64") == nullptr) {
      r.fail("", "a file part needs uri or bytes_base64");
    }
  }
  (void)r.object("metadata", Need::kOptional);
}

}  // namespace

void check_agent_message(const Json& message, std::string_view field, ArgErrors& errors) {
  if (!message.is_object()) {
    errors.add(field, "must be an object {role, parts[]}, got " + describe_value(message));
    return;
  }
  ArgReader r(message, std::string(field), errors);
  r.reject_unknown({"role", "parts", "metadata"});
  (void)r.enum_string("role", {"user", "agent", "system"}, Need::kRequired);
  (void)r.object("metadata", Need::kOptional);
  const Json* parts = r.array("parts", Need::kRequired);
  if (parts == nullptr) return;
  if (parts->empty()) {
    r.fail("parts", "must hold at least one part, e.g. [{\"type\":\"text\",\"text\":\"...\"}]");
    return;
  }
  for (std::size_t i = 0; i < parts->size(); ++i) {
    check_part((*parts)[i], r.field("parts") + "[" + std::to_string(i) + "]", errors);
  }
}

}  // namespace agenthub::mcp
