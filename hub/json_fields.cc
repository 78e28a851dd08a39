#include "hub/json_fields.h"

#include <algorithm>
#include <cmath>

namespace agenthub::hub {

const Json* find_field(const Json& obj, KeyList keys) {
  for (std::string_view key : keys) {
    if (const Json* v = json_find(obj, key)) return v;
  }
  return nullptr;
}

std::string string_field(const Json& obj, KeyList keys) {
  const Json* v = find_field(obj, keys);
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

std::int64_t int_field(const Json& obj, KeyList keys, std::int64_t fallback) {
  const Json* v = find_field(obj, keys);
  if (v == nullptr) return fallback;
  if (v->is_number_integer()) return v->get<std::int64_t>();
  if (v->is_number_unsigned()) {
    auto u = v->get<std::uint64_t>();
    return u > static_cast<std::uint64_t>(INT64_MAX) ? fallback : static_cast<std::int64_t>(u);
  }
  if (v->is_number_float()) {
    double d = v->get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) {
      return static_cast<std::int64_t>(d);
    }
  }
  return fallback;
}

Json json_field(const Json& obj, KeyList keys) {
  const Json* v = find_field(obj, keys);
  return v != nullptr ? *v : Json();
}

Json unknown_fields(const Json& obj, std::span<const std::string_view> known) {
  Json out = Json::object();
  if (!obj.is_object()) return out;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::find(known.begin(), known.end(), it.key()) == known.end()) out[it.key()] = it.value();
  }
  return out;
}

void merge_missing(Json& out, const Json& extra) {
  if (!out.is_object() || !extra.is_object()) return;
  for (auto it = extra.begin(); it != extra.end(); ++it) {
    if (!out.contains(it.key())) out[it.key()] = it.value();
  }
}

Json string_or_null(const std::string& s) { return s.empty() ? Json() : Json(s); }

}  // namespace agenthub::hub
