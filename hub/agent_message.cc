#include "hub/agent_message.h"

#include "core/base64.h"

namespace agenthub::hub {
namespace {

Error part_error(std::size_t index, const std::string& what) {
  return {ErrorCode::kInvalidArgument,
          "input_message.parts[" + std::to_string(index) + "]: " + what};
}

Result<a2a::Part> to_a2a_part(const Json& part, std::size_t index) {
  if (!part.is_object()) return part_error(index, "must be an object");
  const std::string type = json_string(part, "type");
  a2a::Part out;
  if (type == "text") {
    const Json* text = json_find(part, "text");
    if (text == nullptr || !text->is_string())
      return part_error(index, "text part needs a string \"text\"");
    out = a2a::Part::text_part(text->get<std::string>());
  } else if (type == "data") {
    const Json* data = json_find(part, "data");
    if (data == nullptr) return part_error(index, "data part needs \"data\"");
    out = a2a::Part::data_part(*data);
  } else if (type == "file") {
    std::string mime = json_string(part, "mime_type");
    std::string name = json_string(part, "name");
    if (const Json* b64 = json_find(part, "bytes_base64"); b64 != nullptr) {
      if (!b64->is_string()) return part_error(index, "bytes_base64 must be a string");
      auto bytes = base64_decode(b64->get<std::string>());
      if (!bytes) return part_error(index, "bytes_base64 is not valid base64");
      out = a2a::Part::raw_part(std::move(*bytes), std::move(mime), std::move(name));
    } else if (const Json* uri = json_find(part, "uri"); uri != nullptr && uri->is_string()) {
      out = a2a::Part::url_part(uri->get<std::string>(), std::move(mime), std::move(name));
    } else {
      return part_error(index, "file part needs \"uri\" or \"bytes_base64\"");
    }
  } else {
    return part_error(index, "\"type\" must be \"text\", \"data\" or \"file\"");
  }
  return out;
}

}  // namespace

Result<a2a::Message> to_a2a_message(const Json& agent_message) {
  if (!agent_message.is_object()) {
    return Error{ErrorCode::kInvalidArgument, "input_message must be an object"};
  }
  const std::string role = json_string(agent_message, "role", "user");
  a2a::Message out;
  if (role == "user" || role == "system") {
    out.role = a2a::Role::kUser;
  } else if (role == "agent") {
    out.role = a2a::Role::kAgent;
  } else {
    return Error{ErrorCode::kInvalidArgument,
                 "input_message.role must be \"user\", \"agent\" or \"system\""};
  }
  const Json* parts = json_find(agent_message, "parts");
  if (parts == nullptr || !parts->is_array() || parts->empty()) {
    return Error{ErrorCode::kInvalidArgument, "input_message.parts must be a non-empty array"};
  }
  for (std::size_t i = 0; i < parts->size(); ++i) {
    auto part = to_a2a_part((*parts)[i], i);
    if (!part.ok()) return part.error();
    out.parts.push_back(std::move(part).value());
  }
  if (const Json* metadata = json_find(agent_message, "metadata"); metadata != nullptr) {
    if (!metadata->is_object()) {
      return Error{ErrorCode::kInvalidArgument, "input_message.metadata must be an object"};
    }
    out.metadata = *metadata;
  }
  if (role == "system") out.metadata["agenthub.role"] = "system";
  return out;
}

a2a::Message text_message(std::string text) {
  a2a::Message out;
  out.role = a2a::Role::kUser;
  out.parts.push_back(a2a::Part::text_part(std::move(text)));
  return out;
}

Json to_agent_part(const a2a::Part& part) {
  Json out;
  switch (part.kind) {
    case a2a::Part::Kind::kText:
      out = {{"type", "text"}, {"text", part.text}};
      break;
    case a2a::Part::Kind::kData:
      out = {{"type", "data"}, {"data", part.data}};
      break;
    case a2a::Part::Kind::kRaw:
      out = {{"type", "file"}, {"bytes_base64", base64_encode(part.raw)}};
      break;
    case a2a::Part::Kind::kUrl:
      out = {{"type", "file"}, {"uri", part.url}};
      break;
    case a2a::Part::Kind::kUnknown:
      out = {{"type", "unknown"}};
      break;
  }
  if (!part.media_type.empty()) out["mime_type"] = part.media_type;
  if (!part.filename.empty()) out["name"] = part.filename;
  return out;
}

}  // namespace agenthub::hub
