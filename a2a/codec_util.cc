#include "a2a/codec_util.h"

#include <charconv>
#include <limits>

namespace agenthub::a2a::codec {

std::string field_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string out(parent);
  out += '.';
  out += key;
  return out;
}

std::string index_path(std::string_view parent, std::size_t index) {
  std::string out(parent);
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

Error invalid(std::string_view path, std::string_view what) {
  std::string message;
  if (!path.empty()) {
    message += path;
    message += ": ";
  }
  message += what;
  return Error{ErrorCode::kInvalidArgument, std::move(message)};
}

std::string snake_case(std::string_view camel) {
  std::string out;
  out.reserve(camel.size() + 4);
  for (char c : camel) {
    if (c >= 'A' && c <= 'Z') {
      out += '_';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

Result<ObjectReader> ObjectReader::open(const Json& value, std::string path, Naming naming) {
  if (!value.is_object()) return invalid(path, "must be a JSON object");
  return ObjectReader(&value, std::move(path), naming);
}

const Json* ObjectReader::find(std::string_view key) const {
  if (const Json* member = json_find(*value_, key)) return member;
  if (naming_ == Naming::kCamelOrSnakeCase) {
    const std::string alias = snake_case(key);
    if (alias != key) return json_find(*value_, alias);
  }
  return nullptr;
}

Status ObjectReader::string(std::string_view key, std::string& out) const {
  const Json* member = find(key);
  if (member == nullptr) return {};
  if (!member->is_string()) return error(key, "must be a string");
  out = member->get<std::string>();
  return {};
}

Status ObjectReader::required_string(std::string_view key, std::string& out) const {
  const Json* member = find(key);
  if (member == nullptr) return error(key, "is required");
  if (!member->is_string()) return error(key, "must be a string");
  if (member->get_ref<const std::string&>().empty()) return error(key, "must not be empty");
  out = member->get<std::string>();
  return {};
}

Status ObjectReader::boolean(std::string_view key, bool& out) const {
  const Json* member = find(key);
  if (member == nullptr) return {};
  if (!member->is_boolean()) return error(key, "must be a boolean");
  out = member->get<bool>();
  return {};
}

Status ObjectReader::integer(std::string_view key, std::optional<int>& out) const {
  const Json* member = find(key);
  if (member == nullptr) return {};
  constexpr auto kMin = std::numeric_limits<int>::min();
  constexpr auto kMax = std::numeric_limits<int>::max();
  if (member->is_number_integer()) {
    if (member->is_number_unsigned()) {
      const auto v = member->get<std::uint64_t>();
      if (v > static_cast<std::uint64_t>(kMax)) return error(key, "is out of range");
      out = static_cast<int>(v);
      return {};
    }
    const auto v = member->get<std::int64_t>();
    if (v < kMin || v > kMax) return error(key, "is out of range");
    out = static_cast<int>(v);
    return {};
  }
  if (member->is_number_float()) {
    const double v = member->get<double>();
    // Range first: converting an out-of-range double to an integer is undefined.
    if (!(v >= kMin && v <= kMax) || v != static_cast<double>(static_cast<int>(v))) {
      return error(key, "must be an integer");
    }
    out = static_cast<int>(v);
    return {};
  }
  if (member->is_string()) {
    const auto& text = member->get_ref<const std::string&>();
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
      return error(key, "must be an integer");
    }
    out = v;
    return {};
  }
  return error(key, "must be an integer");
}

Status ObjectReader::integer(std::string_view key, int& out) const {
  std::optional<int> value;
  AGENTHUB_RETURN_IF_ERROR(integer(key, value));
  if (value) out = *value;
  return {};
}

Status ObjectReader::strings(std::string_view key, std::vector<std::string>& out) const {
  return array(key, out, [](const Json& item, const std::string& path) -> Result<std::string> {
    if (!item.is_string()) return invalid(path, "must be a string");
    return item.get<std::string>();
  });
}

Status ObjectReader::object(std::string_view key, Json& out) const {
  const Json* member = find(key);
  if (member == nullptr) return {};
  if (!member->is_object()) return error(key, "must be a JSON object");
  out = *member;
  return {};
}

void put_string(Json& obj, std::string_view key, const std::string& value) {
  if (!value.empty()) obj[std::string(key)] = value;
}

void put_strings(Json& obj, std::string_view key, const std::vector<std::string>& values) {
  if (!values.empty()) obj[std::string(key)] = values;
}

void put_json(Json& obj, std::string_view key, const Json& value) {
  if (!value.is_null()) obj[std::string(key)] = value;
}

}  // namespace agenthub::a2a::codec
